"""The client's address (assessments/security/client_address.py), one reader behind the README's TLS proxy:
nobody can lock anybody else out.

Before it, axes was told to use django-ipware, which is not installed, so it keyed lockouts on the proxy's
address: five wrong passwords from anywhere locked a username out for everyone.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.test import Client
from gunicorn.config import Config

from assessments.security.client_address import address_from
from caio import settings as caio_settings
from caio.gunicorn_logging import TokenRedactingLogger
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.1"  # the TLS proxy: every request reaches the app from it
ATTACKER, VICTIM = "198.51.100.7", "203.0.113.5"


@pytest.fixture
def behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


def _through_proxy(username: str, password: str, *, client_sent: str = "", client_at: str) -> int:
    """A log-in as the proxy passes it on: it appends the address it was connected from to X-Forwarded-For."""
    forwarded = f"{client_sent}, {client_at}" if client_sent else client_at
    response = Client().post(
        "/accounts/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )
    return response.status_code


def test_an_attacker_locks_out_only_their_own_address_and_the_victim_still_signs_in(alice, behind_one_proxy):
    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        _through_proxy("alice", "wrong-password", client_at=ATTACKER)
    assert _through_proxy("alice", PASSWORD, client_at=ATTACKER) == 429
    assert _through_proxy("alice", PASSWORD, client_at=VICTIM) == 302


def test_an_attacker_cannot_pose_as_the_victim_by_writing_the_header_themselves(alice, behind_one_proxy):
    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        _through_proxy("alice", "wrong-password", client_sent=VICTIM, client_at=ATTACKER)
    assert _through_proxy("alice", PASSWORD, client_sent=VICTIM, client_at=ATTACKER) == 429
    assert _through_proxy("alice", PASSWORD, client_at=VICTIM) == 302


def test_the_auth_log_names_the_client_not_the_proxy(alice, behind_one_proxy, caplog):
    with caplog.at_level(logging.INFO, logger="caio.auth"):
        _through_proxy("alice", "wrong-password", client_at=ATTACKER)
    assert f"login failed user=alice address={ATTACKER}" in caplog.text
    assert PROXY not in caplog.text


def test_rate_limits_by_address_count_the_client_behind_the_proxy(alice, behind_one_proxy, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "reset_ip": "1/h", "reset": "100/h"}

    def reset(address: str) -> int:
        return (
            Client()
            .post(
                "/accounts/password_reset/",
                {"email": "someone@example.com"},
                REMOTE_ADDR=PROXY,
                HTTP_X_FORWARDED_FOR=address,
            )
            .status_code
        )

    assert reset(ATTACKER) == 302
    assert reset(ATTACKER) == 429
    assert reset(VICTIM) == 302


def test_without_a_trusted_proxy_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert address_from({"REMOTE_ADDR": ATTACKER, "HTTP_X_FORWARDED_FOR": VICTIM}) == ATTACKER


def test_a_header_shorter_than_the_proxy_chain_or_not_an_address_falls_back_to_the_nearest_hop(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert address_from({"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": VICTIM}) == PROXY
    settings.TRUSTED_PROXY_COUNT = 1
    assert address_from({"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "<script>"}) == PROXY


def test_axes_reads_the_address_through_the_one_function():
    assert django_settings.AXES_CLIENT_IP_CALLABLE == "assessments.security.client_address.client_address"
    # axes fills in its own defaults; the project sets none of the django-ipware settings it would ignore
    assert not [name for name in vars(caio_settings) if name.startswith("AXES_IPWARE")]


def test_gunicorns_access_log_names_the_client_not_the_proxy(tmp_path: Path, behind_one_proxy):
    log_path = tmp_path / "access.log"
    config = Config()
    config.set("accesslog", str(log_path))
    logger = TokenRedactingLogger(config)
    environ = {
        "REQUEST_METHOD": "GET", "RAW_URI": "/healthz", "PATH_INFO": "/healthz", "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"{VICTIM}, {ATTACKER}",
    }  # fmt: skip
    request = SimpleNamespace(headers=[])
    logger.access(SimpleNamespace(status="200 OK", sent=2, headers=[]), request, environ, timedelta(0))
    for handler in logger.access_log.handlers:
        handler.close()
    assert log_path.read_text().startswith(f"{ATTACKER} ")
