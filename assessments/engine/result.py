"""Builds the caio-result/2 snapshot: everything the page, the PDF and the text report show, with sources.

The snapshot is complete: labels, questions, thresholds, answers in words, every advice item with its source.
Presenters lay it out; they never re-derive it. Nested parts that are the same for many results (the matrix)
are shared between snapshots: treat a result as read-only.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

from .decision import Decision, Tests, confidence, contradictory, engine_for
from .formatting import FORMATTERS
from .i18n import Message, Plural, answer, answer_words, count, english, message, nested, render
from .matrix import build_matrix
from .method import CTO_ONLY, Method, get_method
from .obligations import apply_to_result, obligations, required_tests
from .questions import CONTEXT_QUESTIONS, NOT_STATED, QUESTIONS
from .validation import load_json, validate_answers, validate_document
from .whatif import Change, clause, joined, tipping_points

RESULT_SCHEMA = "caio-result/2"


@cache
def _item(method: Method, key: str) -> dict[str, str]:
    """An advice item as stored; shared between results, like the matrix."""
    return method.advice[key].as_dict()


@cache
def _structure(method: Method, recommendation: str) -> dict[str, Any]:
    """The advised structure as stored; shared between results, like the matrix."""
    return method.structures[recommendation].as_dict()


@cache
def _criteria_plan(
    method: Method,
) -> tuple[tuple[int, str, str, dict[tuple[bool, bool], dict[str, Any]]], ...]:
    """Per test: its position, answer key, id, and its stored fields for each (met, counted), made once."""

    def fields(c: Any, met: bool, counted: bool) -> dict[str, Any]:
        return {"id": c.id, "side": c.side, "label": c.label, "threshold": c.threshold, "met": met,
                "counted": counted, "quote": c.quote, "source": "article"}  # fmt: skip

    flags = ((True, True), (True, False), (False, False))
    return tuple(
        (i, c.condition.key, c.id, {flag: fields(c, *flag) for flag in flags})
        for i, c in enumerate(method.criteria)
    )


@lru_cache(maxsize=4_096)
def _words(method: Method, index: int, met: bool, value: Any) -> tuple[str, str, Message]:
    """(answer in words, explanation, its Message): remembered for answers with few values (choices, yes/no)."""
    c = method.criteria[index]
    words = FORMATTERS[c.condition.key](value)
    text = c.met_text if met else c.unmet_text
    template = text.english(value) if isinstance(text, Plural) else text
    return words, template.format(answer=words), message(text, value, answer=answer(c.condition.key, value))


def criteria(method: Method, answers: dict[str, Any], mask: int, decision: Decision) -> list[dict[str, Any]]:
    out = []
    contradicted = decision.contradicted
    for i, key, cid, stored in _criteria_plan(method):
        value = answers[key]
        met = mask >> i & 1 == 1
        # Numbers take many values: worded each time; choices and yes/no come from the cache.
        words, explanation, msg = (
            _words(method, i, met, value)
            if type(value) is str or type(value) is bool
            else _words.__wrapped__(method, i, met, value)
        )
        out.append({
            **stored[met, met and cid not in contradicted],
            "answer": value,
            "answer_display": words,
            "explanation": explanation,
            "explanation_msg": msg,
        })  # fmt: skip
    return out


def reasons(method: Method, tests: list[dict[str, Any]], d: Decision, employees: int) -> list[dict[str, str]]:
    """How each verdict was reached, naming the tests that hold on both sides."""
    need_rule = "need_absorb_despite" if d.need_rule == "need_absorb" and d.signals else d.need_rule
    out = [_item(method, need_rule)]
    for side, empty in (("caio", "no_signal_side"), ("cto", "no_absorb_side")):
        held = [t for t in tests if t["side"] == side and t["met"]]
        out.extend(
            {"text": t["explanation"], "text_msg": t["explanation_msg"], "source": "article", "quote": t["quote"],
             "rule": ""}
            for t in held
        )  # fmt: skip
        if not held:
            out.append(_item(method, empty))
    if d.contradicted:
        out.append(_item(method, "contradicted"))
    if d.line_rule:
        out.append(_item(method, d.line_rule))
        # The method's definitions the line rests on, each marked as the tool's own.
        out.append(_item(method, _LINE_DEFINITION[d.line_rule]))
        if employees < method.bands[1].minimum:
            out.append(_item(method, "line_small"))
    return out


_LINE_DEFINITION = {
    "line_large": "band_large",
    "line_strategic": "strategic_yes",
    "line_start": "strategic_no",
}


def disagreements(method: Method, answers: dict[str, Any]) -> list[dict[str, Any]]:
    """Answers that cannot all be true (rule "plausibility")."""
    texts = method.texts
    out: list[dict[str, Any]] = []
    if contradictory(answers):
        out.append({"keys": ["regulatory_exposure", "compliance_needs_executive"],
                    "text": texts["disagree_compliance"]})  # fmt: skip
    if answers["ai_product_role"] == "none":
        for key, what in (("annual_ai_spend_usd", "unused_spend"), ("ai_headcount", "unused_headcount"),
                          ("ai_use_cases", "unused_use_cases")):  # fmt: skip
            if answers[key]:
                detail = message(texts[what], answers[key], value=answer(key, answers[key]))
                msg = message(texts["disagree_unused"], what=nested(detail))
                out.append({"keys": ["ai_product_role", key], "text": render(msg), "text_msg": msg})
    return out


def _verdicts(
    method: Method, answers: dict[str, Any], d: Decision, flips: tuple[Change | None, Change | None]
) -> dict[str, Any]:
    texts = method.texts

    def verdict(question: str, answer: str, label: str, flip: Change | None, rule: str) -> dict[str, Any]:
        level = "borderline" if flip else "clear"
        if flip:
            change, change_msg = clause(method, flip[0], answers[flip[0]], flip[1])
            reason = message(texts["borderline_reason"], change=nested(change_msg))
            reason_text = english(texts["borderline_reason"], change=change)
        else:
            reason = message(texts["clear_reason"])
            reason_text = render(reason)
        return {"question": texts[question], "answer": answer, "label": texts[label], "confidence": level,
                "confidence_label": texts[level], "confidence_reason": reason_text,
                "confidence_reason_msg": reason, "reason": _item(method, rule)}  # fmt: skip

    need_rule = "need_absorb_despite" if d.need_rule == "need_absorb" and d.signals else d.need_rule
    out = {
        "need": verdict("need_question", d.need, f"need_{d.need}", flips[0], need_rule),
        "reporting_line": None,
    }
    if d.line and d.line_rule:
        out["reporting_line"] = verdict("line_question", d.line, f"line_{d.line}", flips[1], d.line_rule)
    return out


@lru_cache(maxsize=1_024)
def _advice(method: Method, d: Decision, borderline: tuple[bool, bool], disagree: bool) -> dict[str, Any]:
    """Risks, next steps and the interim step: the same for every result with the same decision and flags
    (shared between results, like the matrix)."""
    need_borderline, line_borderline = borderline
    rec = d.recommendation
    if rec == CTO_ONLY:
        risks = [CTO_ONLY] + (["risk_stretched"] if "cto_stretched" in d.signals else [])
        steps = ["step_cto_owns",
                 "step_reassess_signals" if d.need_rule == "need_no_signal" else "step_reassess_conditions"]  # fmt: skip
    else:
        risks = ["risk_overlap", rec]
        steps = ["step_boundaries", f"step_forum_{d.line}"]
        if d.line == "cto":
            steps.append("step_move_later")
        else:
            steps.append("step_ceo_large" if d.line_rule == "line_large" else "step_ceo_strategic")
    risks += ["risk_need_borderline"] * need_borderline + ["risk_line_borderline"] * line_borderline
    risks += ["risk_disagree"] * disagree
    if need_borderline:
        interim: str | None = "interim_cto_only" if rec == CTO_ONLY else f"interim_caio_{d.line}"
    elif line_borderline:
        interim = f"interim_line_{d.line}"
    else:
        interim = None
    return {
        "risks": [_item(method, k) for k in risks],
        "next_steps": [_item(method, k) for k in steps],
        "interim_step": _item(method, interim) if interim else None,
    }


def _tipping(
    method: Method,
    tests: Tests,
    answers: dict[str, Any],
    d: Decision,
    state: tuple[int, int],
) -> dict[str, Any]:
    found = tipping_points(tests, answers, d, state)
    entries = []
    summary: dict[str, Any] = {"need": None, "reporting_line": None}
    for verdict, name in (("need", "need"), ("line", "reporting_line")):
        sets = found[verdict]
        if sets:
            summary[name] = {"changes": len(sets[0][0]), "title": method.texts[f"tipping_{verdict}"]}
        for changes, recommendation in sets:
            change, change_msg = joined(method, [clause(method, k, answers[k], v) for k, v in changes])
            msg = message(method.texts["if_changes"], change=nested(change_msg))
            entries.append({
                "verdict": name,
                "change": english(method.texts["if_changes"], change=change),
                "change_msg": msg,
                "answers_delta": dict(changes),
                "changes": len(changes),
                "recommendation": recommendation,
                "recommendation_label": method.labels[recommendation],
            })  # fmt: skip
    return {"tipping_points": summary, "what_if": entries}


def evaluate_valid(
    answers: dict[str, Any], method: Method, organisation: dict[str, Any] | None
) -> dict[str, Any]:
    """evaluate() without validation, for callers that have just validated."""
    tests = required_tests(method, answers)  # the method's tests, or the same under a rule requiring the role
    mask, band = tests.state(answers)
    d = tests.decide(mask, band)
    flips = confidence(tests, answers, d, (mask, band))
    disagree = disagreements(method, answers)
    band_data = method.bands[band]
    counted = len(d.conditions) - len(d.contradicted)
    tests_held = criteria(method, answers, mask, d)
    # Every question is read by some test: its answer in words, worded once for the whole result.
    words = {c.condition.key: t["answer_display"] for c, t in zip(method.criteria, tests_held, strict=True)}
    result = {
        "schema": RESULT_SCHEMA,
        "methodology_version": method.version,
        "organisation": organisation,
        "answers": answers,
        "answers_display": [{"key": q.key, "question": q.label, "value": words[q.key]} for q in QUESTIONS]
        + _context_display(answers),
        "recommendation": d.recommendation,
        "recommendation_label": method.labels[d.recommendation],
        "headline": method.headlines[d.recommendation],
        "reporting_line": method.reporting_lines[d.recommendation],
        "structure": _structure(method, d.recommendation),
        "verdicts": _verdicts(method, answers, d, flips),
        "confidence": {
            "need": "borderline" if flips[0] else "clear",
            "reporting_line": None if d.line is None else "borderline" if flips[1] else "clear",
        },
        "balance": {
            "signals": len(d.signals),
            "signals_of": len(method.criteria_on("caio")),
            "conditions": counted,
            "conditions_of": len(method.criteria_on("cto")),
            **_balance_text(method, len(d.signals), counted),
        },
        "size_band": {
            "id": band_data.id,
            "label": band_data.label,
            "source": band_data.source,
            "quote": band_data.quote,
        },  # fmt: skip
        "strategic": d.strategic,
        "criteria": tests_held,
        "reasons": reasons(method, tests_held, d, answers["employees"]),
        "answers_that_disagree": disagree,
        **_advice(method, d, (flips[0] is not None, flips[1] is not None), bool(disagree)),
        **_tipping(method, tests, answers, d, (mask, band)),
        "matrix": build_matrix(method, d.recommendation),
    }
    # What laws and frameworks ask of each executive (obligations.py), and whether a rule required the role.
    result["obligations"] = obligations(answers, result["matrix"])
    apply_to_result(result, method, answers, engine_for(method).decide(mask, band))
    return result


def _context_display(answers: dict[str, Any]) -> list[dict[str, Any]]:
    """The optional answers about laws and frameworks, in words; "not stated" when not given."""
    return [
        {"key": q.key, "question": q.label, "value": answer_words(q.key, answers[q.key]) if q.key in answers
         else NOT_STATED}
        for q in CONTEXT_QUESTIONS
    ]  # fmt: skip


@lru_cache(maxsize=256)
def _balance_text(method: Method, signals: int, conditions: int) -> dict[str, Any]:
    msg = message(method.texts["balance"], signals=count(signals), conditions=count(conditions))
    return {"text": render(msg), "text_msg": msg}


def answers_that_disagree(answers: object, *, method: Method | None = None) -> list[dict[str, Any]]:
    """For the review step: the answers that cannot all be true (complete answers; validated here)."""
    return disagreements(method or get_method(), validate_answers(answers))


def evaluate(answers: object, *, method: Method | None = None) -> dict[str, Any]:
    """Score an answers mapping (validated here too; ValidationFailed names every bad field)."""
    return evaluate_valid(validate_answers(answers), method or get_method(), None)


def assess_document(doc: object, *, version: str | None = None) -> dict[str, Any]:
    """Validate a caio-assessment document (dict) and score it with `version` (default: current)."""
    method = get_method(version)
    valid = validate_document(doc)
    return evaluate_valid(valid["answers"], method, valid["organisation"])


def assess_json(text: str | bytes, *, version: str | None = None) -> dict[str, Any]:
    """Parse, validate and score one JSON document."""
    method = get_method(version)
    valid = validate_document(load_json(text))
    return evaluate_valid(valid["answers"], method, valid["organisation"])
