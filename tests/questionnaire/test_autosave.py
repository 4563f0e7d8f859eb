"""Autosave has its own URL per step: the page's script posts there, the form without script to the step."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from assessments import services
from assessments.models import Assessment, Rating
from assessments.team import services as teams
from tests.factories import NORTHWIND_ANSWERS, AssessmentFactory, OrganisationFactory, UserFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(alice):
    return AssessmentFactory(organisation=OrganisationFactory(owner=alice))


def test_the_step_page_names_its_autosave_url_for_the_script(alice_client, draft):
    text = alice_client.get(f"/assessments/{draft.pk}/step/product/").content.decode()
    assert f'data-autosave="/assessments/{draft.pk}/step/product/autosave/"' in text


def test_autosave_saves_and_stays_on_the_step_while_the_form_moves_on(alice_client, draft):
    saved = alice_client.post(
        f"/assessments/{draft.pk}/step/footprint/autosave/", {"employees": "40", "version": 1}
    )
    # The time as the page writes times: 24-hour "18:05", never "06:05 PM" on a British page.
    assert saved.json() == {"saved": True, "version": 2, "saved_at": timezone.localtime().strftime("%H:%M")}
    data = {
        "employees": "50",
        "annual_ai_spend_usd": "0",
        "ai_headcount": "1",
        "ai_use_cases": "1",
        "version": 2,
    }
    moved = alice_client.post(f"/assessments/{draft.pk}/step/footprint/", data)
    assert moved["Location"] == f"/assessments/{draft.pk}/step/product/"
    draft.refresh_from_db()
    assert draft.answers["employees"] == 50 and draft.step == "product"


def test_autosave_of_a_draft_scored_meanwhile_says_so(alice, alice_client, draft):
    url = f"/assessments/{draft.pk}/step/footprint/autosave/"
    Assessment.objects.filter(pk=draft.pk).update(answers=NORTHWIND_ANSWERS)
    draft.refresh_from_db()
    services.complete_assessment(assessment=draft, expected_version=draft.version, user=alice)
    response = alice_client.post(url, {"employees": "40", "version": 1})
    assert response.status_code == 410
    assert response.json()["message"].startswith("This draft no longer exists")


def test_a_raters_autosave_keeps_their_own_answers(alice, draft):
    rater = UserFactory(username="cem")
    member(draft.organisation, rater, "viewer")
    teams.request_rating(assessment=draft, rater=rater, label="CEO", user=alice)
    client = Client()
    client.force_login(rater)
    response = client.post(
        f"/assessments/{draft.pk}/rating/step/footprint/autosave/", {"employees": "9", "version": 1}
    )
    assert response.json() == {
        "saved": True,
        "version": 2,
        "saved_at": timezone.localtime().strftime("%H:%M"),
    }
    assert Rating.objects.get().answers == {"employees": 9}
    draft.refresh_from_db()
    assert "employees" not in draft.answers


def test_a_submitted_rating_is_not_autosaved(alice, draft):
    rater = UserFactory(username="cem")
    member(draft.organisation, rater, "viewer")
    rating = teams.request_rating(assessment=draft, rater=rater, label="CEO", user=alice)
    Rating.objects.filter(pk=rating.pk).update(status=Rating.Status.SUBMITTED)
    client = Client()
    client.force_login(rater)
    response = client.post(
        f"/assessments/{draft.pk}/rating/step/footprint/autosave/", {"employees": "9", "version": 1}
    )
    assert response.status_code == 409
    assert response.json()["message"] == "You have submitted your rating; it is kept as you gave it."
