"""The API reference page (Swagger UI from drf-spectacular-sidecar) works under the site's CSP, no CDN."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from assessments import languages
from assessments.api import tokens
from assessments.webhooks import registry, service
from tests.e2e.conftest import assert_accessible, sign_in
from tests.factories import OrganisationFactory, UserFactory


def test_the_api_reference_page_lists_the_endpoints_without_csp_violations(page, live_server, console):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{live_server.url}/api/docs/")
    expect(page.get_by_role("heading", name="CAIO Advisor API")).to_be_visible()
    expect(page.get_by_text("/api/v1/organisations/{id}/assessments/").first).to_be_visible()
    assert_accessible(page)
    assert not any("swagger-ui" in url for url in requested), "Swagger UI loaded before it was asked for"
    page.get_by_role("button", name="Try it in Swagger UI").click()
    expect(page.locator(".swagger-ui .opblock-summary-path").first).to_be_visible()
    expect(page.locator("#reference")).to_be_hidden()
    assert requested and all(url.startswith(live_server.url) for url in requested), requested


PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("language", ["en", "fr", "de"])
def test_tokens_and_webhooks_pages_fit_a_phone_and_are_accessible(browser, live_server, language):
    owner = UserFactory(username=f"olivia-{language}")
    languages.remember(user=owner, language=language)
    organisation = OrganisationFactory(owner=owner, name="Northwind Logistics with a rather long name, Ltd")
    hook = registry.create_webhook(
        organisation=organisation,
        user=owner,
        url="https://hooks.example.com/a/very/long/path/that/goes/on/and/on/for/the/phone/screen",
        events=[e.value for e in service.Event],
    )
    tokens.create_token(user=owner, organisation=organisation, name="Board dashboard", can_write=True)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    sign_in(page, live_server.url, owner.username)
    for path in (
        "/account/data/",
        f"/organisations/{organisation.pk}/webhooks/",
        f"/organisations/{organisation.pk}/webhooks/{hook.pk}/",
        f"/organisations/{organisation.pk}/",
    ):
        page.goto(f"{live_server.url}{path}")
        expect(page.locator("h1")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
        assert_accessible(page)
    context.close()
