"""`make bench`: prepare a fresh database, run every benchmark of issues 7 and 15, write docs/benchmarks.{md,json}.

Exit status 0 when every figure was measured, whatever the timings (no timing is a test); 1 when a
correctness check failed: a page answered other than 200, query counts differ between account sizes,
WeasyPrint was imported by a web request, or a background task failed.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from typing import Any

from .common import DB_PATH, QUICK, WORK_DIR, Figure, apply_environment, log, machine


def main() -> int:
    started = time.perf_counter()
    apply_environment()
    if WORK_DIR.exists():
        shutil.rmtree(WORK_DIR)
    WORK_DIR.mkdir(parents=True)
    assert not DB_PATH.exists()

    import django

    django.setup()
    # Imported after setup: these modules touch models.
    from assessments.models import ReportCache

    from . import background, data, docs, engine, pages, queue_fairness, report
    from .server import DbWorker, Gunicorn

    figures: list[Figure] = []
    notes: dict[str, Any] = {"quick": QUICK, "machine": machine(), "date": time.strftime("%Y-%m-%d %H:%M %Z")}
    problems: list[str] = []
    from django.conf import settings

    notes["render_nice"] = settings.REPORT_RENDER_NICE  # the worker's, as deployed

    log("data: fresh database, demo account, accounts of 1, 100 and 1,000 assessments, report users")
    dataset = data.prepare()
    notes["organisation_factory"] = dataset.organisation_factory
    problems += data.check_access(dataset)
    if problems:
        log("pages do not answer 200 to their owner: " + "; ".join(problems))
        return 1

    log("query counts and in-process times at 1, 100 and 1,000 assessments")
    counts, notes["in_process_s"] = pages.in_process(dataset)
    notes["query_counts"] = counts
    for page, by_size in counts.items():
        if len(set(by_size.values())) != 1:
            problems.append(f"query count of the {page} page changes with account size: {by_size}")

    log("WeasyPrint kept off the start-up path and off every web request")
    deep = dataset.account("deep", 1_000)
    lazy = notes["lazy"] = _lazy(dataset, deep)
    if lazy["weasyprint_at_startup"] or lazy["weasyprint_after_pages"] or lazy["weasyprint_after_download"]:
        problems.append("WeasyPrint is imported at start-up or by a web request")

    log("engine: assess --jsonl end to end, and in-process")
    engine_figures, notes["engine"] = engine.run()
    figures += engine_figures

    notes["report_css_bytes"] = _stylesheet_bytes()
    with Gunicorn() as server, DbWorker() as worker:
        log("worker: the demo report (the data's other queued renders are not needed, and cancelled)")
        notes["warm_up"] = background.warm_up(dataset.demo_assessment_pk)
        demo = ReportCache.objects.get(assessment_id=dataset.demo_assessment_pk, public=False)
        notes["pdf_pages"] = _pages(bytes(demo.pdf or b""))
        notes["pdf_bytes"] = len(bytes(demo.pdf or b""))
        log("pages under gunicorn (information)")
        page_figures, notes["load"] = pages.page_load(server, dataset)
        figures += page_figures
        log("completion → report downloadable")
        figures.append(background.completion(server, dataset))
        log("one worker's throughput and memory")
        worker_figures, notes["worker"] = background.throughput(worker)
        figures += worker_figures
        background.drain(timeout=0)  # renders the budget left queued are cancelled, not waited for
        log("PDF peer: headless Chromium, and downloads of the prepared report through gunicorn")
        url = f"{server.base}/assessments/{dataset.demo_assessment_pk}/report.pdf"
        peer_figures, notes["peer"] = report.peer(dataset.demo_assessment_pk, (url, dataset.demo_cookie))
        figures += peer_figures
        log("pages while users edit and download reports")
        pressure_figures, notes["pressure"] = background.pressure(server, dataset, worker)
        figures += pressure_figures
        log("one person's burst of re-scores vs another organisation's report")
        # The pressure loops stop the configured worker (they swap in their own): this section needs one again.
        with DbWorker(name="worker-fairness") as fairness_worker:
            background.warm_worker(fairness_worker)
            fairness_figure, notes["queue_fairness"] = queue_fairness.burst_against_another_organisation(
                server
            )
        figures.append(fairness_figure)
        if not fairness_figure.holds:
            problems.append(
                f"another organisation's report waited beyond the bound: {fairness_figure.target}"
            )
        log("completion → report downloadable, renders at normal priority (for comparison)")
        figures.append(background.completion_at_normal_priority(server, dataset))
        notes["pango"] = {"web_workers": server.workers_have_loaded("libpango")}
    if any(notes["pango"]["web_workers"]):
        problems.append("a gunicorn worker loaded Pango (WeasyPrint): a web request rendered")

    log("PDF in-process: a render vs reading the stored report")
    figures += report.in_process(dataset.demo_assessment_pk)
    log("PDF in a new process, and memory")
    cold_figures, notes["pdf_cold"] = report.cold_and_memory(dataset.demo_assessment_pk)
    figures += cold_figures

    log("profiles: slowest page, results page, PDF render")
    notes["profiles"] = _profiles(figures, dataset)

    notes["problems"] = problems
    notes["elapsed_s"] = time.perf_counter() - started
    notes["machine"]["load_average_at_end"] = os.getloadavg()
    paths = docs.write(figures, notes)
    log(f"wrote {', '.join(str(p) for p in paths)} in {notes['elapsed_s']:.0f} s")
    for problem in problems:
        log(f"PROBLEM: {problem}")
    return 1 if problems else 0


def _profiles(figures: list[Figure], dataset: Any) -> dict[str, Any]:
    """The slowest page overall and at N=1, the organisation list at 1,000, the results page, the PDF."""
    from . import profiles

    def profile(figure_key: str) -> dict[str, Any]:
        _pages, page, size = figure_key.split(".")
        account = dataset.account("wide" if page == "list" else "deep", int(size))
        return profiles.page(account.username, account.urls[page]) | {"figure": figure_key}

    measured = [f for f in figures if f.key.startswith("pages.") and f.key.count(".") == 2]
    slowest = min(measured, key=lambda f: f.median).key
    slowest_at_one = min((f for f in measured if f.key.endswith(".1")), key=lambda f: f.median).key
    results = dataset.account("deep", 1_000)
    found = {
        "slowest_page": profile(slowest),
        "slowest_at_1": profile(slowest_at_one),
        "results_page": profiles.page(results.username, results.urls["results"]),
    }
    if slowest != "pages.list.1000":
        found["list_1000"] = profile("pages.list.1000")
    found["pdf_render"] = profiles.pdf_render(dataset.demo_assessment_pk)
    return found


def _pages(data: bytes) -> int | None:
    try:
        from pypdf import PdfReader  # a test extra
    except ImportError:
        return None
    import io

    return len(PdfReader(io.BytesIO(data)).pages)


def _stylesheet_bytes() -> int:
    from django.contrib.staticfiles import finders

    from assessments.report import pdf

    path = finders.find(pdf.STYLESHEET)
    return os.path.getsize(path) if isinstance(path, str) else 0


def _lazy(dataset: Any, account: Any) -> dict[str, Any]:
    from .common import run_child

    urls = [*account.urls.values(), "/", "/methodology/", "/organisations/", "/bench/reference"]
    pdf_url = account.urls["results"].replace("/results/", "/report.pdf")
    result: dict[str, Any] = run_child("bench.lazy", account.username, pdf_url, *urls)
    assert all(status == 200 for status in result["statuses"].values()), result["statuses"]
    assert result["pdf_statuses"] == [202, 202], result[
        "pdf_statuses"
    ]  # preparing, not rendered in the request
    assert result["render"] == "stored" and result["weasyprint_after_render"], "the positive control failed"
    return result


if __name__ == "__main__":
    sys.exit(main())
