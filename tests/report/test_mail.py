"""Mail is sent by the worker, retried with backoff, and a send that finally fails is shown to the sender."""

from __future__ import annotations

import smtplib
from typing import Any

import pytest
from django.core import mail as outbox

from assessments.models import MailDelivery
from assessments.report import mail
from assessments.team import services as teams
from tests.factories import OrganisationFactory, UserFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation(alice):
    return OrganisationFactory(owner=alice, name="Northwind Logistics")


@pytest.fixture
def broken_mail_server(monkeypatch) -> list[int]:
    """Every send fails as a refused SMTP connection would; records each attempt."""
    attempts: list[int] = []

    def refuse(*args: Any, **kwargs: Any) -> int:
        attempts.append(1)
        raise smtplib.SMTPConnectError(421, "try later")

    monkeypatch.setattr(mail, "send_mail", refuse)
    return attempts


def invite(client: Any, organisation: Any) -> Any:
    return client.post(
        f"/organisations/{organisation.pk}/members/", {"email": "erin@example.com", "role": "editor"}
    )


def test_nothing_is_sent_inside_the_request(alice_client, organisation):
    assert invite(alice_client, organisation).status_code == 200
    assert outbox.outbox == []
    assert MailDelivery.objects.get().status == MailDelivery.Status.QUEUED


def test_a_sent_mail_is_recorded_and_its_one_time_link_forgotten(alice_client, organisation, worker):
    with worker():
        invite(alice_client, organisation)
    delivery = MailDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.body) == (MailDelivery.Status.SENT, 1, "")
    assert outbox.outbox[0].to == ["erin@example.com"]


def test_a_failing_send_is_retried_then_shown_on_the_members_page_not_a_500(
    alice_client, organisation, worker, broken_mail_server
):
    with worker():
        response = invite(alice_client, organisation)
    assert response.status_code == 200
    assert len(broken_mail_server) == mail.MAX_ATTEMPTS
    delivery = MailDelivery.objects.get()
    assert delivery.status == MailDelivery.Status.FAILED and "SMTPConnectError" in delivery.error
    page = alice_client.get(f"/organisations/{organisation.pk}/members/").content.decode()
    assert "Some e-mails could not be sent" in page
    assert f"The invitation to erin@example.com of {delivery.created_at:%-d %b %Y}" in page
    assert f"could not be sent after {mail.MAX_ATTEMPTS} attempts." in page


def test_a_send_that_works_on_a_retry_is_sent_once(organisation, worker, monkeypatch):
    real_send = mail.send_mail
    calls: list[int] = []

    def flaky(*args: Any, **kwargs: Any) -> int:
        calls.append(1)
        if len(calls) == 1:
            raise smtplib.SMTPServerDisconnected("connection lost")
        return real_send(*args, **kwargs)

    monkeypatch.setattr(mail, "send_mail", flaky)
    with worker():
        mail.queue_mail(kind=MailDelivery.Kind.REMINDER, to="a@example.com", subject="Hello", body="Hi.")
    assert len(calls) == 2 and len(outbox.outbox) == 1
    assert MailDelivery.objects.get().attempts == 2


def test_other_organisations_failures_are_not_shown(
    alice_client, organisation, bob, broken_mail_server, worker
):
    elsewhere = OrganisationFactory(owner=bob, name="Bob Industries")
    with worker():
        teams.invite(organisation=elsewhere, user=bob, email="x@example.com", role="viewer", link_for=str)
    page = alice_client.get(f"/organisations/{organisation.pk}/members/").content.decode()
    assert "x@example.com" not in page and "could not be sent" not in page


def test_a_rater_is_asked_by_mail_with_a_link_to_their_questionnaire(
    alice, alice_client, organisation, worker
):
    from tests.factories import AssessmentFactory

    rater = UserFactory(username="cora", email="cora@example.com")
    member(organisation, rater, "viewer")
    draft = AssessmentFactory(organisation=organisation)
    with worker():
        response = alice_client.post(f"/assessments/{draft.pk}/panel/", {"rater": rater.pk, "label": "CEO"})
    assert response.status_code == 302
    assert outbox.outbox[0].to == ["cora@example.com"]
    assert f"http://testserver/assessments/{draft.pk}/rating/step/footprint/" in outbox.outbox[0].body
