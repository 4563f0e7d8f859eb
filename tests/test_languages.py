"""English, French and German: the browser's choice on a first visit, the header's switcher, the choice kept on
the profile and used for mail; pages, the methodology, the PDF report and `manage.py assess` in each language,
with numbers, money and dates written (and read) the language's way. The catalogues' completeness is checked
by scripts/check_translations.py (`make test`)."""

from __future__ import annotations

import html
import io
import json
import re
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core import mail as outbox
from django.core.management import call_command
from django.test import Client
from django.utils.formats import date_format
from django.utils.timezone import localtime
from pypdf import PdfReader

from assessments import languages
from assessments.engine import complete_result, localise
from assessments.models import ActivityEvent, Profile, ReportCache
from assessments.questionnaire.amounts import Unreadable, parse_count, parse_money
from assessments.report import pdf
from assessments.report import services as reports
from assessments.team import services as teams
from caio.middleware import SESSION_LANGUAGE
from tests import printed
from tests.engine.strategies import doc
from tests.factories import (
    PASSWORD,
    AssessmentFactory,
    OrganisationFactory,
    UserFactory,
    completed_assessment,
)

pytestmark = pytest.mark.django_db


def page_text(response: Any) -> str:
    """The page's HTML with entities decoded and French typography's thin and non-breaking spaces as spaces."""
    return re.sub("[\u00a0\u202f]", " ", html.unescape(response.content.decode()))


def plain(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub("[\u00a0\u202f]", " ", text))


def pdf_text(data: bytes) -> str:
    return plain(printed.text(data))


def worded_in(language: str, result: dict[str, Any]) -> dict[str, Any]:
    """The stored result as the pages show it in `language`."""
    with languages.writing_in(language):
        return localise(complete_result(result), languages.wording())


# --- choosing the language ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "lang", "heading"),
    [
        ("en-GB,en;q=0.8", "en", "Do you need a Chief AI Officer, a CTO alone, or both?"),
        (
            "fr-CH, fr;q=0.9, en;q=0.5",
            "fr",
            "Avez-vous besoin d'un Chief AI Officer, d'un CTO seul, ou des deux ?",
        ),
        ("de-AT,de;q=0.9", "de", "Brauchen Sie einen Chief AI Officer, nur einen CTO oder beide?"),
        ("ja,zh;q=0.8", "en", "Do you need a Chief AI Officer, a CTO alone, or both?"),
    ],
)
def test_a_first_visit_is_in_the_browsers_language(client, accept, lang, heading):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    text = page_text(response)
    assert f'<html lang="{lang}"' in text
    assert heading in text
    assert response["Content-Language"] == lang
    assert "Accept-Language" in response["Vary"]


def test_the_switcher_is_a_form_that_needs_no_script_and_remembers_the_choice_in_a_cookie(client):
    page = page_text(client.get("/", HTTP_ACCEPT_LANGUAGE="en"))
    switcher = page[
        page.index('class="language-switcher') : page.index("</form>", page.index("language-switcher"))
    ]
    assert 'method="post"' in page[page.index("<form", page.index("language-switcher") - 200) :][:200]
    assert all(f'value="{code}"' in switcher for code in ("fr", "de"))
    assert 'lang="fr"' in switcher and "Français" in switcher and "Deutsch" in switcher
    assert "<script" not in switcher and "onclick" not in switcher

    response = client.post("/language/", {"language": "de", "next": "/methodology/"})
    assert response.status_code == 302 and response["Location"] == "/methodology/"
    assert response.cookies["django_language"].value == "de"
    page = page_text(client.get("/methodology/", HTTP_ACCEPT_LANGUAGE="fr"))  # the choice beats the browser
    assert '<html lang="de"' in page
    assert "Signale, dass Sie wahrscheinlich einen eigenen CAIO brauchen" in page


def test_an_unknown_language_changes_nothing(client):
    response = client.post("/language/", {"language": "xx", "next": "/"})
    assert response.status_code == 302
    assert "django_language" not in response.cookies
    assert client.get("/language/").status_code == 405  # a choice is a POST (CSRF-protected), never a link


def test_a_signed_in_choice_is_kept_on_the_profile_and_follows_the_person_to_another_browser(alice):
    first = Client()
    first.force_login(alice)
    first.post("/language/", {"language": "fr", "next": "/"})
    assert Profile.objects.get(user=alice).language == "fr"

    elsewhere = Client(HTTP_ACCEPT_LANGUAGE="de")  # another browser, which prefers German
    elsewhere.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert elsewhere.session[SESSION_LANGUAGE] == "fr"
    page = page_text(elsewhere.get("/organisations/"))
    assert '<html lang="fr"' in page


def test_a_first_log_in_keeps_the_language_the_person_was_using(db):
    UserFactory(username="dora")
    browser = Client(HTTP_ACCEPT_LANGUAGE="de-DE")
    browser.post("/accounts/login/", {"username": "dora", "password": PASSWORD})
    assert Profile.objects.get(user__username="dora").language == "de"


def test_signing_up_in_french_keeps_french(client):
    response = client.post(
        "/accounts/signup/",
        {
            "username": "zoe",
            "email": "zoe@example.com",
            "password1": "a long passphrase 42",
            "password2": "a long passphrase 42",
        },
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.status_code == 302
    assert Profile.objects.get(user__username="zoe").language == "fr"


# --- pages ---------------------------------------------------------------------------------------------


METHODOLOGY = {
    "en": (
        "Signals that you probably need a dedicated CAIO",
        "Conditions under which a CTO can absorb CAIO duties",
        "The article’s tests",
        None,
    ),
    "fr": (
        "Signaux indiquant que vous avez probablement besoin d'un CAIO dédié",
        "Conditions dans lesquelles un CTO peut assumer les fonctions de CAIO",
        "Les critères de l'article",
        "Traduction :",
    ),
    "de": (
        "Signale, dass Sie wahrscheinlich einen eigenen CAIO brauchen",
        "Bedingungen, unter denen ein CTO die CAIO-Aufgaben übernehmen kann",
        "Die Tests des Artikels",
        "Übersetzung:",
    ),
}


@pytest.mark.parametrize("language", ["en", "fr", "de"])
def test_the_methodology_page_in_each_language_quotes_the_article_in_english(client, language):
    signals, conditions, tests, translation_mark = METHODOLOGY[language]
    client.post("/language/", {"language": language, "next": "/"})
    page = page_text(client.get("/methodology/"))
    assert f'<html lang="{language}"' in page
    assert signals in page and conditions in page and tests in page
    # The article's sentence stays in English, marked as such; the translation beneath it is marked as one.
    quote = "AI spending exceeds $5M annually."
    assert quote in page
    if translation_mark is None:
        assert 'class="quote-translation"' not in page
        assert '<q lang="en"' not in page  # an English page needs no language change
    else:
        assert f'lang="en">{quote}</q>' in page
        assert translation_mark in page
        assert page.count('class="quote-translation') >= 9  # at least one per test of the article
    # A rule of the tool's own is marked in the page's language.
    assert {
        "en": "CAIO Advisor’s rule, not from the article",
        "fr": "Règle de CAIO Advisor, pas de l'article",
        "de": "Regel von CAIO Advisor, nicht aus dem Artikel",
    }[language] in page


def test_the_results_page_in_french_words_the_stored_result_without_scoring_again(alice, alice_client):
    assessment = completed_assessment(
        organisation=OrganisationFactory(owner=alice, name="Northwind Logistics")
    )
    stored = dict(assessment.result)
    alice_client.post("/language/", {"language": "fr", "next": "/"})
    page = page_text(alice_client.get(f"/assessments/{assessment.pk}/results/"))
    french = worded_in("fr", stored)
    assert '<html lang="fr"' in page
    assert "Avez-vous besoin d'un CAIO dédié ?" in page
    assert plain(french["verdicts"]["need"]["label"]) in page
    assert plain(french["verdicts"]["reporting_line"]["label"]) in page
    assert "Les critères de l'article" in page
    assert "Qui fait quoi : matrice des responsabilités" in page
    assert "2 500 000 $US" in page  # money the French way, from the stored answer
    # Nothing was scored again: the stored snapshot is unchanged, and still English with its messages.
    assessment.refresh_from_db()
    assert assessment.result == stored
    # The report can be had in any language, whatever the page's.
    assert f'<form method="get" action="/assessments/{assessment.pk}/report.pdf"' in page
    assert '<option value="de" lang="de">Deutsch</option>' in page
    assert '<option value="fr" lang="fr" selected>Français</option>' in page


def test_a_shared_page_is_read_in_the_language_asked_for(alice, alice_client):
    assessment = completed_assessment(
        organisation=OrganisationFactory(owner=alice, name="Northwind Logistics")
    )
    _link, token = teams.share(assessment=assessment, user=alice, days=7)
    path = f"/shared/{token}/"
    visitor = Client()
    german = page_text(visitor.get(path + "?lang=de"))
    assert '<html lang="de"' in german and "Brauchen Sie einen eigenen CAIO?" in german
    french = page_text(visitor.get(path, HTTP_ACCEPT_LANGUAGE="fr"))
    assert '<html lang="fr"' in french and "Avez-vous besoin d'un CAIO dédié ?" in french


def test_dates_are_written_the_languages_way(alice, alice_client):
    organisation = OrganisationFactory(owner=alice, name="Northwind Logistics")
    assessment = completed_assessment(organisation=organisation)
    when = assessment.completed_at or assessment.created_at
    for language, month in (("en", when.strftime("%B")), ("fr", None), ("de", None)):
        alice_client.post("/language/", {"language": language, "next": "/"})
        page = page_text(alice_client.get(f"/organisations/{organisation.pk}/"))
        with languages.writing_in(language):
            expected = date_format(localtime(when), "SHORT_DATE_FORMAT")
        assert expected in page, (language, expected)
        if month:
            assert month[:3] in expected
    assert expected.split()[0].endswith(".")  # German: "5. März 2026"


def test_the_activity_log_is_worded_in_the_readers_language(alice, alice_client):
    organisation = OrganisationFactory(owner=alice, name="Northwind Logistics")
    with languages.writing_in("en"):
        teams.invite(
            organisation=organisation,
            user=alice,
            email="erin@example.com",
            role="editor",
            link_for=lambda t: t,
        )
    assert ActivityEvent.objects.filter(organisation=organisation).exists()
    alice_client.post("/language/", {"language": "de", "next": "/"})
    page = page_text(alice_client.get(f"/organisations/{organisation.pk}/activity/"))
    assert "erin@example.com" in page
    assert "eingeladen" in page  # the sentence is worded when shown, from the stored facts


# --- numbers typed in a form ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "locale", "dollars"),
    [
        ("5.000.000", "de", 5_000_000),
        ("5.000.000 $", "de", 5_000_000),
        ("2,5 Mio.", "de", 2_500_000),
        ("1.234,56", "de", Decimal("1234.56")),
        ("5 000 000", "fr", 5_000_000),
        ("5\u202f000\u202f000 $", "fr", 5_000_000),
        ("2,5 M$", "fr", 2_500_000),
        ("2,5 millions", "fr", 2_500_000),
        ("5,000,000", "en", 5_000_000),
    ],
)
def test_money_is_read_as_each_language_writes_it(typed, locale, dollars):
    assert parse_money(typed, locale=locale) == dollars


def test_a_full_stop_group_is_thousands_in_german_but_refused_in_english():
    assert parse_count("1.200", locale="de") == 1200
    assert parse_count("1 200", locale="fr") == 1200
    with pytest.raises(Unreadable):
        parse_money("5.000.000", locale="en")


def test_a_form_reads_amounts_the_pages_way_and_echoes_them_so(alice, alice_client):
    organisation = OrganisationFactory(owner=alice)
    draft = AssessmentFactory(organisation=organisation)
    alice_client.post("/language/", {"language": "de", "next": "/"})
    typed = {
        "employees": "1.200",
        "annual_ai_spend_usd": "5.000.000",
        "ai_headcount": "12",
        "ai_use_cases": "3",
    }
    response = alice_client.post(
        f"/assessments/{draft.pk}/step/footprint/", {**typed, "version": draft.version, "action": "next"}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.answers["annual_ai_spend_usd"], draft.answers["employees"]) == (5_000_000, 1200)
    page = page_text(alice_client.get(f"/assessments/{draft.pk}/step/footprint/"))
    assert "= 5.000.000 $" in page and "= 1.200 " in page


# --- mail ----------------------------------------------------------------------------------------------


def test_an_invitation_is_written_in_the_language_of_the_account_it_goes_to(alice, alice_client, worker):
    erin = UserFactory(username="erin", email="erin@example.com")
    languages.remember(user=erin, language="de")
    organisation = OrganisationFactory(owner=alice, name="Northwind Logistics")
    alice_client.post("/language/", {"language": "fr", "next": "/"})
    with worker():
        alice_client.post(
            f"/organisations/{organisation.pk}/members/", {"email": "erin@example.com", "role": "editor"}
        )
        alice_client.post(
            f"/organisations/{organisation.pk}/members/", {"email": "new@example.com", "role": "viewer"}
        )
    by_address = {message.to[0]: message for message in outbox.outbox}
    assert by_address["erin@example.com"].subject == (
        "Sie sind eingeladen, einer Organisation auf CAIO Advisor beizutreten"
    )
    # Nobody has that address yet: the invitation is in the sender's language.
    assert "Vous êtes invité" in by_address["new@example.com"].subject


def test_a_password_reset_is_written_in_the_accounts_language(client, worker):
    user = UserFactory(username="frank", email="frank@example.com")
    languages.remember(user=user, language="fr")
    with worker():
        client.post("/accounts/password_reset/", {"email": "frank@example.com"}, HTTP_ACCEPT_LANGUAGE="de")
    (message,) = outbox.outbox
    assert "mot de passe" in message.subject.lower() + message.body.lower()


# --- the PDF report ------------------------------------------------------------------------------------


def test_the_report_language_is_part_of_its_content_key_and_each_is_kept_on_its_own(alice, fake_renderer):
    assessment = completed_assessment(organisation=OrganisationFactory(owner=alice))
    keys = {
        language: pdf.report_cache_key(assessment, size="a4", language=language)
        for language in ("en", "fr", "de")
    }
    assert len(set(keys.values())) == 3
    for language in ("fr", "de"):
        reports.request_report(assessment=assessment, size="a4", language=language)
    rows = ReportCache.objects.filter(assessment=assessment, size="a4")
    assert {row.language: row.key for row in rows} == keys


def test_a_report_in_german_has_german_headings_verdicts_and_page_numbers(alice, alice_client, worker):
    organisation = OrganisationFactory(owner=alice, name="Northwind Logistics", notes="KI steckt im Produkt.")
    assessment = completed_assessment(organisation=organisation)
    url = f"/assessments/{assessment.pk}/report.pdf?size=a4&lang=de"
    with worker():
        first = alice_client.get(url)  # the page stays English: the report's language is asked for
    assert first.status_code in (200, 202)
    response = alice_client.get(url)
    assert response.status_code == 200
    assert response["Content-Language"] == "de"
    assert response["Content-Disposition"].endswith('-de.pdf"')
    reader = PdfReader(io.BytesIO(response.content))
    assert reader.trailer["/Root"]["/Lang"] == "de"
    assert reader.metadata.title == "CAIO-Bewertung: Northwind Logistics"
    text = pdf_text(response.content)
    for heading in (
        "Brauchen wir einen Chief AI Officer?",
        "Inhalt",
        "Zusammenfassung",
        "Die Tests des Artikels",
        "Wer was macht: Verantwortungsmatrix",
        "Was die Empfehlung ändern würde",
        "Risiken und nächste Schritte",
        "Anhang: Profil und Antworten",
    ):
        assert heading in text, heading
    german = worded_in("de", assessment.result)
    for verdict in german["verdicts"].values():
        assert plain(verdict["question"]) in text and plain(verdict["label"]) in text
    pages = len(reader.pages)
    assert f"Seite 1 von {pages}" in text and "Erstellt mit CAIO Advisor" in text
    assert "Executive summary" not in text and "Page 1 of" not in text
    # The article's words stay English, each with its German translation.
    assert "AI spending exceeds $5M annually." in text and "Übersetzung:" in text


# --- the command line ----------------------------------------------------------------------------------


def test_assess_writes_its_text_report_in_french(tmp_path):
    path = tmp_path / "northwind.json"
    path.write_text(json.dumps(doc(name="Northwind Logistics")), encoding="utf-8")
    out = io.StringIO()
    call_command("assess", str(path), "--lang", "fr", stdout=out)
    text = plain(out.getvalue())
    assert text.startswith("CAIO Advisor : Northwind Logistics Recommandation : CAIO dédié rattaché au CTO")
    assert "Avez-vous besoin d'un CAIO dédié ? Oui, probablement : un CAIO dédié (limite)" in text
    assert "Les critères de l'article" in text
    assert "2 500 000 $US" in text
    assert "Article : « AI spending exceeds $5M annually. »" in text
    assert "(Traduction : Les dépenses en IA dépassent 5 M$ par an.)" in text
    assert not get_user_model().objects.exists()  # nothing stored: the command only reads


def test_french_counts_one_signal_in_the_singular_and_names_an_organisation_without_de_before_a_vowel(alice):
    from tests.factories import OrganisationFactory, completed_assessment

    languages.remember(user=alice, language="fr")
    organisation = OrganisationFactory(owner=alice, name="Acme")
    completed_assessment(organisation=organisation)  # Northwind's answers: one CAIO signal of five
    client = Client()
    client.force_login(alice)
    page = html.unescape(client.get(f"/organisations/{organisation.pk}/").content.decode())
    assert "1 signal sur 5 en faveur d'un CAIO" in page and "1 signaux" not in page
    members = html.unescape(client.get(f"/organisations/{organisation.pk}/members/").content.decode())
    assert "Membres de l'organisation Acme" in members and "de Acme" not in members
