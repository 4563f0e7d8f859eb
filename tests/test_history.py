from __future__ import annotations

import pytest

from tests.factories import NORTHWIND_ANSWERS, OrganisationFactory, completed_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation(alice):
    return OrganisationFactory(owner=alice, name="Northwind Logistics")


def test_history_lists_assessments_with_status_recommendation_and_a_score_chart(alice_client, organisation):
    first = completed_assessment({**NORTHWIND_ANSWERS, "cto_stretched": False}, organisation=organisation)
    second = completed_assessment(organisation=organisation)
    text = alice_client.get(f"/organisations/{organisation.pk}/").content.decode()
    assert text.count("Completed") >= 2
    assert f"/assessments/{first.pk}/results/" in text and f"/assessments/{second.pk}/results/" in text
    assert "CAIO need score of each completed assessment" in text
    assert f"score {first.result['score']} —" in text and f"score {second.result['score']} —" in text


def test_compare_shows_changed_answers_flipped_criteria_and_moved_recommendation(alice_client, organisation):
    before = completed_assessment({**NORTHWIND_ANSWERS, "cto_stretched": False}, organisation=organisation)
    after = completed_assessment(
        {**NORTHWIND_ANSWERS, "annual_ai_spend_usd": 6_000_000}, organisation=organisation
    )
    response = alice_client.get(f"/organisations/{organisation.pk}/compare/?a={before.pk}&b={after.pk}")
    text = response.content.decode()
    assert "Answers (2 changed)" in text
    assert "was not met, now met" in text
    assert before.result["recommendation_label"] in text and after.result["recommendation_label"] in text
    if before.recommendation != after.recommendation:
        assert "How the responsibility matrix moved" in text


def test_compare_rejects_assessments_of_another_organisation(alice_client, organisation, alice):
    mine = completed_assessment(organisation=organisation)
    completed_assessment(organisation=organisation)
    elsewhere = completed_assessment(organisation=OrganisationFactory(owner=alice))
    assert (
        alice_client.get(
            f"/organisations/{organisation.pk}/compare/?a={mine.pk}&b={elsewhere.pk}"
        ).status_code
        == 404
    )


def test_compare_with_fewer_than_two_results_explains_why(alice_client, organisation):
    completed_assessment(organisation=organisation)
    response = alice_client.get(f"/organisations/{organisation.pk}/compare/", follow=True)
    assert "Comparison needs two completed assessments" in response.content.decode()


def test_a_long_history_is_paginated_and_the_chart_shows_the_latest(alice_client, organisation):
    # An organisation has one open draft at most, so the long history is of completed assessments.
    oldest = completed_assessment(organisation=organisation)
    for _ in range(29):
        completed_assessment(organisation=organisation)
    completed = [completed_assessment(organisation=organisation) for _ in range(3)]
    first = alice_client.get(f"/organisations/{organisation.pk}/").content.decode()
    assert "Page 1 of 2" in first and 'href="?page=2"' in first
    assert all(f"/assessments/{a.pk}/results/" in first for a in completed)
    assert f"/assessments/{oldest.pk}/results/" not in first
    second = alice_client.get(f"/organisations/{organisation.pk}/?page=2").content.decode()
    assert "Page 2 of 2" in second and f"/assessments/{oldest.pk}/results/" in second
    assert alice_client.get(f"/organisations/{organisation.pk}/?page=99").status_code == 200
