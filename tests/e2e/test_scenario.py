"""The scenario explorer in the browser: live on the results page, and without JavaScript on its own page."""

from __future__ import annotations

from playwright.sync_api import expect

from assessments.models import Assessment
from tests.e2e.conftest import assert_accessible, sign_in
from tests.factories import OrganisationFactory, UserFactory, completed_assessment

STRETCHED = "Is your CTO already stretched across infrastructure, security and product engineering?"


def test_a_scenario_flips_each_verdict_live_and_saves_as_a_new_assessment(page, live_server, console):
    owner = UserFactory(username="sam")
    done = completed_assessment(organisation=OrganisationFactory(owner=owner, name="Northwind Logistics"))
    sign_in(page, live_server.url, "sam")
    page.goto(f"{live_server.url}/assessments/{done.pk}/results/")
    page.get_by_text("Try a scenario", exact=True).click()
    scenario = page.locator("#scenario-result")

    # The need: without the stretched CTO, the one CAIO signal, the article does not decide.
    page.locator("fieldset", has_text=STRETCHED).get_by_label("No").check()
    expect(scenario).to_contain_text("Scenario, not saved.")
    expect(scenario).to_contain_text("The article does not decide")
    assert_accessible(page)

    # The reporting line: back to a stretched CTO, and AI core to the product at more than $5M.
    page.locator("fieldset", has_text=STRETCHED).get_by_label("Yes").check()
    page.get_by_label("Core to the product").check()
    page.get_by_label("How much does the company spend on AI each year, in US dollars?").fill("9000000")
    expect(scenario).to_contain_text("To the CEO, alongside the CTO")
    expect(scenario).to_contain_text("What part does AI play in what you sell?")
    assert_accessible(page)
    # The stored result is untouched until the team chooses to save the scenario.
    expect(page.locator(".verdicts").first).to_contain_text("To the CTO, to start with")
    page.get_by_role("button", name="Save this scenario as a new assessment").click()
    expect(page.get_by_text("The scenario is saved as a new assessment")).to_be_visible()
    assert Assessment.objects.filter(recommendation="caio_reports_to_ceo", rescored_from=done).exists()
    assert Assessment.objects.get(pk=done.pk).recommendation == "caio_reports_to_cto"
    page.goto(f"{live_server.url}/assessments/{done.pk}/scenario/?ai_product_role=core_product")
    expect(page.get_by_text("Some answers need attention")).to_be_visible()
    assert_accessible(page)


def test_the_scenario_page_works_without_javascript(browser, live_server):
    owner = UserFactory(username="nojs")
    done = completed_assessment(organisation=OrganisationFactory(owner=owner, name="Plain Co"))
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_server.url, "nojs")
    page.goto(f"{live_server.url}/assessments/{done.pk}/results/")
    page.get_by_text("Try a scenario", exact=True).click()
    page.locator("fieldset", has_text=STRETCHED).get_by_label("No").check()
    page.get_by_role("button", name="Show this scenario").click()
    expect(page.get_by_role("heading", name="Try a scenario")).to_be_visible()
    expect(page.locator("#scenario-result")).to_contain_text("The article does not decide")
    context.close()  # axe needs scripts: the same page is checked with them in the test above
