"""The leadership team answers together: invitations, two raters who disagree, settling, a board link."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, sign_in
from tests.factories import PASSWORD, OrganisationFactory, UserFactory

STEPS = {
    "footprint": {
        "How many people does the company employ?": "1200",
        "How much does the company spend on AI each year, in US dollars?": "2500000",
        "How many people work on AI-related projects?": "12",
        "How many distinct AI use cases are live or being built?": "3",
    },
}


def join(browser: Any, link: str, username: str) -> Any:
    """A new person opens the invitation link, signs up and joins; returns their page."""
    page = browser.new_context().new_page()
    page.goto(link)
    assert_accessible(page)
    page.locator("#main").get_by_role("link", name="Sign up").click()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Email").fill(f"{username}@example.com")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    page.get_by_role("button", name=f"Join as {username}").click()
    expect(page.get_by_text("You have joined “Northwind Logistics”")).to_be_visible()
    return page


def invite(page: Any, email: str, role: str) -> str:
    page.get_by_label("Email address").fill(email)
    page.get_by_label(role).check()
    page.get_by_role("button", name="Send invitation").click()
    return page.locator("code.invitation-link").inner_text()


def rate(page: Any, stretched: str) -> None:
    page.get_by_role("link", name="Start your rating").click()
    for label, value in STEPS["footprint"].items():
        page.get_by_label(label).fill(value)
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("A feature of the product").check()
    page.get_by_label("Moderate").check()
    page.locator("fieldset", has_text="executive's dedicated attention").get_by_label("No").check()
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label(stretched).check()
    page.get_by_role("button", name="Save and continue").click()
    assert_accessible(page)
    page.get_by_role("button", name="Submit my rating").click()
    expect(page.get_by_text("Your rating is submitted")).to_be_visible()


def test_the_team_rates_disagrees_settles_and_shares_a_link_the_board_can_open_until_revoked(
    page, browser, live_server, console
):
    base = live_server.url
    owner = UserFactory(username="olivia")
    organisation = OrganisationFactory(owner=owner, name="Northwind Logistics", headcount=1200)
    sign_in(page, base, "olivia")

    # The owner invites an editor (the CTO) and a viewer (the CEO).
    page.goto(f"{base}/organisations/{organisation.pk}/members/")
    assert_accessible(page)
    cto_link = invite(page, "carl@example.com", "Editor")
    ceo_link = invite(page, "cora@example.com", "Viewer")
    cto = join(browser, cto_link, "carl")
    ceo = join(browser, ceo_link, "cora")
    page.reload()
    expect(page.locator("table.members-table")).to_contain_text("carl")
    expect(page.locator("table.members-table")).to_contain_text("cora")

    # A draft, then the panel: the CEO and the CTO are asked to rate.
    page.goto(f"{base}/organisations/{organisation.pk}/")
    page.get_by_role("button", name="Start an assessment").click()
    page.get_by_role("button", name="Save and leave").click()
    page.get_by_role("link", name="Raters").click()
    assert_accessible(page)
    for username, label in (("cora", "CEO"), ("carl", "CTO")):
        page.get_by_label("Member").select_option(label=username)
        page.get_by_label("Their role on the panel").fill(label)
        page.get_by_role("button", name="Ask to rate").click()
    panel_url = page.url

    # Each rates on their own; they disagree on whether the CTO is stretched.
    ceo.goto(panel_url)
    expect(
        ceo.get_by_text("You will see the other raters' answers once you have submitted your own")
    ).to_be_visible()
    rate(ceo, "No")
    cto.goto(panel_url)
    rate(cto, "Yes")

    # The owner sees the disagreement, that it would change the advice, and settles it.
    page.goto(panel_url)
    row = page.get_by_role("row").filter(has_text="Is your CTO already stretched")
    expect(row).to_contain_text("Disagree")
    expect(row).to_contain_text("the advice would be CTO only")
    assert_accessible(page)
    row.get_by_label("Yes").check()
    row.get_by_role("button", name="Settle this answer").click()
    expect(page.get_by_text("Settled: Is your CTO already stretched")).to_be_visible()
    page.get_by_role("button", name="Use the panel's answers and review").click()
    page.get_by_role("button", name="See the recommendation").click()
    expect(page.get_by_role("heading", name="Where the raters disagreed")).to_be_visible()
    assert_accessible(page)

    # A read-only link for the board.
    page.get_by_role("link", name="Share", exact=True).click()
    page.get_by_role("button", name="Create a link").click()
    link = page.locator("code.share-link").inner_text()
    assert_accessible(page)

    board = browser.new_context(accept_downloads=True).new_page()
    board.goto(link)
    expect(board.get_by_role("heading", name=re.compile("Northwind Logistics"))).to_be_visible()
    expect(board.get_by_text("olivia")).to_have_count(0)
    assert_accessible(board)
    with board.expect_download() as download:
        board.get_by_role("button", name="Download PDF").click()
    assert download.value.suggested_filename.startswith("northwind-logistics-caio-assessment-")

    # Revoked, after confirming: the same link fails at once.
    page.get_by_role("link", name=re.compile("^Revoke")).click()
    expect(page.get_by_role("heading", name="Revoke this link?")).to_be_visible()
    page.get_by_role("button", name="Revoke the link").click()
    expect(page.get_by_text("The link was revoked")).to_be_visible()
    board.goto(link)
    expect(board.get_by_role("heading", name="This link does not work")).to_be_visible()
    # Open contexts keep live-server connections (and their database sessions) alive past teardown.
    for other in (board, cto, ceo):
        other.context.close()
