"""Every mail is ours: the product's name, the installation's name, text and HTML, the recipient's language, and
people by the names they gave."""

from __future__ import annotations

import re

import pytest
from django.core import mail as outbox

from assessments import languages
from tests.factories import AssessmentFactory, OrganisationFactory, UserFactory, member

pytestmark = pytest.mark.django_db

DJANGO_DEFAULT = re.compile(
    r"You're receiving this|Thanks for using our site|The .* team|Your username, in case"
)


def html_of(message) -> str:
    (html, kind), *_rest = message.alternatives
    assert kind == "text/html"
    return html


def test_the_password_reset_mail_is_ours_in_german_for_a_german_account(client, settings, worker):
    settings.SITE_NAME = "CAIO Advisor bei Northwind"
    anna = UserFactory(username="anna.ceo", email="anna@example.com")
    languages.remember(user=anna, language="de")
    with worker():
        client.post("/accounts/password_reset/", {"email": "anna@example.com"})
    (message,) = outbox.outbox
    assert message.subject == "Ihr Passwort für CAIO Advisor zurücksetzen"
    assert "„anna.ceo“ bei CAIO Advisor bei Northwind" in message.body
    assert "Um ein neues Passwort zu wählen, öffnen Sie diesen Link." in message.body
    assert "Wenn Sie das nicht angefordert haben" in message.body
    assert "Gesendet von CAIO Advisor bei CAIO Advisor bei Northwind." in message.body
    assert not DJANGO_DEFAULT.search(message.body) and "testserver" not in message.body.split("http://")[0]
    html = html_of(message)
    assert (
        '<a href="http://testserver/accounts/reset/' in html
        and "Wenn Sie das nicht angefordert haben" in html
    )


def test_the_password_reset_mail_in_english_names_the_product_and_the_site(client, alice, worker):
    with worker():
        client.post("/accounts/password_reset/", {"email": "alice@example.com"})
    (message,) = outbox.outbox
    assert message.subject == "Reset your CAIO Advisor password"
    assert (
        "Someone asked to reset the password of the CAIO Advisor account “alice” at CAIO Advisor."
        in message.body
    )
    assert "It works once, within 3 days:" in message.body
    assert message.body.rstrip().endswith("-- \nSent by CAIO Advisor.")
    assert not DJANGO_DEFAULT.search(message.body)


def test_an_invitation_names_the_inviter_by_name_in_the_recipients_language(alice, alice_client, worker):
    alice.first_name = "Alice Martin"
    alice.save()
    erin = UserFactory(username="erin", email="erin@example.com")
    languages.remember(user=erin, language="fr")
    organisation = OrganisationFactory(owner=alice, name="Acme")
    with worker():
        alice_client.post(
            f"/organisations/{organisation.pk}/members/", {"email": "erin@example.com", "role": "editor"}
        )
    (message,) = outbox.outbox
    assert "Alice Martin vous invite" in message.body and "alice " not in message.body
    assert "CAIO Advisor" in message.subject
    assert "Alice Martin vous invite" in html_of(message)


def test_a_rater_request_says_who_asked_by_their_name(alice, alice_client, worker):
    alice.first_name = "Anna Schmidt"
    alice.save()
    organisation = OrganisationFactory(owner=alice, name="Acme")
    cora = UserFactory(username="cora", email="cora@example.com")
    member(organisation, cora, "viewer")
    draft = AssessmentFactory(organisation=organisation)
    with worker():
        alice_client.post(f"/assessments/{draft.pk}/panel/", {"rater": cora.pk, "label": "CEO"})
    (message,) = outbox.outbox
    assert message.body.startswith("Anna Schmidt asked you to answer the CAIO assessment of “Acme” as CEO.")
    assert "<p>Anna Schmidt asked you" in html_of(message)
