"""Take the README screenshots from a running `make run` server (demo data): python scripts/screenshots.py."""

from __future__ import annotations

import shutil
import sys

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
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
        page.click("button[type=submit]")
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
        browser.close()


if __name__ == "__main__":
    main()
