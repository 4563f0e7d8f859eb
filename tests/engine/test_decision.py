"""The decision on the profiles a board would check first, including every case method 2026.11 got wrong."""

from __future__ import annotations

import json

import pytest

from assessments import samples
from assessments.engine import answers_that_disagree, assess_document, assess_json, evaluate, format_text

from .strategies import base, doc, small_cto_shop

BANK = samples.MERIDIAN["answers"]
HOSPITAL = samples.ST_BRIGID["answers"]
ALL_FIVE = base(employees=1_500, annual_ai_spend_usd=9_000_000, ai_headcount=40, ai_use_cases=8,
                ai_product_role="core_product", regulatory_exposure="high", compliance_needs_executive=True)  # fmt: skip


def test_a_large_bank_follows_meta_and_google_with_both_roles_under_the_ceo():
    r = evaluate(BANK)
    assert r["recommendation"] == "caio_reports_to_ceo"
    assert r["confidence"] == {"need": "clear", "reporting_line": "clear"}
    assert r["size_band"]["id"] == "large"
    assert not any("mid-market" in item["text"] and "grown" in item["text"] for item in r["next_steps"])
    assert "Companies like Meta and Google have both roles reporting to the CEO." in [
        item["quote"] for item in r["reasons"]
    ]


def test_a_small_regulated_hospital_is_not_outvoted_by_its_size():
    r = evaluate(HOSPITAL)
    assert r["recommendation"] == "caio_reports_to_cto"
    assert r["confidence"]["need"] == "clear"  # it takes two changes to undo, not one
    assert r["tipping_points"]["need"]["changes"] == 2
    assert not any("compliance" in item["text"] for item in r["next_steps"])


def test_all_five_signals_in_a_mid_market_company_is_clear_not_borderline():
    r = evaluate(ALL_FIVE)
    assert r["recommendation"] == "caio_reports_to_ceo"  # AI is strategic
    assert r["confidence"] == {"need": "clear", "reporting_line": "clear"}
    assert r["interim_step"] is None
    assert r["verdicts"]["need"]["label"] == "Yes, probably: a dedicated CAIO"


def test_all_four_conditions_and_no_signal_is_a_clear_cto_only():
    r = evaluate(small_cto_shop())
    assert r["recommendation"] == "cto_only"
    assert r["confidence"] == {"need": "clear", "reporting_line": None}
    assert r["verdicts"]["reporting_line"] is None
    assert r["balance"]["text"] == (
        "CAIO signals that hold: 0 of 5. Conditions for the CTO to absorb the role that hold: 4 of 4."
    )


def test_the_reporting_line_follows_strategy_not_the_ctos_workload():
    core = base(employees=4_999, annual_ai_spend_usd=40_000_000, ai_headcount=200, ai_use_cases=8,
                ai_product_role="core_product", cto_stretched=False)  # fmt: skip
    assert evaluate(core)["recommendation"] == "caio_reports_to_ceo"
    assert evaluate({**core, "cto_stretched": True})["recommendation"] == "caio_reports_to_ceo"
    assert evaluate({**core, "ai_headcount": 201})["recommendation"] == "caio_reports_to_ceo"


@pytest.mark.parametrize(
    ("employees", "line"),
    [(499, "caio_reports_to_cto"), (4_999, "caio_reports_to_cto"), (5_000, "caio_reports_to_ceo")],
)
def test_the_ceo_line_starts_beyond_mid_market_when_ai_is_not_strategic(employees, line):
    assert evaluate(base(employees=employees))["recommendation"] == line


def test_becoming_core_meets_the_articles_signal():
    r = evaluate(base(ai_product_role="becoming_core", cto_stretched=False))
    core = next(c for c in r["criteria"] if c["id"] == "ai_core_to_product")
    assert core["met"] and r["recommendation"] != "cto_only"


def test_a_compliance_need_means_exposure_is_not_minimal_and_the_answers_are_flagged():
    r = evaluate(small_cto_shop(compliance_needs_executive=True))
    assert r["recommendation"] == "caio_reports_to_cto"
    minimal = next(c for c in r["criteria"] if c["id"] == "minimal_regulatory_exposure")
    assert minimal["met"] and not minimal["counted"]
    assert [d["keys"] for d in r["answers_that_disagree"]] == [
        ["regulatory_exposure", "compliance_needs_executive"]
    ]


def test_ai_not_used_with_spend_staff_and_use_cases_is_flagged():
    r = evaluate(small_cto_shop(ai_product_role="none"))
    assert [d["text"] for d in r["answers_that_disagree"]] == [
        "AI is answered as not used, yet the company spends $100,000 a year on AI.",
        "AI is answered as not used, yet 2 people work on AI.",
        "AI is answered as not used, yet 1 AI use case is live or being built.",
    ]
    assert any(item["rule"] == "plausibility" for item in r["risks"])


def test_all_four_conditions_outweigh_signals_that_do_not_contradict_them():
    r = evaluate(small_cto_shop(cto_stretched=True, annual_ai_spend_usd=6_000_000))
    assert r["recommendation"] == "cto_only"
    assert r["reasons"][0]["text"].endswith("even though some of the article's CAIO signals hold as well.")
    assert any(item["quote"].startswith("Your CTO is already stretched") for item in r["risks"])


def test_no_signal_keeps_the_cto_even_when_conditions_fail():
    r = evaluate(base(employees=20_000, cto_stretched=False))
    assert r["recommendation"] == "cto_only"
    assert r["reasons"][0]["rule"] == "no_signal"
    assert r["next_steps"][1]["text"].startswith(
        "Re-assess as soon as one of the article's CAIO signals appears"
    )


def test_near_a_line_is_borderline_far_from_it_is_clear():
    near = evaluate(small_cto_shop(employees=480, cto_stretched=True))  # 500 is within a tenth
    assert near["confidence"]["need"] == "borderline"
    assert near["verdicts"]["need"]["confidence_reason"] == (
        "One answer moved one notch would change this verdict, for example if the number of employees rose "
        "from 480 to 500."
    )
    assert (
        near["interim_step"]["text"] == "Name an AI lead who reports to the CTO, and re-assess in six months."
    )


@pytest.mark.parametrize(
    ("employees", "confidence"), [(4_500, "borderline"), (4_499, "clear"), (3_000, "clear")]
)
def test_the_reporting_line_is_borderline_only_within_a_tenth_of_5000(employees, confidence):
    r = evaluate(base(employees=employees))
    assert r["recommendation"] == "caio_reports_to_cto"
    assert r["confidence"]["reporting_line"] == confidence


def test_a_change_that_would_contradict_another_answer_does_not_make_a_verdict_borderline():
    # Turning on the compliance need would break "minimal exposure", but those two answers disagree.
    assert evaluate(small_cto_shop())["confidence"]["need"] == "clear"


def test_line_borderline_gets_a_dated_review_of_its_own_line():
    r = evaluate(base(annual_ai_spend_usd=6_000_000, ai_product_role="product_feature", cto_stretched=False))
    assert r["recommendation"] == "caio_reports_to_cto"
    assert r["confidence"] == {"need": "clear", "reporting_line": "borderline"}
    assert r["interim_step"]["text"].startswith("Appoint the CAIO under the CTO")
    ceo = evaluate(base(annual_ai_spend_usd=6_000_000, ai_product_role="becoming_core", cto_stretched=False))
    assert ceo["confidence"] == {"need": "clear", "reporting_line": "borderline"}
    assert ceo["interim_step"]["text"].startswith("Have the CAIO report to the CEO from the start")


def test_need_borderline_interim_names_the_headlines_reporting_line():
    r = evaluate(base(employees=6_000, ai_use_cases=3))  # stretched CTO is the only signal
    assert r["recommendation"] == "caio_reports_to_ceo" and r["confidence"]["need"] == "borderline"
    assert r["interim_step"]["text"].startswith(
        "Start with an interim or fractional CAIO reporting to the CEO"
    )


def test_headlines_keep_the_articles_hedge():
    assert evaluate(base())["headline"].startswith("You probably need a dedicated Chief AI Officer")
    assert evaluate(small_cto_shop())["headline"].startswith("Your CTO can absorb the CAIO duties")


def test_tipping_points_show_each_verdict_even_when_far():
    r = evaluate(ALL_FIVE)
    assert r["tipping_points"]["need"]["changes"] == 5
    need = [w for w in r["what_if"] if w["verdict"] == "need"]
    assert need and all(w["recommendation"] == "cto_only" and w["changes"] == 5 for w in need)
    line = [w for w in r["what_if"] if w["verdict"] == "reporting_line"]
    assert line and all(w["recommendation"] == "caio_reports_to_cto" for w in line)


def test_spend_rising_past_the_line_is_said_in_words():
    r = evaluate(base(cto_stretched=False, annual_ai_spend_usd=4_800_000))
    assert "If annual AI spend rose from $4,800,000 to more than $5,000,000" in [
        w["change"] for w in r["what_if"]
    ]


def test_text_report_quotes_each_test_names_both_sides_and_marks_the_tools_rules():
    text = format_text(assess_document(doc(HOSPITAL, name="St Mary's")))
    assert text.startswith("CAIO Advisor: St Mary's\nRecommendation: Dedicated CAIO reporting to the CTO\n")
    assert 'Article: "AI regulatory compliance requires dedicated executive attention."' in text
    assert "[holds] CTO can absorb: Fewer than 500 employees" in text
    why = text.split("\nWhy\n")[1].split("\nResponsibility matrix")[0]
    assert "300 employees is fewer than the article's 500." in why  # the other side is named too
    assert "AI regulatory compliance needs dedicated executive attention." in why
    assert "so you probably need a dedicated CAIO. [CAIO Advisor's rule, not from the article]" in " ".join(
        why.split()
    )
    assert "the CTO breaks ties" in text


def test_text_report_of_a_cto_only_result_without_organisation():
    text = format_text(evaluate(small_cto_shop()))
    assert text.startswith("Recommendation: CTO only")
    assert "Where should the CAIO report?" not in text and "Interim step" not in text
    assert (
        "CEO" in text.split("Responsibility matrix")[1]
        and "CAIO   " not in text.split("Responsibility")[1][:200]
    )


def test_text_report_shows_the_interim_step_and_answers_that_disagree():
    text = format_text(evaluate(small_cto_shop(employees=480, cto_stretched=True, ai_product_role="none")))
    assert "Interim step: Name an AI lead who reports to the CTO, and re-assess in six months. [CAIO" in text
    assert (
        "Answers that disagree\n  - AI is answered as not used, yet the company spends $100,000 a year on AI."
        in text
    )


def test_assess_json_scores_text_and_bytes_alike():
    text = json.dumps(doc(HOSPITAL))
    assert assess_json(text) == assess_json(text.encode()) == assess_document(doc(HOSPITAL))


def test_the_review_step_lists_answers_that_disagree():
    assert [d["keys"] for d in answers_that_disagree(small_cto_shop(compliance_needs_executive=True))] == [
        ["regulatory_exposure", "compliance_needs_executive"]
    ]
    assert answers_that_disagree(base()) == []


def test_text_report_says_when_a_test_holds_but_is_not_counted():
    text = format_text(evaluate(small_cto_shop(compliance_needs_executive=True)))
    assert "[holds, not counted] CTO can absorb: Regulatory exposure to AI-specific laws is minimal" in text


def test_a_notch_that_would_put_more_people_on_ai_than_the_company_employs_is_never_the_example():
    quiet = base(ai_product_role="none", regulatory_exposure="minimal", cto_stretched=False,
                 annual_ai_spend_usd=0, ai_use_cases=3, ai_headcount=20)  # fmt: skip
    # With 21 employees, a 21st person on AI is the nearest change that brings a CAIO signal.
    assert evaluate({**quiet, "employees": 21})["verdicts"]["need"]["confidence_reason"].endswith(
        "if the number of people working on AI rose from 20 to more than 20."
    )
    # With 20 there is no 21st person to put on AI: another notch is the example.
    assert evaluate({**quiet, "employees": 20})["verdicts"]["need"]["confidence_reason"].endswith(
        "if the CTO became stretched."
    )
