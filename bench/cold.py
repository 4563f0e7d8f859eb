"""Child: the first PDF render in a new process, its parts, and the memory a render takes.

`python -m bench.cold PK [--tracemalloc] [--tagging]` prints one JSON line. Run with the bench's environment.
"""

from __future__ import annotations

import gc
import json
import resource
import sys
import time
from typing import Any

START = time.perf_counter()

import django  # noqa: E402

django.setup()

from assessments.models import Assessment  # noqa: E402
from assessments.report import pdf  # noqa: E402
from bench.common import read_rss_mb  # noqa: E402


def main() -> None:
    pk = int(sys.argv[1])
    ready = time.perf_counter()
    assessment = Assessment.objects.select_related("organisation", "created_by").get(pk=pk)
    html = pdf.render_report_html(pdf.report_context(assessment))
    rss_before = read_rss_mb()
    assert "weasyprint" not in sys.modules, "WeasyPrint was imported before the first render"
    t0 = time.perf_counter()
    import weasyprint  # noqa: F401  - timed on its own: this is the cost kept off every other page

    t1 = time.perf_counter()
    pdf._toolkit()  # stylesheet parse, font configuration, warm-up render
    t2 = time.perf_counter()
    rss_parent = read_rss_mb()
    data = pdf.render_pdf(html)
    t3 = time.perf_counter()
    child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux
    second = time.perf_counter()
    pdf.render_pdf(html)
    warm = time.perf_counter() - second
    out: dict[str, Any] = {
        "django_ready_s": ready - START,
        "html_s": t0 - ready,
        "import_s": t1 - t0,
        "toolkit_s": t2 - t1,
        "render_s": t3 - t2,
        "first_render_s": t3 - t0 + (t0 - ready),  # from a ready Django process to the PDF's bytes
        "second_render_s": warm,
        "rss_before_mb": rss_before,
        "rss_parent_mb": rss_parent,
        "render_child_peak_mb": child_peak,
        "bytes": len(data),
    }
    if "--tagging" in sys.argv:
        out["tagging"] = _tagging(html)
    if "--tracemalloc" in sys.argv:
        import tracemalloc

        tracemalloc.start()
        pdf._write_pdf(html, "a4")  # in this process, so every Python allocation of one render is traced
        out["tracemalloc_peak_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    print(json.dumps(out))


def _tagging(html: str, rounds: int = 5) -> dict[str, list[float]]:
    """The same render with and without PDF/UA tagging, side by side, garbage collection off as in the
    app's render child (so the two differ only in what WeasyPrint does)."""
    kit = pdf._toolkit()
    times: dict[str, list[float]] = {"tagged": [], "untagged": []}
    for _ in range(rounds):
        for name, options in (("tagged", {"pdf_variant": "pdf/ua-1"}), ("untagged", {})):
            document = kit.html_class(string=html, base_url=pdf.STATIC_BASE_URL, url_fetcher=kit.fetcher)
            gc.disable()
            start = time.perf_counter()
            document.write_pdf(stylesheets=kit.stylesheets["a4"], font_config=kit.font_config, **options)
            times[name].append(time.perf_counter() - start)
            gc.enable()
            gc.collect()
    return times


if __name__ == "__main__":
    main()
