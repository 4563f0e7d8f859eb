"""Gunicorn started and stopped by the bench, and a bounded load against it from a second process."""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from assessments.operations.serving import web_workers

from .common import BASE_DIR, PYTHON, WORK_DIR, log, read_rss_mb

WORKERS = web_workers()  # as gunicorn.conf.py runs the Procfile's web command
CONNECTIONS = 16
THREADS = 2  # wrk threads; one per core


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class Gunicorn:
    """`gunicorn caio.wsgi` with the Procfile's sync workers on 127.0.0.1; a context manager that always stops it."""

    def __init__(self) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = WORK_DIR / "gunicorn.log"
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Gunicorn:
        command = [
            PYTHON, "-m", "gunicorn", "caio.wsgi:application",
            "--bind", f"127.0.0.1:{self.port}", "--workers", str(WORKERS), "--worker-class", "sync",
            "--timeout", "60", "--error-logfile", str(self.log_path), "--log-level", "warning",
        ]  # fmt: skip
        self.process = subprocess.Popen(command, cwd=BASE_DIR, env=os.environ.copy(), start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}; see {self.log_path}")
            try:
                if get(self.base + "/healthz").status == 200 and len(self.worker_pids()) == WORKERS:
                    log(
                        f"gunicorn up on {self.base} (master {self.process.pid}, workers {self.worker_pids()})"
                    )
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not answer /healthz within 60 s")

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)  # the master stops its workers gracefully
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # its own session: only gunicorn's processes
            process.wait(5)
        log("gunicorn stopped")

    def worker_pids(self) -> list[int]:
        if self.process is None:
            return []
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                pids.append(int(stat.parent.name))
        return sorted(pids)

    def workers_have_loaded(self, library: str) -> list[bool]:
        """Whether each worker has `library` mapped (e.g. Pango, which only WeasyPrint's import loads)."""
        loaded = []
        for pid in self.worker_pids():
            try:
                loaded.append(library in Path(f"/proc/{pid}/maps").read_text())
            except OSError:
                loaded.append(False)
        return loaded


class DbWorker:
    """`manage.py db_worker` as the Procfile runs it (interval 0.5 s), with the bench's environment.

    `env` overrides settings for this worker only (REPORT_RENDER_NICE=0 to compare). It runs in a session of
    its own, as honcho or systemd would start it: with Linux autogroups that is what makes a plain nice value
    on the worker useless, and the render child's own scheduling group necessary.
    """

    def __init__(self, env: dict[str, str] | None = None, name: str = "worker") -> None:
        self.env = env or {}
        self.log_path = WORK_DIR / f"{name}.log"
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> DbWorker:
        command = [PYTHON, "manage.py", "db_worker", "--interval", "0.5", "--no-reload"]
        with self.log_path.open("ab") as sink:
            self.process = subprocess.Popen(
                command, cwd=BASE_DIR, env=os.environ | self.env, stdout=sink, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)  # finishes the task in hand, then exits
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def rss_mb(self) -> tuple[float, float]:
        """(the worker's resident memory, that plus its render children's) in MB, from /proc."""
        own = read_rss_mb(self.pid)
        children = [int(pid) for pid in _children(self.pid)]
        return own, own + sum(read_rss_mb(pid) for pid in children)

    def has_loaded(self, library: str) -> bool:
        try:
            return library in Path(f"/proc/{self.pid}/maps").read_text()
        except OSError:
            return False


def _children(pid: int) -> list[str]:
    # The render child leaves the worker's session but stays its child.
    try:
        return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []


@dataclass
class Response:
    status: int
    body: bytes
    headers: dict[str, str]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def get(url: str, cookie: str = "") -> Response:
    """One GET that does not follow redirects, so a redirect to the login page shows as 302."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with _OPENER.open(request, timeout=60) as response:
            return Response(response.status, response.read(), dict(response.headers))
    except urllib.error.HTTPError as error:
        return Response(error.code, error.read(), dict(error.headers))


# --- load ---------------------------------------------------------------------------------------------

_UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}


def _seconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def load_tool() -> str:
    """wrk when installed (Debian: apt-get install wrk), else bench/load.py; BENCH_LOAD_TOOL=python forces it."""
    if os.environ.get("BENCH_LOAD_TOOL") == "python":
        return "python"
    return "wrk" if shutil.which("wrk") else "python"


def load(url: str, cookie: str, seconds: float) -> dict[str, float]:
    """Requests/s, p50 and p99 latency (s) and error counts for `seconds` of load with 16 connections."""
    if load_tool() == "wrk":
        return _wrk(url, cookie, seconds)
    return _python_load(url, cookie, seconds)


def _wrk(url: str, cookie: str, seconds: float) -> dict[str, float]:
    command = [
        "wrk",
        f"-t{THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{math.ceil(seconds)}s",
        "--timeout",
        "20s",
        "--latency",
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(
        [*command, url], capture_output=True, text=True, timeout=seconds + 60, check=True
    ).stdout
    if " 0 requests in" in out or "Requests/sec:" not in out:
        log(f"wrk got no answers from {url}:\n{out}")
    latency = dict(re.findall(r"^\s*(50|99)%\s+([\d.]+(?:us|ms|s|m))\b", out, re.MULTILINE))
    if "99" not in latency:
        raise RuntimeError(f"could not read wrk's latency distribution:\n{out}")
    requests = re.search(r"(\d+) requests in", out)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),  # type: ignore[union-attr]
        "p50": _seconds(latency["50"]),
        "p99": _seconds(latency["99"]),
        "requests": float(requests.group(1)) if requests else 0.0,
        "non_2xx": float(non_2xx.group(1)) if non_2xx else 0.0,
        # Read errors are gunicorn's sync workers closing each connection after the response; not failures.
        "errors": float(int(errors.group(1)) + int(errors.group(4))) if errors else 0.0,
    }


def _python_load(url: str, cookie: str, seconds: float) -> dict[str, float]:
    args = ["--url", url, "--seconds", str(seconds), "--connections", str(CONNECTIONS), "--cookie", cookie]
    done = subprocess.run(
        [PYTHON, "-m", "bench.load", *args], capture_output=True, text=True, timeout=seconds + 60, check=True
    )
    result: dict[str, float] = json.loads(done.stdout)
    return result
