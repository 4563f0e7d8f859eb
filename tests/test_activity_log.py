"""The activity log keeps facts (kinds, dates, codes, answers) and words them when it is shown."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest

from assessments import services
from assessments.charter import services as charters
from assessments.models import ActivityEvent, Assessment
from assessments.team import services as teams
from tests.factories import NORTHWIND_ANSWERS, AssessmentFactory, OrganisationFactory, completed_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation(alice):
    return OrganisationFactory(owner=alice, name="Northwind Logistics")


def _log(alice_client, organisation) -> str:
    return alice_client.get(f"/organisations/{organisation.pk}/activity/").content.decode()


def test_a_settled_answer_is_stored_as_its_value_and_shown_in_words(alice_client, alice, organisation):
    draft = AssessmentFactory(organisation=organisation)
    teams.settle(assessment=draft, key="cto_stretched", value=True, user=alice, expected_version=1)
    draft.refresh_from_db()
    teams.settle(
        assessment=draft,
        key="annual_ai_spend_usd",
        value=5_400_000,
        user=alice,
        expected_version=draft.version,
    )
    event = ActivityEvent.objects.filter(kind=ActivityEvent.Kind.ANSWER_SETTLED).first()
    assert event.facts == {"key": "annual_ai_spend_usd", "value": 5_400_000} and event.description == ""
    text = _log(alice_client, organisation)
    assert "as $5,400,000" in text and "already stretched across infrastructure" in text
    assert "as yes" in text
    assert "True" not in text and "5400000" not in text


def test_dates_are_stored_as_data_and_formatted_when_shown(alice_client, alice, organisation):
    done = completed_assessment(organisation=organisation)
    Assessment.objects.filter(pk=done.pk).update(completed_at=datetime(2026, 3, 5, 9, 0, tzinfo=UTC))
    done.refresh_from_db()
    services.rename_assessment(assessment=done, name="After the reorg", user=alice)
    event = ActivityEvent.objects.get(kind=ActivityEvent.Kind.ASSESSMENT_RENAMED)
    assert event.facts == {"date": "2026-03-05T09:00:00Z", "name": "After the reorg"}
    # The page's own short date format (caio/formats): "5 Mar 2026" in English, "5 mars 2026" in French.
    assert "renamed the assessment of 5 Mar 2026 to “After the reorg”" in _log(alice_client, organisation)


def test_a_one_day_link_reads_in_the_singular(alice_client, alice, organisation):
    done = completed_assessment(organisation=organisation)
    teams.share(assessment=done, user=alice, days=1)
    teams.share(assessment=done, user=alice, days=30)
    text = _log(alice_client, organisation)
    assert "(read-only link, 1 day)" in text and "(read-only link, 30 days)" in text


def test_roles_and_recommendations_are_stored_as_codes_and_shown_as_labels(alice_client, alice, organisation):
    draft = AssessmentFactory(organisation=organisation, answers=NORTHWIND_ANSWERS)
    services.complete_assessment(assessment=draft, expected_version=draft.version, user=alice)
    teams.invite(organisation=organisation, user=alice, email="x@example.com", role="editor", link_for=str)
    facts = dict(ActivityEvent.objects.values_list("kind", "facts"))
    assert facts["invited"] == {"email": "x@example.com", "role": "editor"}
    text = _log(alice_client, organisation)
    assert "invited x@example.com as editor" in text
    assert f"scored an assessment: {draft.result['recommendation_label']}" in text


def test_lines_logged_as_words_before_facts_are_still_shown(alice_client, alice, organisation):
    ActivityEvent.objects.create(
        organisation=organisation, actor=alice, actor_name="alice", verb="settled", description="“X” as True"
    )
    assert "settled “X” as True" in _log(alice_client, organisation)


def test_a_charter_edit_logs_the_change_as_a_fact(alice, organisation):
    done = completed_assessment(organisation=organisation)
    charter = charters.start_charter(assessment=done, user=alice)
    content = charter.content | {"notes": "Reviewed by the board."}
    charters.update_charter(charter=charter, content=content, expected_version=charter.version, user=alice)
    event = ActivityEvent.objects.get(kind=ActivityEvent.Kind.CHARTER_EDITED)
    assert event.facts == {"number": 1, "change": {"change": "notes"}}


def test_deleting_an_organisation_is_logged_where_it_outlives_the_organisation(
    alice_client, organisation, caplog
):
    completed_assessment(organisation=organisation)
    with caplog.at_level(logging.INFO, logger="caio.audit"):
        response = alice_client.post(f"/organisations/{organisation.pk}/delete/")
    assert response.status_code == 302
    assert f"organisation deleted organisation={organisation.pk} assessments=1 user=alice" in caplog.text
    assert not ActivityEvent.objects.exists()
