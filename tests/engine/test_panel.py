from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from assessments.engine import evaluate, review_panel

from .strategies import answers_st, base


def _question(panel, key):
    return next(q for q in panel["questions"] if q["key"] == key)


def test_numbers_take_the_lower_median_and_choices_the_majority():
    panel = review_panel(
        [
            ("CEO", base(employees=900, ai_product_role="core_product")),
            ("CTO", base(employees=1300, ai_product_role="internal_only")),
            ("CFO", base(employees=1100, ai_product_role="internal_only")),
            ("COO", base(employees=1000, ai_product_role="none")),
        ]
    )
    assert panel["consolidated"]["employees"] == 1000
    assert panel["consolidated"]["ai_product_role"] == "internal_only"


def test_a_tie_goes_to_the_answer_signalling_more_need():
    panel = review_panel([("CEO", base(cto_stretched=False)), ("CTO", base(cto_stretched=True))])
    assert panel["consolidated"]["cto_stretched"] is True
    tie = review_panel([("A", base(regulatory_exposure="high")), ("B", base(regulatory_exposure="minimal"))])
    assert tie["consolidated"]["regulatory_exposure"] == "high"


def test_numbers_on_the_same_side_of_every_threshold_agree():
    same_side = review_panel([("A", base(employees=1200)), ("B", base(employees=1300))])
    assert _question(same_side, "employees")["agree"] is True
    across = review_panel([("A", base(employees=450)), ("B", base(employees=600))])
    assert _question(across, "employees")["agree"] is False
    beyond = review_panel([("A", base(employees=4000)), ("B", base(employees=6000))])
    assert _question(beyond, "employees")["agree"] is False  # the 5,000 mid-market line


def test_a_settled_answer_replaces_the_rule_and_is_marked():
    panel = review_panel(
        [("A", base(cto_stretched=False)), ("B", base(cto_stretched=True))], settled={"cto_stretched": False}
    )
    assert panel["consolidated"]["cto_stretched"] is False
    assert _question(panel, "cto_stretched")["settled"] is True


def test_the_panel_says_when_a_disagreement_would_change_the_advice():
    answers = base(
        employees=1200, annual_ai_spend_usd=2_500_000, ai_headcount=12, ai_use_cases=3,
        ai_product_role="product_feature", regulatory_exposure="moderate", compliance_needs_executive=False,
    )  # fmt: skip
    panel = review_panel(
        [("CEO", {**answers, "cto_stretched": False}), ("CTO", {**answers, "cto_stretched": True})]
    )
    item = _question(panel, "cto_stretched")
    assert panel["recommendation"] == "caio_reports_to_cto"
    assert panel["recommendation_label"] == "Dedicated CAIO reporting to the CTO"
    assert item["alternatives"] == [
        {
            "value": False,
            "recommendation": "cto_only",
            "recommendation_label": "CTO only: the CTO absorbs the CAIO duties",
        }
    ]
    assert item["changes_recommendation"] is True
    assert panel["decisive_disagreements"] == ["cto_stretched"]


def test_an_empty_panel_is_incomplete_and_scores_nothing():
    panel = review_panel([])
    assert panel["complete"] is False and panel["recommendation"] is None
    assert all(q["alternatives"] == [] and q["agree"] for q in panel["questions"])


@given(st.lists(answers_st, min_size=1, max_size=4))
def test_every_alternative_is_true_when_re_scored(ratings):
    panel = review_panel([(f"R{n}", a) for n, a in enumerate(ratings)])
    json.dumps(panel)
    for item in panel["questions"]:
        for alt in item["alternatives"]:
            changed = {**panel["consolidated"], item["key"]: alt["value"]}
            if changed["ai_headcount"] > changed["employees"]:
                continue  # medians of two questions can disagree; the full result refuses such answers
            assert evaluate(changed)["recommendation"] == alt["recommendation"]
        values = [a["value"] for a in item["answers"]]
        assert item["consolidated"] in values
