"""The results page puts the answer first on every screen size, its actions in one toolbar below it, and its
report status updates itself when the worker finishes."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from assessments.models import ReportCache, ReportStatus
from tests.e2e.conftest import sign_in
from tests.factories import OrganisationFactory, UserFactory, completed_assessment


@pytest.mark.parametrize("width", [390, 1280])
def test_the_verdicts_come_before_every_action_and_the_pdf_is_one_control(browser, live_server, width):
    owner = UserFactory(username="olivia")
    assessment = completed_assessment(
        organisation=OrganisationFactory(owner=owner, name="Northwind Logistics")
    )
    page = browser.new_context(viewport={"width": width, "height": 844}).new_page()
    sign_in(page, live_server.url, "olivia")
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/results/")
    verdict = page.locator(".verdict").first
    expect(verdict).to_be_in_viewport()
    toolbar = page.get_by_role("region", name="Actions")
    assert verdict.bounding_box()["y"] < toolbar.bounding_box()["y"]
    # Nothing the page offers to do comes before the verdicts.
    main = page.locator("main")
    first_action = main.locator("button, select, .btn").first
    assert first_action.bounding_box()["y"] > page.locator(".verdict").last.bounding_box()["y"]
    pdf = toolbar.get_by_role("form", name="PDF report")
    pdf.get_by_label("Language").select_option("de")
    pdf.get_by_label("Paper").select_option("letter")
    with page.expect_response(lambda r: "/report.pdf" in r.url) as response:
        pdf.get_by_role("button", name="Download PDF").click()
    assert response.value.url.endswith("report.pdf?lang=de&size=letter")
    page.context.close()


def test_the_report_status_turns_ready_without_a_reload(page, live_server, console):
    owner = UserFactory(username="olivia")
    assessment = completed_assessment(
        organisation=OrganisationFactory(owner=owner, name="Northwind Logistics")
    )
    ReportCache.objects.filter(assessment=assessment).update(status=ReportStatus.PREPARING, pdf=None)
    sign_in(page, live_server.url, "olivia")
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/results/")
    status = page.get_by_role("status").filter(has_text="report")
    expect(status).to_contain_text("Preparing your report…")
    page.evaluate("window.loadedOnce = true")
    ReportCache.objects.filter(assessment=assessment).update(status=ReportStatus.READY, pdf=b"%PDF-1.7")
    expect(status).to_contain_text("Your report is ready to download.", timeout=8000)
    assert page.evaluate("window.loadedOnce") is True  # the same page, not a reload
