from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.factories import (
    AssessmentFactory,
    OrganisationFactory,
    UserFactory,
    completed_assessment,
)


def test_typed_answers_survive_closing_the_tab_without_pressing_save(page, live_server, console):
    owner = UserFactory(username="tabby")
    draft = AssessmentFactory(organisation=OrganisationFactory(owner=owner))
    sign_in(page, live_server.url, "tabby")
    page.goto(f"{live_server.url}/assessments/{draft.pk}/step/footprint/")
    page.get_by_label("How many people work on AI-related projects?").fill("33")
    expect(page.get_by_role("status")).to_contain_text("Draft saved at")
    page.close()

    fresh = page.context.new_page()
    fresh.goto(f"{live_server.url}/assessments/{draft.pk}/")
    expect(fresh.get_by_label("How many people work on AI-related projects?")).to_have_value("33")


def test_admin_pages_load_without_csp_violations(page, live_server, console):
    staff = UserFactory(username="root-admin", is_staff=True, is_superuser=True)
    completed_assessment(organisation=OrganisationFactory(owner=staff))
    sign_in(page, live_server.url, "root-admin")
    for path in ("/admin/", "/admin/assessments/organisation/", "/admin/assessments/assessment/"):
        page.goto(f"{live_server.url}{path}")
        expect(page.locator("#content")).to_be_visible()
