"""axe-core on the pages the journeys do not pass through, as their users would reach them."""

from __future__ import annotations

from playwright.sync_api import expect

from assessments.team import services as teams
from tests.e2e.conftest import assert_accessible, sign_in
from tests.factories import PASSWORD, OrganisationFactory, UserFactory, completed_assessment, member


def test_remaining_pages_have_no_serious_accessibility_violations(page, live_server, console):
    base = live_server.url
    owner = UserFactory(username="ada")
    organisation = OrganisationFactory(owner=owner, name="Accessible Ltd", notes="Line one\nLine two")
    completed = completed_assessment(organisation=organisation)
    _link, token = teams.share(assessment=completed, user=owner, days=3)

    for path in ("/methodology/", "/accounts/password_reset/", f"/shared/{token}/"):
        page.goto(f"{base}{path}")
        assert_accessible(page)

    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill("ada")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("Signed in as ada")).to_be_visible()
    for path in (
        "/organisations/",
        "/account/data/",
        "/accounts/password_change/",
        f"/organisations/{organisation.pk}/edit/",
        f"/organisations/{organisation.pk}/delete/",
        f"/organisations/{organisation.pk}/activity/",
        f"/organisations/{organisation.pk}/members/",
        f"/assessments/{completed.pk}/delete/",
        f"/assessments/{completed.pk}/share/",
        f"/assessments/{completed.pk}/panel/",
    ):
        page.goto(f"{base}{path}")
        expect(page.locator("h1")).to_be_visible()
        assert_accessible(page)


def test_error_pages_are_accessible_and_say_what_happened(page, live_server):
    # No console fixture here: the browser logs these 404 and 429 answers, which are the point.
    for path in ("/shared/no-such-token/", "/no-such-page/"):
        page.goto(f"{live_server.url}{path}")
        expect(page.locator("h1")).to_be_visible()
        assert_accessible(page)
    # 403: a viewer at an owner's page.
    viewer = UserFactory(username="vera")
    member(OrganisationFactory(name="Refusing Ltd"), viewer, "viewer")
    sign_in(page, live_server.url, "vera")
    page.goto(f"{live_server.url}/organisations/{viewer.memberships.get().organisation_id}/edit/")
    expect(page.get_by_role("heading", name="Not allowed")).to_be_visible()
    assert_accessible(page)
    page.context.clear_cookies()
    UserFactory(username="locked")
    for _ in range(5):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill("locked")
        page.locator("#id_password").fill("wrong-password")
        page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Too many failed log-in attempts")).to_be_visible()
    assert_accessible(page)
