"""`make bench`: prepare a fresh database, run every benchmark of issue 7, write docs/benchmarks.{md,json}.

Exit status 0 when every figure was measured, whatever the timings (no timing is a test); 1 when a
correctness check failed: a page answered other than 200, query counts differ between account sizes,
or WeasyPrint was imported by a page that is not the PDF.
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
    from . import data, docs, engine, pages, report
    from .server import Gunicorn

    figures: list[Figure] = []
    notes: dict[str, Any] = {"quick": QUICK, "machine": machine(), "date": time.strftime("%Y-%m-%d %H:%M %Z")}
    problems: list[str] = []

    log("data: fresh database, demo account, accounts of 1, 100 and 1,000 assessments")
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

    log("WeasyPrint kept off the start-up path and the other pages")
    deep = dataset.account("deep", 1_000)
    lazy = notes["lazy"] = _lazy(dataset, deep)
    if lazy["weasyprint_at_startup"] or lazy["weasyprint_after_pages"]:
        problems.append("WeasyPrint is imported at start-up or by a page that is not the PDF")

    log("engine: assess --jsonl end to end, and in-process")
    engine_figures, notes["engine"] = engine.run()
    figures += engine_figures

    # Prime the demo report's cache here, so the server's workers never import WeasyPrint before the
    # page measurements (the Pango check below relies on it).
    from assessments import pdf as app_pdf
    from assessments.models import Assessment

    primed = app_pdf.report_pdf(
        Assessment.objects.select_related("organisation").get(pk=dataset.demo_assessment_pk)
    )
    notes["pdf_pages"] = _pages(primed)
    notes["report_css_bytes"] = _stylesheet_bytes()
    log("pages under gunicorn")
    with Gunicorn() as server:
        page_figures, notes["load"] = pages.page_load(server, dataset)
        figures += page_figures
        log("PDF through gunicorn: fresh vs cached")
        http_figures, notes["pdf_http"] = pages.pdf_over_http(server, dataset)
        figures += http_figures
    if any(notes["pdf_http"]["pango_before_pdf"]):
        problems.append("a gunicorn worker loaded Pango (WeasyPrint) before any PDF was rendered")

    log("PDF in-process: warm fresh vs cached")
    figures += report.in_process(dataset.demo_assessment_pk)
    log("PDF in a new process, and memory")
    cold_figures, notes["pdf_cold"] = report.cold_and_memory(dataset.demo_assessment_pk)
    figures += cold_figures
    log("PDF peer: headless Chromium")
    peer_figures, notes["peer"] = report.peer(dataset.demo_assessment_pk)
    figures += peer_figures

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

    from assessments import pdf

    path = finders.find(pdf.STYLESHEET)
    return os.path.getsize(path) if isinstance(path, str) else 0


def _lazy(dataset: Any, account: Any) -> dict[str, Any]:
    from .common import run_child

    urls = [*account.urls.values(), "/", "/methodology/", "/organisations/", "/bench/reference"]
    pdf_url = account.urls["results"].replace("/results/", "/report.pdf")
    result: dict[str, Any] = run_child("bench.lazy", account.username, pdf_url, *urls)
    assert all(status == 200 for status in result["statuses"].values()), result["statuses"]
    assert result["pdf_status"] == 200 and result["weasyprint_after_pdf"], "the positive control failed"
    return result


if __name__ == "__main__":
    sys.exit(main())
