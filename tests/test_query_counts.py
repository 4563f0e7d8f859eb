"""Pages cost the same number of queries whatever the size of the account."""

from __future__ import annotations

import pytest

from assessments.charter import services as charters
from assessments.models import ActivityEvent, Assessment, Charter, Organisation, Role
from assessments.services import log_event
from assessments.team import services as teams
from tests.factories import AssessmentFactory, OrganisationFactory, UserFactory, completed_assessment, member

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


# --- every other page that lists or shows owned data: as many queries with one row as with several ----------
# Each builder makes Alice's account with `rows` rows of what the page lists (members, raters, links, events,
# versions, signatures, assessments) and returns the page's URL; the count is pinned for both sizes.


def _team(owner, rows: int) -> Organisation:
    organisation = OrganisationFactory(owner=owner)
    for n in range(rows):
        member(organisation, UserFactory(username=f"colleague{n}"), Role.EDITOR if n % 2 else Role.VIEWER)
    return organisation


def _panel(owner, rows: int) -> Assessment:
    organisation = _team(owner, rows)
    draft = AssessmentFactory(organisation=organisation)
    for membership in organisation.memberships.exclude(user=owner).select_related("user"):
        teams.request_rating(
            assessment=draft, rater=membership.user, label=membership.user.username, user=owner
        )
    return draft


def _completed_with_history(owner, rows: int) -> Assessment:
    organisation = _team(owner, rows)
    for _ in range(rows - 1):
        completed_assessment(organisation=organisation)
    return completed_assessment(organisation=organisation)


def _charter(owner, rows: int) -> Charter:
    assessment = _completed_with_history(owner, rows)
    charter = charters.start_charter(assessment=assessment, user=owner)
    for membership in assessment.organisation.memberships.filter(role__in=[Role.OWNER, Role.EDITOR]):
        charter.refresh_from_db()
        charters.sign_charter(charter=charter, user=membership.user, seen_version=charter.version)
    return charter


def _versions(owner, rows: int) -> Organisation:
    """`rows` + 1 agreed versions (the comparison needs two)."""
    charter = _charter(owner, 1)
    for _ in range(rows):
        charter.refresh_from_db()
        charter = charters.new_version(charter=charter, user=owner)
        charters.sign_charter(charter=charter, user=owner, seen_version=charter.version)
    return charter.organisation


def _activity(owner, rows: int) -> Organisation:
    organisation = _team(owner, rows)
    for n in range(rows):
        log_event(organisation=organisation, user=owner, kind=ActivityEvent.Kind.ORGANISATION_EDITED, n=n)
    return organisation


def _share(owner, rows: int) -> tuple[Assessment, str]:
    assessment = _completed_with_history(owner, rows)
    tokens = [teams.share(assessment=assessment, user=owner, days=7)[1] for _ in range(rows)]
    return assessment, tokens[-1]


def _invited(owner, rows: int) -> tuple[Organisation, str]:
    """`rows` members and `rows` pending invitations; the last invitation's link."""
    organisation = _team(owner, rows)
    links = [
        teams.invite(
            organisation=organisation,
            user=owner,
            email=f"guest{n}@example.com",
            role=Role.VIEWER,
            link_for=lambda token: f"/invitations/{token}/",
        )[1]
        for n in range(rows)
    ]
    return organisation, links[-1]


def _rater(owner, rows: int, client) -> Assessment:
    draft = _panel(owner, rows)
    rater = UserFactory(username="rhea")
    member(draft.organisation, rater, Role.VIEWER)
    teams.request_rating(assessment=draft, rater=rater, label="Rhea", user=owner)
    client.force_login(rater)
    return draft


PAGES = {
    "organisation edit": lambda owner, rows, client: f"/organisations/{_team(owner, rows).pk}/edit/",
    "organisation delete": lambda owner, rows, client: (
        f"/organisations/{_completed_with_history(owner, rows).organisation_id}/delete/"
    ),
    "assessment review": lambda owner, rows, client: f"/assessments/{_panel(owner, rows).pk}/review/",
    "assessment rename": lambda owner, rows, client: (
        f"/assessments/{_completed_with_history(owner, rows).pk}/name/"
    ),
    "assessment delete": lambda owner, rows, client: (
        f"/assessments/{_completed_with_history(owner, rows).pk}/delete/"
    ),
    "assessment export": lambda owner, rows, client: (
        f"/assessments/{_completed_with_history(owner, rows).pk}/export.json"
    ),
    "scenario": lambda owner, rows, client: (
        f"/assessments/{_completed_with_history(owner, rows).pk}/scenario/"
    ),
    "members": lambda owner, rows, client: f"/organisations/{_invited(owner, rows)[0].pk}/members/",
    "activity": lambda owner, rows, client: f"/organisations/{_activity(owner, rows).pk}/activity/",
    "panel": lambda owner, rows, client: f"/assessments/{_panel(owner, rows).pk}/panel/",
    "rating step": lambda owner, rows, client: (
        f"/assessments/{_rater(owner, rows, client).pk}/rating/step/footprint/"
    ),
    "rating review": lambda owner, rows, client: (
        f"/assessments/{_rater(owner, rows, client).pk}/rating/review/"
    ),
    "share links": lambda owner, rows, client: f"/assessments/{_share(owner, rows)[0].pk}/share/",
    "shared results": lambda owner, rows, client: f"/shared/{_share(owner, rows)[1]}/",
    "charter history": lambda owner, rows, client: f"/organisations/{_versions(owner, rows).pk}/charters/",
    "charter compare": lambda owner, rows, client: (
        f"/organisations/{_versions(owner, rows).pk}/charters/compare/"
    ),
    "charter spreadsheet": lambda owner, rows, client: f"/charters/{_charter(owner, rows).pk}/charter.xlsx",
    "charter csv": lambda owner, rows, client: f"/charters/{_charter(owner, rows).pk}/charter.csv",
    "invitation": lambda owner, rows, client: _invited(owner, rows)[1],
    "account export": lambda owner, rows, client: (
        _completed_with_history(owner, rows),
        "/account/data/export.json",
    )[1],
}
# session, user, then what each page reads (its object with the organisation, then one query per list)
QUERIES = {
    "account export": 4,
    "activity": 4,
    "assessment delete": 3,
    "assessment export": 3,
    "assessment rename": 3,
    "assessment review": 3,
    "charter compare": 4,
    "charter csv": 3,
    "charter history": 5,
    "charter spreadsheet": 4,
    "invitation": 5,
    "members": 6,
    "organisation delete": 4,
    "organisation edit": 3,
    "panel": 7,
    "rating review": 3,
    "rating step": 3,
    "scenario": 3,
    "share links": 5,
    "shared results": 6,
}


def test_every_page_of_the_table_has_its_count():
    assert sorted(QUERIES) == sorted(PAGES)


@pytest.mark.parametrize("rows", [1, 4])
@pytest.mark.parametrize("page", sorted(PAGES))
def test_the_page_costs_the_same_queries_with_one_row_as_with_several(
    alice, alice_client, django_assert_num_queries, page, rows
):
    url = PAGES[page](alice, rows, alice_client)
    with django_assert_num_queries(QUERIES[page]):
        assert alice_client.get(url).status_code == 200
