"""The scenario explorer: any answer changed, the advice shown at once, nothing stored unless asked."""

from __future__ import annotations

import pytest

from assessments.models import Assessment
from tests.factories import NORTHWIND_ANSWERS, OrganisationFactory, UserFactory, completed_assessment, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def done(alice):
    return completed_assessment(organisation=OrganisationFactory(owner=alice, name="Northwind Logistics"))


def _query(**changes) -> dict[str, str]:
    answers = {**NORTHWIND_ANSWERS, **changes}
    return {k: ("true" if v is True else "false" if v is False else str(v)) for k, v in answers.items()}


def test_a_scenario_that_removes_the_only_signal_shows_cto_only_and_stores_nothing(alice_client, done):
    stored = dict(done.result)
    response = alice_client.get(f"/assessments/{done.pk}/scenario/", _query(cto_stretched=False))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Scenario, not saved." in page
    assert "Changed from the stored result: “Is your CTO already stretched" in page
    assert "The article does not decide. CAIO Advisor&#x27;s default: the CTO keeps the AI duties" in page
    done.refresh_from_db()
    assert done.result == stored and Assessment.objects.count() == 1


def test_a_scenario_that_makes_ai_strategic_moves_the_line_to_the_ceo(alice_client, done):
    page = alice_client.get(
        f"/assessments/{done.pk}/scenario/",
        _query(ai_product_role="core_product", annual_ai_spend_usd=9_000_000),
    ).content.decode()
    assert "The CAIO and the CTO both report directly to the CEO." in page
    assert "To the CEO, alongside the CTO" in page


def test_the_fragment_holds_only_the_scenario_result_for_the_live_update(alice_client, done):
    fragment = alice_client.get(
        f"/assessments/{done.pk}/scenario/", {**_query(cto_stretched=False), "partial": "1"}
    ).content.decode()
    assert fragment.startswith('<div id="scenario-result"') and "<html" not in fragment


def test_bad_input_is_shown_next_to_its_field(alice_client, done):
    response = alice_client.get(f"/assessments/{done.pk}/scenario/", _query(employees=10, ai_headcount=50))
    assert "Scenario, not saved." not in response.content.decode()
    assert "Cannot be more than the number of employees (10), got 50." in response.content.decode()


def test_saving_a_scenario_makes_a_new_assessment_and_keeps_the_original(alice_client, done):
    response = alice_client.post(f"/assessments/{done.pk}/scenario/save/", _query(cto_stretched=False))
    fresh = Assessment.objects.exclude(pk=done.pk).get()
    assert response["Location"] == f"/assessments/{fresh.pk}/results/"
    assert fresh.recommendation == "cto_only" and fresh.rescored_from == done
    done.refresh_from_db()
    assert done.recommendation == "caio_reports_to_cto"


def test_a_viewer_can_explore_but_not_save(client, done):
    viewer = UserFactory(username="vic")
    member(done.organisation, viewer, "viewer")
    client.force_login(viewer)
    page = client.get(f"/assessments/{done.pk}/scenario/", _query(cto_stretched=False)).content.decode()
    assert "Scenario, not saved." in page and "Save this scenario as a new assessment" not in page
    assert client.post(f"/assessments/{done.pk}/scenario/save/", _query()).status_code == 403
