"""Graphics survive French and German: every machine-read number is written with a point, so the history chart
draws all its points; and the French header fits one row at 1280 px."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from playwright.sync_api import expect

from assessments import languages
from assessments.models import Assessment
from tests.e2e.conftest import sign_in
from tests.e2e.world import build

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize("language", ["fr", "de"])
def test_the_history_chart_finds_every_point_in_french_and_german(page, live_server, console, language):
    world = build(language=language)
    organisation = world["organisation"]
    completed = Assessment.objects.filter(organisation=organisation, completed_at__isnull=False).count()
    assert completed >= 3
    sign_in(page, live_server.url, world["user"].username)
    page.goto(f"{live_server.url}/organisations/{organisation.pk}/")
    svg = ET.fromstring(page.locator("svg.history-chart").evaluate("e => e.outerHTML"))
    circles = list(svg.iter(f"{SVG}circle"))
    assert len(circles) == completed
    for circle in circles:
        float(circle.get("cx")), float(circle.get("cy"))  # "50,0" would raise
    for x_y in svg.find(f"{SVG}polyline").get("points").split():
        assert len([float(n) for n in x_y.split(",")]) == 2
    for shape in page.locator("main svg [x], main svg [cx], main svg [y1]").all():
        for name in ("x", "y", "cx", "cy", "x1", "y1", "x2", "y2"):
            value = shape.get_attribute(name)
            assert value is None or float(value) == float(value), f"{name}={value}"
    boxes = page.locator("svg.history-chart circle").evaluate_all("cs => cs.map(c => c.getBBox().width)")
    assert boxes == [8] * completed  # drawn, not dropped by the browser


def test_the_french_header_fits_one_row_at_1280_px(browser, live_server):
    world = build(language="fr")
    languages.remember(user=world["user"], language="fr")
    page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    sign_in(page, live_server.url, world["user"].username)
    page.goto(f"{live_server.url}/organisations/")
    expect(page.get_by_role("button", name="Déconnexion")).to_be_visible()
    tops = page.locator("header .site-menu-panel .nav-item").evaluate_all(
        "items => items.map(i => Math.round(i.getBoundingClientRect().top))"
    )
    assert max(tops) - min(tops) < 20, tops  # one row (a second row starts some 40 px lower)
    assert page.locator("header").bounding_box()["height"] < 80
    page.context.close()
