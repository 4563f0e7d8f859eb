"""A full organisation for the walks through every page: the demo data (three organisations, a history, a draft
with a panel of raters), plus an agreed charter with a role of the team's own, a draft charter, a share link and
a pending invitation."""

from __future__ import annotations

import io
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management import call_command

from assessments import languages
from assessments.charter import services as charters
from assessments.charter.forms import CharterForm
from assessments.models import Assessment, Organisation, Rating
from assessments.team import services as teams


def charter_content(charter: Any, **changes: Any) -> dict[str, Any]:
    """The charter's content after posting the editor's form with `changes` applied to what it shows."""
    form = CharterForm(content=charter.content, initial={"version": charter.version})
    data: dict[str, Any] = {}
    for name in form.fields:
        value = form[name].initial if name != "version" else charter.version
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    data.update(changes)
    bound = CharterForm(data, content=charter.content)
    assert bound.is_valid(), bound.errors
    return bound.new_content


def build(*, language: str = "en") -> dict[str, Any]:
    call_command("seed_demo", throwaway_database=True, stdout=io.StringIO())
    user_model = get_user_model()
    demo = user_model.objects.get(username="demo")
    user_model.objects.filter(username="demo").update(first_name="Dana", last_name="Okafor")
    demo.refresh_from_db()
    languages.remember(user=demo, language=language)
    northwind = Organisation.objects.get(name__startswith="Northwind")
    # The CTO's rater counts a few more employees: answers "close" (no line of the method between them).
    carl = Rating.objects.get(assessment__organisation=northwind, rater__username="carl")
    Rating.objects.filter(pk=carl.pk).update(
        answers={**carl.answers, "employees": carl.answers["employees"] + 150}
    )
    latest = Assessment.objects.filter(organisation=northwind, completed_at__isnull=False).latest(
        "completed_at"
    )
    charter = charters.start_charter(assessment=latest, user=demo)
    for changes in (
        {"newrole-title": "Chief Information Security Officer", "newrole-holder": "Lea Müller-Lüdenscheidt"},
        {"row-new-title": "Model incident response", "cell-new-role1": "AR", "cell-new-CAIO": "C"},
        # Letters for the added role where the advice gave it none: each such cell prints the advice's note.
        {
            "cell-model_governance-role1": "C",
            "cell-ai_security-role1": "R",
            "cell-tech_infrastructure-role1": "C",
        },
    ):
        charter.refresh_from_db()
        content = charter_content(charter, **changes)
        charters.update_charter(charter=charter, content=content, expected_version=charter.version, user=demo)
    charter.refresh_from_db()
    for membership in charters.signatories(northwind):
        charters.sign_charter(charter=charter, user=membership.user, seen_version=charter.version)
    charter.refresh_from_db()
    assert charter.is_agreed
    charters.new_version(charter=charter, user=demo)
    _link, token = teams.share(assessment=latest, user=demo, days=7)
    _invitation, invitation_link = teams.invite(
        organisation=northwind, user=demo, email="new.colleague@example.com", role="editor",
        link_for=lambda t: f"http://testserver/invitations/{t}/",
    )  # fmt: skip
    return {
        "invitation_path": invitation_link.removeprefix("http://testserver"),
        "user": demo,
        "organisation": northwind,
        "latest": latest,
        "charter": charter,
        "share_token": token,
    }
