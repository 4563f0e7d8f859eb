from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from assessments.models import Assessment, Rating, ShareLink
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


# --- share links ---------------------------------------------------------------------------------


def _share(alice, bob, worker):
    from tests.factories import completed_assessment

    organisation = OrganisationFactory(owner=alice, name="Northwind Logistics")
    member(organisation, bob, "editor")
    assessment = completed_assessment(organisation=organisation)
    client = Client()
    client.force_login(alice)
    with worker():  # sharing prepares the anonymous report
        page = client.post(f"/assessments/{assessment.pk}/share/", {"days": 7}).content.decode()
    link = (
        re.search(r'<code class="share-link">([^<]+)</code>', page).group(1).replace("http://testserver", "")
    )
    return {"assessment": assessment, "client": client, "link": link}


@pytest.fixture
def shared(alice, bob, worker, fake_renderer):
    return _share(alice, bob, worker)  # the PDF is not read: the fake renderer saves a WeasyPrint render


@pytest.fixture
def shared_with_pdf(alice, bob, worker):
    return _share(alice, bob, worker)


def test_a_share_link_opens_read_only_results_without_an_account_and_names_nobody(shared, alice, bob):
    response = Client().get(shared["link"])
    text = response.content.decode()
    assert response.status_code == 200
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["X-Robots-Tag"].startswith("noindex")
    result = shared["assessment"].result
    assert "Northwind Logistics" in text and escape(result["headline"]) in text
    for verdict in (result["verdicts"]["need"], result["verdicts"]["reporting_line"]):
        assert escape(verdict["label"]) in text and escape(verdict["confidence_reason"]) in text
    assert (
        '<p class="verdict-answer">Yes, probably: a dedicated CAIO <span class="badge badge-article">' in text
    )
    assert '<span class="badge badge-borderline">Borderline</span>' in text
    assert "The article’s tests" in text
    for private in ("alice", "bob", "@example.com", "Re-assess", "/share/", "csrfmiddlewaretoken"):
        assert private not in text
    link = ShareLink.objects.get()
    assert link.open_count == 1 and link.last_opened_at is not None


def test_the_shared_pdf_downloads_and_names_nobody(shared_with_pdf):
    response = Client().get(shared_with_pdf["link"] + "report.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Referrer-Policy"] == "no-referrer"
    text = printed.text(response.content)
    assert "Northwind Logistics" in text and "alice" not in text


def test_a_revoked_link_stops_working_at_once(shared):
    link = ShareLink.objects.get()
    shared["client"].post(f"/assessments/{shared['assessment'].pk}/share/{link.pk}/revoke/")
    for url in (shared["link"], shared["link"] + "report.pdf"):
        response = Client().get(url)
        assert response.status_code == 404
        assert "This link does not work" in response.content.decode()


def test_an_expired_link_stops_working(shared):
    ShareLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert Client().get(shared["link"]).status_code == 404


def test_the_share_page_lists_links_with_when_they_were_last_opened(shared):
    Client().get(shared["link"])
    text = shared["client"].get(f"/assessments/{shared['assessment'].pk}/share/").content.decode()
    assert "(1 time)" in text and "Active" in text


@pytest.mark.parametrize("days", ["0", "91", "-1", "abc", "1e309", ""])
def test_share_days_out_of_range_are_refused_next_to_the_field(shared, days):
    response = shared["client"].post(f"/assessments/{shared['assessment'].pk}/share/", {"days": days})
    assert response.status_code == 400
    assert "invalid-feedback" in response.content.decode()


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


def test_a_link_created_by_a_removed_member_is_listed_with_its_creator_and_revoked_in_one_click(alice, bob):
    from assessments.models import Membership
    from tests.factories import completed_assessment

    organisation = OrganisationFactory(owner=alice, name="Northwind Logistics")
    member(organisation, bob, "editor")
    assessment = completed_assessment(organisation=organisation)
    bobs_client = Client()
    bobs_client.force_login(bob)
    bobs_client.post(f"/assessments/{assessment.pk}/share/", {"days": 7})
    Membership.objects.filter(user=bob).delete()
    alices_client = Client()
    alices_client.force_login(alice)
    page = alices_client.get(f"/assessments/{assessment.pk}/share/").content.decode()
    assert ">bob (no longer a member)</td>" in page
    link = ShareLink.objects.get()
    alices_client.post(f"/assessments/{assessment.pk}/share/{link.pk}/revoke/")
    link.refresh_from_db()
    assert link.revoked_at is not None


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
