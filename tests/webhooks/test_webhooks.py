"""Webhooks: registered by owners, signed per Standard Webhooks, sent by the worker with retries, logged.

A real HTTP receiver runs on 127.0.0.1 in the test; it verifies every delivery with the `standardwebhooks`
package, as a customer's receiver would. Private addresses are allowed only where a test says so.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from standardwebhooks.webhooks import Webhook as Verifier
from standardwebhooks.webhooks import WebhookVerificationError

from assessments import services
from assessments.api import tokens
from assessments.charter import services as charters
from assessments.team import services as teams
from assessments.webhooks import outbound, registry, service
from assessments.webhooks.models import Attempt, Delivery, Webhook
from tests.factories import OrganisationFactory, UserFactory, completed_assessment, member

pytestmark = pytest.mark.django_db

NORTHWIND = (Path(__file__).parents[2] / "examples" / "northwind.json").read_bytes()


class Receiver:
    """A webhook endpoint: answers with the next status in `answers` (then 204), keeps what it received."""

    def __init__(self) -> None:
        self.received: list[tuple[bytes, dict[str, str]]] = []
        self.answers: list[int] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((body, dict(self.headers.items())))
                self.send_response(receiver.answers.pop(0) if receiver.answers else 204)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/caio"

    def verified(self, secret: str) -> list[dict[str, Any]]:
        """Every message received, checked with the receiver's copy of the secret (raises if one fails)."""
        return [Verifier(secret).verify(body, headers) for body, headers in self.received]


@pytest.fixture
def receiver(settings) -> Iterator[Receiver]:
    settings.OUTBOUND_ALLOW_PRIVATE = True  # the receiver is on 127.0.0.1
    made = Receiver()
    thread = threading.Thread(target=made.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield made
    made.server.shutdown()
    made.server.server_close()


@pytest.fixture(autouse=True)
def _no_real_renders(fake_renderer):
    """Reports are rendered by a stand-in (report.ready is still sent when one is stored)."""


def _complete(org, user):
    """An assessment completed through the services, as every page and the API complete one."""
    return services.add_assessment(organisation=org, user=user, document=services.load_document(NORTHWIND))


@pytest.fixture
def org(alice):
    return OrganisationFactory(owner=alice, name="Northwind Logistics")


def _hook(org, alice, receiver, events=None) -> Webhook:
    return registry.create_webhook(
        organisation=org, user=alice, url=receiver.url, events=events or [e.value for e in service.Event]
    )


def test_an_owner_registers_a_webhook_on_its_page(alice_client, org, receiver):
    page = alice_client.post(
        f"/organisations/{org.pk}/webhooks/",
        {"url": receiver.url, "events": ["assessment.completed", "report.ready"]},
        follow=True,
    )
    hook = Webhook.objects.get()
    assert hook.events == ["assessment.completed", "report.ready"] and hook.secret.startswith("whsec_")
    text = page.content.decode()
    assert hook.secret in text and "Nothing sent yet." in text


def test_an_assessment_made_through_the_api_is_delivered_signed(alice, org, receiver, worker, fake_renderer):
    hook = _hook(org, alice, receiver)
    _row, token = tokens.create_token(user=alice, organisation=org, name="ci", can_write=True)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    with worker():
        created = api.post(
            f"/api/v1/organisations/{org.pk}/assessments/", NORTHWIND, content_type="application/json"
        )
    messages = receiver.verified(hook.secret)
    assert [m["type"] for m in messages] == ["assessment.completed", "report.ready"]
    completed, ready = messages
    assert completed["data"]["assessment"]["id"] == created.json()["id"]
    assert completed["data"]["assessment"]["recommendation"] == created.json()["recommendation"]
    assert completed["data"]["organisation"] == {"id": org.pk, "name": "Northwind Logistics"}
    assert ready["data"]["report"]["api_path"].startswith(
        f"/api/v1/assessments/{created.json()['id']}/report.pdf"
    )
    headers = receiver.received[0][1]
    assert headers["webhook-id"].startswith("msg_") and headers["webhook-signature"].startswith("v1,")


def test_a_message_signed_with_another_secret_fails_verification(alice, org, receiver, worker):
    _hook(org, alice, receiver, ["assessment.completed"])
    with worker():
        _complete(org, alice)
    assert receiver.received
    with pytest.raises(WebhookVerificationError):
        receiver.verified(service.new_secret())


def test_charters_and_members_are_delivered(alice, org, receiver, worker):
    hook = _hook(org, alice, receiver, ["charter.signed", "charter.agreed", "member.joined"])
    assessment = completed_assessment(organisation=org)
    with worker():
        charter = charters.start_charter(assessment=assessment, user=alice)
        charters.sign_charter(charter=charter, user=alice, seen_version=charter.version)
        _invitation, url = teams.invite(
            organisation=org, user=alice, email="vic@example.com", role="viewer", link_for=str
        )
        teams.accept(token=url, user=UserFactory(username="vic"))
    messages = receiver.verified(hook.secret)
    assert [m["type"] for m in messages] == ["charter.signed", "charter.agreed", "member.joined"]
    assert (
        messages[0]["data"]["signed_by"] == "alice" and messages[1]["data"]["charter"]["status"] == "agreed"
    )
    assert messages[2]["data"]["member"] == {"username": "vic", "role": "viewer"}


def test_a_failing_receiver_is_tried_again_and_each_attempt_logged(
    alice, alice_client, org, receiver, worker
):
    hook = _hook(org, alice, receiver, ["assessment.completed"])
    receiver.answers = [500, 503]
    with worker():
        _complete(org, alice)
    attempts = list(Attempt.objects.order_by("number").values_list("number", "response_code"))
    assert attempts == [(1, 500), (2, 503), (3, 204)]
    assert Delivery.objects.get().status == "delivered"
    ids = {headers["webhook-id"] for _body, headers in receiver.received}
    assert len(ids) == 1  # one message, three attempts
    log = (
        alice_client.get(f"/organisations/{org.pk}/webhooks/{hook.pk}/").content.decode().split("<tbody>")[1]
    )
    assert (
        log.count("<code>assessment.completed</code>") == 3
        and "503 · tried again later" in log
        and "204 · delivered" in log
    )


def test_a_receiver_that_never_answers_well_is_given_up_on(alice, alice_client, org, receiver, worker):
    hook = _hook(org, alice, receiver, ["assessment.completed"])
    receiver.answers = [500] * 10
    with worker():
        _complete(org, alice)
    assert Attempt.objects.count() == service.MAX_ATTEMPTS
    assert Delivery.objects.get().status == "failed"
    log = (
        alice_client.get(f"/organisations/{org.pk}/webhooks/{hook.pk}/").content.decode().split("<tbody>")[1]
    )
    assert (
        log.count("500 · tried again later") == service.MAX_ATTEMPTS - 1 and log.count("500 · given up") == 1
    )


def test_only_the_events_asked_for_are_sent(alice, org, receiver, worker):
    _hook(org, alice, receiver, ["member.joined"])
    with worker():
        _complete(org, alice)
    assert receiver.received == [] and not Delivery.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/hook",
        "https://127.0.0.1/hook",
        "https://10.0.0.8/hook",
        "https://169.254.169.254/latest/meta-data/",
        "https://[::1]/hook",
        "https://[::ffff:127.0.0.1]/hook",
        "https://192.168.1.20/hook",
        "https://localhost/hook",
    ],
)
def test_private_and_loopback_addresses_are_refused_in_production(url):
    with pytest.raises(outbound.OutboundRefused):
        outbound.checked_address(url)


def test_the_form_says_why_an_address_is_refused(alice_client, org):
    page = alice_client.post(
        f"/organisations/{org.pk}/webhooks/", {"url": "https://169.254.169.254/x", "events": ["report.ready"]}
    )
    assert page.status_code == 400
    assert "in a private or local network" in page.content.decode()
    plain = alice_client.post(
        f"/organisations/{org.pk}/webhooks/", {"url": "http://example.com/x", "events": []}
    )
    assert (
        "Use an https:// address." in plain.content.decode()
        and "Choose at least one event." in plain.content.decode()
    )
    assert not Webhook.objects.exists()


def test_the_worker_refuses_an_address_that_became_private(alice, org, worker, settings):
    settings.OUTBOUND_ALLOW_PRIVATE = False
    Webhook.objects.create(
        organisation=org,
        url="https://127.0.0.1/hook",
        secret=service.new_secret(),
        events=["assessment.completed"],
    )
    with worker():
        _complete(org, alice)
    first = Attempt.objects.order_by("number").first()
    assert first.response_code is None and first.error.startswith("refused: This address is in a private")


def test_deleting_a_webhook_stops_deliveries(alice, alice_client, org, receiver, worker):
    hook = _hook(org, alice, receiver)
    alice_client.post(f"/organisations/{org.pk}/webhooks/{hook.pk}/delete/")
    with worker():
        _complete(org, alice)
    assert receiver.received == [] and not Webhook.objects.exists()


def test_editors_and_viewers_cannot_see_webhooks(org, alice, receiver):
    hook = _hook(org, alice, receiver)
    for role in ("editor", "viewer"):
        person = UserFactory(username=role)
        member(org, person, role)
        client = Client()
        client.force_login(person)
        assert client.get(f"/organisations/{org.pk}/webhooks/{hook.pk}/").status_code == 403
        assert hook.secret not in client.get(f"/organisations/{org.pk}/").content.decode()


def test_the_webhook_pages_cost_the_same_queries_however_long_the_log(
    alice, alice_client, org, receiver, worker, django_assert_num_queries
):
    hook = _hook(org, alice, receiver, ["assessment.completed"])
    receiver.answers = [500, 500]
    with worker():
        for _ in range(3):
            _complete(org, alice)
    assert Attempt.objects.count() == 5  # 500, 500, 204, then 204 twice
    alice_client.get("/account/data/")  # the session's first request does its own bookkeeping
    # session, user, organisation with role, then the webhooks; or the webhook, the log's count and page and
    # the number of messages not tried yet
    with django_assert_num_queries(4):
        alice_client.get(f"/organisations/{org.pk}/webhooks/")
    with django_assert_num_queries(7):
        page = alice_client.get(f"/organisations/{org.pk}/webhooks/{hook.pk}/")
    assert page.content.decode().split("<tbody>")[1].count("<tr>") == 5


def test_the_deploy_check_refuses_private_addresses_in_production(settings):
    from caio.checks import outbound_private_addresses_are_refused

    settings.DEBUG, settings.OUTBOUND_ALLOW_PRIVATE = False, True
    assert [e.id for e in outbound_private_addresses_are_refused(None)] == ["caio.E002"]
    settings.OUTBOUND_ALLOW_PRIVATE = False
    assert outbound_private_addresses_are_refused(None) == []


def test_adding_and_deleting_a_webhook_are_in_the_activity_log(alice_client, org, receiver):
    alice_client.post(f"/organisations/{org.pk}/webhooks/", {"url": receiver.url, "events": ["report.ready"]})
    hook = Webhook.objects.get()
    alice_client.post(f"/organisations/{org.pk}/webhooks/{hook.pk}/delete/")
    log = alice_client.get(f"/organisations/{org.pk}/activity/").content.decode()
    assert f"added a webhook sending report.ready to {receiver.url}" in log
    assert f"deleted the webhook to {receiver.url}" in log
