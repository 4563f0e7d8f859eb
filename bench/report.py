"""PDF report: warm and cold renders, the stored report, memory, and the Chromium peer."""

from __future__ import annotations

import statistics
import time
from typing import Any

from django.test import override_settings

from assessments.models import Assessment
from assessments.report import pdf
from assessments.report import services as reports

from .common import QUICK, RENDER_COST_ENV, Figure, log, p95, run_child

ROUNDS = 3 if QUICK else 10
COLD_RUNS = 2 if QUICK else 5
PEER_COLD_ROUNDS = 2 if QUICK else 5  # a new Chromium and a new WeasyPrint process per PDF: slow
PEER_ROUNDS = 3 if QUICK else 10  # warm renders, each followed by 20 downloads
DOWNLOAD_P95_S = 0.050
DOWNLOAD_SPEEDUP = 10.0


def _demo(pk: int) -> Assessment:
    return Assessment.objects.select_related("organisation", "created_by").get(pk=pk)


@override_settings(**{key: int(value) for key, value in RENDER_COST_ENV.items()})
def in_process(pk: int) -> list[Figure]:
    """A render as the worker does it vs reading the stored report as a download does, in one warm process."""
    pdf.report_pdf(_demo(pk))  # the first render in this process imports WeasyPrint; not counted here
    fresh: list[float] = []
    stored: list[float] = []
    ratios: list[float] = []
    for _ in range(ROUNDS):
        assessment = _demo(pk)
        start = time.perf_counter()
        pdf.report_pdf(assessment, size=assessment.organisation.paper_size)
        fresh.append(time.perf_counter() - start)
        reads = []
        for _ in range(20):
            assessment = _demo(pk)
            start = time.perf_counter()
            row = reports.report_for_download(assessment=assessment, size=assessment.organisation.paper_size)
            assert row.is_ready and bytes(row.pdf or b"").startswith(b"%PDF")
            reads.append(time.perf_counter() - start)
        stored.append(statistics.median(reads))
        ratios.append(fresh[-1] / stored[-1])
    return [
        Figure(
            "pdf.fresh",
            "PDF render, `report_pdf()` in a warm process (context, HTML, fork, WeasyPrint): a worker's "
            "cost per report",
            "s",
            fresh,
            target="≤ 0.5 s",
            holds=statistics.median(fresh) <= 0.5,
        ),
        Figure(
            "pdf.stored",
            "Stored report read, `report_for_download()` (key hash + one query, the PDF's bytes): a "
            "download's cost in-process",
            "s",
            stored,
            ratios=ratios,
            reference="render in-process (speed-up)",
        ),
    ]


def cold_and_memory(pk: int) -> tuple[list[Figure], dict[str, Any]]:
    # The first run also measures a render's Python allocations, the second what PDF/UA tagging costs.
    extra = {0: ["--tracemalloc"], 1: ["--tagging"]}
    runs = [
        run_child("bench.cold", str(pk), *extra.get(n, []), env=RENDER_COST_ENV) for n in range(COLD_RUNS)
    ]
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


def peer(pk: int, download: tuple[str, str]) -> tuple[list[Figure], dict[str, Any]]:
    """The Chromium peer, and downloads of the same report prepared through gunicorn in the same rounds."""
    rounds = (str(PEER_COLD_ROUNDS), str(PEER_ROUNDS))
    result = run_child("bench.peer", str(pk), *rounds, *download, timeout=600, env=RENDER_COST_ENV)
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
    if "skipped" in warm:
        return figures, result
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
    rounds = warm["download_s"]
    every = [t for round_ in rounds for t in round_]
    high = p95(every)
    speedups = [c / statistics.median(r) for c, r in zip(warm["chromium_s"], rounds, strict=True)]
    figures.append(
        Figure(
            "download.prepared",
            f"Download of the prepared report through gunicorn ({len(every)} downloads, one at a time, "
            "signed in: session, access check, key hash, the stored PDF)",
            "s",
            every,
            target=f"p95 ≤ {DOWNLOAD_P95_S * 1000:g} ms",
            holds=high <= DOWNLOAD_P95_S,
            extra={"p95": high},
        )
    )
    strict = statistics.median(warm["chromium_s"]) / high
    figures.append(
        Figure(
            "download.vs_peer",
            "… the same download against Chromium/Playwright rendering the same HTML (per round: Chromium's "
            "render ÷ the round's median download)",
            "s",
            [statistics.median(r) for r in rounds],
            ratios=speedups,
            reference="Chromium/Playwright render, same rounds (speed-up)",
            target=f"≥ {DOWNLOAD_SPEEDUP:g}× faster",
            holds=statistics.median(speedups) >= DOWNLOAD_SPEEDUP,
            extra={"against_p95": strict},
        )
    )
    return figures, result
