"""A full organisation for the walks through every page: the demo data (three organisations, a history, a draft
with a panel of raters), plus an agreed charter with a role of the team's own, a draft charter, a share link,
a pending invitation, a webhook with a delivered and a failed delivery, a single sign-on rule, an API token, and
a fourth organisation with obligations (an EU high-risk deployer under NIST and ISO)."""

from __future__ import annotations

import io
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management import call_command

from assessments import languages, samples
from assessments.api import tokens
from assessments.charter import services as charters
from assessments.charter.forms import CharterForm
from assessments.models import Assessment, Organisation, Rating
from assessments.services import complete_assessment, create_organisation
from assessments.sso.models import DomainRule
from assessments.team import services as teams
from assessments.webhooks import registry
from assessments.webhooks.models import Attempt, Delivery, Event


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
    _webhook_and_its_log(organisation=northwind, user=demo)
    DomainRule.objects.create(
        organisation=northwind, domain="northwind.example", role="viewer", created_by=demo
    )
    tokens.create_token(user=demo, organisation=northwind, name="Reporting dashboard", can_write=False)
    regulated = _regulated(user=demo)
    return {
        "obligations_path": f"/assessments/{regulated.pk}/results/",
        "invitation_path": invitation_link.removeprefix("http://testserver"),
        "user": demo,
        "organisation": northwind,
        "latest": latest,
        "charter": charter,
        "share_token": token,
    }


# An EU high-risk deployer following NIST and ISO: its results page has the obligations section.
REGULATED = {
    **samples.ST_BRIGID["answers"], "operates_in": ["eu", "us_federal"], "high_risk_role": "deployer",
    "ai_frameworks": "nist_and_iso",
}  # fmt: skip


def _regulated(*, user: Any) -> Assessment:
    organisation = create_organisation(
        user=user, headcount=REGULATED["employees"], **samples.ST_BRIGID["organisation"]
    )
    assessment = Assessment.objects.create(organisation=organisation, created_by=user, answers=REGULATED)
    complete_assessment(assessment=assessment, expected_version=assessment.version)
    return assessment


def _webhook_and_its_log(*, organisation: Organisation, user: Any) -> None:
    hook = registry.create_webhook(
        organisation=organisation, user=user, url="https://hooks.northwind.example/caio/advisor-events",
        events=[Event.ASSESSMENT_COMPLETED, Event.CHARTER_AGREED],
    )  # fmt: skip
    for number, (status, code, error) in enumerate(
        ((Delivery.Status.DELIVERED, 200, ""), (Delivery.Status.FAILED, None, "Connection refused"))
    ):
        delivery = Delivery.objects.create(
            webhook=hook, message_id=f"msg_world{number}", event=Event.ASSESSMENT_COMPLETED,
            payload={"type": Event.ASSESSMENT_COMPLETED}, status=status,
        )  # fmt: skip
        Attempt.objects.create(delivery=delivery, number=1, response_code=code, error=error)
