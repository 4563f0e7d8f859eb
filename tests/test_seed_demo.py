from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from assessments.models import Assessment, Organisation, Rating

pytestmark = pytest.mark.django_db


def test_the_demo_covers_the_three_recommendations_a_history_a_draft_and_a_panel_and_runs_twice():
    call_command("seed_demo", throwaway_database=True, verbosity=0)
    call_command("seed_demo", throwaway_database=True, verbosity=0)
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
    call_command("seed_demo", throwaway_database=True, verbosity=0)
    response = client.post("/accounts/login/", {"username": "demo", "password": "demo-advisor-2026"})
    assert response.status_code == 302 and response["Location"] == "/organisations/"


def test_with_debug_off_the_demo_is_refused_and_no_account_is_made(settings):
    # Security round 3, finding 14: seed_demo ran with DEBUG=0 and made accounts with the published password.
    settings.DEBUG = False
    with pytest.raises(CommandError, match="runs only with DEBUG on"):
        call_command("seed_demo", verbosity=0)
    assert not get_user_model().objects.filter(username="demo").exists()
