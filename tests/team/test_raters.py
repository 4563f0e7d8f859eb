"""Asking colleagues to rate: the entries to the panel, its due date, reminders, and a rater's own way in."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import dateformat, timezone

from assessments.models import Assessment, MailDelivery, Rating
from assessments.team import services as teams
from tests.factories import AssessmentFactory, OrganisationFactory, UserFactory, completed_assessment, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel(alice):
    organisation = OrganisationFactory(owner=alice, name="Alice Corp", headcount=1200)
    ceo = UserFactory(username="cem")
    member(organisation, ceo, "viewer")
    draft = AssessmentFactory(organisation=organisation)
    return {"organisation": organisation, "draft": draft, "ceo": ceo}


def _ask(panel, alice) -> Rating:
    return teams.request_rating(
        assessment=panel["draft"], rater=panel["ceo"], label="CEO", user=alice, link="https://x/rate/"
    )


def _due_text(days: int) -> str:
    return dateformat.format(timezone.localdate() + timedelta(days=days), "j F Y")


def test_a_rating_starts_from_the_profiles_headcount_like_a_new_assessment(panel, alice):
    assert _ask(panel, alice).answers == {"employees": 1200}


def test_the_request_mail_names_the_due_date_once_one_is_set(panel, alice, alice_client):
    url = reverse("assessments:panel-due", args=[panel["draft"].pk])
    due = timezone.localdate() + timedelta(days=10)
    response = alice_client.post(url, {"due_on": due.isoformat()}, follow=True)
    assert f"Raters are now asked to submit their ratings by {_due_text(10)}." in response.content.decode()
    assert f"Ratings are due on <strong>{_due_text(10)}</strong>." in response.content.decode()
    panel["draft"].refresh_from_db()
    _ask(panel, alice)
    request = MailDelivery.objects.get(kind=MailDelivery.Kind.RATER_REQUEST)
    assert request.to == "cem@example.com"
    assert f"Please submit your rating by {_due_text(10)}." in request.body


def test_without_a_due_date_the_request_mail_asks_for_no_date(panel, alice):
    _ask(panel, alice)
    request = MailDelivery.objects.get(kind=MailDelivery.Kind.RATER_REQUEST)
    assert "submit your rating by" not in request.body
    assert "Nobody sees your answers until you submit them.\n\nhttps://x/rate/\n" in request.body


def test_a_due_date_in_the_past_is_refused_with_a_message(panel, alice_client):
    url = reverse("assessments:panel-due", args=[panel["draft"].pk])
    yesterday = timezone.localdate() - timedelta(days=1)
    response = alice_client.post(url, {"due_on": yesterday.isoformat()}, follow=True)
    assert "The due date was not changed. Choose today or a later day." in response.content.decode()
    assert Assessment.objects.get(pk=panel["draft"].pk).ratings_due_on is None


def test_the_rater_sees_the_due_date_on_their_questionnaire(panel, alice):
    _ask(panel, alice)
    teams.set_ratings_due(
        assessment=panel["draft"], due_on=timezone.localdate() + timedelta(days=3), user=alice
    )

    client = Client()
    client.force_login(panel["ceo"])
    page = client.get(reverse("assessments:rating-step", args=[panel["draft"].pk, "footprint"]))
    assert f"Please submit your rating by <strong>{_due_text(3)}</strong>." in page.content.decode()
    assert 'value="1,200"' in page.content.decode()


def test_a_rater_is_reminded_at_most_once_a_day(panel, alice, alice_client):
    rating = _ask(panel, alice)
    url = reverse("assessments:panel-remind", args=[panel["draft"].pk, rating.pk])
    first = alice_client.post(url, follow=True).content.decode()
    second = alice_client.post(url, follow=True).content.decode()
    assert "A reminder is on its way to cem." in first
    assert "cem was already reminded today. You can send another reminder tomorrow." in second
    reminders = MailDelivery.objects.filter(kind=MailDelivery.Kind.REMINDER)
    assert [(m.to, m.subject) for m in reminders] == [
        ("cem@example.com", "Reminder: please rate a CAIO assessment on CAIO Advisor")
    ]


def test_a_reminder_can_be_sent_again_the_next_day(panel, alice):
    rating = _ask(panel, alice)
    Rating.objects.filter(pk=rating.pk).update(last_reminded_at=timezone.now() - timedelta(days=1))
    teams.remind_rater(rating=rating, user=alice, link="https://x/rate/")
    rating.refresh_from_db()
    assert timezone.localdate(rating.last_reminded_at) == timezone.localdate()
    assert MailDelivery.objects.filter(kind=MailDelivery.Kind.REMINDER).count() == 1


def test_a_rater_who_submitted_is_not_reminded(panel, alice):
    rating = _ask(panel, alice)
    Rating.objects.filter(pk=rating.pk).update(status=Rating.Status.SUBMITTED)
    with pytest.raises(teams.Refused, match="cem has already submitted their rating."):
        teams.remind_rater(rating=rating, user=alice, link="https://x/rate/")


def test_a_reminder_for_another_assessments_rating_is_404(panel, alice, alice_client):
    rating = _ask(panel, alice)
    other = completed_assessment(organisation=panel["organisation"])
    response = alice_client.post(reverse("assessments:panel-remind", args=[other.pk, rating.pk]))
    assert response.status_code == 404


def test_the_results_page_offers_a_re_assessment_with_a_panel_to_editors_only(panel, alice_client):
    completed = completed_assessment(organisation=panel["organisation"])

    viewer = Client()
    viewer.force_login(panel["ceo"])
    url = reverse("assessments:assessment-results", args=[completed.pk])
    assert "Ask colleagues to rate" in alice_client.get(url).content.decode()
    assert "Ask colleagues to rate" not in viewer.get(url).content.decode()


def test_asking_from_a_result_opens_the_panel_of_the_open_draft(panel, alice_client):
    response = alice_client.post(
        reverse("assessments:panel-start", args=[panel["organisation"].pk]), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("assessments:panel", args=[panel["draft"].pk])
    assert "Raters cannot be added to a completed assessment, so they rate the open draft." in (
        response.content.decode()
    )


def test_asking_from_a_result_without_a_draft_starts_one(alice, alice_client):
    organisation = OrganisationFactory(owner=alice, headcount=300)
    completed_assessment(organisation=organisation)
    response = alice_client.post(reverse("assessments:panel-start", args=[organisation.pk]), follow=True)
    draft = organisation.assessments.get(status=Assessment.Status.DRAFT)
    assert response.redirect_chain[-1][0] == reverse("assessments:panel", args=[draft.pk])
    assert (
        "so a new assessment was started. Ask your colleagues to rate it below." in response.content.decode()
    )


def test_the_questionnaire_links_to_the_panel_but_not_on_a_raters_own_questionnaire(
    panel, alice, alice_client
):
    _ask(panel, alice)
    step = alice_client.get(reverse("assessments:assessment-step", args=[panel["draft"].pk, "footprint"]))
    review = alice_client.get(reverse("assessments:assessment-review", args=[panel["draft"].pk]))
    panel_url = reverse("assessments:panel", args=[panel["draft"].pk])
    assert f'<a href="{panel_url}">Ask colleagues to rate</a>' in step.content.decode()
    assert f'<a href="{panel_url}">Ask colleagues to rate</a>' in review.content.decode()

    rater = Client()
    rater.force_login(panel["ceo"])
    own = rater.get(reverse("assessments:rating-step", args=[panel["draft"].pk, "footprint"]))
    assert "Ask colleagues to rate" not in own.content.decode()


def test_a_viewer_who_rates_finds_their_rating_on_the_organisation_list(panel, alice):
    rating = _ask(panel, alice)

    client = Client()
    client.force_login(panel["ceo"])
    text = client.get("/organisations/").content.decode()
    own = reverse("assessments:rating-step", args=[panel["draft"].pk, "footprint"])
    assert f'href="{own}">Your rating<span class="visually-hidden"> for Alice Corp</span>' in text
    assert "Resume draft" not in text
    Rating.objects.filter(pk=rating.pk).update(status=Rating.Status.SUBMITTED)
    assert "Your rating" not in client.get("/organisations/").content.decode()


def test_the_owner_who_rates_no_one_sees_only_resume_draft(panel, alice_client):
    text = alice_client.get("/organisations/").content.decode()
    assert "Resume draft<span" in text
    assert "Your rating" not in text
