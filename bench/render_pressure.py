"""Pages while reports render: /healthz and a results page, idle and while N accounts edit and download.

    .venv/bin/python -m bench.render_pressure [--accounts 2] [--seconds 30]

gunicorn (2 sync workers) and one `db_worker` serve a fresh SQLite database. Each account loops "edit the
organisation's notes, download the report": every edit changes the report, so the worker renders again and
again. A separate client times /healthz and the results page during the loop and when idle. Prints medians
and p95s (the security issue's measure: /healthz p95 under the loop within 2x its idle value).
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

BASE_DIR = Path(__file__).resolve().parent.parent
PASSWORD = "render-pressure-2026"
SETUP = f"""
from assessments.models import Organisation
from assessments.services import create_organisation, complete_assessment
from assessments.models import Assessment
from django.contrib.auth import get_user_model
answers = {{"employees": 1200, "annual_ai_spend_usd": 2500000, "ai_headcount": 12, "ai_use_cases": 3,
           "ai_product_role": "product_feature", "regulatory_exposure": "moderate",
           "compliance_needs_executive": False, "cto_stretched": True}}
for n in range(COUNT):
    user = get_user_model().objects.create_user(f"load{{n}}", password="{PASSWORD}")
    org = create_organisation(user=user, name=f"Pressure {{n}}")
    a = Assessment.objects.create(organisation=org, created_by=user, answers=answers)
    complete_assessment(assessment=a, expected_version=a.version)
    print(org.pk, a.pk)
"""


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18] if len(values) >= 20 else max(values)


def _session(base: str, username: str) -> requests.Session:
    s = requests.Session()
    page = s.get(f"{base}/accounts/login/").text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    s.post(f"{base}/accounts/login/", data={"csrfmiddlewaretoken": token, "username": username,
                                            "password": PASSWORD}, headers={"Referer": base})  # fmt: skip
    return s


def _time(session: requests.Session, url: str) -> float:
    start = time.perf_counter()
    session.get(url, allow_redirects=False).raise_for_status()
    return time.perf_counter() - start


def _sample(session: requests.Session, urls: list[str], seconds: float, out: dict[str, list[float]]) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        for url in urls:
            out[url].append(_time(session, url))
        time.sleep(0.02)


def _edit_and_download(
    base: str, username: str, org: int, assessment: int, until: float, counts: list[int]
) -> None:
    s = _session(base, username)
    n = 0
    while time.monotonic() < until:
        page = s.get(f"{base}/organisations/{org}/edit/").text
        fields = dict(re.findall(r'name="(csrfmiddlewaretoken|version)" value="([^"]*)"', page))
        s.post(f"{base}/organisations/{org}/edit/", headers={"Referer": base}, data={
            **fields, "name": f"Pressure {username}", "notes": f"Edit {n} " + "x" * 200, "paper_size": "a4",
        })  # fmt: skip
        s.get(f"{base}/assessments/{assessment}/report.pdf")
        n += 1
    counts.append(n)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--accounts", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument(
        "--no-worker", action="store_true", help="the same loop with no renders, for comparison"
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="render-pressure-"))
    env = os.environ | {
        "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}", "DEBUG": "0", "CAIO_ENV_FILE": "",
        "SECRET_KEY": "render-pressure-" + "k" * 50, "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0", "CSRF_COOKIE_SECURE": "0", "STATIC_COMPRESS": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend", "RATE_LIMIT_PDF": "100000/m",
    }  # fmt: skip
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "-v0"], ["createcachetable"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([*manage, *command], cwd=BASE_DIR, env=env, check=True)
    made = subprocess.run([*manage, "shell", "-c", SETUP.replace("COUNT", str(args.accounts))], cwd=BASE_DIR,
                          env=env, check=True, capture_output=True, text=True).stdout  # fmt: skip
    pairs = [(int(org), int(a)) for org, a in re.findall(r"^(\d+) (\d+)$", made, flags=re.M)]
    base = "http://127.0.0.1:8137"
    web = subprocess.Popen([sys.executable, "-m", "gunicorn", "caio.wsgi:application", "--bind", "127.0.0.1:8137",
                            "--workers", "2"], cwd=BASE_DIR, env=env, stderr=subprocess.DEVNULL,
                           start_new_session=True)  # fmt: skip
    # As the Procfile runs it: below the web server's priority, so renders use the CPU pages leave idle.
    worker_command = (
        ["sleep", "3600"] if args.no_worker else [*manage, "db_worker", "--interval", "0.1", "--no-reload"]
    )
    worker = subprocess.Popen(["nice", "-n", "10", *worker_command],
                              cwd=BASE_DIR, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)  # fmt: skip
    try:
        for _ in range(100):
            try:
                requests.get(f"{base}/healthz", timeout=1)
                break
            except requests.ConnectionError:
                time.sleep(0.2)
        probe = _session(base, "load0")
        urls = [f"{base}/healthz", f"{base}/assessments/{pairs[0][1]}/results/"]
        idle: dict[str, list[float]] = {u: [] for u in urls}
        _sample(probe, urls, 10, idle)
        busy: dict[str, list[float]] = {u: [] for u in urls}
        until = time.monotonic() + args.seconds
        counts: list[int] = []
        loops = [threading.Thread(target=_edit_and_download, args=(base, f"load{n}", org, a, until, counts))
                 for n, (org, a) in enumerate(pairs)]  # fmt: skip
        for t in loops:
            t.start()
        time.sleep(1)
        _sample(probe, urls, args.seconds - 2, busy)
        for t in loops:
            t.join()
        for url in urls:
            name = url.replace(base, "")
            i50, i95 = statistics.median(idle[url]) * 1000, p95(idle[url]) * 1000
            b50, b95 = statistics.median(busy[url]) * 1000, p95(busy[url]) * 1000
            print(f"{name}: idle median {i50:.1f} ms p95 {i95:.1f} ms; under the loop median {b50:.1f} ms "
                  f"p95 {b95:.1f} ms; p95 ratio {b95 / i95:.2f}")  # fmt: skip
        print(f"{args.accounts} accounts made {sum(counts)} edit+download rounds in {args.seconds:.0f} s")
    finally:
        for process in (web, worker):
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(10)


if __name__ == "__main__":
    main()
