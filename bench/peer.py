"""Child: the same report HTML printed by headless Chromium, side by side with WeasyPrint.

`python -m bench.peer PK COLD_ROUNDS WARM_ROUNDS [URL COOKIE]` prints one JSON line. Two pairs, each interleaved run by run:
cold (a new process per PDF: `chromium --headless --print-to-pdf` vs the `weasyprint` command line, both
on the same HTML file with the report stylesheet inlined) and warm (a running Chromium driven by
Playwright vs the app's own render in a process that has rendered before). Given the URL of the same
report, prepared, and a signed-in cookie, each warm round also downloads it through the server
(issue 15: a download of the prepared report against the peer's render, same rounds).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import django

django.setup()

from django.contrib.staticfiles import finders  # noqa: E402

from assessments.models import Assessment  # noqa: E402
from assessments.report import pdf  # noqa: E402
from bench.common import PYTHON, WORK_DIR  # noqa: E402
from bench.server import get  # noqa: E402

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--no-pdf-header-footer",
]  # fmt: skip


def standalone_html(pk: int) -> tuple[str, str]:
    """(the app's report HTML, the same with report.css and the A4 rule inlined, for other renderers)."""
    assessment = Assessment.objects.select_related("organisation", "created_by").get(pk=pk)
    html = pdf.render_report_html(pdf.report_context(assessment))
    css_path = finders.find(pdf.STYLESHEET)
    assert isinstance(css_path, str)
    style = f"<style>{Path(css_path).read_text()}\n{pdf.PAGE_SIZES['a4']}</style>"
    return html, html.replace("</head>", style + "</head>", 1)


def pages(path: Path) -> int | None:
    try:
        from pypdf import PdfReader
    except ImportError:
        return None
    return len(PdfReader(path).pages)


def _timed_run(command: list[str], output: Path) -> float:
    output.unlink(missing_ok=True)
    start = time.perf_counter()
    subprocess.run(command, capture_output=True, timeout=120, check=True)
    elapsed = time.perf_counter() - start
    assert output.exists() and output.read_bytes().startswith(b"%PDF"), f"{command[0]} wrote no PDF"
    return elapsed


def cold(html_path: Path, rounds: int, profile_dir: str) -> dict[str, Any]:
    chromium_pdf, weasy_pdf = WORK_DIR / "peer-chromium.pdf", WORK_DIR / "peer-weasyprint-cli.pdf"
    chromium = [
        shutil.which("chromium") or "chromium", *CHROMIUM_FLAGS, f"--user-data-dir={profile_dir}",
        f"--print-to-pdf={chromium_pdf}", html_path.as_uri(),
    ]  # fmt: skip
    weasy = [PYTHON, "-m", "weasyprint", "--pdf-variant", "pdf/ua-1", str(html_path), str(weasy_pdf)]
    _timed_run(chromium, chromium_pdf)  # the first Chromium start creates its profile directory
    chromium_s, weasy_s = [], []
    for _ in range(rounds):
        chromium_s.append(_timed_run(chromium, chromium_pdf))
        weasy_s.append(_timed_run(weasy, weasy_pdf))
    return {
        "chromium_s": chromium_s,
        "weasyprint_s": weasy_s,
        "chromium_pages": pages(chromium_pdf),
        "weasyprint_pages": pages(weasy_pdf),
    }


DOWNLOADS_PER_ROUND = 20


def _downloads(url: str, cookie: str) -> list[float]:
    times = []
    for _ in range(DOWNLOADS_PER_ROUND):
        start = time.perf_counter()
        response = get(url, cookie)
        times.append(time.perf_counter() - start)
        assert response.status == 200 and response.body.startswith(b"%PDF"), (
            f"download: HTTP {response.status}"
        )
    return times


def warm(app_html: str, standalone: str, rounds: int, download: tuple[str, str] | None) -> dict[str, Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"skipped": "Playwright is not installed (it comes with the test extras)"}
    pdf.render_pdf(app_html)  # WeasyPrint warm: imported, stylesheet parsed, one render done
    chromium_s, weasy_s = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), args=CHROMIUM_FLAGS[1:]
        )
        page = browser.new_page()
        page.set_content(standalone)
        page.pdf(prefer_css_page_size=True)  # warm the browser's renderer too
        data = b""
        downloads: list[list[float]] = []
        for _ in range(rounds):
            start = time.perf_counter()
            page.set_content(standalone)
            data = page.pdf(prefer_css_page_size=True)
            chromium_s.append(time.perf_counter() - start)
            start = time.perf_counter()
            pdf.render_pdf(app_html)
            weasy_s.append(time.perf_counter() - start)
            if download:
                downloads.append(_downloads(*download))
        browser.close()
    (WORK_DIR / "peer-playwright.pdf").write_bytes(data)
    return {"chromium_s": chromium_s, "weasyprint_s": weasy_s, "download_s": downloads}


def main() -> None:
    pk, cold_rounds, rounds = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    download = (sys.argv[4], sys.argv[5]) if len(sys.argv) > 5 else None
    if not shutil.which("chromium"):
        print(json.dumps({"skipped": "chromium is not installed (Debian: apt-get install chromium)"}))
        return
    app_html, standalone = standalone_html(pk)
    html_path = WORK_DIR / "peer-report.html"
    html_path.write_text(standalone)
    with tempfile.TemporaryDirectory(prefix="bench-chromium-") as profile_dir:
        result = {
            "cold": cold(html_path, cold_rounds, profile_dir),
            "warm": warm(app_html, standalone, rounds, download),
        }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
