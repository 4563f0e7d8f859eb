"""Pages cost the same number of queries whatever the size of the account."""

from __future__ import annotations

import pytest

from tests.factories import AssessmentFactory, OrganisationFactory, completed_assessment

pytestmark = pytest.mark.django_db


def _account(owner, organisations: int, assessments_each: int):
    orgs = [OrganisationFactory(owner=owner) for _ in range(organisations)]
    for org in orgs:
        for _ in range(assessments_each):
            completed_assessment(organisation=org)
        AssessmentFactory(organisation=org)
    return orgs


@pytest.mark.parametrize("size", [(1, 1), (30, 2)])
def test_the_organisation_list(alice_client, alice, django_assert_num_queries, size):
    _account(alice, *size)
    with django_assert_num_queries(
        4
    ):  # session, user, count, one page of organisations with their latest result
        assert alice_client.get("/organisations/").status_code == 200


@pytest.mark.parametrize("count", [2, 40])
def test_the_history_page(alice_client, alice, django_assert_num_queries, count):
    org = _account(alice, 1, count)[0]
    # session, user, organisation, count, one page of assessments, the latest completed ones for the chart,
    # whether a draft is open (the main button's words)
    with django_assert_num_queries(7):
        assert alice_client.get(f"/organisations/{org.pk}/").status_code == 200


@pytest.mark.parametrize("count", [1, 12])
def test_the_results_page(alice_client, alice, django_assert_num_queries, count):
    org = _account(alice, 1, count)[0]
    assessment = org.assessments.filter(status="completed").first()
    # session, user, assessment with its organisation, the report's state
    with django_assert_num_queries(4):
        assert alice_client.get(f"/assessments/{assessment.pk}/results/").status_code == 200


@pytest.mark.parametrize("count", [2, 12])
def test_the_comparison_page(alice_client, alice, django_assert_num_queries, count):
    org = _account(alice, 1, count)[0]
    with django_assert_num_queries(4):  # session, user, organisation, its completed assessments
        assert alice_client.get(f"/organisations/{org.pk}/compare/").status_code == 200


def test_a_questionnaire_step(alice_client, alice, django_assert_num_queries):
    draft = AssessmentFactory(organisation=OrganisationFactory(owner=alice))
    with django_assert_num_queries(3):
        assert alice_client.get(f"/assessments/{draft.pk}/step/footprint/").status_code == 200
