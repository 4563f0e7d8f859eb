"""How many web workers to run: read by gunicorn.conf.py (the web command's settings) and the benchmark."""

from __future__ import annotations

import os
from collections.abc import Mapping


def available_cpus() -> int:
    """The CPUs this process may run on (a container's or taskset's limit, not the machine's count)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def web_workers(environ: Mapping[str, str] = os.environ) -> int:
    """WEB_CONCURRENCY if set (the variable Heroku-style platforms and gunicorn itself use), else gunicorn's
    advice for sync workers: two per CPU, plus one. With only one per CPU, a client that sends its next
    request the moment an answer arrives keeps a worker busy all the time, and every other page queues behind
    it. Each sync worker is one Django process (about 70 MB)."""
    given = environ.get("WEB_CONCURRENCY", "").strip()
    if given:
        workers = int(given)
        if workers < 1:
            raise ValueError(f"WEB_CONCURRENCY must be 1 or more, got {given!r}")
        return workers
    return 2 * available_cpus() + 1
