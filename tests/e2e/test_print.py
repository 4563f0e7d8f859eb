"""Pages printed from the browser keep what their colours say."""

from __future__ import annotations

from django.utils import timezone

from assessments.models import Rating
from assessments.team import services as teams
from tests import printed
from tests.e2e.conftest import sign_in
from tests.factories import NORTHWIND_ANSWERS, AssessmentFactory, OrganisationFactory, UserFactory, member


def test_the_panel_page_printed_from_the_browser_keeps_its_badges_coloured(browser, live_server):
    owner = UserFactory(username="olivia")
    organisation = OrganisationFactory(owner=owner, name="Northwind Logistics")
    draft = AssessmentFactory(organisation=organisation)
    for username, stretched in (("cora", False), ("carl", True)):
        rater = UserFactory(username=username)
        member(organisation, rater, "editor")
        rating = teams.request_rating(assessment=draft, rater=rater, label=username.title(), user=owner)
        Rating.objects.filter(pk=rating.pk).update(
            answers={**NORTHWIND_ANSWERS, "cto_stretched": stretched},
            status=Rating.Status.SUBMITTED,
            submitted_at=timezone.now(),
        )
    page = browser.new_page()
    sign_in(page, live_server.url, "olivia")
    page.goto(f"{live_server.url}/assessments/{draft.pk}/panel/")
    sheet = page.pdf()  # what "Print" makes, with the browser's default of leaving backgrounds out
    pages = printed.pages(sheet)
    for text, colour in (("Disagree", (255, 230, 156)), ("Agree", (20, 108, 67))):
        number, word = next((n, w) for n, p in enumerate(pages) for w in p.words if w.text == text)
        background = printed.background_behind(sheet, number, word)
        assert all(abs(a - b) <= 8 for a, b in zip(background, colour, strict=True)), (text, background)
