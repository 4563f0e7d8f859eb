"""Take the README screenshots from a running `make run` server (demo data): python scripts/screenshots.py.

`--languages` takes only the French results page and the German PDF's first page (pdftoppm, poppler-utils).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

ARGS = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
BASE = ARGS[0] if ARGS else "http://127.0.0.1:8000"
OUT = "docs/screenshots"


def main() -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=shutil.which("chromium"),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-sync"],
        )
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.goto(f"{BASE}/accounts/login/")
        page.fill("#id_username", "demo")
        page.fill("#id_password", "demo-advisor-2026")
        page.get_by_role("button", name="Log in").click()
        if "--languages" in sys.argv:
            languages(page)
            browser.close()
            return
        page.screenshot(path=f"{OUT}/organisations.png")
        page.get_by_role("link", name="Northwind Logistics", exact=True).click()
        history = page.url
        page.screenshot(path=f"{OUT}/history.png", full_page=True)
        page.get_by_role("link", name="Raters").click()
        page.screenshot(path=f"{OUT}/panel.png", full_page=True)
        page.goto(history)
        page.get_by_role("link", name="Results").first.click()
        page.screenshot(path=f"{OUT}/results.png", full_page=True)
        page.goto(f"{BASE}/organisations/")
        page.get_by_role("link", name="Resume draft for Northwind Logistics").click()
        page.screenshot(path=f"{OUT}/step.png", full_page=True)
        languages(page)
        browser.close()


def languages(page: Any) -> None:
    """The results page in French, and the first page of the report in German; the demo ends in English."""
    page.goto(f"{BASE}/organisations/")
    page.get_by_role("link", name="Northwind Logistics", exact=True).click()
    page.get_by_role("link", name="Results").first.click()
    results = page.url
    page.get_by_role("button", name="Français").click()
    page.screenshot(path=f"{OUT}/results-fr.png", full_page=True)
    pdf_url = page.get_by_role("link", name="Deutsch").get_attribute("href")
    for _ in range(60):  # the worker renders it; the page says "preparing" (202) until then
        response = page.request.get(f"{BASE}{pdf_url}")
        if response.status == 200:
            break
        time.sleep(1)
    else:
        raise SystemExit("the German report was not ready within a minute: is the worker running?")
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder, "report-de.pdf")
        report.write_bytes(response.body())
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "80",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                report,
                f"{OUT}/report-de-page-1",
            ],
            check=True,
        )
    page.goto(results)
    page.get_by_role("button", name="English").click()


if __name__ == "__main__":
    main()
