"""Hypothesis properties over the whole answer space (with thresholds over-weighted)."""

from __future__ import annotations

import json
import math
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from assessments.engine import (
    QUESTIONS,
    RECOMMENDATIONS,
    assess_document,
    assess_json,
    evaluate,
    get_method,
    score_answers,
    validate_answers,
)
from assessments.engine.jsonline import assess_json_line

from .strategies import PROPERTY, answers_st, org_st

RANK = {rec: i for i, rec in enumerate(RECOMMENDATIONS)}
METHOD = get_method()
CAIO_ROWS = {"ai_strategy", "model_governance", "ai_vendors", "ai_adoption", "ai_ethics"}


@PROPERTY
@given(answers_st)
def test_deterministic_bounded_serialisable(answers):
    r = evaluate(answers)
    assert r == evaluate(answers)
    assert 0 <= r["score"] <= 100 and r["score"] * 2 % 5 == 0  # multiples of 2.5
    assert r["recommendation"] in RECOMMENDATIONS
    assert (r["score"] > 50) is (r["recommendation"] != "cto_only")
    assert json.loads(json.dumps(r)) == r
    assert 3 <= len(r["reasons"]) <= 5
    assert score_answers(validate_answers(answers), METHOD) == (r["score"], r["recommendation"])
    assert sum(c["contribution"] for c in r["criteria"]) + 50 == r["score"]


def _more_need(data: st.DataObject, answers: dict[str, Any], key: str) -> Any:
    q = next(q for q in QUESTIONS if q.key == key)
    current = answers[key]
    if q.kind == "bool":
        return True
    if q.kind == "choice":
        values = [v for v, _ in q.choices]
        return data.draw(st.sampled_from(values[values.index(current) :]))
    if key == "employees":
        return data.draw(
            st.integers(current, q.maximum)
        )  # more staff: fewer CTO signals, maybe beyond mid-market
    if key == "ai_use_cases":
        return data.draw(st.integers(current, q.maximum))
    return data.draw(st.one_of(st.integers(math.ceil(current), q.maximum), st.just(current)))


@PROPERTY
@given(answers_st, st.sampled_from([q.key for q in QUESTIONS]), st.data())
def test_monotone_in_more_ai_need(answers, key, data):
    answers = validate_answers(answers)
    before = evaluate(answers)
    after = evaluate({**answers, key: _more_need(data, answers, key)})
    assert after["score"] >= before["score"]
    assert RANK[after["recommendation"]] >= RANK[before["recommendation"]]


@PROPERTY
@given(answers_st)
def test_clear_cases(answers):
    r = evaluate(answers)
    caio = sum(c["met"] for c in r["criteria"] if c["signal"] == "caio")
    cto = sum(c["met"] for c in r["criteria"] if c["signal"] == "cto")
    if caio == 0 and cto == 4:
        assert r["score"] == 0 and r["recommendation"] == "cto_only"
    if caio >= 3 and cto <= 1:
        assert r["score"] >= 67.5 and r["recommendation"] != "cto_only"


@PROPERTY
@given(answers_st)
def test_every_what_if_is_true_when_rescored(answers):
    r = evaluate(answers)
    assert len(r["what_if"]) <= 8
    for entry in r["what_if"]:
        again = evaluate({**r["answers"], **entry["answers_delta"]})
        assert again["recommendation"] == entry["recommendation"] != r["recommendation"]
        assert again["score"] == entry["score"]
        assert 1 <= len(entry["answers_delta"]) <= 2
        assert entry["change"].startswith("If ")
    magnitudes = [abs(RANK[e["recommendation"]] - RANK[r["recommendation"]]) for e in r["what_if"]]
    assert magnitudes == sorted(magnitudes)


@PROPERTY
@given(answers_st)
def test_matrix_shape(answers):
    r = evaluate(answers)
    m = r["matrix"]
    assert len(m["rows"]) == 14 and set(m["legend"]) == {"R", "A", "C", "I"}
    for row in m["rows"]:
        cells = [row["raci"][role] for role in m["roles"]]
        assert set(row["raci"]) == set(m["roles"])
        assert sum(c.count("A") for c in cells) == 1 and any("R" in c for c in cells)
        assert all(set(c) <= set("RACI") for c in cells)
        assert row["shared_governance"] is (row["area"] == "overlap")
    if r["recommendation"] == "cto_only":
        assert m["roles"] == ["CEO", "CTO"]
        assert all("A" in row["raci"]["CTO"] for row in m["rows"] if row["id"] in CAIO_ROWS)
    else:
        assert m["roles"] == ["CEO", "CTO", "CAIO"]
        for row in m["rows"]:
            if row["area"] == "caio":
                assert "A" in row["raci"]["CAIO"]
            if row["area"] == "overlap":
                assert row["raci"]["CTO"] and row["raci"]["CAIO"]


@PROPERTY
@given(answers_st, org_st)
def test_json_line_is_byte_identical_to_json_dumps(answers, org):
    text = json.dumps({"schema": "caio-assessment/1", "organisation": org, "answers": answers})
    result = assess_json(text)
    assert assess_json_line(text) == json.dumps(result, separators=(",", ":"))
    assert result == assess_document(json.loads(text))


@PROPERTY
@given(answers_st)
def test_validation_is_idempotent(answers):
    once = validate_answers(answers)
    assert validate_answers(once) == once
