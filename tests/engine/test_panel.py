from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from assessments.engine import evaluate, review_panel

from .strategies import PROPERTY, answers_st, base, small_cto_shop


def _question(panel, key):
    return next(q for q in panel["questions"] if q["key"] == key)


def test_numbers_and_choices_take_the_middle_answer_in_order_of_ai_need_by_one_rule():
    panel = review_panel(
        [
            ("CEO", base(employees=900, ai_product_role="core_product")),
            ("CTO", base(employees=1300, ai_product_role="internal_only")),
            ("CFO", base(employees=1100, ai_product_role="internal_only")),
        ]
    )
    assert panel["consolidated"]["employees"] == 1100
    assert panel["consolidated"]["ai_product_role"] == "internal_only"
    even = review_panel([("A", base(employees=900)), ("B", base(employees=1300))])
    assert even["consolidated"]["employees"] == 1300  # the higher middle answer: the cautious reading


def test_a_tie_goes_to_the_answer_signalling_more_need():
    panel = review_panel([("CEO", base(cto_stretched=False)), ("CTO", base(cto_stretched=True))])
    assert panel["consolidated"]["cto_stretched"] is True
    tie = review_panel([("A", base(regulatory_exposure="high")), ("B", base(regulatory_exposure="minimal"))])
    assert tie["consolidated"]["regulatory_exposure"] == "high"


def test_numbers_with_no_line_between_them_are_close_not_agreed():
    same = review_panel([("A", base(employees=1200)), ("B", base(employees=1200))])
    assert _question(same, "employees")["agreement"] == "agree"
    close = review_panel([("A", base(employees=1200)), ("B", base(employees=1250))])
    assert _question(close, "employees")["agreement"] == "close"
    across = review_panel([("A", base(employees=450)), ("B", base(employees=600))])
    assert _question(across, "employees")["agreement"] == "disagree"
    beyond = review_panel([("A", base(employees=4000)), ("B", base(employees=6000))])
    assert _question(beyond, "employees")["agreement"] == "disagree"  # the 5,000 line


def test_one_answer_is_not_called_agreement():
    alone = review_panel([("A", base())])
    assert {q["agreement"] for q in alone["questions"]} == {"single"}


def test_disagreements_are_judged_together():
    # Neither disagreement changes the advice on its own; both together make the CTO able to absorb the role.
    shop = small_cto_shop(cto_stretched=True)
    panel = review_panel(
        [
            ("CEO", {**shop, "employees": 600, "ai_use_cases": 3}),
            ("CTO", {**shop, "employees": 400, "ai_use_cases": 2}),
        ]
    )
    assert panel["recommendation"] == "caio_reports_to_cto"
    use_cases, employees = _question(panel, "ai_use_cases"), _question(panel, "employees")
    assert not use_cases["changes_recommendation"] and not employees["changes_recommendation"]
    assert use_cases["changes_in_combination"] and employees["changes_in_combination"]
    assert panel["combinations"] == [
        {"changes": {"employees": 400, "ai_use_cases": 2}, "verdict": "need", "recommendation": "cto_only",
         "recommendation_label": "CTO only: the CTO holds the AI duties"}
    ]  # fmt: skip


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
            "recommendation_label": "CTO only: the CTO holds the AI duties",
        }
    ]
    assert item["changes_recommendation"] is True
    assert panel["decisive_disagreements"] == ["cto_stretched"]


def test_an_empty_panel_is_incomplete_and_scores_nothing():
    panel = review_panel([])
    assert panel["complete"] is False and panel["recommendation"] is None
    assert all(q["alternatives"] == [] and q["agree"] for q in panel["questions"])


@PROPERTY
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


def test_a_change_of_three_answers_is_listed_unless_the_panel_is_too_large_to_try_every_combination():
    # Only all three together (fewer employees, fewer use cases, AI internal only) let the CTO absorb the role.
    shop = small_cto_shop(cto_stretched=True)
    wider = {**shop, "employees": 600, "ai_use_cases": 3, "ai_product_role": "product_feature"}
    narrower = {**shop, "employees": 400, "ai_use_cases": 2, "ai_product_role": "internal_only"}
    small = review_panel([("CEO", wider), ("CTO", narrower)])
    assert [c["changes"] for c in small["combinations"]] == [
        {"employees": 400, "ai_use_cases": 2, "ai_product_role": "internal_only"}
    ]
    # Thirty raters who also differ on spend and headcount (no line between them): more combinations than
    # the panel tries, so it looks at single changes and pairs only, and none of those changes the advice.
    raters = [
        (
            f"R{n}",
            {**(wider if n % 2 else narrower), "annual_ai_spend_usd": 1_000 * n, "ai_headcount": n % 20},
        )
        for n in range(30)
    ]
    large = review_panel(raters)
    assert large["recommendation"] == small["recommendation"] == "caio_reports_to_cto"
    assert large["combinations"] == [] and large["decisive_disagreements"] == []
