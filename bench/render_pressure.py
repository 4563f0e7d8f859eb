"""Pages while reports render: /healthz and a results page, idle and while users edit and download reports.

    .venv/bin/python -m bench.render_pressure [--users 4] [--seconds 30] [--pace browser|none] [--render-nice N]

On its own it serves a fresh SQLite database with gunicorn (the Procfile's sync workers) and one `db_worker`, each in a
session of its own as honcho or systemd starts them; `make bench` calls `window()` against its own server.
Two kinds of user, each with their own organisation and completed assessment:

- `browser` (issue 15's "users who download freshly edited reports in a loop"): edit the organisation's
  notes, then download the report as a browser does, reloading the "preparing" page when it says (every 2 s)
  until the PDF of that edit arrives; then edit again. Every round is a render.
- `none` (issue 13's abuse loop): edit and ask for the report as fast as the server answers, never waiting.

A separate signed-in client times /healthz and the results page, one request at a time, 20 ms apart, in
idle windows and while the users loop. Prints medians and p95s; the measure is the p95 under the loop
against the idle windows' (target: within 2x).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from assessments.samples import NORTHWIND
from assessments.serving import web_workers
from bench.common import p95
from bench.server import free_port

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
    page = session.get(f"{base}/accounts/login/").text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    session.post(f"{base}/accounts/login/", headers={"Referer": base},
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


def _impatient_user(base: str, user: User, until: float, loop: Loop) -> None:
    session = login(base, user.username)
    n = 0
    while time.monotonic() < until:
        status = _edit(session, base, user, n).status_code
        pdf = session.get(f"{base}/assessments/{user.assessment}/report.pdf").status_code
        with loop.lock:
            loop.rounds += 1
            loop.statuses.update([status, pdf])
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
    pace: str = "browser",
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
        process = fork.Process(target=_users, args=(base, users, pace, until, send))
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


def _users(base: str, users: Sequence[User], pace: str, until: float, send: Any) -> None:
    if CLIENTS_NICE:
        _priority(CLIENTS_NICE)
    loop = Loop()
    target = _browser_user if pace == "browser" else _impatient_user
    threads = [threading.Thread(target=target, args=(base, user, until, loop)) for user in users]
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--pace", choices=("browser", "none"), default="browser")
    parser.add_argument(
        "--render-nice", type=int, help="REPORT_RENDER_NICE for the worker (default: settings)"
    )
    parser.add_argument(
        "--no-worker", action="store_true", help="the same loop with no renders, for comparison"
    )
    parser.add_argument(
        "--limits", action="store_true", help="keep the rate limits (default: raised, so every edit renders)"
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="render-pressure-"))
    env = {
        "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}", "DEBUG": "0", "CAIO_ENV_FILE": "",
        "SECRET_KEY": "render-pressure-" + "k" * 50, "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0", "CSRF_COOKIE_SECURE": "0", "STATIC_COMPRESS": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }  # fmt: skip
    if not args.limits:
        env |= {"RATE_LIMIT_PDF": "100000/m", "RATE_LIMIT_PROFILE": "100000/m"}
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "caio.settings")
    import django
    from django.core.management import call_command

    django.setup()
    for command in (["migrate"], ["createcachetable"], ["collectstatic", "--noinput"]):
        call_command(*command, verbosity=0)
    users = create_users(args.users + 1)
    probe_user, users = users[0], users[1:]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    manage = [sys.executable, "manage.py"]
    web = subprocess.Popen([sys.executable, "-m", "gunicorn", "caio.wsgi:application", "--bind", f"127.0.0.1:{port}",
                            "--workers", str(web_workers())], cwd=BASE_DIR, stderr=subprocess.DEVNULL, start_new_session=True)  # fmt: skip
    worker_env = os.environ | (
        {"REPORT_RENDER_NICE": str(args.render_nice)} if args.render_nice is not None else {}
    )
    worker_command = (
        ["sleep", "3600"] if args.no_worker else [*manage, "db_worker", "--interval", "0.5", "--no-reload"]
    )
    worker = subprocess.Popen(worker_command, cwd=BASE_DIR, env=worker_env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)  # fmt: skip
    try:
        for _ in range(100):
            try:
                requests.get(f"{base}/healthz", timeout=1)
                break
            except requests.RequestException:
                time.sleep(0.2)
        probe = login(base, probe_user.username)
        urls = [f"{base}/healthz", f"{base}/assessments/{probe_user.assessment}/results/"]
        time.sleep(5)  # the worker renders the reports asked for on completion
        idle = [window(base, probe, urls, 10)[0]]
        busy, loop = window(base, probe, urls, args.seconds, users, args.pace)
        idle.append(window(base, probe, urls, 10)[0])
        for url, figures in summary(idle, [busy]).items():
            print(f"{url.replace(base, '')}: idle median {figures['idle_median'] * 1000:.1f} ms p95 "
                  f"{figures['idle_p95'] * 1000:.1f} ms; under the loop median {figures['busy_median'] * 1000:.1f} "
                  f"ms p95 {figures['busy_p95'] * 1000:.1f} ms; p95 ratio {figures['ratio']:.2f}")  # fmt: skip
        print(f"{args.users} users ({args.pace}) made {loop.rounds} rounds in {args.seconds:.0f} s; "
              f"responses {dict(sorted(loop.statuses.items()))}; load average {os.getloadavg()[0]:.2f}")  # fmt: skip
        if loop.edit_to_pdf_s:
            print(f"edit saved → fresh PDF in hand: median {statistics.median(loop.edit_to_pdf_s):.2f} s, "
                  f"p95 {p95(loop.edit_to_pdf_s):.2f} s")  # fmt: skip
    finally:
        for process in (web, worker):
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(30)


if __name__ == "__main__":
    main()
