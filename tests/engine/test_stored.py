"""Stored results as their pages show them (engine/stored.py): an older snapshot is completed, never re-scored."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from assessments.engine import evaluate
from assessments.engine.stored import SCORE_SCALE_2026_11, complete_result, is_legacy

DATA = Path(__file__).resolve().parents[1] / "data"
NOVEMBER = json.loads((DATA / "result-2026.11.json").read_text())
DECEMBER = json.loads((DATA / "result-2026.12.json").read_text())


def test_a_2026_11_result_gets_its_answers_in_words_its_scale_and_its_structure_and_stays_as_stored():
    stored = copy.deepcopy(NOVEMBER)
    shown = complete_result(stored)
    assert stored == NOVEMBER  # a new dict: what is stored is never changed
    assert is_legacy(stored) and not is_legacy(DECEMBER)
    assert shown["structure"] == {
        "posts": [
            {"role": "CEO", "reports_to": "", "note": "", "new": False},
            {"role": "CTO", "reports_to": "CEO", "note": "", "new": False},
            {"role": "CAIO", "reports_to": "CTO", "note": "", "new": True},
        ],
        "text": "The CTO reports to the CEO; the CAIO reports to the CTO.",
    }
    # In the questionnaire's order, whatever order the database kept the answers in.
    assert [(a["key"], a["value"]) for a in shown["answers_display"]] == [
        ("employees", "1,200"),
        ("annual_ai_spend_usd", "$2,500,000"),
        ("ai_headcount", "12"),
        ("ai_use_cases", "3"),
        ("ai_product_role", "A feature of the product"),
        ("regulatory_exposure", "Moderate"),
        ("compliance_needs_executive", "No"),
        ("cto_stretched", "Yes"),
    ]
    assert shown["answers_display"][0]["question"] == "How many people does the company employ?"
    assert [c["answer_display"] for c in shown["criteria"]] == [
        "$2,500,000", "12", "No", "Yes", "A feature of the product", "3", "1,200", "A feature of the product",
        "Moderate",
    ]  # fmt: skip
    assert [c["explanation"] for c in shown["criteria"]] == [c["explanation"] for c in NOVEMBER["criteria"]]
    assert shown["score_scale"] is SCORE_SCALE_2026_11 and shown["score_scale"]["threshold"] == 50
    assert {
        k: v for k, v in shown.items() if k not in ("structure", "answers_display", "score_scale", "criteria")
    } == {k: v for k, v in NOVEMBER.items() if k != "criteria"}


def test_a_criterion_of_an_unknown_question_keeps_its_stored_answer_as_text():
    stored = {**NOVEMBER, "criteria": [{**NOVEMBER["criteria"][0], "id": "retired_test", "answer": 7}]}
    assert complete_result(stored)["criteria"][0]["answer_display"] == "7"


def test_a_2026_12_result_without_its_structure_gets_the_one_its_own_method_draws():
    stored = {k: v for k, v in DECEMBER.items() if k != "structure"}
    shown = complete_result(stored)
    assert shown["structure"] == DECEMBER["structure"]
    assert shown == {**stored, "structure": DECEMBER["structure"]}  # nothing else added: not a 2026.11 result
    assert "structure" not in stored


def test_a_complete_result_is_returned_as_it_is():
    current = evaluate({**NOVEMBER["answers"], "cto_status": "in_post"})
    assert complete_result(current) is current
    assert complete_result(DECEMBER) is DECEMBER
