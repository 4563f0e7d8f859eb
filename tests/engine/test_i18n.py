"""The engine in French and German: a stored result worded again from its Messages, without scoring again."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments.engine import (
    NP_,
    Wording,
    all_matrices,
    assess_document,
    cli,
    complete_result,
    evaluate,
    format_text,
    get_method,
    localise,
    localise_matrix,
    parse_document,
    render,
    review_panel,
)
from assessments.engine.i18n import ENGLISH, LANGUAGES, MissingCatalogue, catalogue, message
from assessments.engine.numbers import format_count, format_money
from assessments.engine.validation import ValidationFailed

from .strategies import base, doc, small_cto_shop

FR = catalogue("fr")
DE = catalogue("de")


def test_english_is_the_result_as_stored():
    result = evaluate(base())
    assert catalogue("en") is ENGLISH
    assert localise(result, ENGLISH) == result


def test_a_french_result_keeps_the_article_in_english_with_the_translation_beside_it():
    result = assess_document(doc(name="Northwind Logistics"))
    fr = localise(result, FR)
    assert (
        fr["headline"]
        == "La lecture de l'article\u00a0: vous avez probablement besoin d'un Chief AI Officer dédié."
    )
    criterion = next(c for c in fr["criteria"] if c["id"] == "under_500_employees")
    assert criterion["quote"] == "The company has fewer than 500 employees."  # the article's own words
    assert criterion["quote_translation"] == "L'entreprise compte moins de 500 employés."
    assert criterion["explanation"] == "1\u202f200 employés, ce n'est pas moins que les 500 de l'article."
    assert criterion["answer_display"] == "1\u202f200"
    spend = next(c for c in fr["criteria"] if c["id"] == "ai_spend_over_5m")
    assert spend["answer_display"] == "2\u202f500\u202f000\u00a0$US"
    assert result["headline"].startswith("The article's reading")  # the stored result is untouched


def test_every_text_with_values_is_worded_from_its_message():
    result = evaluate(
        base(employees=480, cto_stretched=True, ai_product_role="none", annual_ai_spend_usd=1_000)
    )
    de = localise(result, DE)
    assert de["balance"]["text"].startswith("Zutreffende CAIO-Signale: ")
    assert de["verdicts"]["need"]["confidence_label"] == "Knapp"
    assert "zum Beispiel wenn" in de["verdicts"]["need"]["confidence_reason"]
    assert de["answers_that_disagree"][0]["text"].startswith("KI ist als nicht genutzt angegeben, und doch")
    assert "1.000\u00a0$" in de["answers_that_disagree"][0]["text"]
    assert all(w["change"].startswith("Wenn ") for w in de["what_if"])
    assert [row["value"] for row in de["answers_display"]][:2] == ["480", "1.000\u00a0$"]
    assert de["matrix"]["legend"]["A"].startswith("Gesamtverantwortlich")
    assert de["tipping_points"]["need"]["title"] == "Ob Sie einen eigenen CAIO brauchen"


def test_a_plural_follows_the_language_rule():
    # French puts 0 and 1 in the singular; English only 1.
    result = evaluate(small_cto_shop(ai_headcount=0, ai_use_cases=0))
    fr = localise(result, FR)
    cases = next(c for c in fr["criteria"] if c["id"] == "use_cases_1_to_2")
    assert cases["explanation"] == "0 cas d'usage de l'IA reste dans la limite de 1 ou 2 fixée par l'article."
    assert next(c for c in result["criteria"] if c["id"] == "use_cases_1_to_2")["explanation"].startswith(
        "0 AI use cases is"
    )


def test_a_panel_is_worded_too():
    raters = [("CEO", base()), ("CTO", base(cto_stretched=False))]
    result = {**evaluate(base()), "panel": review_panel(raters)}
    fr = localise(result, FR)
    assert fr["panel"]["rule"].startswith("Pour chaque question")
    assert fr["panel"]["recommendation_label"] == "CAIO dédié rattaché au CTO"
    assert fr["panel"]["combinations"][0]["recommendation_label"].startswith("CTO seul")
    alternatives = [a for q in fr["panel"]["questions"] for a in q["alternatives"]]
    assert alternatives and alternatives[0]["recommendation_label"].startswith("CTO seul")


def test_a_result_of_the_retired_method_is_shown_as_it_was_stored():
    legacy = {"schema": "caio-result/1", "headline": "Appoint a dedicated Chief AI Officer."}
    assert localise(legacy, FR) == legacy


def test_a_stored_result_without_messages_still_translates_its_fixed_texts():
    result = evaluate(base())
    for part in ("criteria", "reasons"):
        for item in result[part]:
            item.pop("explanation_msg", None), item.pop("text_msg", None)
    fr = localise(result, FR)
    assert (
        fr["verdicts"]["need"]["reason"]["text"]
        == "Vous avez probablement besoin d'un CAIO dédié lorsque\u00a0:"
    )
    assert fr["reasons"][1]["text"].startswith("Les entreprises de taille intermédiaire rattachent souvent")
    assert fr["reasons"][1]["quote"].startswith(
        "Mid-market companies often have the CAIO"
    )  # the article's words stay
    assert fr["reasons"][-1]["text"].startswith("L'entreprise est de taille intermédiaire\u00a0: 500 à 4")
    assert fr["criteria"][0]["explanation"] == result["criteria"][0]["explanation"]  # no message: English


def test_a_translation_with_the_wrong_placeholders_falls_back_to_english():
    broken = Wording("xx", lambda text: "{nope}", lambda one, other, n: "{nope}", str, str)
    assert render(message("Hello {name}", name="Ada"), broken) == "Hello Ada"
    apples = message(NP_("{n} apple", "{n} apples"), 2, n={"count": 2})
    assert render(apples, broken) == "2 apples"
    assert render(apples, ENGLISH) == "2 apples"


def test_money_is_never_a_plural_count():
    money = message(NP_("one", "many"), 1.0)
    assert render(money, FR) == render(money, ENGLISH) == "many"


def test_numbers_and_money_in_each_language():
    assert [format_money(5_000_000, locale=code) for code in LANGUAGES] == [
        "$5,000,000",
        "5\u202f000\u202f000\u00a0$US",
        "5.000.000\u00a0$",
    ]
    assert format_money(Decimal("1234.5"), locale="de") == "1.234,50\u00a0$"
    assert [format_count(1200, locale=code) for code in LANGUAGES] == ["1,200", "1\u202f200", "1.200"]


@given(
    whole=st.integers(min_value=0, max_value=10**13),  # $10 trillion: past it a float has no cents left
    cents=st.integers(min_value=0, max_value=99),
)
def test_english_writes_money_and_counts_as_babel_does(whole, cents):
    # English skips Babel for speed (the engine's throughput); it must write what Babel writes for "en". Money
    # arrives as the validator leaves it: whole dollars as an int, anything else a float with cents.
    money = whole if cents == 0 else whole + cents / 100
    assert ENGLISH.money(money) == format_money(money, locale="en")
    assert ENGLISH.count(whole) == format_count(whole, locale="en")


def test_a_missing_catalogue_is_said_not_guessed(tmp_path):
    with pytest.raises(MissingCatalogue):
        catalogue("fr", tmp_path)


def test_the_text_report_in_french_quotes_the_article_and_its_translation():
    result = assess_document(doc(name="Northwind Logistics"))
    text = format_text(localise(result, FR), FR)
    assert text.startswith(
        "CAIO Advisor\u00a0: Northwind Logistics\nRecommandation\u00a0: CAIO dédié rattaché au CTO\n"
    )
    assert "Article\u00a0: «\u00a0The company has fewer than 500 employees.\u00a0»" in text
    assert "(Traduction\u00a0: L'entreprise compte moins de 500 employés.)" in text
    assert "[Règle de CAIO Advisor, pas de l'article]" in text
    assert "\nMéthode 2027.01\n" in text


def test_the_command_line_reports_in_german_and_says_what_is_wrong_in_german(tmp_path):
    path = tmp_path / "northwind.json"
    path.write_text(json.dumps(doc(name="Northwind Logistics")))
    sink = io.BytesIO()
    cli.run(str(path), "text", False, "2027.01", io.BytesIO(), sink, "de")
    assert sink.getvalue().decode().startswith("CAIO Advisor: Northwind Logistics\nEmpfehlung: ")
    path.write_text(json.dumps(doc(base(employees=-5))))
    with pytest.raises(cli.CliError, match="employees: muss eine ganze Zahl von mindestens 1 sein"):
        cli.run(str(path), "text", False, "2027.01", io.BytesIO(), io.BytesIO(), "de")


def test_the_command_line_needs_the_compiled_catalogue(tmp_path, monkeypatch):
    monkeypatch.setattr("assessments.engine.i18n.LOCALE_DIR", tmp_path)
    monkeypatch.setattr(cli, "catalogue", lambda language: catalogue(language, tmp_path))
    with pytest.raises(cli.CliError, match="no compiled fr catalogue"):
        cli.run("-", "text", False, "2027.01", io.BytesIO(b"{}"), io.BytesIO(), "fr")


def test_a_huge_number_in_a_yes_no_answer_is_named_by_its_size():
    text = json.dumps(doc(base(cto_stretched="HUGE"))).replace('"HUGE"', "9" * 30)
    with pytest.raises(ValidationFailed) as info:
        parse_document(text)
    assert [e.message for e in info.value.errors] == ["must be true or false, got a number of 30 digits"]


def test_a_wrong_value_is_named_in_the_readers_language_and_json_spelling():
    with pytest.raises(ValidationFailed) as info:  # the "got [{'schema': ..."
        parse_document(json.dumps({**doc(), "answers": [doc()]}))
    (wrong,) = info.value.errors
    assert wrong.message == "must be an object, got an array"
    assert render(wrong.msg, FR) == "doit être un objet, reçu un tableau"
    assert render(wrong.msg, DE) == "muss ein Objekt sein, erhalten: ein Array"
    huge = json.dumps(doc(base(ai_product_role="HUGE"))).replace('"HUGE"', "7" * 25)
    with pytest.raises(ValidationFailed) as info:
        parse_document(huge)
    assert [render(e.msg, FR) for e in info.value.errors] == [
        'doit être l\'une des valeurs "none", "internal_only", "product_feature", "becoming_core", '
        '"core_product", reçu un nombre de 25 chiffres'
    ]


def test_a_result_of_a_method_this_engine_does_not_know_keeps_its_answers_as_stored():
    result = {**evaluate(base()), "methodology_version": "test.1"}
    fr = localise(result, FR)
    assert [c["answer_display"] for c in fr["criteria"]] == [c["answer_display"] for c in result["criteria"]]
    assert fr["headline"].startswith("La lecture de l'article")


def test_a_retired_method_keeps_its_texts_but_words_its_answers_and_structure():
    legacy = complete_result(json.loads((Path(__file__).parents[1] / "data/result-2026.11.json").read_text()))
    fr = localise(legacy, FR)
    assert fr["headline"] == legacy["headline"]  # stored by a method the catalogues do not cover
    assert fr["structure"]["text"] == "Le CTO est rattaché au CEO\u00a0; le CAIO est rattaché au CTO."
    stretched = next(row for row in fr["answers_display"] if row["key"] == "cto_stretched")
    assert stretched["value"] == "Oui"  # "Yes" as the stored row writes it, with its capital


def test_a_matrix_alone_is_worded_for_the_methodology_page():
    matrix = all_matrices(get_method())["caio_reports_to_ceo"]
    assert localise_matrix(matrix, ENGLISH) == matrix
    de = localise_matrix(matrix, DE)
    assert de["forum"]["name"] == "KI- und Datenplattform-Gremium"
    assert de["rows"][0]["quote_translation"] == "Entscheidungen zu Technologieinfrastruktur und Architektur."


def test_a_current_result_needs_nothing_completed():
    result = evaluate(base())
    assert complete_result(result) is result


def test_a_laws_passage_translated_beneath_is_marked_as_caio_advisors_translation_not_an_official_one():
    answers = base(operates_in=["eu"], high_risk_role="deployer", ai_frameworks="nist_ai_rmf")
    text = " ".join(format_text(localise(evaluate(answers), FR), FR).split())
    assert (
        "(Traduction par CAIO Advisor, pas une version officielle : Les déployeurs" in text
    )  # split() took the nbsp
    assert "(Traduction : Les déployeurs" not in text


def test_french_says_debordé_par_and_a_fractional_lead_is_à_temps_partagé():
    studio = small_cto_shop(
        employees=12, annual_ai_spend_usd=60_000, ai_headcount=1, ai_use_cases=3, cto_stretched=True
    )
    text = " ".join(format_text(localise(evaluate(studio), FR), FR).split())
    assert "un responsable IA à temps partiel ou à temps partagé peut suffire" in text
    assert "fractionné" not in text
    calm = " ".join(format_text(localise(evaluate(base(cto_stretched=False)), FR), FR).split())
    assert (
        "Le CTO n'est pas indiqué comme débordé par l'infrastructure, la sécurité et l'ingénierie produit."
        in calm
    )


def test_german_says_fractional_one_way_and_keeps_teilzeit_for_part_time():
    studio = small_cto_shop(
        employees=12, annual_ai_spend_usd=60_000, ai_headcount=1, ai_use_cases=3, cto_stretched=True
    )
    text = " ".join(format_text(localise(evaluate(studio), DE), DE).split())
    assert "eine KI-Leitung in Teilzeit oder in einer Fractional-Rolle kann daher" in text
    borderline = " ".join(
        format_text(localise(evaluate(base(employees=6_000, ai_use_cases=3)), DE), DE).split()
    )
    assert (
        "Beginnen Sie mit einem CAIO auf Zeit oder in einer Fractional-Rolle, der an den CEO berichtet"
        in borderline
    )
    assert "CAIO auf Zeit oder in Teilzeit" not in borderline
