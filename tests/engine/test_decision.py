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


def test_all_four_conditions_and_no_signal_is_cto_only_and_one_yes_no_answer_from_both_ways():
    r = evaluate(small_cto_shop())
    assert r["recommendation"] == "cto_only"
    # A stretched CTO is one of the article's signals: the article would point both ways, so the article's
    # "the CTO can absorb" is not clear even though CAIO Advisor's lean would stay with the CTO.
    assert r["confidence"] == {"need": "borderline", "reporting_line": None}
    assert r["verdicts"]["need"]["confidence_reason"] == (
        "A plausible error in the answers would change this verdict, for example if the CTO became stretched "
        "(one yes/no answer)."
    )
    tip = next(w for w in r["what_if"] if w["answers_delta"] == {"cto_stretched": True})
    assert (tip["need_answer"], tip["situation"], tip["recommendation"]) == ("mixed", "both_ways", "cto_only")
    assert tip["within_margin"]
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


def test_signals_and_all_four_conditions_point_both_ways_and_the_tool_leans_on_its_own_label():
    # The 450-person lab: 200 people on AI, $50M, a stretched CTO, but one internal use case and minimal exposure.
    lab = small_cto_shop(employees=450, annual_ai_spend_usd=50_000_000, ai_headcount=200, cto_stretched=True)
    r = evaluate(lab)
    need = r["verdicts"]["need"]
    assert (need["answer"], need["basis"], need["situation"], need["lean"]) == (
        "mixed",
        "method",
        "both_ways",
        "caio",
    )
    assert r["headline"].startswith("The article points both ways.")
    assert need["lean_reason"]["source"] == "method" and need["lean_reason"]["rule"] == "lean"
    assert r["recommendation"] == "caio_reports_to_cto"
    # The stretched CTO alone, with everything else small: the tool leans towards the CTO.
    alone = evaluate(small_cto_shop(cto_stretched=True))["verdicts"]["need"]
    assert (alone["answer"], alone["lean"], alone["lean_label"]) == (
        "mixed", "cto", "CAIO Advisor's own judgement: lean towards the CTO keeping the AI duties"
    )  # fmt: skip


def test_no_signal_and_not_all_four_conditions_is_the_articles_silence_and_the_tools_default():
    # The 3,000-person HR-software company: AI in the product, high exposure, 4 use cases, no signal.
    hr = base(employees=3_000, annual_ai_spend_usd=2_000_000, ai_headcount=15, ai_use_cases=4,
              regulatory_exposure="high", cto_stretched=False)  # fmt: skip
    r = evaluate(hr)
    need = r["verdicts"]["need"]
    assert (need["answer"], need["basis"], need["situation"], need["lean"]) == (
        "mixed",
        "method",
        "undecided",
        "cto",
    )
    assert r["headline"].startswith("The article does not decide.")
    assert "can absorb" not in r["headline"]
    assert need["lean_label"] == "CAIO Advisor's default: the CTO keeps the AI duties"
    assert r["next_steps"][-1]["text"].startswith(
        "Re-assess as soon as one of the article's CAIO signals appears"
    )


def test_one_signal_with_three_conditions_is_the_articles_caio_with_the_tools_own_caution():
    studio = small_cto_shop(employees=12, annual_ai_spend_usd=60_000, ai_headcount=1, ai_use_cases=3,
                            cto_stretched=True)  # fmt: skip
    need = evaluate(studio)["verdicts"]["need"]
    assert (need["answer"], need["basis"], need["situation"]) == ("caio", "article", "signals")
    assert need["caution"]["source"] == "method" and "fractional AI lead" in need["caution"]["text"]
    assert need["reason"] == {"text": "You probably need a dedicated CAIO when:", "source": "article",
                              "quote": "You probably need a dedicated CAIO when:", "rule": ""}  # fmt: skip


def test_within_the_margin_is_borderline_beyond_it_is_clear():
    near = evaluate(small_cto_shop(employees=480, cto_stretched=True))  # 500 is within 20 %
    assert near["confidence"]["need"] == "borderline"
    assert near["verdicts"]["need"]["confidence_reason"] == (
        "A plausible error in the answers would change this verdict, for example if the number of employees rose "
        "from 480 to 500 (5 % higher)."
    )
    assert (
        near["interim_step"]["text"] == "Name an AI lead who reports to the CTO, and re-assess in six months."
    )
    six = evaluate(base(annual_ai_spend_usd=6_000_000, cto_stretched=False))
    assert six["confidence"]["need"] == "borderline"  # $5M is 17 % lower: within the margin
    assert "(17 % lower)" in six["verdicts"]["need"]["confidence_reason"]
    far = evaluate(base(annual_ai_spend_usd=6_500_000, ai_headcount=12, cto_stretched=False))
    assert far["confidence"]["need"] == "clear"  # $5M is 24 % lower


@pytest.mark.parametrize(
    ("spend", "headcount", "confidence"), [(4_500_000, 18, "borderline"), (4_000_000, 16, "clear")]
)
def test_the_strategic_line_is_borderline_within_the_margin(spend, headcount, confidence):
    r = evaluate(base(annual_ai_spend_usd=spend, ai_headcount=headcount, ai_product_role="core_product",
                      employees=1_200))  # fmt: skip
    assert r["recommendation"] == "caio_reports_to_cto"
    assert r["confidence"]["reporting_line"] == confidence


def test_a_change_that_would_contradict_another_answer_does_not_make_a_verdict_borderline():
    # Turning on the compliance need would break "minimal exposure", but those two answers disagree.
    r = evaluate(small_cto_shop(employees=100, ai_product_role="internal_only"))
    assert "compliance" not in r["verdicts"]["need"]["confidence_reason"]


def test_line_borderline_gets_a_dated_review_of_its_own_line():
    r = evaluate(base(annual_ai_spend_usd=8_000_000, ai_product_role="product_feature", cto_stretched=False))
    assert r["recommendation"] == "caio_reports_to_cto"
    assert r["confidence"] == {"need": "clear", "reporting_line": "borderline"}
    assert r["interim_step"]["text"].startswith("Appoint the CAIO under the CTO")
    ceo = evaluate(base(annual_ai_spend_usd=8_000_000, ai_product_role="becoming_core", cto_stretched=False))
    assert ceo["confidence"] == {"need": "clear", "reporting_line": "borderline"}
    assert ceo["interim_step"]["text"].startswith("Have the CAIO report to the CEO from the start")


def test_need_borderline_interim_names_the_headlines_reporting_line():
    r = evaluate(base(employees=6_000, ai_use_cases=3))  # stretched CTO is the only signal
    assert r["recommendation"] == "caio_reports_to_ceo" and r["confidence"]["need"] == "borderline"
    assert r["interim_step"]["text"].startswith(
        "Start with an interim or fractional CAIO reporting to the CEO"
    )


def test_headlines_say_whose_reading_it_is():
    assert (
        evaluate(base())["headline"]
        == "The article's reading: you probably need a dedicated Chief AI Officer."
    )
    assert evaluate(small_cto_shop())["headline"].startswith("The article's reading: your CTO can absorb")


def test_tipping_points_come_smallest_change_first_each_with_its_size():
    r = evaluate(base(employees=250_000, annual_ai_spend_usd=40_000_000, ai_headcount=15, ai_use_cases=12,
                      ai_product_role="internal_only", compliance_needs_executive=True, cto_stretched=False))  # fmt: skip
    line = [w for w in r["what_if"] if w["verdict"] == "reporting_line"]
    assert line[0]["change"] == ("If annual AI spend fell from $40,000,000 to $5,000,000 (88 % lower)")
    assert [w["reachable"] for w in line] == sorted((w["reachable"] for w in line), reverse=True)
    assert line[-1]["change"] == "If the number of employees fell from 250,000 to 499 (less than a tenth)"
    assert not line[-1]["reachable"]


def test_a_verdict_no_one_or_two_changes_alter_has_no_tipping_point():
    r = evaluate(ALL_FIVE)
    assert r["tipping_points"]["need"] is None
    assert not [w for w in r["what_if"] if w["verdict"] == "need"]
    line = [w for w in r["what_if"] if w["verdict"] == "reporting_line"]
    assert line and all(w["recommendation"] == "caio_reports_to_cto" for w in line)


def test_spend_rising_past_the_line_is_said_in_words():
    r = evaluate(base(cto_stretched=False, annual_ai_spend_usd=4_800_000))
    assert "If annual AI spend rose from $4,800,000 to more than $5,000,000 (5 % higher)" in [
        w["change"] for w in r["what_if"]
    ]


def test_size_alone_never_sends_a_small_internal_ai_matter_to_the_ceo():
    water = base(employees=5_200, annual_ai_spend_usd=1_000_000, ai_headcount=6, ai_use_cases=3,
                 ai_product_role="internal_only", cto_stretched=True)  # fmt: skip
    line = evaluate(water)["verdicts"]["reporting_line"]
    assert (line["answer"], line["basis"], line["label"]) == ("cto", "method", "To the CTO, to start with")
    assert line["reason"]["rule"] == "line_size"
    # Size adds weight to AI that has some: in the product, at a large company.
    heavy = evaluate({**water, "ai_product_role": "product_feature"})["verdicts"]["reporting_line"]
    assert (heavy["answer"], heavy["basis"]) == ("ceo", "method")
    strategic = evaluate({**water, "ai_product_role": "core_product", "ai_headcount": 60})
    assert (strategic["verdicts"]["reporting_line"]["answer"], strategic["verdicts"]["reporting_line"]["basis"]) == (
        "ceo", "article"
    )  # fmt: skip


@pytest.mark.parametrize("status", ["vacant", "none"])
def test_without_a_cto_the_caio_reports_to_the_ceo_on_the_tools_own_rule(status):
    r = evaluate(base(cto_status=status, cto_stretched=False, annual_ai_spend_usd=9_000_000))
    line = r["verdicts"]["reporting_line"]
    assert (line["answer"], line["basis"], line["label"]) == (
        "ceo",
        "method",
        "To the CEO (there is no CTO in post)",
    )
    assert r["recommendation"] == "caio_reports_to_ceo"
    assert [p["role"] for p in r["structure"]["posts"]] == ["CEO", "CAIO"]
    assert line["reason"]["rule"] == "no_cto" and line["reason"]["quote"].startswith("Mid-market companies")
    shop = evaluate(small_cto_shop(cto_status=status))
    assert shop["verdicts"]["need"]["no_cto"]["rule"] == "no_cto"
    assert shop["recommendation_label"] == "One technology leader who holds the AI duties"


def test_a_document_without_the_cto_question_means_a_cto_in_post():
    old = {key: value for key, value in base().items() if key != "cto_status"}
    assert evaluate(old)["answers"]["cto_status"] == "in_post"


def test_impossible_combinations_are_answers_that_disagree_and_never_clear():
    r = evaluate(base(employees=3, annual_ai_spend_usd=9_000_000_000_000, ai_headcount=2, ai_use_cases=100_000,
                      ai_product_role="core_product"))  # fmt: skip
    assert [d["keys"] for d in r["answers_that_disagree"]] == [
        ["annual_ai_spend_usd", "employees"], ["ai_use_cases", "employees"]
    ]  # fmt: skip
    assert r["confidence"] == {"need": "borderline", "reporting_line": "borderline"}
    assert r["verdicts"]["need"]["confidence_reason"].startswith("Some answers disagree with each other")
    people = evaluate(base(ai_use_cases=0, annual_ai_spend_usd=0))
    assert [d["keys"] for d in people["answers_that_disagree"]] == [
        ["ai_headcount", "ai_use_cases"], ["ai_headcount", "annual_ai_spend_usd"]
    ]  # fmt: skip
    no_cto = evaluate(base(cto_status="none"))
    assert [d["text"] for d in no_cto["answers_that_disagree"]] == [
        "The CTO is answered as stretched, yet the company has no CTO role."
    ]


def test_text_report_quotes_each_test_names_both_sides_and_marks_the_tools_rules():
    text = format_text(assess_document(doc(HOSPITAL, name="St Mary's")))
    assert text.startswith("CAIO Advisor: St Mary's\nRecommendation: Dedicated CAIO reporting to the CTO\n")
    assert 'Article: "AI regulatory compliance requires dedicated executive attention."' in text
    assert "[holds] CTO can absorb: Fewer than 500 employees" in text
    why = text.split("\nWhy\n")[1].split("\nResponsibility matrix")[0]
    assert (  # the other side is named too, as the other side
        "On the other side (a condition for the CTO to absorb the role): 300 employees is fewer than the "
        "article's 500." in " ".join(why.split())
    )
    assert "You probably need a dedicated CAIO when:" not in why  # the list's heading is no reason by itself
    assert "AI regulatory compliance needs dedicated executive attention." in why
    assert (
        "advised like mid-market companies: the CAIO starts under the CTO. [CAIO Advisor's rule, not from the"
        in (" ".join(why.split()))
    )
    assert "the CTO breaks ties" in text


def test_text_report_of_a_cto_only_result_without_organisation():
    text = format_text(evaluate(small_cto_shop()))
    assert text.startswith("Recommendation: CTO only")
    assert "Where should the CAIO report?" not in text
    assert (
        "CEO" in text.split("Responsibility matrix")[1]
        and "CAIO   " not in text.split("Responsibility")[1][:200]
    )


def test_text_report_shows_the_interim_step_and_answers_that_disagree():
    text = format_text(evaluate(small_cto_shop(employees=480, ai_product_role="none")))
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


def test_a_change_that_would_put_more_people_on_ai_than_the_company_employs_is_never_the_example():
    quiet = base(ai_product_role="internal_only", regulatory_exposure="minimal", cto_stretched=False,
                 annual_ai_spend_usd=100_000, ai_use_cases=3, ai_headcount=20)  # fmt: skip
    # With 21 employees, a 21st person on AI is the nearest change that brings a CAIO signal.
    assert evaluate({**quiet, "employees": 21})["verdicts"]["need"]["confidence_reason"].endswith(
        "if the number of people working on AI rose from 20 to more than 20 (5 % higher)."
    )
    # With 20 there is no 21st person to put on AI: another change is the example.
    assert (
        "people working on AI"
        not in evaluate({**quiet, "employees": 20})["verdicts"]["need"]["confidence_reason"]
    )


def test_a_clear_verdict_never_sits_beside_a_neighbouring_choice_that_is_a_fact():
    # The 12-person studio: its reporting line is clear ("no neighbouring choice" would change it), yet the CTO
    # post falling vacant would. Whether a CTO is in post is a fact the team knows, not a plausible error, and
    # its tipping point must say so rather than call it "the neighbouring choice".
    studio = small_cto_shop(employees=12, annual_ai_spend_usd=60_000, ai_headcount=1, ai_use_cases=3,
                            cto_stretched=True)  # fmt: skip
    r = evaluate(studio)
    assert r["confidence"]["reporting_line"] == "clear"
    assert "no neighbouring choice" in r["verdicts"]["reporting_line"]["confidence_reason"]
    vacancy = [w["change"] for w in r["what_if"] if "CTO post" in w["change"]]
    assert vacancy == [
        "If the CTO post changed from 'in post' to 'vacant' (a fact the team knows, not an estimate)"
    ]
    assert "(the neighbouring choice)" in "\n".join(w["change"] for w in evaluate(base())["what_if"])


def test_a_high_risk_ai_act_role_in_the_eu_with_minimal_exposure_is_answers_that_disagree():
    # An EU deployer of a high-risk system was told "the CTO can absorb the CAIO duties (clear)" with "Regulatory
    # exposure to AI-specific laws is minimal" ticked beside three AI Act obligations it must meet.
    eu = {"operates_in": ["eu"], "high_risk_role": "deployer", "ai_frameworks": "no_framework"}
    r = evaluate(small_cto_shop(**eu))
    assert [d["keys"] for d in r["answers_that_disagree"]] == [["regulatory_exposure", "high_risk_role"]]
    assert r["confidence"]["need"] == "borderline"
    assert r["verdicts"]["need"]["answer"] == "cto"  # the article's reading is unchanged, only not clear
    for fine in (
        small_cto_shop(**{**eu, "high_risk_role": "no_high_risk"}),
        small_cto_shop(**{**eu, "operates_in": ["other_region"]}),
        small_cto_shop(**{**eu, "regulatory_exposure": "moderate"}),
        small_cto_shop(),
    ):
        assert evaluate(fine)["answers_that_disagree"] == []
