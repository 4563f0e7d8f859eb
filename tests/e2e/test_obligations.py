"""The obligations section and its questions on a 390 px phone, in English, French and German: no sideways
scrolling, nothing an accessibility check calls serious."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from assessments.models import Profile
from tests.e2e.conftest import assert_accessible, sign_in
from tests.factories import AssessmentFactory, OrganisationFactory, UserFactory, completed_assessment

PHONE = {"width": 390, "height": 844}
EVERYTHING = {
    "employees": 140, "annual_ai_spend_usd": 300_000, "ai_headcount": 3, "ai_use_cases": 2,
    "ai_product_role": "internal_only", "regulatory_exposure": "minimal", "compliance_needs_executive": False,
    "cto_stretched": False, "operates_in": ["eu", "us_federal"], "high_risk_role": "deployer",
    "ai_frameworks": "nist_and_iso",
}  # fmt: skip
HEADINGS = {
    "en": "What AI laws and frameworks ask, and who is accountable",
    "fr": "Ce que demandent les lois et référentiels sur l’IA, et qui en répond",
    "de": "Was KI-Gesetze und -Rahmenwerke verlangen, und wer gesamtverantwortlich ist",
}


def _fits(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)


@pytest.mark.parametrize("language", ["en", "fr", "de"])
def test_on_a_phone_the_obligations_and_their_questions_fit_in_each_language(browser, live_server, language):
    user = UserFactory(username=f"olga-{language}")
    Profile.objects.update_or_create(user=user, defaults={"language": language})
    organisation = OrganisationFactory(owner=user, name="Harbour Agency")
    completed = completed_assessment(EVERYTHING, organisation=organisation)
    draft = AssessmentFactory(organisation=organisation, answers={"employees": 140})
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    sign_in(page, live_server.url, user.username)

    page.goto(f"{live_server.url}/assessments/{completed.pk}/results/")
    section = page.locator("#obligations")
    expect(section.get_by_role("heading", name=HEADINGS[language])).to_be_visible()
    expect(section.locator(".obligation")).to_have_count(8)
    expect(page.locator(".verdict-basis")).to_be_visible()
    _fits(page)

    page.goto(f"{live_server.url}/assessments/{draft.pk}/step/product/")
    expect(page.locator("input[name='operates_in']")).to_have_count(3)
    for label in page.locator(".questionnaire-step .form-check-label").all():
        assert label.bounding_box()["height"] >= 44, label.inner_text()
    _fits(page)
    context.close()
