"""The report as it prints: four A4 pages for a typical assessment, no page left half empty, no table row left
alone, badges in colour, and names in any script or emoji printed with real glyphs."""

from __future__ import annotations

import io
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from assessments.models import Assessment
from assessments.report import pdf
from assessments.services import complete_assessment
from assessments.team import services as teams
from tests import printed
from tests.factories import OrganisationFactory, UserFactory, completed_assessment

pytestmark = pytest.mark.django_db

FAST_HASHING = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> SimpleNamespace:
    """The demo's reports, rendered once each: Northwind's latest (the typical one) and its panel's."""
    with django_db_blocker.unblock(), transaction.atomic(), FAST_HASHING:
        call_command("seed_demo", throwaway_database=True, stdout=io.StringIO())
        northwind = Assessment.objects.filter(organisation__name="Northwind Logistics")
        typical = pdf.report_pdf(northwind.filter(completed_at__isnull=False).latest("completed_at"))
        # The demo's draft, scored as its owner would: take the raters' answers (they disagree), then complete.
        draft = northwind.get(completed_at__isnull=True)
        teams.use_panel_answers(assessment=draft, user=draft.created_by, expected_version=draft.version)
        complete_assessment(assessment=draft, expected_version=draft.version)
        panel = pdf.report_pdf(Assessment.objects.get(pk=draft.pk))
        transaction.set_rollback(True)
    return SimpleNamespace(typical=typical, panel=panel)


def body_fill(page: printed.Page) -> float:
    """How far down towards the footer ("Page 2 of 4") the text reaches, from 0 to 1."""
    words = page.words
    footer = min(
        w.y0 for w, of in zip(words, words[2:], strict=False) if w.text == "Page" and of.text == "of"
    )
    return max(w.y1 for w in words if w.y1 < footer) / footer


def test_the_typical_demo_report_fits_on_four_a4_pages(demo):
    # Was eight: a cover page, a contents page, and a page break before every section.
    assert len(PdfReader(io.BytesIO(demo.typical)).pages) <= 4


def test_no_page_but_the_last_is_left_half_empty(demo):
    for report in (demo.typical, demo.panel):
        pages = printed.pages(report)
        fills = [round(body_fill(page), 2) for page in pages]
        assert all(fill >= 0.8 for fill in fills[:-1]), fills
        assert fills[-1] > 0.1, fills  # nor a last page with a line or two on it


def test_the_contents_share_the_first_page_with_the_cover_and_the_summary(demo):
    first = " ".join(w.text for w in printed.pages(demo.typical)[0].words)
    assert "Contents" in first and "About this report" in first and "Executive summary" in first


def test_the_disagree_badge_keeps_its_background_in_the_printed_report(demo):
    pages = printed.pages(demo.panel)
    page, word = next((n, w) for n, p in enumerate(pages) for w in p.words if w.text == "Disagree")
    background = printed.background_behind(demo.panel, page, word)
    assert background == pytest.approx((255, 230, 156), abs=6)  # #ffe69c, as on the panel page


def badge_classes() -> list[str]:
    """Every badge the report can print: its own templates and the partials it shares with the pages."""
    found = {"badge-clear", "badge-borderline"}  # written as badge-{{ v.confidence }}
    templates = Path(settings.BASE_DIR, "templates", "assessments")
    for folder in ("report", "partials"):
        for template in (templates / folder).rglob("*.html"):
            found.update(re.findall(r'class="badge ([^"{]+)"', template.read_text()))
    return sorted(found)


def test_every_badge_in_the_templates_prints_on_a_coloured_background():
    classes = badge_classes()
    assert "badge-disagree" in classes and "badge-met" in classes
    badges = "".join(f'<p><span class="badge {c}">Badge{n}</span></p>' for n, c in enumerate(classes))
    report = pdf.render_pdf(f'<html lang="en"><title>Badges</title>{badges}</html>')
    words = {w.text: w for w in printed.pages(report)[0].words}
    for n, c in enumerate(classes):
        background = printed.background_behind(report, 0, words[f"Badge{n}"])
        assert background != (255, 255, 255), c


def test_a_table_split_over_two_pages_leaves_no_row_alone_on_either_side():
    def table(name: str) -> str:
        rows = "".join(
            f'<tr><th scope="row">{name}{n}</th><td style="height: 20mm">x</td></tr>' for n in range(1, 11)
        )
        head = '<thead><tr><th scope="col">Question</th><th scope="col">Answer</th></tr></thead>'
        return f'<table class="answers-table">{head}<tbody>{rows}</tbody></table>'

    # 60 mm down, only the last row would spill over; 232 mm down, only the first row would fit.
    html = (
        f'<html lang="en"><title>Rows</title><div style="height: 60mm"></div>{table("Late")}'
        f'<div style="break-before: page; height: 232mm"></div>{table("Early")}</html>'
    )
    for page in printed.pages(pdf.render_pdf(html)):
        for name in ("Late", "Early"):
            rows = [w.text for w in page.words if re.fullmatch(rf"{name}\d+", w.text)]
            assert len(rows) != 1, (name, rows)


NAME = "Ωμέγα Жук 東京物流 🚚"
ASSESSOR = ("Zoë 🦊", "Παπαδοπούλου 李")


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> PdfReader:
    with django_db_blocker.unblock(), transaction.atomic():
        owner = UserFactory(username="zoe", first_name=ASSESSOR[0], last_name=ASSESSOR[1])
        assessment = completed_assessment(organisation=OrganisationFactory(owner=owner, name=NAME))
        data = pdf.report_pdf(assessment)
        transaction.set_rollback(True)
    return PdfReader(io.BytesIO(data))


def glyphs(page: Any) -> dict[str, list[tuple[str, int, int]]]:
    """Each character printed on the page: (font, glyph id, glyphs in the embedded font) for every use."""
    found: dict[str, list[tuple[str, int, int]]] = {}
    for font in page["/Resources"]["/Font"].values():
        font = font.get_object()
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        program = (descriptor.get("/FontFile2") or descriptor.get("/FontFile3")).get_object().get_data()
        count = TTFont(io.BytesIO(program))["maxp"].numGlyphs
        cmap = font["/ToUnicode"].get_object().get_data().decode()
        for gid, text in re.findall(r"<([0-9a-f]+)> <([0-9a-f]+)>", cmap):
            for char in bytes.fromhex(text).decode("utf-16-be"):
                found.setdefault(char, []).append((font["/BaseFont"], int(gid, 16), count))
    return found


def test_names_in_greek_cyrillic_cjk_and_emoji_print_as_typed(world):
    text = world.pages[0].extract_text()
    assert NAME in text
    assert " ".join(ASSESSOR) in text


def test_every_character_of_the_names_has_a_real_glyph_in_an_embedded_font(world):
    # A character no font has is drawn as .notdef with a made-up glyph id past the end of the font.
    printed_glyphs = glyphs(world.pages[0])
    for char in set(NAME + "".join(ASSESSOR)) - {" "}:
        uses = printed_glyphs[char]
        assert all(0 < gid < count for _font, gid, count in uses), (char, uses)
    assert any("Emoji" in font for font, _gid, _count in printed_glyphs["🚚"])
    assert any("CJK" in font for font, _gid, _count in printed_glyphs["東"])
