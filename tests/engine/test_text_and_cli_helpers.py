"""format_text and the JSON-line fast path's edge cases."""

from __future__ import annotations

import json

from assessments.engine import assess_json, evaluate, format_text
from assessments.engine.jsonline import assess_json_line

from .strategies import base, doc, small_cto_shop


def test_text_report_of_a_document():
    text = format_text(assess_json(json.dumps(doc(name="Northwind Logistics", sector="Logistics"))))
    assert text.startswith(
        "CAIO Advisor: Northwind Logistics\nRecommendation: Dedicated CAIO reporting to the CTO\n"
    )
    assert "Score: 60 of 100" in text and "Borderline: yes" in text and "Interim step:" in text
    assert "[not met] CAIO AI spending exceeds $5M a year (+0)" in text
    assert "[  met  ] CAIO The CTO is already stretched (+10)" in text
    assert (
        "Responsibility matrix" in text and "CAIO" in text.split("Responsibility matrix")[1].splitlines()[1]
    )
    assert "Build vs. buy decisions for all technology, not ju..." in text
    assert "If the CTO were no longer stretched: CTO only" in text
    assert text.endswith("Methodology 2026.11\n")


def test_text_report_without_organisation_borderline_or_what_if():
    text = format_text(evaluate(small_cto_shop()))
    assert text.startswith("Recommendation: CTO only")
    assert "Borderline" not in text and "Interim step" not in text
    assert "No single or paired change" in text


def test_text_shows_dash_for_an_empty_cell():
    result = evaluate(base())
    result["matrix"]["rows"][0]["raci"]["CEO"] = ""
    assert any(line.rstrip().endswith("-    AR     I") for line in format_text(result).splitlines())


def test_json_line_with_float_spend_and_choice_what_if():
    text = json.dumps(doc(base(annual_ai_spend_usd=1234.5)))
    assert assess_json_line(text) == json.dumps(assess_json(text), separators=(",", ":"))
    # Only flag flips can change this one (pairs of them): no number words to fill in.
    shop = json.dumps(doc(small_cto_shop(ai_product_role="product_feature", regulatory_exposure="high")))
    result = assess_json(shop)
    assert all(
        k in ("compliance_needs_executive", "cto_stretched", "ai_product_role", "regulatory_exposure")
        for e in result["what_if"]
        for k in e["answers_delta"]
    )
    assert assess_json_line(shop) == json.dumps(result, separators=(",", ":"))
    assert assess_json_line(json.dumps(doc(small_cto_shop()))) == json.dumps(
        assess_json(json.dumps(doc(small_cto_shop()))), separators=(",", ":")
    )
