"""Security round 3, finding 4: one person's burst of queued work against another organisation's report.

The worker renders in the order work arrives, so what one person can put in the queue is what another
organisation waits behind. The limits on queued work (RATE_LIMITS "work" per person, "work_organisation" per
organisation, caio.limits.work_exceeded) bound it: a burst of re-scores gets at most the person's limit
accepted, the rest are answered 429. Measured through gunicorn and one `db_worker`:

- idle: another organisation's person asks for a report not yet rendered (a paper size and language of
  its own each time) and polls every 50 ms until it is the PDF;
- after a burst: the same, right after one person of a different organisation sent BURST re-scores as fast
  as the server answers.

The figure is the time to the PDF after the burst, as a ratio to idle (medians over ROUNDS); the stated bound
is one render per accepted re-score ahead of it, so at most (the person's limit + 1) × the idle time.
"""

from __future__ import annotations

import re
import statistics
import time
from typing import Any

import requests
from django.conf import settings

from . import render_pressure
from .background import drain
from .common import QUICK, Figure, log
from .server import Gunicorn

BURST = 100  # the attack as reported: 100 re-scores as fast as the server answers
ROUNDS = 2 if QUICK else 3
POLL_S = 0.05
REQUEST_TIMEOUT_S = 60  # a request that hangs fails the bench with its URL, instead of hanging it
VARIANTS = [(size, language) for language in ("fr", "de", "en") for size in ("a4", "letter")]


def _limit(name: str) -> int:
    return int(settings.RATE_LIMITS[name].split("/", 1)[0])


def _csrf(session: requests.Session, base: str) -> dict[str, str]:
    page = session.get(f"{base}/organisations/", timeout=REQUEST_TIMEOUT_S).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token, "no CSRF token on the organisation list"
    return {"X-CSRFToken": token.group(1), "Referer": base}


def _burst(session: requests.Session, base: str, assessment: int) -> dict[int, int]:
    headers = _csrf(session, base)
    statuses: dict[int, int] = {}
    for _ in range(BURST):
        status = session.post(
            f"{base}/assessments/{assessment}/rescore/",
            headers=headers,
            allow_redirects=False,
            timeout=REQUEST_TIMEOUT_S,
        ).status_code
        statuses[status] = statuses.get(status, 0) + 1
    return statuses


def _time_to_pdf(session: requests.Session, base: str, assessment: int, size: str, language: str) -> float:
    url = f"{base}/assessments/{assessment}/report.pdf?size={size}&lang={language}"
    asked = time.perf_counter()
    while True:
        response = session.get(url, allow_redirects=False, timeout=REQUEST_TIMEOUT_S)
        if response.status_code == 200 and response.content.startswith(b"%PDF"):
            return time.perf_counter() - asked
        assert response.status_code == 202, f"report of {assessment}: HTTP {response.status_code}"
        assert time.perf_counter() - asked < 300, f"report of {assessment} not ready after 300 s"
        time.sleep(POLL_S)


def burst_against_another_organisation(server: Gunicorn) -> tuple[Figure, dict[str, Any]]:
    """ROUNDS × (idle report, burst then report) with fresh people each round; needs Django set up."""
    people = render_pressure.create_users(1 + ROUNDS, prefix="fair")
    drain()  # the renders their completed assessments queued
    other = people[0]
    other_session = render_pressure.login(server.base, other.username)
    idle: list[float] = []
    busy: list[float] = []
    bursts: list[dict[int, int]] = []
    variants = iter(VARIANTS)
    for round_, burster in enumerate(people[1:], 1):
        size, language = next(variants)
        idle.append(_time_to_pdf(other_session, server.base, other.assessment, size, language))
        drain()
        log(f"queue fairness {round_}/{ROUNDS}: {BURST} re-scores from one person, then another's report")
        session = render_pressure.login(server.base, burster.username)
        bursts.append(_burst(session, server.base, burster.assessment))
        size, language = next(variants)
        busy.append(_time_to_pdf(other_session, server.base, other.assessment, size, language))
        drain()
    accepted = _limit("work")
    bound = accepted + 1.0
    ratios = [b / statistics.median(idle) for b in busy]
    figure = Figure(
        "queue.burst",
        f"Another organisation's report (asked → PDF) right after one person sent {BURST} re-scores, as a ratio "
        f"to idle (at most {accepted} accepted a minute, RATE_LIMITS work={settings.RATE_LIMITS['work']})",
        "s",
        busy,
        ratios=ratios,
        reference="the same report asked for with the queue idle",
        target=f"≤ {bound:g}× idle (one render per accepted re-score ahead of it)",
        holds=statistics.median(ratios) <= bound,
        extra={"idle_s": idle, "bursts": bursts, "rounds": ROUNDS},
    )
    return figure, {"idle_s": idle, "busy_s": busy, "bursts": bursts, "limits": dict(settings.RATE_LIMITS)}
