"""PDF report: warm and cold renders, the cache, memory, and the Chromium peer."""

from __future__ import annotations

import statistics
import time
from typing import Any

from assessments import pdf
from assessments.models import Assessment, ReportCache

from .common import QUICK, Figure, log, run_child

ROUNDS = 3 if QUICK else 10
COLD_RUNS = 2 if QUICK else 5
PEER_ROUNDS = 2 if QUICK else 5


def _demo(pk: int) -> Assessment:
    return Assessment.objects.select_related("organisation", "created_by").get(pk=pk)


def in_process(pk: int) -> list[Figure]:
    """report_pdf() with the cache emptied vs with a cache hit, in a process that has rendered before."""
    pdf.report_pdf(_demo(pk))  # the first render in this process imports WeasyPrint; not counted here
    fresh: list[float] = []
    cached: list[float] = []
    ratios: list[float] = []
    for _ in range(ROUNDS):
        ReportCache.objects.filter(assessment_id=pk).delete()
        assessment = _demo(pk)
        start = time.perf_counter()
        pdf.report_pdf(assessment)
        fresh.append(time.perf_counter() - start)
        hits = []
        for _ in range(20):
            assessment = _demo(pk)
            start = time.perf_counter()
            pdf.report_pdf(assessment)
            hits.append(time.perf_counter() - start)
        cached.append(statistics.median(hits))
        ratios.append(fresh[-1] / cached[-1])
    return [
        Figure(
            "pdf.fresh",
            "PDF fresh render, `report_pdf()` in a warm process (context, HTML, fork, WeasyPrint, store)",
            "s",
            fresh,
            target="≤ 0.5 s",
            holds=statistics.median(fresh) <= 0.5,
        ),
        Figure(
            "pdf.cached",
            "PDF from the cache, `report_pdf()` (key hash + one query)",
            "s",
            cached,
            ratios=ratios,
            reference="fresh render in-process (speed-up)",
            target="≥ 100× faster than fresh",
            holds=statistics.median(ratios) >= 100,
        ),
    ]


def cold_and_memory(pk: int) -> tuple[list[Figure], dict[str, Any]]:
    # The first run also measures a render's Python allocations, the second what PDF/UA tagging costs.
    extra = {0: ["--tracemalloc"], 1: ["--tagging"]}
    runs = [run_child("bench.cold", str(pk), *extra.get(n, [])) for n in range(COLD_RUNS)]
    tagging = runs[1]["tagging"]
    first = [r["first_render_s"] for r in runs]
    second = [r["second_render_s"] for r in runs]
    figures = [
        Figure(
            "pdf.cold",
            "PDF first render in a new process (Django ready → PDF: import WeasyPrint, CSS, fonts, render)",
            "s",
            first,
            ratios=[f / s for f, s in zip(first, second, strict=True)],
            reference="second render in the same process",
        ),
        Figure("pdf.cold.import", "… of which `import weasyprint`", "s", [r["import_s"] for r in runs]),
        Figure(
            "pdf.cold.toolkit",
            "… of which stylesheet parse + font set-up + warm-up render",
            "s",
            [r["toolkit_s"] for r in runs],
        ),
        Figure(
            "pdf.untagged",
            "Same render without PDF/UA tagging (not an option for the app; shows what tagging costs)",
            "s",
            tagging["untagged"],
            ratios=[t / u for t, u in zip(tagging["tagged"], tagging["untagged"], strict=True)],
            reference="the tagged render, same runs (time ratio)",
        ),
        Figure(
            "pdf.memory.child",
            "PDF render: peak RSS of the forked render child (`getrusage(RUSAGE_CHILDREN)`)",
            "MB",
            [r["render_child_peak_mb"] for r in runs],
        ),
        Figure(
            "pdf.memory.growth",
            "PDF render: child peak above the worker's RSS at fork (what one render adds)",
            "MB",
            [r["render_child_peak_mb"] - r["rss_parent_mb"] for r in runs],
        ),
        Figure(
            "pdf.memory.toolkit",
            "Worker RSS added by WeasyPrint's import and warm-up (paid once per worker, PDF only)",
            "MB",
            [r["rss_parent_mb"] - r["rss_before_mb"] for r in runs],
        ),
        Figure(
            "pdf.memory.tracemalloc",
            "PDF render: peak Python allocations of one render (tracemalloc, in-process)",
            "MB",
            [runs[0]["tracemalloc_peak_mb"]],
        ),
    ]
    return figures, {"cold_runs": runs}


def peer(pk: int) -> tuple[list[Figure], dict[str, Any]]:
    result = run_child("bench.peer", str(pk), str(PEER_ROUNDS), timeout=600)
    if "skipped" in result:
        log(f"peer: {result['skipped']}")
        return [], result
    figures = []
    cold = result["cold"]
    figures.append(
        Figure(
            "peer.cold.weasyprint",
            "Same HTML, `weasyprint` command line (new process per PDF)",
            "s",
            cold["weasyprint_s"],
        )
    )
    figures.append(
        Figure(
            "peer.cold.chromium",
            "Same HTML, `chromium --headless --print-to-pdf` (new process per PDF)",
            "s",
            cold["chromium_s"],
            ratios=[c / w for c, w in zip(cold["chromium_s"], cold["weasyprint_s"], strict=True)],
            reference="`weasyprint` command line (time ratio; > 1 means Chromium is slower)",
        )
    )
    warm = result["warm"]
    if "skipped" not in warm:
        figures.append(
            Figure(
                "peer.warm.chromium",
                "Same HTML, running Chromium via Playwright (`set_content` + `page.pdf()`)",
                "s",
                warm["chromium_s"],
                ratios=[c / w for c, w in zip(warm["chromium_s"], warm["weasyprint_s"], strict=True)],
                reference="app's warm WeasyPrint render, same runs (time ratio)",
            )
        )
        figures.append(
            Figure("peer.warm.weasyprint", "Same HTML, app's warm `render_pdf()`", "s", warm["weasyprint_s"])
        )
    return figures, result
