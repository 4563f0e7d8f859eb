"""The panel (assessments/team/panel_views.py): each rater's answers side by side once they have submitted,
settling a disagreement, scoring with the settled answers, and who may see or change what, while a draft is
open and after it is complete."""

from __future__ import annotations

import pytest
from django.test import Client

from assessments.models import Assessment, Rating
from tests import printed
from tests.factories import NORTHWIND_ANSWERS, AssessmentFactory, OrganisationFactory, UserFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(alice):
    organisation = OrganisationFactory(owner=alice, name="Northwind Logistics")
    ceo, cto = UserFactory(username="ceo-cora"), UserFactory(username="cto-carl")
    member(organisation, ceo, "viewer")
    member(organisation, cto, "editor")
    draft = AssessmentFactory(organisation=organisation)
    clients = {}
    for user in (alice, ceo, cto):
        clients[user.username] = Client()
        clients[user.username].force_login(user)
    return {"organisation": organisation, "draft": draft, "ceo": ceo, "cto": cto, "clients": clients}


def _ask(team, rater, label):
    response = team["clients"]["alice"].post(
        f"/assessments/{team['draft'].pk}/panel/", {"rater": rater.pk, "label": label}
    )
    assert response.status_code == 302


def _rate(client: Client, draft: Assessment, username: str, answers: dict) -> None:
    for step, keys in {
        "footprint": ["employees", "annual_ai_spend_usd", "ai_headcount", "ai_use_cases"],
        "product": ["ai_product_role", "regulatory_exposure", "compliance_needs_executive"],
        "leadership": ["cto_stretched", "cto_status"],
    }.items():
        rating = Rating.objects.get(assessment=draft, rater__username=username)
        data = {k: str(answers[k]).lower() if isinstance(answers[k], bool) else str(answers[k]) for k in keys}
        client.post(
            f"/assessments/{draft.pk}/rating/step/{step}/",
            {**data, "version": rating.version, "action": "next"},
        )
    rating = Rating.objects.get(assessment=draft, rater__username=username)
    response = client.post(f"/assessments/{draft.pk}/rating/review/", {"version": rating.version})
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.fixture
def rated(team):
    _ask(team, team["ceo"], "CEO")
    _ask(team, team["cto"], "CTO")
    for name, stretched in (("ceo-cora", False), ("cto-carl", True)):
        _rate(team["clients"][name], team["draft"], name, {**NORTHWIND_ANSWERS, "cto_stretched": stretched})
    return team


def test_a_rater_sees_the_others_only_after_submitting(team):
    _ask(team, team["ceo"], "CEO")
    _ask(team, team["cto"], "CTO")
    cto = team["clients"]["cto-carl"]
    _rate(cto, team["draft"], "cto-carl", NORTHWIND_ANSWERS)
    ceo_page = team["clients"]["ceo-cora"].get(f"/assessments/{team['draft'].pk}/panel/").content.decode()
    assert "You will see the other raters' answers once you have submitted your own" in ceo_page
    assert "Start your rating" in ceo_page
    cto_page = cto.get(f"/assessments/{team['draft'].pk}/panel/").content.decode()
    assert "Where the raters agree and disagree" in cto_page and "<strong>CTO:</strong>" in cto_page


def test_the_panel_shows_a_disagreement_and_whether_it_changes_the_advice(rated):
    response = rated["clients"]["alice"].get(f"/assessments/{rated['draft'].pk}/panel/")
    row = next(r for r in response.context["rows"] if r["question"].key == "cto_stretched")
    assert row["agreement"] == "disagree"
    assert row["answers"] == [{"label": "CEO", "value": "No"}, {"label": "CTO", "value": "Yes"}]
    # A tie goes to the cautious answer: Yes, the one CAIO signal that holds, so a CAIO under the CTO.
    # The CEO's No would leave no signal at all, and so a CTO alone.
    assert row["consolidated"] == "Yes" and row["changes_recommendation"]
    assert [alt["value"] for alt in row["alternatives"]] == ["No"]
    assert "form" in row  # the owner can settle it
    page = response.content.decode()
    assert "with “No” the advice would be CTO only: the CTO holds the AI duties" in page
    assert "Settle this answer" in page


def test_settling_then_using_the_panel_answers_and_scoring_keeps_the_spread_in_results_and_pdf(rated, worker):
    owner, draft = rated["clients"]["alice"], rated["draft"]
    owner.post(
        f"/assessments/{draft.pk}/panel/settle/cto_stretched/",
        {"cto_stretched-value": "true", "cto_stretched-version": draft.version},
    )
    draft.refresh_from_db()
    assert draft.settled == {"cto_stretched": True}
    response = owner.post(f"/assessments/{draft.pk}/panel/use/", {"version": draft.version})
    assert response["Location"] == f"/assessments/{draft.pk}/review/"
    draft.refresh_from_db()
    assert draft.answers["cto_stretched"] is True
    with worker():  # scoring enqueues the report, which the worker renders
        owner.post(f"/assessments/{draft.pk}/review/", {"version": draft.version})
    draft.refresh_from_db()
    assert draft.result["panel"]["disagreements"] == ["cto_stretched"]
    results = owner.get(f"/assessments/{draft.pk}/results/").content.decode()
    assert "Where the raters disagreed" in results and "settled by an editor" in results
    text = " ".join(printed.text(owner.get(f"/assessments/{draft.pk}/report.pdf").content).split())
    assert "Where the raters disagreed" in text


def test_a_viewer_cannot_settle_or_ask_raters(rated):
    viewer, draft = rated["clients"]["ceo-cora"], rated["draft"]
    assert (
        viewer.post(f"/assessments/{draft.pk}/panel/", {"rater": rated["cto"].pk, "label": "x"}).status_code
        == 403
    )
    response = viewer.post(
        f"/assessments/{draft.pk}/panel/settle/cto_stretched/",
        {"cto_stretched-value": "true", "cto_stretched-version": 1},
    )
    assert response.status_code == 403


def test_asking_the_same_member_twice_says_so(team):
    _ask(team, team["ceo"], "CEO")
    response = team["clients"]["alice"].post(
        f"/assessments/{team['draft'].pk}/panel/", {"rater": team["ceo"].pk, "label": "CFO"}
    )
    assert "already on this panel" in response.content.decode()


def test_a_settlement_from_a_stale_page_is_refused(rated):
    owner, draft = rated["clients"]["alice"], rated["draft"]
    url = f"/assessments/{draft.pk}/panel/settle/cto_stretched/"
    owner.post(url, {"cto_stretched-value": "true", "cto_stretched-version": draft.version})
    response = owner.post(
        url, {"cto_stretched-value": "false", "cto_stretched-version": draft.version}, follow=True
    )
    assert "changed elsewhere" in response.content.decode()
    draft.refresh_from_db()
    assert draft.settled == {"cto_stretched": True}


def _complete(draft: Assessment) -> None:
    from assessments.services import complete_assessment

    Assessment.objects.filter(pk=draft.pk).update(answers=NORTHWIND_ANSWERS)
    draft.refresh_from_db()
    complete_assessment(assessment=draft, expected_version=draft.version)


def test_no_rater_can_be_added_to_a_completed_assessment(team):
    _complete(team["draft"])
    response = team["clients"]["alice"].post(
        f"/assessments/{team['draft'].pk}/panel/", {"rater": team["ceo"].pk, "label": "CEO"}, follow=True
    )
    assert response.redirect_chain == [(f"/assessments/{team['draft'].pk}/panel/", 302)]
    assert "This assessment is complete, so its panel is closed." in response.content.decode()
    assert not Rating.objects.exists()


def test_the_rating_steps_of_a_completed_assessment_are_read_only(team):
    _ask(team, team["ceo"], "CEO")
    _complete(team["draft"])
    client, draft = team["clients"]["ceo-cora"], team["draft"]
    rating = Rating.objects.get(assessment=draft)
    prefilled = dict(rating.answers)  # the profile's headcount, as a rating starts with
    step = f"/assessments/{draft.pk}/rating/step/footprint/"
    page = client.get(step, follow=True).content.decode()
    assert "This assessment is complete, so its ratings are kept as they were given." in page
    client.post(step, {"employees": "40", "version": rating.version, "action": "next"})
    review = client.post(f"/assessments/{draft.pk}/rating/review/", {"version": rating.version})
    assert review.status_code == 302
    rating.refresh_from_db()
    assert (rating.answers, rating.status) == (prefilled, "requested")
    assert prefilled.get("employees") != 40


def test_a_viewer_not_on_a_drafts_panel_cannot_read_its_raters_answers(alice):
    # Security round 3, finding 13: a viewer not on the panel read every rater's answers on a draft's panel.
    organisation = OrganisationFactory(owner=alice)
    draft = AssessmentFactory(organisation=organisation)
    rater, onlooker = UserFactory(username="rita"), UserFactory(username="otto")
    member(organisation, rater, "viewer")
    member(organisation, onlooker, "viewer")
    Rating.objects.create(assessment=draft, rater=rater, label="CEO")
    statuses = {}
    for user in (alice, rater, onlooker):
        client = Client()
        client.force_login(user)
        statuses[user.username] = client.get(f"/assessments/{draft.pk}/panel/").status_code
    assert statuses == {"alice": 200, "rita": 200, "otto": 403}
