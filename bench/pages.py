"""Pages: query counts in-process, then throughput and latency under gunicorn, side by side with the reference."""

from __future__ import annotations

import math
import statistics
import time
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from assessments.models import Assessment
from assessments.report import services as reports

from .common import QUICK, SIZES, Figure, log
from .data import Dataset
from .server import CONNECTIONS, WORKERS, Gunicorn, get, load, load_tool

ROUNDS = 1 if QUICK else 2
SECONDS = 1.0 if QUICK else 2.0  # per load run; slow pages get longer runs, up to MAX_SECONDS
MAX_SECONDS = 5.0 if QUICK else 10.0
REFERENCE_SECONDS = 1.0
PDF_ROUNDS = 3 if QUICK else 10
REFERENCE = "/bench/reference"
# (page key, shape of the account it is measured on, what the table calls it, the ratio issue 7 aimed at;
# information since issue 15, which measures pages by their latency while reports render instead)
PAGES: tuple[tuple[str, str, str, float], ...] = (
    ("step", "deep", "Questionnaire step (GET), account of {n} assessment{s}", 0.15),
    ("results", "deep", "Results page, account of {n} assessment{s}", 0.30),
    ("history", "deep", "Organisation history, {n} assessment{s} in the organisation", 0.30),
    ("list", "wide", "Organisation list, {n} organisation{s}", 0.30),
)


def in_process(dataset: Dataset) -> tuple[dict[str, dict[int, int]], dict[str, dict[int, float]]]:
    """Queries per page view at each account size, and the view's time, in-process with the test client.

    The second view is counted (the first may fill per-process caches); the time is the median of views
    repeated for about half a second, with nothing else loading the server.
    """
    counts: dict[str, dict[int, int]] = {}
    times: dict[str, dict[int, float]] = {}
    users = get_user_model().objects
    pages = [(key, shape) for key, shape, _what, _target in PAGES] + [("pdf", "deep")]
    for key, shape in pages:
        for size in SIZES:
            account = dataset.account(shape, size)
            client = Client()
            client.force_login(users.get(username=account.username))
            url = (
                account.urls["results"].replace("/results/", "/report.pdf")
                if key == "pdf"
                else account.urls[key]
            )
            if key == "pdf":
                prepare_report(account.urls["results"])
            assert client.get(url).status_code == 200
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, f"{key} at {size}: HTTP {response.status_code}"
            counts.setdefault(key, {})[size] = len(queries)
            samples: list[float] = []
            deadline = time.perf_counter() + 0.5
            while len(samples) < 3 or (time.perf_counter() < deadline and len(samples) < 50):
                start = time.perf_counter()
                client.get(url)
                samples.append(time.perf_counter() - start)
            times.setdefault(key, {})[size] = statistics.median(samples)
    return counts, times


def prepare_report(results_url: str) -> None:
    """Render an assessment's report in this process, as the worker would, so its download is a read."""
    assessment = Assessment.objects.select_related("organisation", "created_by").get(
        pk=int(results_url.strip("/").split("/")[1])
    )
    row = reports.request_report(assessment=assessment, size=assessment.organisation.paper_size)
    if not row.is_ready:
        assert reports.render_report.call(report_id=row.pk, key=row.key) == "stored"


def _targets(dataset: Dataset) -> list[tuple[str, str, str]]:
    """(figure key, URL path, cookie) of everything loaded in one round, the reference first."""
    targets = [("reference", REFERENCE, "")]
    for key, shape, _what, _target in PAGES:
        for size in SIZES:
            account = dataset.account(shape, size)
            targets.append((f"{key}.{size}", account.urls[key], account.cookie))
    targets.append(
        ("pdf-cached", f"/assessments/{dataset.demo_assessment_pk}/report.pdf", dataset.demo_cookie)
    )
    return targets


def _check_pages(server: Gunicorn, targets: list[tuple[str, str, str]]) -> dict[str, float]:
    """Each target answers 200 under gunicorn; returns each one's single-request latency (warm, median of 5)."""
    latency = {}
    for key, path, cookie in targets:
        times = []
        for _ in range(5):  # also warms both workers' template and URL caches
            start = time.perf_counter()
            response = get(server.base + path, cookie)
            times.append(time.perf_counter() - start)
            if response.status != 200:
                raise RuntimeError(f"{key}: {path} answered HTTP {response.status} under gunicorn, not 200")
        latency[key] = statistics.median(times)
    return latency


def _duration(latency: float) -> float:
    """Long enough for ~50 answers past the 16-deep queue on a slow page, within MAX_SECONDS."""
    expected_rps = WORKERS / latency
    return float(math.ceil(min(MAX_SECONDS, max(SECONDS, (50 + CONNECTIONS) / expected_rps))))


def _drain(server: Gunicorn) -> None:
    """Wait until requests wrk left queued when it stopped have been served, so they slow nothing after."""
    deadline = time.monotonic() + 120
    quick = 0
    while quick < 2 and time.monotonic() < deadline:
        start = time.perf_counter()
        get(server.base + REFERENCE)
        quick = quick + 1 if time.perf_counter() - start < 0.05 else 0


def page_load(server: Gunicorn, dataset: Dataset) -> tuple[list[Figure], dict[str, Any]]:
    targets = _targets(dataset)
    single = _check_pages(server, targets)
    durations = {key: _duration(latency) for key, latency in single.items()}
    samples: dict[str, list[dict[str, float]]] = {key: [] for key, _p, _c in targets}
    ratios: dict[str, list[float]] = {key: [] for key, _p, _c in targets}

    def measure(key: str, path: str, cookie: str, seconds: float | None = None) -> dict[str, float]:
        sample = load(server.base + path, cookie, seconds or durations[key])
        _drain(server)
        return sample

    for round_number in range(ROUNDS):
        # Every page is bracketed by two short reference runs and its ratio is to their mean, so a burst
        # of other work on the machine hits a page and its yardstick alike.
        previous = measure(*targets[0], seconds=REFERENCE_SECONDS)
        samples["reference"].append(previous)
        for key, path, cookie in targets[1:]:
            sample = measure(key, path, cookie)
            following = measure(*targets[0], seconds=REFERENCE_SECONDS)
            samples["reference"].append(following)
            samples[key].append(sample)
            ratios[key].append(sample["rps"] / ((previous["rps"] + following["rps"]) / 2))
            previous = following
        reference_rps = statistics.median(s["rps"] for s in samples["reference"])
        log(f"pages: round {round_number + 1}/{ROUNDS} done (reference {reference_rps:,.0f} req/s so far)")
    bad = {k: sum(s["non_2xx"] for s in v) for k, v in samples.items() if sum(s["non_2xx"] for s in v)}
    if bad:
        raise RuntimeError(f"error responses under load: {bad}")
    settings = {
        "tool": load_tool(),
        "rounds": ROUNDS,
        "connections": CONNECTIONS,
        "workers": WORKERS,
        "seconds": durations | {"reference": REFERENCE_SECONDS},
        "base_seconds": SECONDS,
        "max_seconds": MAX_SECONDS,
        "single_request_s": single,
    }
    return _page_figures(samples, ratios), settings


def _latency(samples: list[dict[str, float]]) -> dict[str, float]:
    return {
        "p50": statistics.median(s["p50"] for s in samples),
        "p99": statistics.median(s["p99"] for s in samples),
        "requests": sum(s["requests"] for s in samples),
    }


def _page_figures(samples: dict[str, list[dict[str, float]]], ratios: dict[str, list[float]]) -> list[Figure]:
    reference = samples["reference"]
    figures = [
        Figure(
            "pages.reference",
            "Reference view (`/bench/reference`, HttpResponse('ok'), no database)",
            "req/s",
            [s["rps"] for s in reference],
            extra=_latency(reference),
        )
    ]
    for key, _shape, what, aim in PAGES:
        at_one = statistics.median(ratios[f"{key}.1"])
        noise = _noise(ratios[f"{key}.1"])
        for size in SIZES:
            runs = ratios[f"{key}.{size}"]
            ratio = statistics.median(runs)
            note = f"issue 7 aimed at {aim:.2f}"
            if size != 1:
                change = ratio / at_one - 1
                unchanged = abs(change) <= noise
                note += f"; {change:+.0%} vs N=1" + (" (within noise)" if unchanged else " — outside noise")
            figures.append(
                Figure(
                    f"pages.{key}.{size}",
                    what.format(n=f"{size:,}", s="" if size == 1 else "s"),
                    "req/s",
                    [s["rps"] for s in samples[f"{key}.{size}"]],
                    ratios=runs,
                    reference="reference view",
                    note=note,
                    extra=_latency(samples[f"{key}.{size}"]) | {"noise": noise, "aim": aim},
                )
            )
    figures.append(
        Figure(
            "pages.pdf-cached",
            "PDF download, prepared (demo report, through the view)",
            "req/s",
            [s["rps"] for s in samples["pdf-cached"]],
            ratios=ratios["pdf-cached"],
            reference="reference view",
            extra=_latency(samples["pdf-cached"]),
        )
    )
    return figures


def _noise(runs: list[float]) -> float:
    """How far a ratio may move and still count as unchanged: its N=1 runs' spread, and at least 10 %."""
    return max(0.10, (max(runs) - min(runs)) / statistics.median(runs))
