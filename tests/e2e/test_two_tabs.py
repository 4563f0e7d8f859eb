"""The same step open in two tabs: the second tab is shown "Saved elsewhere meanwhile" only for an answer both
tabs changed, differently; an answer only the other tab changed is taken as saved, silently."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.factories import AssessmentFactory, OrganisationFactory, UserFactory

EMPLOYEES = "How many people does the company employ?"
USE_CASES = "How many distinct AI use cases are live or being built?"
FOOTPRINT = {"employees": 1200, "annual_ai_spend_usd": 4_200_000, "ai_headcount": 12, "ai_use_cases": 3}


def _two_tabs(page, live_server):
    owner = UserFactory(username="gita")
    draft = AssessmentFactory(organisation=OrganisationFactory(owner=owner), answers=dict(FOOTPRINT))
    sign_in(page, live_server.url, "gita")
    url = f"{live_server.url}/assessments/{draft.pk}/step/footprint/"
    tab_b = page.context.new_page()
    page.goto(url)
    tab_b.goto(url)
    return draft, page, tab_b


def test_an_answer_only_the_other_tab_changed_is_no_conflict(page, live_server, console):
    draft, tab_a, tab_b = _two_tabs(page, live_server)
    tab_a.get_by_label(EMPLOYEES).fill("1,500")
    expect(tab_a.get_by_role("status")).to_contain_text("Draft saved at")
    tab_b.get_by_label(USE_CASES).fill("4")
    expect(tab_b.get_by_role("status")).to_contain_text("changed elsewhere")
    tab_b.get_by_role("button", name="Save and continue").click()
    expect(tab_b.get_by_role("alert")).to_contain_text("no answer on this step differs from yours")
    expect(tab_b.locator("fieldset.conflict")).to_have_count(0)
    expect(tab_b.get_by_label(EMPLOYEES)).to_have_value("1,500")  # tab A's, taken as saved
    tab_b.get_by_role("button", name="Save and continue").click()
    expect(tab_b.get_by_role("heading", name="AI in your product and regulation")).to_be_visible()
    draft.refresh_from_db()
    assert draft.answers == {**FOOTPRINT, "employees": 1500, "ai_use_cases": 4}


def test_an_answer_both_tabs_changed_differently_is_the_only_conflict(page, live_server, console):
    draft, tab_a, tab_b = _two_tabs(page, live_server)
    tab_a.get_by_label(EMPLOYEES).fill("1,500")
    tab_a.get_by_label(USE_CASES).fill("5")
    expect(tab_a.get_by_role("status")).to_contain_text("Draft saved at")
    tab_b.get_by_label(EMPLOYEES).fill("900")
    tab_b.get_by_label(USE_CASES).fill("5")  # the same as tab A: no conflict
    tab_b.get_by_role("button", name="Save and continue").click()
    expect(tab_b.locator("fieldset.conflict")).to_have_count(1)
    expect(tab_b.locator("fieldset.conflict")).to_contain_text("Saved elsewhere meanwhile: 1,500.")
    tab_b.get_by_role("button", name="Save and continue").click()  # keeps its own by default
    expect(tab_b.get_by_role("heading", name="AI in your product and regulation")).to_be_visible()
    draft.refresh_from_db()
    assert draft.answers == {**FOOTPRINT, "employees": 900, "ai_use_cases": 5}
