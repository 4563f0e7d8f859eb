"""The boundary charter in a browser: from the advice to a signed charter, its XLSX and the PDF report."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from playwright.sync_api import expect

from tests import printed
from tests.e2e.conftest import assert_accessible, sign_in
from tests.factories import OrganisationFactory, UserFactory, completed_assessment, member

SECURITY = "Security considerations for AI models and data"
# Set CAIO_SCREENSHOTS=docs/screenshots to refresh the README's charter screenshot.
SCREENSHOTS = os.environ.get("CAIO_SCREENSHOTS")


def no_sideways_scroll(page: Any) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    wide = page.evaluate(
        "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 391 && !e.closest('.charter-scroll table'))"
        ".slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + (e.id || ''))"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, (page.url, wide)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_start_from_the_advice_add_a_ciso_move_an_a_name_a_forum_sign_export_and_print(
    page, browser, live_server, console, real_pdf
):
    base = live_server.url
    alice = UserFactory(username="alice")
    organisation = OrganisationFactory(owner=alice, name="Northwind Logistics")
    member(organisation, UserFactory(username="erin"), "editor")
    assessment = completed_assessment(organisation=organisation)

    sign_in(page, base, "alice")
    page.goto(f"{base}/assessments/{assessment.pk}/results/")
    page.get_by_role("button", name="Start a boundary charter").click()
    expect(page.get_by_role("heading", name="Edit the boundary charter, version 1")).to_be_visible()
    assert_accessible(page)
    no_sideways_scroll(page)

    # Add the organisation's own role: the CISO, with its holder.
    page.get_by_label("Title of a new role (for example CISO)").fill("CISO")
    page.get_by_label("Who holds the new role").fill("Sam Ortiz")
    page.get_by_role("button", name="Save the charter").click()
    expect(page.get_by_text("Every cell follows the advice.")).to_be_visible()
    assert_accessible(page)

    # Two A's on one row are refused with a message on that row; then the A moves to the CISO.
    page.get_by_role("link", name="Edit the charter").click()
    page.get_by_label(f"Letters for CISO — Sam Ortiz on {SECURITY}", exact=True).fill("A")
    # Checked as they type, before anything is saved.
    expect(page.get_by_role("status").filter(has_text="it has 2")).to_be_visible()
    page.get_by_role("button", name="Save the charter").click()
    expect(page.get_by_text("Give this row exactly one A (accountable): it has 2.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label(f"Letters for CTO on {SECURITY}", exact=True).fill("R")
    page.get_by_label("Name of the forum AI and data platform council").fill("Data platform council")
    page.get_by_label("How often AI and data platform council meets").fill("every two weeks")
    page.get_by_role("button", name="Save the charter").click()
    expect(
        page.get_by_text("2 cells differ from the advice; each is marked below with the advised letters.")
    ).to_be_visible()
    expect(page.get_by_text("The advice was AR.")).to_be_visible()
    expect(page.get_by_text("Governed by Data platform council.").first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Sign the charter").click()
    expect(page.get_by_text("Still to sign: erin.")).to_be_visible()
    assert_accessible(page)

    erin = browser.new_context().new_page()
    sign_in(erin, base, "erin")
    erin.goto(page.url)
    erin.get_by_role("button", name="Sign the charter").click()
    expect(erin.get_by_text("the charter is agreed and now read-only")).to_be_visible()
    assert_accessible(erin)
    no_sideways_scroll(erin)
    if SCREENSHOTS:
        erin.screenshot(path=str(Path(SCREENSHOTS) / "charter.png"), full_page=True)

    with erin.expect_download() as download:
        erin.get_by_role("link", name="Export XLSX").click()
    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    header = [cell.value for cell in book["Matrix"][3]]
    assert header == [
        "Responsibility",
        "Shared governance",
        "Forum",
        "CEO",
        "CTO",
        "CAIO",
        "CISO — Sam Ortiz",
    ]
    security = next(row for row in book["Matrix"].iter_rows(values_only=True) if row[0] == SECURITY)
    assert security == (SECURITY, "Yes", "Data platform council", "I", "R", "C", "A")
    assert book["Forums"]["A4"].value == "Data platform council"
    assert book["Forums"]["F4"].value == "every two weeks"

    # Agreeing prepared the report again, with the real renderer; its text has the agreed boundaries.
    report = erin.request.get(f"{base}/assessments/{assessment.pk}/report.pdf")
    assert report.status == 200 and report.headers["content-type"] == "application/pdf"
    text = printed.text(report.body())
    assert "Agreed boundaries" in text
    assert "Data platform council" in text and "CISO — Sam Ortiz" in text
    assert "Signed by erin" in text
