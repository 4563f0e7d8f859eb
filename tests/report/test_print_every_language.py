"""No printed word outside the page's margins, in any report page in English, French or German, with a charter
whose team added a role (the advice's note in its cells) and with a panel of raters; and each quote's translation
on a line of its own, as on the web page; no word printed over another (a badge wider than its column)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import translation

from assessments.models import Assessment
from assessments.report import pdf
from assessments.services import complete_assessment
from assessments.team import services as teams
from tests import printed
from tests.e2e.world import build

pytestmark = pytest.mark.django_db

MM = 72 / 25.4
LANGUAGES = ("en", "fr", "de")
TRANSLATION_MARK = {"fr": "Traduction", "de": "Übersetzung:"}


@pytest.fixture(scope="module")
def reports(django_db_setup: None, django_db_blocker: Any) -> SimpleNamespace:
    """Northwind's latest report (its agreed charter has an added role with letters the advice did not give) and
    its panel's report, in each language; rendered once."""
    hashing = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), transaction.atomic(), hashing:
        world = build()
        latest = Assessment.objects.get(pk=world["latest"].pk)  # with the organisation as the charter left it
        draft = Assessment.objects.get(organisation=world["organisation"], completed_at__isnull=True)
        teams.use_panel_answers(assessment=draft, user=draft.created_by, expected_version=draft.version)
        draft.refresh_from_db()
        complete_assessment(assessment=draft, expected_version=draft.version)
        draft = Assessment.objects.get(pk=draft.pk)
        rendered: dict[str, bytes] = {}
        for language in LANGUAGES:
            with translation.override(language):
                rendered[language] = pdf.report_pdf(latest, timeout=300)
                rendered[f"panel-{language}"] = pdf.report_pdf(draft, timeout=300)
        transaction.set_rollback(True)
    return SimpleNamespace(**{key.replace("-", "_"): value for key, value in rendered.items()})


def outside(data: bytes) -> list[str]:
    found = []
    for number, page in enumerate(printed.pages(data), start=1):
        left = (25 if number == 1 else 15) * MM  # report.css: @page and @page :first
        right = page.width - 15 * MM
        for word in page.words:
            if word.x0 < left - 1 or word.x1 > right + 1 or word.y0 < 0 or word.y1 > page.height:
                place = f"x {word.x0:.0f}–{word.x1:.0f}, margins at {left:.0f} and {right:.0f}"
                found.append(f"page {number}: {word.text!r} at {place}")
    return found


def overlapping(data: bytes) -> list[str]:
    """Words printed over each other: text that left its box (a badge wider than its column) runs into the
    next cell's words."""
    found = []
    for number, page in enumerate(printed.pages(data), start=1):
        for i, one in enumerate(page.words):
            for other in page.words[i + 1 :]:
                across = min(one.x1, other.x1) - max(one.x0, other.x0)
                down = min(one.y1, other.y1) - max(one.y0, other.y0)
                if across > 1.5 and down > 0.5 * min(one.y1 - one.y0, other.y1 - other.y0):
                    found.append(f"page {number}: {one.text!r} over {other.text!r}")
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_word_of_the_report_is_past_the_margins(reports, language):
    data = getattr(reports, language)
    text = "".join(w.text for page in printed.pages(data) for w in page.words)
    assert "Lea" in text and "Müller-Lüden" in text  # the added role's holder is in the charter printed
    assert outside(data) == []
    assert overlapping(data) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_word_of_the_panels_report_is_past_the_margins(reports, language):
    data = getattr(reports, f"panel_{language}")
    words = " ".join(w.text for page in printed.pages(data) for w in page.words)
    assert {"en": "Close", "fr": "Proches", "de": "Nahe"}[language] in words  # the widest badge is printed
    assert outside(data) == []
    assert overlapping(data) == []


def test_the_advice_note_of_an_added_roles_cell_is_printed_inside_the_page(reports):
    words = [w for page in printed.pages(reports.en) for w in page.words]
    notes = [i for i, w in enumerate(words) if w.text == "advice" and words[i + 1].text == "gave"]
    assert len(notes) >= 3  # one per cell where the team gave the added role a letter the advice did not


@pytest.mark.parametrize("language", ["fr", "de"])
def test_each_quote_and_its_translation_are_on_lines_of_their_own(reports, language):
    marks = 0
    for page in printed.pages(getattr(reports, language)):
        for mark in (w for w in page.words if w.text.startswith(TRANSLATION_MARK[language])):
            marks += 1
            # Running on, the quote's last word would sit just left of the mark on the same line (a word space).
            same_line = [w for w in page.words if abs(w.y0 - mark.y0) < 2 and w is not mark]
            assert not [w.text for w in same_line if 0 <= mark.x0 - w.x1 < 8], (
                f"a quote runs into {mark.text!r}"
            )
    assert marks >= 5
    # And as text (what a screen reader or a copy reads): the translation starts a line of its own.
    text = printed._with_file(getattr(reports, language), [printed._poppler("pdftotext")], "-").decode()
    assert f"”{TRANSLATION_MARK[language]}" not in text and f"\n{TRANSLATION_MARK[language]}" in text
