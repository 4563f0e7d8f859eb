"""Issue 14 in a browser at phone width: what people type, two tabs on one draft, history and compare."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, sign_in
from tests.factories import (
    NORTHWIND_ANSWERS,
    AssessmentFactory,
    OrganisationFactory,
    UserFactory,
    completed_assessment,
)

SPEND = "How much does the company spend on AI each year, in US dollars?"
EMPLOYEES = "How many people does the company employ?"
HEADCOUNT = "How many people work on AI-related projects?"
USE_CASES = "How many distinct AI use cases are live or being built?"
PHONE = {"width": 390, "height": 844}


def no_sideways_scroll(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_money_and_counts_are_read_as_written_echoed_and_refused_in_words(page, live_server, console):
    page.set_viewport_size(PHONE)
    owner = UserFactory(username="fiona")
    draft = AssessmentFactory(organisation=OrganisationFactory(owner=owner, region="France"))
    sign_in(page, live_server.url, "fiona")
    page.goto(f"{live_server.url}/assessments/{draft.pk}/step/footprint/")
    expect(
        page.get_by_text("Your answers are saved as you type, and when you press Save and continue")
    ).to_be_visible()
    spend = page.get_by_label(SPEND)
    echo = page.locator("#echo-annual_ai_spend_usd")

    spend.fill("$5M")
    expect(echo).to_have_text("= $5,000,000 a year")
    expect(spend).to_have_value("$5M")  # the box keeps what was typed; nothing sanitised it to 5
    assert_accessible(page)
    spend.fill("€4.5m")
    expect(echo).to_contain_text(
        "Enter the amount in US dollars: CAIO Advisor does not convert other currencies."
    )
    assert_accessible(page)
    spend.fill("5.000.000")
    expect(echo).to_contain_text("in English a full stop marks the decimals")
    spend.fill("5 000 000")
    expect(echo).to_have_text("= $5,000,000 a year")
    page.get_by_label(EMPLOYEES).fill("1 200")
    expect(page.locator("#echo-employees")).to_have_text("= 1,200 people")
    page.get_by_label(USE_CASES).fill("1")
    expect(page.locator("#echo-ai_use_cases")).to_have_text("= 1 use case")
    page.get_by_label(HEADCOUNT).fill("-5")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_text("Enter 0 or more.")).to_be_visible()
    expect(page.get_by_label(SPEND)).to_have_value("5 000 000")
    assert_accessible(page)
    no_sideways_scroll(page)

    page.get_by_label(HEADCOUNT).fill("1,050")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name="AI in your product and regulation")).to_be_visible()
    draft.refresh_from_db()
    assert draft.answers == {
        "employees": 1200,
        "annual_ai_spend_usd": 5_000_000,
        "ai_headcount": 1050,
        "ai_use_cases": 1,
    }

    # The regulation question: a labelled note for the profile's region; radios show keyboard focus.
    note = page.locator("aside.guidance")
    expect(note).to_contain_text("AI-specific laws for France")
    expect(note).to_contain_text("CAIO Advisor's guidance, not from the article")
    expect(note).to_contain_text("EU AI Act")
    page.get_by_label("Minimal").focus()
    page.keyboard.press("ArrowDown")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    assert_accessible(page)
    no_sideways_scroll(page)


def test_a_second_tab_sees_the_saved_answers_beside_its_own_chooses_and_saves(page, live_server, console):
    owner = UserFactory(username="gita")
    draft = AssessmentFactory(organisation=OrganisationFactory(owner=owner))
    sign_in(page, live_server.url, "gita")
    url = f"{live_server.url}/assessments/{draft.pk}/step/footprint/"
    tab_b = page.context.new_page()
    tab_b.set_viewport_size(PHONE)
    page.goto(url)
    tab_b.goto(url)

    for label, value in ((EMPLOYEES, "900"), (SPEND, "2.5m"), (HEADCOUNT, "12"), (USE_CASES, "3")):
        page.get_by_label(label).fill(value)
    expect(page.get_by_role("status")).to_contain_text("Draft saved at")

    for label, value in ((EMPLOYEES, "950"), (SPEND, "$3M"), (HEADCOUNT, "12"), (USE_CASES, "4")):
        tab_b.get_by_label(label).fill(value)
    expect(tab_b.get_by_role("status")).to_contain_text("changed elsewhere")
    tab_b.get_by_role("button", name="Save and continue").click()
    expect(tab_b.get_by_role("alert")).to_contain_text("both are shown: choose which to keep for each")
    employees_choice = tab_b.locator("fieldset.conflict", has_text="900")
    expect(employees_choice).to_contain_text("Saved elsewhere meanwhile: 900.")
    expect(tab_b.locator("fieldset.conflict", has_text="$2,500,000")).to_be_visible()
    expect(tab_b.locator("fieldset.conflict")).to_have_count(3)  # people on AI are the same in both
    expect(tab_b.get_by_label(EMPLOYEES)).to_have_value("950")
    assert_accessible(tab_b)
    no_sideways_scroll(tab_b)

    employees_choice.get_by_label("Use the saved answer: 900").check()
    tab_b.get_by_role("button", name="Save and continue").click()
    expect(tab_b.get_by_role("heading", name="AI in your product and regulation")).to_be_visible()
    draft.refresh_from_db()
    assert draft.answers == {
        "employees": 900,
        "annual_ai_spend_usd": 3_000_000,
        "ai_headcount": 12,
        "ai_use_cases": 4,
    }


def test_history_names_compare_in_date_order_and_small_confirmations(page, live_server, console):
    page.set_viewport_size(PHONE)
    owner = UserFactory(username="hana")
    organisation = OrganisationFactory(owner=owner, name="Northwind Logistics", headcount=1)
    before = completed_assessment({**NORTHWIND_ANSWERS, "cto_stretched": False}, organisation=organisation)
    after = completed_assessment(organisation=organisation)
    sign_in(page, live_server.url, "hana")
    page.goto(f"{live_server.url}/organisations/{organisation.pk}/")
    expect(page.get_by_text("1 employee ·")).to_be_visible()

    page.get_by_role("link", name=re.compile(r"^Name the assessment of")).first.click()
    assert_accessible(page)
    page.get_by_label("Name").fill("After the Q3 reorg")
    page.get_by_role("button", name="Save the name").click()
    expect(page.locator("td .assessment-name")).to_have_text("After the Q3 reorg")
    assert_accessible(page)

    # Menus the wrong way round: the page still puts the earlier date first.
    page.get_by_label("Earlier").select_option(str(after.pk))
    page.get_by_label("Later").select_option(str(before.pk))
    page.get_by_role("button", name="Compare").click()
    headers = page.locator("table.compare-summary thead th")
    expect(headers.nth(1)).to_contain_text("Earlier:")
    expect(page.locator("table.compare-summary")).to_contain_text("The article does not decide")
    first_row = page.locator("table.compare-summary tbody tr", has_text="Need a dedicated CAIO?")
    expect(first_row.locator("td").first).to_contain_text("The article does not decide")
    assert_accessible(page)

    page.goto(f"{live_server.url}/organisations/{organisation.pk}/compare/?a={after.pk}&b={after.pk}")
    expect(page.get_by_role("status")).to_contain_text("You chose the same assessment twice")
    assert_accessible(page)
    no_sideways_scroll(page)


def test_share_revocation_asks_first_and_the_shared_page_shows_its_expiry(
    page, live_server, console, browser
):
    page.set_viewport_size(PHONE)
    owner = UserFactory(username="ines")
    assessment = completed_assessment(
        organisation=OrganisationFactory(owner=owner, name="Northwind Logistics")
    )
    sign_in(page, live_server.url, "ines")
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/share/")
    page.get_by_role("button", name=re.compile("Create")).click()
    link = page.locator("code.share-link").inner_text()

    board = browser.new_context().new_page()
    board.set_viewport_size(PHONE)
    board.goto(link)
    expect(board.get_by_text(re.compile(r"This link works until \d+ \w+ \d{4}"))).to_be_visible()
    assert_accessible(board)

    page.get_by_role("link", name=re.compile("^Revoke")).click()
    expect(page.get_by_role("heading", name="Revoke this link?")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Keep it").click()
    board.reload()
    expect(board.get_by_text("This link works until")).to_be_visible()
    page.get_by_role("link", name=re.compile("^Revoke")).click()
    page.get_by_role("button", name="Revoke the link").click()
    expect(page.get_by_text("The link was revoked")).to_be_visible()
    board.reload()
    expect(board.get_by_role("heading", name="This link does not work")).to_be_visible()
    board.context.close()


def test_sign_up_from_an_invitation_arrives_with_the_address_filled_in(page, live_server, console):
    owner = UserFactory(username="jo")
    organisation = OrganisationFactory(owner=owner)
    sign_in(page, live_server.url, "jo")
    page.goto(f"{live_server.url}/organisations/{organisation.pk}/members/")
    page.get_by_label("Email address").fill("kim@example.com")
    page.get_by_role("button", name="Send invitation").click()
    link = page.locator("code.invitation-link").inner_text()

    visitor = page.context.browser.new_context().new_page()
    visitor.set_viewport_size(PHONE)
    visitor.goto(link)
    visitor.locator("#main").get_by_role("link", name="Sign up").click()
    expect(visitor.get_by_label("Email")).to_have_value("kim@example.com")
    assert_accessible(visitor)
    visitor.context.close()
