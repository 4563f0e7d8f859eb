"""The audit trail and single sign-on pages: accessible, and on a 390 px phone in every language, no sideways
scrolling even with long values."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from assessments import services
from assessments.sso.models import DomainRule
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_phone_and_raters import PHONE, log_in_on_phone
from tests.factories import PASSWORD, AssessmentFactory, OrganisationFactory, UserFactory


@pytest.mark.parametrize("language", ["en", "fr", "de"])
def test_the_owners_pages_fit_a_phone(browser, live_server, language):
    base = live_server.url
    owner = UserFactory(username="olivia")
    EmailAddress.objects.create(user=owner, email="olivia@northwind.example", verified=True, primary=True)
    organisation = OrganisationFactory(owner=owner, name="Northwind Logistics")
    draft = AssessmentFactory(organisation=organisation, answers={"employees": 1200, "ai_use_cases": 3})
    services.delete_assessment(
        assessment=draft, user=owner
    )  # in the trail; the draft row is not what is tested
    services.update_organisation(
        organisation=organisation, data={"notes": "x" * 300, "sector": "Freight-and-warehousing-" * 3},
        expected_version=1, user=owner,
    )  # fmt: skip
    DomainRule.objects.create(organisation=organisation, domain="northwind.example", role="viewer")
    context = browser.new_context(
        viewport=PHONE, locale=language, extra_http_headers={"Accept-Language": language}
    )
    page = context.new_page()
    if language == "en":
        log_in_on_phone(page, base, "olivia")
    else:
        page.goto(f"{base}/accounts/login/")
        page.locator("#id_username").fill("olivia")
        page.locator("#id_password").fill(PASSWORD)
        page.locator("form[action='/accounts/login/'] button[type=submit]").click()
        page.wait_for_url(f"{base}/organisations/")
    for path in (f"/organisations/{organisation.pk}/", f"/organisations/{organisation.pk}/audit/",
                 f"/organisations/{organisation.pk}/sign-on/", "/accounts/login/"):  # fmt: skip
        page.goto(f"{base}{path}")
        expect(page.locator("h1")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
        assert_accessible(page)
    context.close()


def test_an_owner_reads_the_trail_and_downloads_it(page, live_server):
    base = live_server.url
    owner = UserFactory(username="ada")
    organisation = OrganisationFactory(owner=owner, name="Accessible Ltd")
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill("ada")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{base}/organisations/{organisation.pk}/edit/")
    page.get_by_label("Region").fill("Canada")
    page.get_by_role("button", name="Save").click()
    page.goto(f"{base}/organisations/{organisation.pk}/")
    page.get_by_role("link", name="Audit trail").click()
    expect(page.locator(".audit-trail li").first).to_contain_text("ada")
    expect(page.locator(".audit-changes").first).to_contain_text("Canada")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as CSV").click()
    assert download.value.suggested_filename == "accessible-ltd-audit-trail.csv"
