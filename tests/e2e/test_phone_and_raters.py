"""Phones (390 × 844): no sideways scrolling, a header menu that opens with the keyboard; and asking colleagues
to rate, from the results and the draft, with a due date, e-mails and a once-a-day reminder."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.core import mail
from django.utils import dateformat, timezone
from playwright.sync_api import expect

from assessments.models import Rating
from assessments.team import services as teams
from tests.e2e.conftest import assert_accessible, sign_in
from tests.factories import (
    PASSWORD,
    AssessmentFactory,
    OrganisationFactory,
    UserFactory,
    completed_assessment,
    member,
)

PHONE = {"width": 390, "height": 844}
# Set CAIO_SCREENSHOTS=docs/screenshots to refresh the README's phone screenshots.
SCREENSHOTS = os.environ.get("CAIO_SCREENSHOTS")


def _check_phone_page(page: Any, name: str) -> None:
    expect(page.locator("h1")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    header = page.locator("header")
    menu = header.get_by_text("Menu", exact=True)
    expect(menu).to_be_visible()
    expect(header.get_by_role("link", name="Methodology")).to_be_hidden()
    assert_accessible(page)
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / f"phone-{name}.png"), full_page=False)
    menu.focus()
    page.keyboard.press("Enter")
    expect(header.get_by_role("link", name="Methodology")).to_be_visible()
    expect(header.get_by_role("button", name="Log out")).to_be_visible()
    assert_accessible(page)
    page.keyboard.press("Enter")
    expect(header.get_by_role("link", name="Methodology")).to_be_hidden()


def test_on_a_phone_pages_fit_the_screen_and_the_header_folds_into_a_menu(browser, live_server):
    base = live_server.url
    owner, cfo = UserFactory(username="olivia"), UserFactory(username="cfo")
    organisation = OrganisationFactory(owner=owner, name="Northwind Logistics", headcount=1200)
    member(organisation, cfo, "editor")
    completed = completed_assessment(organisation=organisation)
    draft = AssessmentFactory(organisation=organisation)
    teams.request_rating(assessment=draft, rater=cfo, label="CFO", user=owner)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    log_in_on_phone(page, base, "olivia")

    page.goto(f"{base}/assessments/{completed.pk}/results/")
    tests_table = page.locator(".criteria-table")
    assert tests_table.bounding_box()["width"] <= PHONE["width"]
    expect(tests_table.locator("td[data-label='Your answer']").first).to_be_visible()
    _check_phone_page(page, "results")

    page.goto(f"{base}/assessments/{draft.pk}/step/product/")
    expect(page.get_by_text("Step 2 of 4: AI in your product and regulation.")).to_be_visible()
    expect(page.locator(".step-nav")).to_be_hidden()
    for label in page.locator(".questionnaire-step .form-check-label").all():
        assert label.bounding_box()["height"] >= 44, label.inner_text()
    _check_phone_page(page, "step")

    page.goto(f"{base}/organisations/")
    recommendation = page.get_by_text("Not assessed yet").or_(
        page.locator("td[data-label='Latest recommendation']")
    )
    box = recommendation.first.bounding_box()
    assert box["x"] + box["width"] <= PHONE["width"]
    resume = page.get_by_role("link", name="Resume draft for Northwind Logistics")
    expect(resume).to_be_in_viewport()
    _check_phone_page(page, "organisations")

    page.goto(f"{base}/assessments/{draft.pk}/panel/")
    _check_phone_page(page, "panel")
    context.close()


def log_in_on_phone(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Your organisations")).to_be_visible()


def test_an_owner_asks_colleagues_to_rate_from_the_results_sets_a_due_date_and_reminds_once_a_day(
    page, browser, live_server, console
):
    base = live_server.url
    owner, ceo = UserFactory(username="olivia"), UserFactory(username="cem")
    organisation = OrganisationFactory(owner=owner, name="Northwind Logistics", headcount=1200)
    member(organisation, ceo, "viewer")
    completed = completed_assessment(organisation=organisation)
    sign_in(page, base, "olivia")

    # From the results: raters cannot join a completed assessment, so the button starts a re-assessment.
    page.goto(f"{base}/assessments/{completed.pk}/results/")
    page.get_by_role("button", name="Ask colleagues to rate a new assessment").click()
    expect(
        page.get_by_text("Raters cannot be added to a completed assessment, so a new assessment")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Panel of raters")).to_be_visible()
    expect(page.get_by_text("No due date is set for the ratings.")).to_be_visible()
    assert_accessible(page)

    due = timezone.localdate() + timedelta(days=14)
    due_text = dateformat.format(due, "j F Y")
    page.get_by_label("Ratings due on").fill(due.isoformat())
    page.get_by_role("button", name="Save the due date").click()
    expect(page.get_by_text(f"Raters are now asked to submit their ratings by {due_text}.")).to_be_visible()
    expect(page.locator(".ratings-due")).to_have_text(f"Ratings are due on {due_text}.")
    assert_accessible(page)

    page.get_by_label("Member").select_option(label="cem")
    page.get_by_label("Their role on the panel").fill("CEO")
    page.get_by_role("button", name="Ask to rate").click()
    expect(page.get_by_text("cem is asked to rate.")).to_be_visible()
    assert_accessible(page)
    request = mail.outbox[-1]
    assert request.to == ["cem@example.com"]
    assert f"Please submit your rating by {due_text}." in request.body

    page.get_by_role("button", name="Send a reminder to cem").click()
    expect(page.get_by_text("A reminder is on its way to cem.")).to_be_visible()
    expect(page.get_by_text("Last reminded on")).to_be_visible()
    assert_accessible(page)
    reminder = mail.outbox[-1]
    assert reminder.subject == "Reminder: please rate a CAIO assessment on CAIO Advisor"
    assert f"Please submit your rating by {due_text}." in reminder.body
    page.get_by_role("button", name="Send a reminder to cem").click()
    expect(
        page.get_by_text("cem was already reminded today. You can send another reminder tomorrow.")
    ).to_be_visible()
    assert_accessible(page)
    assert len(mail.outbox) == 2

    # On the draft itself the questionnaire links to the panel too.
    draft = Rating.objects.get(rater=ceo).assessment
    page.goto(f"{base}/assessments/{draft.pk}/step/footprint/")
    page.get_by_role("link", name="Ask colleagues to rate").click()
    expect(page.get_by_role("heading", name="Panel of raters")).to_be_visible()

    # The rater's organisation list leads to their own rating, which starts from the profile's headcount.
    rater = browser.new_context().new_page()
    sign_in(rater, base, "cem")
    rater.goto(f"{base}/organisations/")
    expect(rater.get_by_role("link", name="Resume draft for Northwind Logistics")).to_have_count(0)
    rater.get_by_role("link", name="Your rating for Northwind Logistics").click()
    expect(rater.get_by_text("You are rating this assessment as CEO.")).to_be_visible()
    expect(rater.get_by_text(f"Please submit your rating by {due_text}.")).to_be_visible()
    expect(rater.get_by_label("How many people does the company employ?")).to_have_value("1,200")
    expect(rater.get_by_role("link", name="Ask colleagues to rate")).to_have_count(0)
    assert_accessible(rater)
    rater.context.close()
