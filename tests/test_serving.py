"""How many web workers the production command runs (gunicorn.conf.py)."""

from __future__ import annotations

import runpy

import pytest
from django.conf import settings

from assessments import serving


def test_two_workers_per_cpu_plus_one_unless_web_concurrency_says(monkeypatch):
    monkeypatch.setattr(serving, "available_cpus", lambda: 2)
    assert serving.web_workers({}) == 5
    assert serving.web_workers({"WEB_CONCURRENCY": "3"}) == 3
    with pytest.raises(ValueError, match="WEB_CONCURRENCY must be 1 or more, got '0'"):
        serving.web_workers({"WEB_CONCURRENCY": "0"})
    monkeypatch.setenv("WEB_CONCURRENCY", "4")
    assert runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))["workers"] == 4
