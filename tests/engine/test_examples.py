"""Example tests: each clear case and each threshold boundary, with met flags, recommendation and score."""

from __future__ import annotations

import pytest

from assessments.engine import evaluate, get_method, score_answers

from .strategies import base, small_cto_shop


def met(result) -> dict[str, bool]:
    return {c["id"]: c["met"] for c in result["criteria"]}


def test_northwind_example():
    r = evaluate(base())
    assert r["recommendation"] == "caio_reports_to_cto"
    assert r["score"] == 60 and type(r["score"]) is int
    assert [c["id"] for c in r["criteria"] if c["met"]] == ["cto_stretched"]
    spend = r["criteria"][0]
    assert spend["explanation"] == "AI spend of $2,500,000 a year is not above the article's $5M line."
    assert spend["threshold"] == "more than $5,000,000 a year" and spend["contribution"] == 0
    assert r["borderline"] is True
    assert r["interim_step"].startswith("Start with an interim or fractional CAIO")
    assert r["organisation"] is None and r["methodology_version"] == "2026.11"


def test_all_cto_signals_and_no_caio_signal_scores_zero():
    r = evaluate(small_cto_shop())
    assert r["score"] == 0 and r["recommendation"] == "cto_only"
    assert r["borderline"] is False and r["interim_step"] is None
    assert r["what_if"] == []  # even two changes cannot lift 0 above 50
    assert r["reporting_line"].startswith("No CAIO")


def test_three_caio_signals_and_one_cto_signal_need_a_caio():
    r = evaluate(base(compliance_needs_executive=True, ai_headcount=21, ai_use_cases=1))
    assert r["score"] == 67.5 and r["recommendation"] == "caio_reports_to_cto"
    assert r["reasons"][:3] == [
        "21 people work on AI-related projects, more than the article's 20.",
        "AI regulatory compliance needs dedicated executive attention.",
        "The CTO is already stretched across infrastructure, security and product engineering.",
    ]


def test_no_signals_at_all_is_neutral_50_and_cto_only():
    r = evaluate(base(cto_stretched=False))
    assert r["score"] == 50 and r["recommendation"] == "cto_only"
    assert r["borderline"] is True and r["interim_step"].startswith("Name an AI lead")
    assert len(r["reasons"]) == 3  # rule plus two unmet CAIO signals


def test_all_five_caio_signals_report_to_ceo_even_when_small():
    r = evaluate(
        small_cto_shop(
            annual_ai_spend_usd=6_000_000, ai_headcount=25, compliance_needs_executive=True, cto_stretched=True,
            ai_product_role="core_product",
        )
    )  # fmt: skip
    assert r["recommendation"] == "caio_reports_to_ceo" and r["score"] == 62.5
    assert r["strategic"] is True and r["beyond_mid_market"] is False
    assert len(r["reasons"]) == 5 and "all five CAIO signals" in r["reasons"][-1]


@pytest.mark.parametrize(
    ("changes", "criterion", "is_met", "score"),
    [
        ({"annual_ai_spend_usd": 5_000_000}, "ai_spend_over_5m", False, 60),
        ({"annual_ai_spend_usd": 5_000_001}, "ai_spend_over_5m", True, 70),
        ({"annual_ai_spend_usd": 5_000_000.5}, "ai_spend_over_5m", True, 70),
        ({"ai_headcount": 20}, "ai_headcount_over_20", False, 60),
        ({"ai_headcount": 21}, "ai_headcount_over_20", True, 70),
        ({"employees": 499}, "under_500_employees", True, 47.5),
        ({"employees": 500}, "under_500_employees", False, 60),
        ({"ai_use_cases": 2}, "use_cases_1_to_2", True, 47.5),
        ({"ai_use_cases": 0}, "use_cases_1_to_2", True, 47.5),
        ({"ai_use_cases": 3}, "use_cases_1_to_2", False, 60),
        ({"ai_product_role": "core_product"}, "ai_core_to_product", True, 70),
        ({"ai_product_role": "none"}, "ai_internal_only", True, 47.5),
        ({"ai_product_role": "internal_only"}, "ai_internal_only", True, 47.5),
        ({"regulatory_exposure": "minimal"}, "minimal_regulatory_exposure", True, 47.5),
        ({"regulatory_exposure": "high"}, "minimal_regulatory_exposure", False, 60),
        ({"compliance_needs_executive": True}, "compliance_needs_executive", True, 70),
    ],
)
def test_threshold_boundaries(changes, criterion, is_met, score):
    r = evaluate(base(**changes))
    assert met(r)[criterion] is is_met
    assert r["score"] == score
    assert r["recommendation"] == ("caio_reports_to_cto" if score > 50 else "cto_only")


@pytest.mark.parametrize(
    ("employees", "line"), [(4_999, "caio_reports_to_cto"), (5_000, "caio_reports_to_ceo")]
)
def test_mid_market_line_sets_reporting_line(employees, line):
    # Strategic AI (core product + spend over $5M) in a company either side of 5,000 employees.
    answers = base(employees=employees, annual_ai_spend_usd=6_000_000, ai_product_role="core_product")
    r = evaluate(answers)
    assert r["score"] == 80 and r["recommendation"] == line and r["strategic"] is True
    assert r["beyond_mid_market"] is (employees >= 5_000)
    assert score_answers(answers, get_method()) == (80, line)


def test_strategic_needs_scale_not_just_core_product():
    r = evaluate(base(employees=6_000, ai_product_role="core_product"))
    assert r["strategic"] is False and r["recommendation"] == "caio_reports_to_cto"
    assert "not yet strategic" in r["reasons"][-1]


def test_reporting_line_borderline_gets_dated_review():
    # Strategic and mid-market: one more criterion (5,000 employees or the last CAIO signal) moves to CEO.
    r = evaluate(
        base(employees=4_000, annual_ai_spend_usd=6_000_000, ai_product_role="core_product", ai_use_cases=5,
             ai_headcount=25)
    )  # fmt: skip
    assert r["recommendation"] == "caio_reports_to_cto" and r["score"] == 90
    assert r["borderline"] is True and r["interim_step"].startswith("Keep the CAIO under the CTO")
    assert "mid-market" in r["reasons"][-1]


def test_clear_caio_far_from_any_line_is_not_borderline():
    r = evaluate(base(ai_headcount=25, compliance_needs_executive=True, ai_use_cases=5))
    assert r["score"] == 80 and r["recommendation"] == "caio_reports_to_cto"
    assert r["borderline"] is False and r["interim_step"] is None
    assert not any("borderline" in risk for risk in r["risks"])


def test_ceo_line_beyond_mid_market_text():
    r = evaluate(base(employees=20_000, annual_ai_spend_usd=9_000_000, ai_product_role="core_product"))
    assert r["recommendation"] == "caio_reports_to_ceo"
    assert "beyond mid-market" in r["reasons"][-1]
    assert any("20,000 employees the company is beyond" in t for t in r["rationale"])
    assert r["recommendation_label"] == "CAIO and CTO both reporting to the CEO"
