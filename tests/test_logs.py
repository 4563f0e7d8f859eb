"""Tokens never reach the logs: share, invitation and password-reset links, in gunicorn's and Django's logs."""

from __future__ import annotations

import logging
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from gunicorn.config import Config

from caio.gunicorn_logging import TokenRedactingLogger
from caio.logs import redact_tokens

pytestmark = pytest.mark.django_db

SECRET = "Zq8vN2kT4xYw9pLm"  # what a link's token looks like
LINKS = [
    f"/shared/{SECRET}/",
    f"/shared/{SECRET}/report.pdf?size=a4",
    f"/invitations/{SECRET}/",
    f"/accounts/reset/MQ/{SECRET}-c4d5e6/",
    f"/healthz?token={SECRET}",
]


@pytest.mark.parametrize("link", LINKS)
def test_every_kind_of_token_link_is_redacted_and_the_rest_of_the_url_kept(link):
    redacted = redact_tokens(f"GET https://caio.example.com{link} HTTP/1.1")
    assert SECRET not in redacted and "[redacted]" in redacted
    assert redacted.startswith("GET https://caio.example.com/") and redacted.endswith(" HTTP/1.1")


def test_urls_without_a_token_are_left_alone():
    for line in ("GET /accounts/reset/MQ/set-password/ HTTP/1.1", "GET /organisations/4/ HTTP/1.1"):
        assert redact_tokens(line) == line


def test_gunicorns_access_log_writes_no_token_from_the_request_line_or_the_referer(tmp_path):
    log_path = tmp_path / "access.log"
    config = Config()
    config.set("accesslog", str(log_path))
    logger = TokenRedactingLogger(config)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/shared/{SECRET}/report.pdf",
        "PATH_INFO": f"/shared/{SECRET}/report.pdf",
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "203.0.113.9",
        "HTTP_REFERER": f"https://caio.example.com/invitations/{SECRET}/",
    }
    request = SimpleNamespace(headers=[("REFERER", environ["HTTP_REFERER"])])
    response = SimpleNamespace(status="200 OK", sent=70_190, headers=[])
    logger.access(response, request, environ, timedelta(milliseconds=4))
    for handler in logger.access_log.handlers:
        handler.close()  # left open, the next gunicorn logger set up in this process warns of it (an error here)
    line = log_path.read_text()
    assert SECRET not in line
    assert '"GET /shared/[redacted]/report.pdf HTTP/1.1" 200 70190' in line
    assert "/invitations/[redacted]/" in line  # the Referer


def test_djangos_log_handlers_redact_a_failed_requests_url_and_its_traceback():
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    try:
        raise ValueError(f"no share link {SECRET}/ at /shared/{SECRET}/")
    except ValueError:
        record = logging.getLogger("django.request").makeRecord(
            "django.request", logging.ERROR, __file__, 1, "Internal Server Error: %s",
            (f"/shared/{SECRET}/",), sys.exc_info(),
        )  # fmt: skip
    assert handler.filter(record)
    text = handler.format(record)
    assert "Internal Server Error: /shared/[redacted]/" in text and "ValueError" in text
    assert f"/shared/{SECRET}" not in text


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_the_procfiles_web_command_logs_token_links_without_their_tokens(tmp_path):
    """The production command as the Procfile writes it: real gunicorn, real requests, its whole output."""
    procfile = (settings.BASE_DIR / "Procfile").read_text().splitlines()
    web = next(line for line in procfile if line.startswith("web:"))
    port = _free_port()
    command = shlex.split(web.removeprefix("web:").replace("${PORT:-8000}", str(port)))
    database = Path(settings.DATABASES["default"]["NAME"]).resolve()
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("runs on the SQLite test database")
    env = os.environ | {
        "DATABASE_URL": f"sqlite:///{database}", "ALLOWED_HOSTS": "127.0.0.1",
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
    }  # fmt: skip
    output = tmp_path / "gunicorn.log"
    with output.open("wb") as sink:
        server = subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=env, stdout=sink, stderr=subprocess.STDOUT
        )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2)
                break
            except OSError:
                assert time.monotonic() < deadline, output.read_text()
                time.sleep(0.2)
        for link in LINKS:
            referer = f"{base}/invitations/{SECRET}/"
            request = urllib.request.Request(base + link, headers={"Referer": referer})
            try:
                urllib.request.urlopen(request, timeout=10)
            except urllib.error.HTTPError:
                pass  # an unknown token answers 404; its request is logged all the same
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(20)
    logged = output.read_text()
    requests = re.findall(r'"GET /\S*\[redacted\]\S* HTTP/1.1" \d{3} .*/invitations/\[redacted\]/', logged)
    assert len(requests) == len(LINKS)  # each one logged, with its Referer
    assert SECRET not in logged


ENCODED = [
    f"/accounts/signup/?next=%2Finvitations%2F{SECRET}%2F",
    f"/accounts/login/?next=%252Finvitations%252F{SECRET}%252F",
    f"/accounts/login/?next=%2Fshared%2F{SECRET}%2Freport.pdf",
    f"/accounts/login/?next=%2Faccounts%2Freset%2FMQ%2F{SECRET}-c4d5e6%2F",
    f"/accounts/login/?next=%2Fhealthz%3Ftoken%3D{SECRET}",
    f"/accounts/login/?next=%2FINVITATIONS%2F{SECRET}",
]


@pytest.mark.parametrize("link", ENCODED)
def test_a_token_is_redacted_however_its_slashes_are_encoded(link):
    # Security round 3, finding 7: the invitation token reached the access log through next=%2Finvitations%2F…
    redacted = redact_tokens(f"GET {link} HTTP/1.1")
    assert SECRET not in redacted and "[redacted]" in redacted
