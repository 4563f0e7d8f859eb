"""Paths, the bench's environment, figures and their statistics. No Django imports here."""

from __future__ import annotations

import json
import os
import secrets
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BASE_DIR = Path(__file__).resolve().parent.parent
WORK_DIR = BASE_DIR / "var" / "bench"
DB_PATH = WORK_DIR / "bench.sqlite3"
DOCS_DIR = BASE_DIR / "docs"
PYTHON = sys.executable

# BENCH_QUICK=1 shortens every loop, for working on the bench itself; the figures are then rougher.
QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0")
SIZES = (1, 100, 1_000)


def bench_environment() -> dict[str, str]:
    """Production settings on plain http, a fresh SQLite file, and one secret shared by every child."""
    return {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DATABASE_URL": f"sqlite:///{DB_PATH}",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        # Compression only changes what collectstatic writes; no page measured here serves static files.
        "STATIC_COMPRESS": "0",
        "PYTHONHASHSEED": "0",
        # The report users edit and download as fast as a browser lets them (~15 saves a minute each): limits
        # raised so that every edit renders, the worst case for the pages measured meanwhile.
        "RATE_LIMIT_PROFILE": "100000/m",
        "RATE_LIMIT_PDF": "100000/m",
    }


def apply_environment() -> None:
    env = bench_environment()
    env["BENCH_SECRET_KEY"] = env["SECRET_KEY"]
    os.environ.update(env)


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# Figures of what a render costs (in-process, a new process, the peer) are taken at normal CPU priority: they
# measure WeasyPrint, not the scheduler. The worker keeps the app's own REPORT_RENDER_NICE.
RENDER_COST_ENV = {"REPORT_RENDER_NICE": "0"}


def run_child(module: str, *args: str, timeout: float = 300, env: dict[str, str] | None = None) -> Any:
    """Run `python -m module args` with the bench environment (and `env`); its last stdout line is JSON."""
    done = subprocess.run(
        [PYTHON, "-m", module, *args],
        cwd=BASE_DIR,
        env=os.environ | (env or {}),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{module} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def p95(values: list[float]) -> float:
    """The 95th percentile (of 20 or more values; the largest of fewer)."""
    return statistics.quantiles(values, n=20)[18] if len(values) >= 20 else max(values)


def timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


@dataclass
class Figure:
    """One measured quantity: every run's value, and optionally each run's ratio to its reference."""

    key: str
    what: str
    unit: str
    runs: list[float]
    ratios: list[float] = field(default_factory=list)
    reference: str = ""  # what the ratio is taken against, in words
    target: str = ""  # the target in words, empty when the figure has none
    holds: bool | None = None
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def ratio(self) -> float | None:
        return statistics.median(self.ratios) if self.ratios else None

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "what": self.what,
            "unit": self.unit,
            "median": self.median,
            "min": min(self.runs),
            "max": max(self.runs),
            "runs": self.runs,
            "ratio_median": self.ratio,
            "ratios": self.ratios,
            "reference": self.reference,
            "target": self.target,
            "holds": self.holds,
            "note": self.note,
            **({"extra": self.extra} if self.extra else {}),
        }


def fmt(value: float, unit: str) -> str:
    """A figure in a unit people read easily (seconds as ms or µs when small)."""
    if unit == "s":
        if value < 1e-3:
            return f"{value * 1e6:,.1f} µs"
        if value < 1:
            return f"{value * 1e3:,.1f} ms"
        return f"{value:,.2f} s"
    if unit in ("req/s", "profiles/s"):
        return f"{value:,.0f} {unit}" if value >= 100 else f"{value:,.1f} {unit}"
    if unit == "reports/min":
        return f"{value:,.0f} {unit}"
    if unit == "MB":
        return f"{value:,.1f} MB"
    if unit == "queries":
        return f"{value:g}"
    return f"{value:,.3g} {unit}".strip()


def read_rss_mb(pid: int | str = "self") -> float:
    """Current resident set size from /proc (Linux); 0 where /proc is missing."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _first_line(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "not installed"
    return (done.stdout or done.stderr).strip().splitlines()[0] if (done.stdout or done.stderr) else "?"


def machine() -> dict[str, Any]:
    """What the figures were measured on; versions of everything on the measured paths."""
    import platform
    import sqlite3

    import django
    import gunicorn

    cpu = "unknown CPU"
    memory = 0.0
    try:
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
        memory = int(Path("/proc/meminfo").read_text().split()[1]) / 2**20
    except (OSError, StopIteration, ValueError):
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(memory, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "weasyprint": _first_line([PYTHON, "-c", "import weasyprint; print(weasyprint.__version__)"]),
        "gunicorn": gunicorn.__version__,
        "sqlite": sqlite3.sqlite_version,
        "wrk": _first_line(["wrk", "--version"]).split(" [")[0],
        "chromium": _first_line(["chromium", "--version"]),
        "load_average_at_start": os.getloadavg(),
    }
