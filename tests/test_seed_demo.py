from __future__ import annotations

import pytest
from django.core.management import call_command

from assessments.models import Assessment, Organisation, Rating

pytestmark = pytest.mark.django_db


def test_the_demo_covers_the_three_recommendations_a_history_a_draft_and_a_panel_and_runs_twice():
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)
    assert Organisation.objects.count() == 3
    latest = {
        org.name: org.latest_recommendation
        for org in Organisation.objects.filter(memberships__user__username="demo").with_latest_result()
    }
    assert sorted(latest.values()) == ["caio_reports_to_ceo", "caio_reports_to_cto", "cto_only"]
    northwind = Organisation.objects.get(name="Northwind Logistics")
    assert northwind.assessments.filter(status="completed").count() >= 3
    draft = Assessment.objects.get(status="draft")
    assert draft.organisation == northwind
    assert Rating.objects.filter(assessment=draft, status="submitted").count() == 2


def test_the_demo_login_works(client):
    call_command("seed_demo", verbosity=0)
    response = client.post("/accounts/login/", {"username": "demo", "password": "demo-advisor-2026"})
    assert response.status_code == 302 and response["Location"] == "/organisations/"
