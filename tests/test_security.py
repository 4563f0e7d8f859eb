"""Site-wide protections (caio/settings.py, caio/middleware.py, django-axes): security headers on every
response, the error pages, login lockouts, session lifetimes, and limits on what a request may send."""

from __future__ import annotations

import logging

import pytest
from django.test import Client
from django.urls import reverse

from assessments.models import Organisation
from tests.factories import PASSWORD, OrganisationFactory

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/methodology/",
    "/accounts/login/",
    "/accounts/signup/",
    "/organisations/",
    "/organisations/new/",
]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_sends_the_security_headers(client, alice, path):
    if path.startswith("/organisations/"):
        client.force_login(alice)
    response = client.get(path)
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    for directive in ("default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
        assert directive in csp
    assert "'nonce-" in csp and "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_a_foreign_host_gets_400_not_500(client):
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400


def test_a_bare_400_for_a_bad_host_has_the_content_security_policy():
    response = Client().get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_an_error_shows_the_friendly_500_page_and_is_logged(alice, caplog, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("boom in the view")

    monkeypatch.setattr("assessments.views.Organisation.objects.for_user", explode)
    client = Client(raise_request_exception=False)
    client.force_login(alice)
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/organisations/")
    assert response.status_code == 500
    text = response.content.decode()
    assert "Something went wrong on our side" in text
    assert "Traceback" not in text and "boom in the view" not in text and "SECRET_KEY" not in text
    assert any("boom in the view" in str(record.exc_info) for record in caplog.records)


def _login(client: Client, username: str, password: str, address: str = "10.0.0.1"):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def test_five_failures_lock_the_username_from_that_address_even_with_the_right_password(alice, bob):
    client = Client()
    for _ in range(4):
        assert _login(client, "alice", "wrong-password").status_code == 200
    _login(client, "alice", "wrong-password")
    locked = _login(client, "alice", PASSWORD)
    assert locked.status_code == 429
    assert "Too many failed log-in attempts" in locked.content.decode()
    assert "15 minutes" in locked.content.decode()
    # Another username from the same address, and the same username from elsewhere, still work.
    assert _login(Client(), "bob", PASSWORD).status_code == 302
    assert _login(Client(), "alice", PASSWORD, address="10.0.0.2").status_code == 302


def test_login_gives_a_new_session_id_and_logout_kills_the_old_cookie(alice):
    client = Client()
    client.get("/accounts/login/")
    before = client.cookies.get("sessionid")
    _login(client, "alice", PASSWORD)
    session_id = client.cookies["sessionid"].value
    assert before is None or before.value != session_id
    client.post("/accounts/logout/")
    stale = Client()
    stale.cookies["sessionid"] = session_id
    assert stale.get("/organisations/").status_code == 302


def test_changing_the_password_ends_the_users_other_sessions(alice):
    laptop, phone = Client(), Client()
    _login(laptop, "alice", PASSWORD)
    _login(phone, "alice", PASSWORD, address="10.0.0.9")
    new = "an-entirely-new-passphrase-77"
    laptop.post(
        "/accounts/password_change/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert laptop.get("/organisations/").status_code == 200
    assert phone.get("/organisations/").status_code == 302


def test_auth_events_are_logged_without_passwords(alice, caplog):
    with caplog.at_level(logging.INFO, logger="caio.auth"):
        _login(Client(), "alice", "my-secret-wrong-password")
        client = Client()
        _login(client, "alice", PASSWORD)
        client.post("/accounts/logout/")
    messages = [record.getMessage() for record in caplog.records if record.name == "caio.auth"]
    assert messages == [
        "login failed user=alice address=10.0.0.1",
        "login user=alice address=10.0.0.1",
        "logout user=alice address=127.0.0.1",
    ]
    assert all(PASSWORD not in m and "my-secret-wrong-password" not in m for m in caplog.text.splitlines())


def test_oversized_bodies_and_too_many_fields_get_400(alice_client):
    assert alice_client.post("/organisations/new/", {"notes": "x" * 1_100_000}).status_code == 400
    many = {f"field{n}": "1" for n in range(300)}
    assert alice_client.post("/organisations/new/", many).status_code == 400


def test_extra_post_fields_are_ignored(alice_client, alice, bob):
    bobs = OrganisationFactory(owner=bob)
    alice_client.post(
        reverse("assessments:organisation-create"),
        {"name": "Mine", "owner": bob.pk, "id": bobs.pk, "version": 99, "score": 100, "status": "completed"},
    )
    mine = Organisation.objects.for_user(alice).get()
    assert mine.name == "Mine" and mine.pk != bobs.pk and mine.version == 1
    bobs.refresh_from_db()
    assert bobs.created_by == bob and bobs.memberships.get().user == bob


def test_a_session_idle_for_longer_than_the_limit_is_logged_out(alice, settings):
    settings.SESSION_IDLE_SECONDS = 3600
    client = Client()
    client.force_login(alice)
    assert client.get("/organisations/").status_code == 200
    session = client.session
    session["last_seen"] -= 3601
    session.save()
    response = client.get("/organisations/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_an_active_session_stays_signed_in_and_its_idle_clock_restarts(alice, settings):
    settings.SESSION_IDLE_SECONDS = 3600
    client = Client()
    client.force_login(alice)
    session = client.session
    session["last_seen"] -= 3500
    session.save()
    assert client.get("/organisations/").status_code == 200
    assert client.session["last_seen"] > session["last_seen"]


def _session_row(client: Client):
    from django.contrib.sessions.models import Session

    return Session.objects.get(session_key=client.session.session_key)


def test_an_active_session_ends_session_max_days_after_log_in_and_requests_do_not_extend_it(alice, settings):
    # Security round 3, finding 8: a session an hour from expiry got 14 more days from one request.
    client = Client()
    client.force_login(alice)
    expires = _session_row(client).expire_date
    session = client.session
    session["last_seen"] -= 120  # the idle clock saves the session again on the next request
    session.save()
    assert client.get("/organisations/").status_code == 200
    assert _session_row(client).expire_date == expires
    session = client.session
    session["logged_in_at"] -= settings.SESSION_COOKIE_AGE - 3600  # an hour from the end, and active
    session["last_seen"] = session["logged_in_at"] + settings.SESSION_COOKIE_AGE - 3700
    session.save()
    assert client.get("/organisations/").status_code == 200
    session = client.session
    session["logged_in_at"] -= 3601
    session.save()
    response = client.get("/organisations/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
