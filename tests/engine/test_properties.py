"""Hypothesis properties over the whole answer space (with values near every line over-weighted)."""

from __future__ import annotations

import json
import math
from typing import Any

from hypothesis import assume, given
from hypothesis import strategies as st

from assessments.engine import QUESTIONS, assess_document, evaluate, get_method
from assessments.engine.i18n import ENGLISH, Message, Wording, render
from assessments.engine.method import RECOMMENDATIONS
from assessments.engine.panel import recommend
from assessments.engine.questions import ALL_QUESTIONS

from .strategies import PROPERTY, answers_st, org_st

RANK = {rec: i for i, rec in enumerate(RECOMMENDATIONS)}
METHOD = get_method()
# English through render()'s general path (any Wording but ENGLISH itself), as other languages are worded.
ENGLISH_BY_CATALOGUE = Wording("en", ENGLISH.gettext, ENGLISH.ngettext, ENGLISH.money, ENGLISH.count)


def _worded(part: Any) -> list[tuple[str, Message]]:
    """Every stored (English text, its Message) pair in a result."""
    if isinstance(part, list):
        return [pair for item in part for pair in _worded(item)]
    if not isinstance(part, dict):
        return []
    pairs = [(part[key[:-4]], msg) for key, msg in part.items() if key.endswith("_msg")]
    return pairs + [
        pair for key, value in part.items() if not key.endswith("_msg") for pair in _worded(value)
    ]


@PROPERTY
@given(answers_st)
def test_deterministic_complete_and_serialisable(answers):
    r = evaluate(answers)
    assert r == evaluate(answers)
    assert json.loads(json.dumps(r)) == r
    assert r["recommendation"] == recommend(r["answers"], METHOD)
    assert r["balance"]["signals"] == sum(1 for c in r["criteria"] if c["side"] == "caio" and c["met"])
    assert r["balance"]["conditions"] == sum(1 for c in r["criteria"] if c["side"] == "cto" and c["counted"])
    assert [a["key"] for a in r["answers_display"]] == [q.key for q in ALL_QUESTIONS]
    # The English the engine writes as it scores is what each Message says when worded like any language.
    pairs = _worded(r)
    assert len(pairs) >= len(r["criteria"]) + len(r["what_if"])
    assert [text for text, _msg in pairs] == [render(msg, ENGLISH_BY_CATALOGUE) for _text, msg in pairs]


@PROPERTY
@given(answers_st)
def test_every_tipping_point_is_true_when_re_scored_and_in_order_of_size(answers):
    r = evaluate(answers)
    for verdict in ("need", "reporting_line"):
        entries = [w for w in r["what_if"] if w["verdict"] == verdict]
        summary = r["tipping_points"][verdict]
        assert (summary is None) is (not entries)
        for w in entries:
            changed = evaluate({**r["answers"], **w["answers_delta"]})
            assert changed["recommendation"] == w["recommendation"]
            assert w["changes"] == len(w["answers_delta"]) <= 2
            if verdict == "need":  # what the article says, or the advice, is not the same
                before, after = r["verdicts"]["need"], changed["verdicts"]["need"]
                assert (after["answer"], after["lean"]) != (before["answer"], before["lean"])
            else:
                assert changed["verdicts"]["need"]["lean"] == "caio" == r["verdicts"]["need"]["lean"]
                assert (
                    changed["verdicts"]["reporting_line"]["answer"]
                    != r["verdicts"]["reporting_line"]["answer"]
                )
        order = [(not w["reachable"], w["size"]) for w in entries]
        assert order == sorted(order)  # smallest first, out of reach last
        outcomes = [(w["recommendation"], json.dumps(w["answers_delta"], sort_keys=True)) for w in entries]
        assert len(outcomes) == len(set(outcomes))


NUMBERS = ("employees", "annual_ai_spend_usd", "ai_headcount", "ai_use_cases")


CHOICES = {q.key: [v for v, _ in q.choices] for q in QUESTIONS if q.kind == "choice"}


def _within_margin(answers: dict[str, Any], delta: dict[str, Any]) -> bool:
    """The published margin: every number within 20 % of its answer, and at most one yes/no answer reversed or
    one choice moved to its neighbour (whether a CTO is in post is not an estimate)."""
    delta = {k: v for k, v in delta.items() if v != answers[k] or type(v) is not type(answers[k])}
    numbers_close = all(abs(delta[k] - answers[k]) <= 0.2 * answers[k] for k in delta if k in NUMBERS)
    others = [k for k in delta if k not in NUMBERS]
    neighbour = all(
        abs(CHOICES[k].index(delta[k]) - CHOICES[k].index(answers[k])) == 1 for k in others if k in CHOICES
    )
    return numbers_close and len(others) <= 1 and "cto_status" not in others and neighbour


@PROPERTY
@given(answers_st)
def test_no_verdict_marked_clear_has_a_tipping_point_inside_the_margin(answers):
    r = evaluate(answers)
    for name in ("need", "reporting_line"):
        verdict = r["verdicts"][name]
        if verdict is None:
            continue
        entries = [w for w in r["what_if"] if w["verdict"] == name]
        inside = [w for w in entries if _within_margin(r["answers"], w["answers_delta"])]
        assert [w["within_margin"] for w in entries] == [w in inside for w in entries]
        if verdict["confidence"] == "clear":
            assert not inside and not r["answers_that_disagree"]
        elif verdict["margin_change"]:  # borderline: the change it names is within the margin and alters it
            assert _within_margin(r["answers"], verdict["margin_change"])
            changed = evaluate({**r["answers"], **verdict["margin_change"]})
            if name == "need":
                after = changed["verdicts"]["need"]
                assert (after["answer"], after["lean"]) != (verdict["answer"], verdict["lean"])
            else:
                assert changed["verdicts"]["reporting_line"]["answer"] != verdict["answer"]
        else:
            assert r["answers_that_disagree"]


@PROPERTY
@given(answers_st, st.lists(st.floats(0.8, 1.2), min_size=4, max_size=4), st.sampled_from(QUESTIONS))
def test_a_clear_verdict_survives_every_estimate_error_within_the_margin(answers, factors, flipped):
    r = evaluate(answers)
    changed = dict(r["answers"])
    for key, factor in zip(NUMBERS, factors, strict=True):
        q = next(q for q in QUESTIONS if q.key == key)
        changed[key] = min(max(int(changed[key] * factor), q.minimum), q.maximum)
    if flipped.kind == "bool":
        changed[flipped.key] = not changed[flipped.key]
    elif flipped.kind == "choice" and flipped.key != "cto_status":  # whether a CTO is in post is no estimate
        values = [v for v, _ in flipped.choices]
        changed[flipped.key] = values[min(values.index(changed[flipped.key]) + 1, len(values) - 1)]
    assume(changed["ai_headcount"] <= changed["employees"] and _within_margin(r["answers"], changed))
    after = evaluate(changed)
    kinds = {d["text_msg"]["id"] for d in r["answers_that_disagree"]}
    assume({d["text_msg"]["id"] for d in after["answers_that_disagree"]} <= kinds)
    if r["confidence"]["need"] == "clear":
        need = r["verdicts"]["need"]
        assert (after["verdicts"]["need"]["answer"], after["verdicts"]["need"]["lean"]) == (
            need["answer"],
            need["lean"],
        )
        line = r["verdicts"]["reporting_line"]
        if line and line["confidence"] == "clear":
            assert after["verdicts"]["reporting_line"]["answer"] == line["answer"]


def _more_need(data: st.DataObject, answers: dict[str, Any], key: str) -> Any:
    q = next(q for q in QUESTIONS if q.key == key)
    current = answers[key]
    if q.kind == "bool":
        return True
    if q.kind == "choice":
        values = [v for v, _ in q.choices]
        return data.draw(st.sampled_from(values[values.index(current) :]))
    assert q.maximum is not None
    return data.draw(st.one_of(st.integers(math.ceil(current), q.maximum), st.just(current)))


@PROPERTY
@given(answers_st, st.data())
def test_more_ai_need_never_lowers_the_advice(answers, data):
    """Recommendations are ordered CTO only < CAIO under the CTO < CAIO under the CEO."""
    key = data.draw(st.sampled_from([q.key for q in QUESTIONS]))
    more = {**answers, key: _more_need(data, answers, key)}
    if more["ai_headcount"] > more["employees"]:
        more["employees"] = more["ai_headcount"]
    assert RANK[evaluate(more)["recommendation"]] >= RANK[evaluate(answers)["recommendation"]]


@PROPERTY
@given(answers_st, st.integers(-1, 1))
def test_one_person_more_or_less_moves_the_line_only_across_a_defined_line(answers, step):
    """A one-employee or one-person step changes the reporting line only where it crosses 5,000 employees or
    the 20-person line in the definition of strategic AI."""
    before = evaluate(answers)
    assume(before["recommendation"] != "cto_only")
    for key, lowest, lines in (("employees", 1, (5_000,)), ("ai_headcount", 0, (21,))):
        value = answers[key] + step
        changed = {**answers, key: value}
        if not lowest <= value <= 10_000_000 or changed["ai_headcount"] > changed["employees"]:
            continue
        after = evaluate(changed)
        if after["recommendation"] == "cto_only":
            continue  # the need changed, not the line
        crossed = any(min(answers[key], value) < line <= max(answers[key], value) for line in lines)
        assert crossed or after["recommendation"] == before["recommendation"]


@PROPERTY
@given(org_st, answers_st)
def test_documents_round_trip_organisation_text(org, answers):
    r = assess_document({"schema": "caio-assessment/2", "organisation": org, "answers": answers})
    assert r["organisation"]["name"] == org["name"].strip()
    assert json.loads(json.dumps(r, ensure_ascii=False)) == r
