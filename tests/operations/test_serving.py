"""How many web workers the production command runs (gunicorn.conf.py)."""

from __future__ import annotations

import runpy

import pytest
from django.conf import settings

from assessments.operations import serving


def test_two_workers_per_cpu_plus_one_unless_web_concurrency_says(monkeypatch):
    monkeypatch.setattr(serving, "available_cpus", lambda: 2)
    assert serving.web_workers({}) == 5
    assert serving.web_workers({"WEB_CONCURRENCY": "3"}) == 3
    with pytest.raises(ValueError, match="WEB_CONCURRENCY must be 1 or more, got '0'"):
        serving.web_workers({"WEB_CONCURRENCY": "0"})
    monkeypatch.setenv("WEB_CONCURRENCY", "4")
    assert runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))["workers"] == 4


def test_the_cpus_are_those_this_process_may_use(monkeypatch):
    monkeypatch.setattr(serving.os, "sched_getaffinity", {0: {0, 3, 5}}.__getitem__, raising=False)
    monkeypatch.setattr(serving.os, "cpu_count", lambda: 12)
    assert (
        serving.available_cpus() == 3
    )  # this process's (a container or taskset limit), not the machine's 12
    monkeypatch.delattr(serving.os, "sched_getaffinity")  # macOS, Windows
    assert serving.available_cpus() == 12
    monkeypatch.setattr(serving.os, "cpu_count", lambda: None)  # "cannot tell"
    assert serving.available_cpus() == 1
