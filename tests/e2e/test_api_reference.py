"""The API reference page (Swagger UI from drf-spectacular-sidecar) works under the site's CSP, no CDN."""

from __future__ import annotations

from playwright.sync_api import expect


def test_the_api_reference_page_lists_the_endpoints_without_csp_violations(page, live_server, console):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{live_server.url}/api/docs/")
    expect(page.get_by_text("CAIO Advisor API").first).to_be_visible()
    expect(page.get_by_text("/api/v1/organisations/{id}/assessments/").first).to_be_visible()
    assert requested and all(url.startswith(live_server.url) for url in requested), requested
