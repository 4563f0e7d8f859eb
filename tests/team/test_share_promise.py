"""The share page's promise says exactly what the shared page and its PDF show: the charter's role holders by
name, and no member's account."""

from __future__ import annotations

import pytest
from django.test import Client

from assessments.models import Assessment
from assessments.report import pdf
from assessments.team import services as teams
from tests import printed
from tests.e2e.world import build

pytestmark = pytest.mark.django_db

HOLDER = "Lea Müller-Lüdenscheidt"  # the added role's holder in the agreed charter (tests/e2e/world.py)


def test_the_promise_matches_the_shared_page_and_the_shared_pdf(client):
    world = build()
    owner = Client()
    owner.force_login(world["user"])
    latest = Assessment.objects.get(pk=world["latest"].pk)
    promise = owner.get(f"/assessments/{latest.pk}/share/").content.decode()
    assert "<strong>including the names of its role holders</strong>" in promise
    assert "They show no member's name, username or e-mail address" in promise
    assert "no member names or emails" not in promise

    _link, token = teams.share(assessment=latest, user=world["user"], days=3)
    page = client.get(f"/shared/{token}/").content.decode()
    words = [w.text for p in printed.pages(pdf.report_pdf(latest, public=True, timeout=300)) for w in p.words]
    report = " ".join(words).replace("- ", "-")  # a name broken at its hyphen at the end of a line
    members = latest.organisation.memberships.select_related("user")
    for shown in (page, report):
        assert HOLDER in shown  # promised: the role holders by name
        assert "Northwind Logistics" in shown  # promised: the organisation's name
        for membership in members:  # promised: no member's name, username or address
            user = membership.user
            for private in {user.get_username(), user.email, user.get_full_name()} - {""}:
                assert f" {private} " not in f" {shown} " and f">{private}<" not in shown, private
        assert "Signed by" not in shown
    assert "Route optimisation moved" in report  # promised: the PDF shows the organisation's notes
