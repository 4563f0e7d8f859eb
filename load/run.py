"""Load test: a fresh database, seeded users, gunicorn on 127.0.0.1 and Locust headless; figures to the docs.

    .venv/bin/python load/run.py                                  # SQLite in var/load/caio-load.sqlite3
    DATABASE_URL=postgres:///caio_load .venv/bin/python load/run.py   # dropped and created afresh

The PostgreSQL database is dropped first, so its name must contain "load". Afterwards the gunicorn log is
searched for 5xx responses and "database is locked", and p50/p95 per request go into docs/reliability.md
(between the `<!-- load:LABEL -->` markers). Exits 1 if there was any 5xx, lock error or failed request.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import platform
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import date
from pathlib import Path
from typing import Any

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
from assessments.operations.serving import web_workers  # noqa: E402 - after the project is on the path

BIN = Path(sys.executable).parent
PASSWORD = "load-test-password-2026"
ACCESS_FORMAT = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=50, help="simulated users (default 50)")
    parser.add_argument("--spawn-rate", type=int, default=10, help="users started per second (default 10)")
    parser.add_argument("--time", default="2m", help="run time, e.g. 2m or 90s (default 2m)")
    parser.add_argument(
        "--workers",
        type=int,
        default=web_workers(),
        help="gunicorn sync workers (default: as gunicorn.conf.py, two per CPU plus one)",
    )
    parser.add_argument("--no-docs", action="store_true", help="print the figures but leave the docs alone")
    args = parser.parse_args()

    database_url = os.environ.get("DATABASE_URL", "")
    label = "postgresql" if database_url else "sqlite"
    out = BASE / "var" / "load" / label
    out.mkdir(parents=True, exist_ok=True)
    sqlite_path = BASE / "var" / "load" / "caio-load.sqlite3"
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "caio.settings",
        # Its own SQLite file (settings keep WAL and IMMEDIATE for any SQLite URL), never var/caio.sqlite3.
        "DATABASE_URL": database_url or f"sqlite:///{sqlite_path}",
        "DEBUG": "0",
        "EMAIL_BACKEND": os.environ.get("EMAIL_BACKEND") or "django.core.mail.backends.locmem.EmailBackend",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP on the loopback: no redirect to HTTPS, and cookies a non-TLS client sends back.
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "LOAD_PLAN": str(out / "plan.json"),
        "LOAD_OUTCOMES": str(out / "outcomes.json"),
    }
    if database_url:
        recreate_postgres(database_url)
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{sqlite_path}{suffix}").unlink(missing_ok=True)

    print(f"== {label}: migrate, collectstatic, seed {args.users} users", flush=True)
    plan, db_version = prepare(env, args.users)
    (out / "plan.json").write_text(json.dumps(plan))
    (out / "outcomes.json").unlink(missing_ok=True)

    port = free_port()
    log_path = out / "gunicorn.log"
    print(f"== gunicorn ({args.workers} sync workers) on 127.0.0.1:{port}; log in {log_path}", flush=True)
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [str(BIN / "gunicorn"), "caio.wsgi:application", "--bind", f"127.0.0.1:{port}",
             "--workers", str(args.workers), "--no-control-socket", "--access-logfile", "-",
             "--access-logformat", ACCESS_FORMAT,
             "--logger-class", "caio.gunicorn_logging.TokenRedactingLogger"],
            cwd=BASE, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        # The background worker as the Procfile runs it: it renders the reports the downloads ask for.
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.5", "--no-reload"],
            cwd=BASE, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        try:
            wait_until_up(f"http://127.0.0.1:{port}/healthz", server)
            print(f"== locust -u {args.users} -r {args.spawn_rate} -t {args.time}", flush=True)
            idle_load = os.getloadavg()[0]  # other work on the machine skews the figures: say so
            run_locust(env, out, args, f"http://127.0.0.1:{port}")
        finally:
            server.terminate()
            worker.terminate()
            server.wait(timeout=60)
            worker.wait(timeout=60)

    setup = (
        f"{args.users} users, spawn {args.spawn_rate}/s, {args.time}, {args.workers} gunicorn sync workers and "
        "one `db_worker`; "
        f"load average {idle_load:.1f} before the run"
    )
    report = analyse(out, label=label, setup=setup, db_version=db_version)
    print(report["text"])
    if not args.no_docs:
        write_docs(label, report["text"])
        print(f"Wrote the figures to docs/reliability.md (section load:{label})")
    return 0 if report["ok"] else 1


def recreate_postgres(url: str) -> None:
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    name = config["NAME"]
    if "load" not in name:
        sys.exit(f"load/run.py drops and re-creates {name!r}; use a database whose name contains 'load'")
    connect = {
        key: str(config[field])
        for key, field in (("host", "HOST"), ("port", "PORT"), ("user", "USER"), ("password", "PASSWORD"))
        if config.get(field)
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **connect) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


def prepare(env: dict[str, str], users: int) -> tuple[list[dict[str, Any]], str]:
    """Migrate, collect static files and seed through the app's own views, in this process."""
    os.environ.update(env)
    sys.path.insert(0, str(BASE))
    import django

    django.setup()
    logging.getLogger("caio.auth").setLevel(logging.WARNING)  # one "login" line per seeded account
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.db import connection, connections
    from django.test import Client

    from assessments.samples import NORTHWIND

    call_command("migrate", "--noinput", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    hashed = make_password(PASSWORD)  # one slow hash, shared: every account has the same password
    plan = []
    for n in range(users):
        user = get_user_model().objects.create(username=f"load-user-{n:03d}", password=hashed)
        client = Client(SERVER_NAME="127.0.0.1")
        client.force_login(user)
        # Through the views, so the seed follows whatever the models look like today.
        document = {**NORTHWIND, "organisation": {"name": f"Load Ltd {n:03d}"}}
        upload = SimpleUploadedFile(
            "seed.json", json.dumps(document).encode(), content_type="application/json"
        )
        results = client.post("/organisations/import/", {"file": upload}, follow=True)
        completed = _pk(results.redirect_chain[0][0], r"/assessments/(\d+)/")
        organisation = _pk(results.content.decode(), r"/organisations/(\d+)/")
        started = client.post(f"/organisations/{organisation}/assess/")
        draft = _pk(started["Location"], r"/assessments/(\d+)/step/")
        plan.append({"username": user.username, "password": PASSWORD, "results": completed, "draft": draft})
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            db_version = f"PostgreSQL {cursor.fetchone()[0].split()[0]}"
        else:
            cursor.execute("SELECT sqlite_version()")
            db_version = f"SQLite {cursor.fetchone()[0]} (WAL, IMMEDIATE transactions)"
    connections.close_all()
    return plan, db_version


def _pk(text: str, pattern: str) -> int:
    found = re.search(pattern, text)
    if not found:
        raise SystemExit(f"seeding failed: {pattern} not found in {text[:200]!r}")
    return int(found.group(1))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_up(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn exited during start-up; see its log")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer within 60 s")


def seconds(duration: str) -> int:
    units = {"s": 1, "m": 60, "h": 3600}
    return int(duration[:-1]) * units[duration[-1]] if duration[-1] in units else int(duration)


def run_locust(env: dict[str, str], out: Path, args: argparse.Namespace, host: str) -> None:
    command = [
        str(BIN / "locust"), "-f", str(BASE / "load" / "locustfile.py"), "--headless",
        "-u", str(args.users), "-r", str(args.spawn_rate), "-t", args.time, "--host", host,
        "--json-file", str(out / "locust-stats"), "--only-summary", "--stop-timeout", "10",
        "--logfile", str(out / "locust.log"),
    ]  # fmt: skip
    with open(out / "locust.out", "w") as output:
        # Locust exits 1 when any request failed; the analysis below reports and judges that.
        subprocess.run(command, cwd=BASE, env=env, stdout=output, stderr=subprocess.STDOUT,
                       timeout=seconds(args.time) + 180, check=False)  # fmt: skip


ACCESS_LINE = re.compile(r'^\S+ "(\w+) (\S+) [^"]*" (\d{3}) \S+ (\d+)ms$', flags=re.MULTILINE)


def request_name(method: str, path: str, status: int) -> str:
    """The locustfile's name for a request in gunicorn's access log ("" for requests it does not make)."""
    path = path.split("?", 1)[0]
    if path == "/accounts/login/":
        return "log in" if method == "POST" else "login page"
    if path == "/organisations/":
        return "organisation list"
    if re.fullmatch(r"/assessments/\d+/results/", path):
        return "results"
    if re.fullmatch(r"/assessments/\d+/step/[\w-]+/", path):
        if method == "GET":
            return "step page"
        return "step save (next)" if status == 302 else "step save (autosave)"
    if path.endswith("/report.pdf"):
        return "report PDF"
    return ""


def analyse(out: Path, *, label: str, setup: str, db_version: str) -> dict[str, Any]:
    log = (out / "gunicorn.log").read_text(errors="replace")
    responses = ACCESS_LINE.findall(log)
    server_errors = sum(1 for _m, _p, status, _ms in responses if int(status) >= 500)
    locked = len(re.findall(r"database is locked", log, flags=re.IGNORECASE))
    timeouts = log.count("WORKER TIMEOUT")
    tracebacks = log.count("Traceback (most recent call last)")
    # Time inside gunicorn, per request name: what Locust sees minus the wait for a free worker.
    server: dict[str, dict[int, int]] = {}
    for method, path, status, ms in responses:
        for name in (request_name(method, path, int(status)), "Aggregated"):
            if name:
                histogram = server.setdefault(name, {})
                histogram[int(ms)] = histogram.get(int(ms), 0) + 1
    # Locust's final statistics (its CSV is written before the last requests finish).
    entries = sorted(json.loads((out / "locust-stats.json").read_text()), key=lambda e: e["name"])
    total = {"name": "Aggregated", "response_times": {}, "num_requests": 0, "num_failures": 0}
    for entry in entries:
        total["num_requests"] += entry["num_requests"]
        total["num_failures"] += entry["num_failures"]
        for ms, count in entry["response_times"].items():
            total["response_times"][ms] = total["response_times"].get(ms, 0) + count
    total["max_response_time"] = max((e["max_response_time"] or 0 for e in entries), default=0)
    outcomes_path = out / "outcomes.json"
    outcomes = json.loads(outcomes_path.read_text()) if outcomes_path.exists() else {}
    lines = [
        f"#### {'PostgreSQL' if label == 'postgresql' else 'SQLite'}, {date.today():%Y-%m-%d}{commit()}",
        "",
        f"{setup}; {db_version}; {os.cpu_count()} CPU cores shared by Locust and gunicorn; "
        f"Python {platform.python_version()}.",
        "",
        "| Request | Count | Failed | p50 ms | p95 ms | max ms | in app p50 | in app p95 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for entry in [*entries, total]:
        name = "**all requests**" if entry is total else entry["name"]
        times = {int(float(ms)): count for ms, count in entry["response_times"].items()}
        slowest = round(entry["max_response_time"] or 0)
        # Locust keeps times over 1 s rounded to 100 ms; a percentile is never above the slowest request.
        p50, p95 = (min(percentile(times, f), slowest) for f in (0.50, 0.95))
        inside = server.get(entry["name"], {})
        lines.append(
            f"| {name} | {entry['num_requests']} | {entry['num_failures']} | {p50} | {p95} | {slowest} "
            f"| {percentile(inside, 0.50)} | {percentile(inside, 0.95)} |"
        )
    lines += [
        "",
        f"gunicorn log: {len(responses)} responses, **{server_errors} with a 5xx status**, "
        f'**{locked} "database is locked"**, {timeouts} worker timeouts, {tracebacks} tracebacks. '
        f"Step saves: {outcomes.get('step saved', 0)} saved, "
        f"{outcomes.get('step refused as changed elsewhere', 0)} refused as changed elsewhere. Report "
        f"downloads answered with the preparing page (the worker had not rendered that size yet): "
        f"{outcomes.get('report still being prepared (202)', 0)}.",
    ]
    ok = server_errors == 0 and locked == 0 and not total["num_failures"] and not timeouts and bool(responses)
    return {"text": "\n".join(lines), "ok": ok}


def commit() -> str:
    """ ", commit abc1234" (marked when the work tree has changes), or "" outside a git checkout."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=BASE, capture_output=True, text=True
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"], cwd=BASE, capture_output=True, text=True
        )
    except OSError:
        return ""
    if head.returncode != 0:
        return ""
    return f", commit {head.stdout.strip()}" + (" with uncommitted changes" if dirty.stdout.strip() else "")


def percentile(times: dict[int, int], fraction: float) -> int:
    """Nearest-rank percentile over Locust's response-time histogram (ms, rounded as Locust rounds them)."""
    ranked = sorted(times.items())
    needed = max(1, math.ceil(sum(times.values()) * fraction))
    seen = 0
    for ms, count in ranked:
        seen += count
        if seen >= needed:
            return ms
    return 0


def write_docs(label: str, text: str) -> None:
    doc = BASE / "docs" / "reliability.md"
    start, end = f"<!-- load:{label} -->", f"<!-- /load:{label} -->"
    current = doc.read_text() if doc.exists() else "# Reliability\n"
    block = f"{start}\n{text}\n{end}"
    if start in current and end in current:
        before, rest = current.split(start, 1)
        current = before + block + rest.split(end, 1)[1]
    else:
        current = current.rstrip("\n") + "\n\n" + block + "\n"
    doc.write_text(current)


if __name__ == "__main__":
    sys.exit(main())
