"""A new user's whole journey, as a person would do it in a browser."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible

PASSWORD = "a-long-and-careful-passphrase"


def sign_up(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/signup/")
    assert_accessible(page)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Email").fill(f"{username}@example.com")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_text(f"Signed in as {username}")).to_be_visible()


def test_sign_up_answer_over_two_sittings_fix_an_error_finish_reassess_and_compare(
    page, live_server, console
):
    base = live_server.url
    page.goto(base)
    assert_accessible(page)
    sign_up(page, base, "erin")
    assert_accessible(page)

    page.get_by_role("link", name="Create your first organisation").click()
    assert_accessible(page)
    page.get_by_label("Name").fill("Northwind Logistics")
    page.get_by_label("Sector").fill("Logistics")
    page.get_by_label("Employees").fill("1200")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Northwind Logistics")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Start an assessment").click()
    expect(page.get_by_label("How many people does the company employ?")).to_have_value("1,200")
    assert_accessible(page)
    page.get_by_label("How much does the company spend on AI each year, in US dollars?").fill("2500000")
    page.get_by_label("How many people work on AI-related projects?").fill("12")
    page.get_by_label("How many distinct AI use cases are live or being built?").fill("3")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name="AI in your product and regulation")).to_be_visible()

    # Log out, log back in: the assessment resumes at step 2 with step 1 intact.
    page.get_by_role("button", name="Log out").click()
    page.goto(f"{base}/accounts/login/")
    assert_accessible(page)
    page.get_by_label("Username").fill("erin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name=re.compile("Resume draft")).click()
    expect(page.get_by_role("heading", name="AI in your product and regulation")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Back").click()
    expect(page.get_by_label("How many people work on AI-related projects?")).to_have_value("12")

    # A validation error is shown next to its field and nothing else is lost.
    page.get_by_label("How many people work on AI-related projects?").fill("-4")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_text("Enter 0 or more.")).to_be_visible()
    expect(
        page.get_by_label("How much does the company spend on AI each year, in US dollars?")
    ).to_have_value("$2,500,000")
    assert_accessible(page)
    page.get_by_label("How many people work on AI-related projects?").fill("25")
    page.get_by_role("button", name="Save and continue").click()

    page.get_by_label("A feature of the product").check()
    page.get_by_label("Moderate").check()
    page.locator("fieldset", has_text="executive's dedicated attention").get_by_label("No").check()
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", name="Review your answers")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="See the recommendation").click()
    expect(
        page.get_by_text("The article's reading: you probably need a dedicated Chief AI Officer.").first
    ).to_be_visible()
    expect(page.get_by_role("table").filter(has_text="Responsibility")).to_contain_text("Shared governance")
    expect(page.get_by_role("heading", name="What would change the advice")).to_be_visible()
    assert_accessible(page)

    # Re-assess months later with one change, then compare.
    page.get_by_role("button", name="Re-assess").click()
    page.get_by_label("How much does the company spend on AI each year, in US dollars?").fill("6000000")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("button", name="See the recommendation").click()
    page.get_by_role("link", name="Northwind Logistics").first.click()
    assert_accessible(page)
    page.get_by_role("button", name="Compare").click()
    expect(page.get_by_role("heading", name="Answers (1 changed)")).to_be_visible()
    expect(page.get_by_text("did not hold, now does")).to_be_visible()
    assert_accessible(page)


def test_the_questionnaire_can_be_completed_with_the_keyboard_alone(page, live_server, console):
    base = live_server.url
    sign_up(page, base, "kim")
    page.goto(f"{base}/organisations/new/")
    page.get_by_label("Name").focus()
    page.keyboard.type("Keyboard Co")
    page.keyboard.press("Enter")
    start = page.get_by_role("button", name="Start an assessment")
    start.focus()
    page.keyboard.press("Enter")

    # Step 1: four number fields, Tab between them, Enter saves and continues.
    page.get_by_label("How many people does the company employ?").focus()
    for value in ("300", "200000", "2", "1"):
        page.keyboard.press("Control+A")
        page.keyboard.type(value)
        page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="AI in your product and regulation")).to_be_visible()

    # Step 2: radio groups: focus the first option, arrow keys pick, Tab moves to the next group.
    page.get_by_label("Not used").focus()
    page.keyboard.press("ArrowDown")  # Internal tools only
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # Minimal
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # No (arrow from an unchecked group selects the next option)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Leadership capacity")).to_be_visible()

    page.get_by_label("No", exact=True).focus()  # the CTO question below starts at "In post"
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Review your answers")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("AI play in what you sell"))).to_contain_text(
        "Internal tools only"
    )
    button = page.get_by_role("button", name="See the recommendation")
    button.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("your CTO can absorb the CAIO duties").first).to_be_visible()
