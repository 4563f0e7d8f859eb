from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from tests.factories import PASSWORD, OrganisationFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-much-better-passphrase-42"


def test_sign_up_logs_the_new_user_in_and_shows_their_organisations(client):
    response = client.post(
        "/accounts/signup/",
        {
            "username": "carol",
            "email": "carol@example.com",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/organisations/"
    assert "Signed in as <strong>carol</strong>" in response.content.decode()


def test_sign_up_rejects_a_short_password_next_to_the_field(client):
    response = client.post(
        "/accounts/signup/",
        {"username": "carol", "email": "c@example.com", "password1": "short", "password2": "short"},
    )
    assert response.status_code == 200
    assert "at least 12 characters" in response.content.decode()
    assert not get_user_model().objects.filter(username="carol").exists()


def test_log_in_and_log_out(client, alice):
    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD}, follow=True)
    assert "Signed in as <strong>alice</strong>" in response.content.decode()
    response = client.post("/accounts/logout/", follow=True)
    assert "Log in" in response.content.decode()
    assert client.get("/organisations/").status_code == 302


def test_wrong_password_says_so(client, alice):
    response = client.post("/accounts/login/", {"username": "alice", "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_password_change(alice_client):
    response = alice_client.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert "Your password has been changed" in response.content.decode()


def test_password_reset_sends_a_link_by_email(client, alice, worker):
    with worker():  # the worker sends the mail
        response = client.post("/accounts/password_reset/", {"email": "alice@example.com"}, follow=True)
    assert "Check your email" in response.content.decode()
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body


def test_password_resets_for_one_address_are_throttled(client, alice, settings, worker):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "reset": "2/h", "reset_ip": "100/h"}
    with worker():  # the worker sends the mail
        for _ in range(2):
            client.post("/accounts/password_reset/", {"email": "alice@example.com"})
        response = client.post("/accounts/password_reset/", {"email": "ALICE@example.com"})
    assert response.status_code == 429
    assert "A reset link was sent to this address several times recently." in response.content.decode()
    assert len(mail.outbox) == 2


def test_password_resets_from_one_client_are_throttled_whatever_the_address(client, alice, settings, worker):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "reset": "100/h", "reset_ip": "3/h"}
    with worker():  # the worker sends the mail
        for n in range(3):
            assert (
                client.post("/accounts/password_reset/", {"email": f"nobody{n}@example.com"}).status_code
                == 302
            )
        response = client.post("/accounts/password_reset/", {"email": "alice@example.com"})
    assert response.status_code == 429
    assert "You have asked for several password resets in a short time." in response.content.decode()
    assert mail.outbox == []
    other_client = Client(REMOTE_ADDR="192.0.2.7")
    with worker():
        assert (
            other_client.post("/accounts/password_reset/", {"email": "alice@example.com"}).status_code == 302
        )
    assert len(mail.outbox) == 1


RESET_LIMITS = {
    "reset": "A reset link was sent to this address several times recently.",
    "reset_ip": "You have asked for several password resets in a short time.",
}


@pytest.mark.parametrize("limit", RESET_LIMITS)
def test_a_burst_of_resets_across_a_window_end_gets_the_limit_and_reads_the_same_for_an_unknown_address(
    limit, alice, settings, worker
):
    from tests.limit_windows import at_a_window_end

    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "reset": "100/h", "reset_ip": "100/h", limit: "2/h"}

    def burst(email: str, address: str) -> tuple[list[int], list[str], str]:
        client = Client(REMOTE_ADDR=address)
        with at_a_window_end(email if limit == "reset" else address, 3_600) as clock:
            replies = [
                client.post("/accounts/password_reset/", {"email": email})
            ]  # the last second of a window
            clock.now += 1  # the next window
            replies += [client.post("/accounts/password_reset/", {"email": email}) for _ in range(4)]
            clock.now += 3_600
            replies.append(client.post("/accounts/password_reset/", {"email": email}))
        refused = replies[-2]
        assert refused["Retry-After"] == "3600" and RESET_LIMITS[limit] in refused.content.decode()
        # What the person reads, without the form's one-time values and the address they typed.
        page = re.sub(r'(value|nonce)="[^"]*"', "", refused.content.decode()).replace(email, "ADDRESS")
        return (
            [reply.status_code for reply in replies],
            [reply.get("Location", "") for reply in replies],
            page,
        )

    with worker():  # the worker sends the mails
        known = burst("alice@example.com", "192.0.2.10")
    assert known[0] == [302, 302, 429, 429, 429, 302]
    assert len(mail.outbox) == 3
    with worker():
        unknown = burst("nobody@example.com", "192.0.2.11")
    assert unknown == known  # the same replies, pages and links whether an account has the address or not
    assert len(mail.outbox) == 3


def test_sign_up_from_an_invitation_prefills_the_invited_address(alice_client, alice):
    organisation = OrganisationFactory(owner=alice)
    page = alice_client.post(
        f"/organisations/{organisation.pk}/members/", {"email": "erin@example.com", "role": "editor"}
    ).content.decode()
    link = (
        re.search(r'<code class="invitation-link">([^<]+)</code>', page)
        .group(1)
        .replace("http://testserver", "")
    )
    invitation = Client().get(link).content.decode()
    signup_url = re.search(r'href="(/accounts/signup/\?next=[^"]+)"', invitation).group(1)
    signup = Client().get(signup_url.replace("&amp;", "&")).content.decode()
    assert 'value="erin@example.com"' in signup
    # A made-up link pre-fills nothing.
    assert (
        'value="erin@example.com"'
        not in Client().get("/accounts/signup/?next=/invitations/nope/").content.decode()
    )


# --- people have names --------------------------------------------------------------------------------------


def test_a_full_name_given_at_sign_up_is_how_others_see_the_person(client):
    page = client.get("/accounts/signup/").content.decode()
    assert "Used to reset your password, and for invitations to organisations and requests to rate" in page
    assert "Used only to reset your password" not in page
    data = {"full_name": "  Anna   Lindqvist ", "username": "anna.ceo", "email": "anna@example.com"}
    response = client.post(
        "/accounts/signup/", {**data, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(username="anna.ceo")
    assert user.get_full_name() == "Anna Lindqvist"
    assert "Signed in as <strong>Anna Lindqvist</strong>" in client.get("/organisations/").content.decode()


def test_the_account_page_changes_the_name_and_an_empty_name_falls_back_to_the_username(alice_client, alice):
    assert "You log in as <strong>alice</strong>" in alice_client.get("/account/").content.decode()
    assert alice_client.post("/account/", {"full_name": "Alice Martin"}).status_code == 302
    organisation = OrganisationFactory(owner=alice)
    members = alice_client.get(f"/organisations/{organisation.pk}/members/").content.decode()
    assert "Alice Martin (you)" in members
    alice_client.post("/account/", {"full_name": ""})
    assert "Signed in as <strong>alice</strong>" in alice_client.get("/account/").content.decode()
