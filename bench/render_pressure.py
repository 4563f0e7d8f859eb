"""Pages while reports render: /healthz and a results page, idle and while users edit and download reports.

`make bench` (bench/background.py) calls `window()` against its own server. Each user has their own
organisation and completed assessment: they edit the organisation's notes, then download the report as a
browser does, reloading the "preparing" page when it says (every 2 s) until the PDF of that edit arrives; then
edit again. Every round is a render.

A separate signed-in client times /healthz and the results page, one request at a time, 20 ms apart, in
idle windows and while the users loop. Prints medians and p95s; the measure is the p95 under the loop
against the idle windows' (target: within 2x).
"""

from __future__ import annotations

import multiprocessing
import os
import re
import statistics
import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from assessments.samples import NORTHWIND
from bench.common import p95

BASE_DIR = Path(__file__).resolve().parent.parent
PASSWORD = "render-pressure-2026"
ANSWERS = NORTHWIND["answers"]
PROBE_GAP_S = 0.02
# The looping users and the probe stand for people on other machines: their own CPU (building requests,
# reading pages) is not the server's. On one machine the users run at this nice value and the probe at minus
# half of it, each in a scheduling group of its own, so that what the probe times is the server's work, not
# the clients'; 0 puts everyone on equal terms.
CLIENTS_NICE = int(os.environ.get("BENCH_CLIENTS_NICE", "19"))


@dataclass
class User:
    username: str
    organisation: int
    assessment: int


def create_users(count: int, prefix: str = "load") -> list[User]:
    """Accounts of one organisation and one completed assessment each (needs Django set up)."""
    from django.contrib.auth import get_user_model

    from assessments.models import Assessment
    from assessments.services import complete_assessment, create_organisation

    users = []
    for n in range(count):
        user = get_user_model().objects.create_user(f"{prefix}{n}", password=PASSWORD)
        organisation = create_organisation(user=user, name=f"Pressure {n}")
        assessment = Assessment.objects.create(organisation=organisation, created_by=user, answers=ANSWERS)
        complete_assessment(assessment=assessment, expected_version=assessment.version)
        users.append(User(user.username, organisation.pk, assessment.pk))
    return users


def login(base: str, username: str) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{base}/accounts/login/", timeout=60).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    session.post(f"{base}/accounts/login/", headers={"Referer": base}, timeout=60,
                 data={"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD})  # fmt: skip
    return session


def _edit(session: requests.Session, base: str, user: User, n: int) -> requests.Response:
    """Save new notes through the profile form as a browser does, the redirect followed; the POST's answer."""
    page = session.get(f"{base}/organisations/{user.organisation}/edit/").text
    fields = dict(re.findall(r'name="(csrfmiddlewaretoken|version)" value="([^"]*)"', page))
    response = session.post(f"{base}/organisations/{user.organisation}/edit/", headers={"Referer": base}, data={
        **fields, "name": f"Pressure {user.username}", "notes": f"Edit {n} at {time.time_ns()} " + "x" * 200, "paper_size": "a4",
    })  # fmt: skip
    return response.history[0] if response.history else response


@dataclass
class Loop:
    """What the users did in one window."""

    rounds: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    edit_to_pdf_s: list[float] = field(default_factory=list)  # browser users: edit saved → PDF in hand
    lock: threading.Lock = field(default_factory=threading.Lock)

    def as_json(self) -> dict[str, Any]:
        return {"rounds": self.rounds, "statuses": dict(self.statuses), "edit_to_pdf_s": self.edit_to_pdf_s}


def _browser_user(base: str, user: User, until: float, loop: Loop) -> None:
    session = login(base, user.username)
    pdf_url = f"{base}/assessments/{user.assessment}/report.pdf"
    n = 0
    while time.monotonic() < until:
        edit = _edit(session, base, user, n)
        statuses = [edit.status_code]
        if edit.status_code == 429:  # told to wait: a person waits (to the end of the window at most)
            time.sleep(max(0.0, min(float(edit.headers.get("Retry-After", "60")), until - time.monotonic())))
        else:
            saved = time.monotonic()
            while True:
                response = session.get(pdf_url)
                statuses.append(response.status_code)
                if response.status_code != 202 or time.monotonic() > until + 30:
                    break
                time.sleep(float(response.headers.get("Retry-After", "2")))  # the page's own refresh
            if response.status_code == 200 and response.content.startswith(b"%PDF"):
                with loop.lock:
                    loop.edit_to_pdf_s.append(time.monotonic() - saved)
        with loop.lock:
            loop.rounds += 1
            loop.statuses.update(statuses)
        n += 1


def _probe(session: requests.Session, urls: list[str], until: float) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {url: [] for url in urls}
    while time.monotonic() < until:
        for url in urls:
            start = time.perf_counter()
            session.get(url, allow_redirects=False).raise_for_status()
            times[url].append(time.perf_counter() - start)
        time.sleep(PROBE_GAP_S)
    return times


def window(
    base: str,
    probe: requests.Session,
    urls: list[str],
    seconds: float,
    users: Sequence[User] = (),
) -> tuple[dict[str, list[float]], Loop]:
    """Time `urls` for `seconds` while `users` loop (none: an idle window). The users start 1 s before the
    probe and stop with it; a browser user finishes the round in hand.

    The probe and the users each run in a process of their own, standing in for clients on other machines:
    the users at the lowest CPU priority, the probe at a high one (CLIENTS_NICE), so that what the probe
    times is the server's answer, not the clients' own work on the same cores."""
    fork = multiprocessing.get_context("fork")
    until = time.monotonic() + seconds + (1 if users else 0)
    process = None
    if users:
        receive, send = fork.Pipe(duplex=False)
        process = fork.Process(target=_users, args=(base, users, until, send))
        process.start()
        time.sleep(1)
    times_in, times_out = fork.Pipe(duplex=False)
    prober = fork.Process(target=_timed_probe, args=(probe, urls, until, times_out))
    prober.start()
    times = times_in.recv()
    prober.join()
    loop = Loop()
    if process is not None:
        done = receive.recv()  # the users' counts, sent when the last one stops
        process.join()
        loop = Loop(rounds=done["rounds"], edit_to_pdf_s=done["edit_to_pdf_s"])
        loop.statuses.update(done["statuses"])
    return times, loop


def _timed_probe(probe: requests.Session, urls: list[str], until: float, send: Any) -> None:
    if CLIENTS_NICE:
        _priority(-CLIENTS_NICE // 2)
    send.send(_probe(probe, urls, until))


def _priority(niceness: int) -> None:
    """This process in a session and scheduling group of its own, at `niceness` (see assessments.report.pdf.yield_cpu;
    a negative value needs root, and is skipped without it)."""
    os.setsid()
    try:
        Path("/proc/self/autogroup").write_text(str(niceness))
        os.setpriority(os.PRIO_PROCESS, 0, niceness)
    except OSError:
        pass


def _users(base: str, users: Sequence[User], until: float, send: Any) -> None:
    if CLIENTS_NICE:
        _priority(CLIENTS_NICE)
    loop = Loop()
    threads = [threading.Thread(target=_browser_user, args=(base, user, until, loop)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    send.send(loop.as_json())


def summary(
    idle: list[dict[str, list[float]]], busy: list[dict[str, list[float]]]
) -> dict[str, dict[str, float]]:
    """Per URL: the p95 and median of every idle window's samples pooled, the same under the loop, the ratio."""
    out = {}
    for url in busy[0]:
        quiet = [t for window in idle for t in window[url]]
        loaded = [t for window in busy for t in window[url]]
        out[url] = {
            "idle_p95": p95(quiet), "busy_p95": p95(loaded), "ratio": p95(loaded) / p95(quiet),
            "idle_median": statistics.median(quiet), "busy_median": statistics.median(loaded),
            "samples": len(loaded), "idle_samples": len(quiet),
        }  # fmt: skip
    return out
