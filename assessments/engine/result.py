"""Builds the caio-result/2 snapshot: everything the page, the PDF and the text report show, with sources.

The snapshot is complete: labels, questions, thresholds, answers in words, every advice item with its source.
Presenters lay it out; they never re-derive it. The matrix is shared between snapshots: treat a result as
read-only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .decision import Trials, confidence
from .i18n import Message, answer, answer_words, count, message, nested, render
from .matrix import build_matrix
from .method import CAIO_REPORTS_TO_CTO, CTO_ONLY, Decision, Method
from .method_2027_01 import NO_CTO
from .methods import get_method
from .obligations import obligations, required_need, under_rules
from .questions import CONTEXT_QUESTIONS, NOT_STATED, QUESTIONS
from .validation import load_json, validate_answers, validate_document
from .whatif import Tip, clause, joined, tipping_points

RESULT_SCHEMA = "caio-result/2"


def _item(method: Method, key: str) -> dict[str, str]:
    return method.advice[key].as_dict()


def _with_cto(d: Decision, key: str) -> str:
    """The key of a label, line or structure: its own variant when there is no CTO in post."""
    return key if d.cto_in_post or key == CAIO_REPORTS_TO_CTO else key + NO_CTO


def criteria(method: Method, answers: Mapping[str, Any], d: Decision) -> list[dict[str, Any]]:
    """The nine tests, each with the answer it read, whether it holds and counts, and the article's words."""
    out = []
    for c in method.criteria:
        value = answers[c.condition.key]
        met = c.holds(answers)
        text = c.met_text if met else c.unmet_text
        msg = message(text, value, answer=answer(c.condition.key, value))
        out.append({
            "id": c.id, "side": c.side, "label": c.label, "threshold": c.threshold, "met": met,
            "counted": met and c.id not in d.contradicted, "quote": c.quote, "source": "article",
            "answer": value, "answer_display": answer_words(c.condition.key, value),
            "explanation": render(msg), "explanation_msg": msg,
        })  # fmt: skip
    return out


def _test_item(t: dict[str, Any]) -> dict[str, Any]:
    """A test that holds, as a reason: the answer measured against the article's line, and its sentence."""
    return {"text": t["explanation"], "text_msg": t["explanation_msg"], "source": "article", "quote": t["quote"],
            "rule": "", "test": t["id"]}  # fmt: skip


def _other_side(method: Method, item: dict[str, Any]) -> dict[str, Any]:
    """An absorb condition that holds under a CAIO verdict, marked as arguing the other way."""
    msg = message(method.texts["other_side"], condition=nested(item["text_msg"]))
    return {**item, "text": render(msg), "text_msg": msg}


def need_items(method: Method, d: Decision, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The need verdict's reason (the situation), the tool's lean or default, its caution, the no-CTO note."""
    lean = None
    if d.situation == "both_ways":
        lean = _item(method, f"lean_{d.lean}")
    elif d.situation == "undecided":
        lean = _item(method, "default_cto")
    caution = (
        _item(method, "caution_fractional") if d.situation == "signals" and len(d.conditions) == 3 else None
    )
    no_cto = None
    if d.lean == "cto" and not d.cto_in_post:
        no_cto = _item(method, "absorb_vacant" if answers["cto_status"] == "vacant" else "absorb_no_cto")
    return {"reason": _item(method, f"need_{d.situation}"), "lean_reason": lean, "caution": caution,
            "no_cto": no_cto}  # fmt: skip


def line_items(method: Method, d: Decision, employees: int) -> list[dict[str, str]]:
    """The line's reason, then the definitions it rests on (each the tool's own) or the article's example."""
    assert d.line_rule is not None
    out = [_item(method, d.line_rule)]
    if d.line_rule in ("line_strategic", "line_size"):
        out.append(_item(method, "strategic_yes" if d.strategic else "meta"))
    elif d.line_rule in ("line_start", "line_small"):
        out.append(_item(method, "strategic_no"))
        if d.line_rule == "line_start":
            out.append(_item(method, "band_mid"))
    return out


def reasons(
    method: Method, tests: list[dict[str, Any]], d: Decision, need: dict[str, Any], employees: int
) -> list[dict[str, Any]]:
    """How each verdict was reached: the situation, the tests that hold on each side, what the tool adds."""
    # The article's list heading alone ("You probably need a dedicated CAIO when:") says nothing by itself: the
    # tests that hold follow, each with its own sentence.
    out = [] if need["reason"]["text"] == need["reason"]["quote"] else [need["reason"]]
    out += [_test_item(t) for t in tests if t["side"] == "caio" and t["met"]]
    absorb = [_test_item(t) for t in tests if t["side"] == "cto" and t["counted"]]
    if d.situation == "signals":  # under a CAIO verdict, the absorb conditions that hold argue the other way
        absorb = [_other_side(method, item) for item in absorb]
    out += absorb
    if d.contradicted:
        out.append(_item(method, "contradicted"))
    out += [need[key] for key in ("lean_reason", "caution", "no_cto") if need[key]]
    if d.line_rule:
        out += line_items(method, d, employees)
    return out


def disagreements(method: Method, answers: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Answers that cannot all be true (rule "plausibility"), worded."""
    texts = method.texts
    out: list[dict[str, Any]] = []
    for what, *keys in method.disagreements(answers):
        if what.startswith("unused_"):
            key = keys[1]
            detail = message(texts[what], answers[key], value=answer(key, answers[key]))
            msg = message(texts["disagree_unused"], what=nested(detail))
        elif what == "disagree_spend_per_employee":
            msg = message(texts[what], spend=answer("annual_ai_spend_usd", answers["annual_ai_spend_usd"]),
                          employees=answer("employees", answers["employees"]))  # fmt: skip
        elif what == "disagree_use_cases_per_employee":
            msg = message(texts[what], use_cases=answer("ai_use_cases", answers["ai_use_cases"]),
                          employees=answer("employees", answers["employees"]))  # fmt: skip
        elif what.startswith("disagree_people"):
            people = answers["ai_headcount"]
            msg = message(texts[what], people, people=answer("ai_headcount", people))
        else:
            msg = message(texts[what])
        out.append({"keys": keys, "text": render(msg), "text_msg": msg})
    return out


def _changes_text(method: Method, answers: Mapping[str, Any], changes: tuple[Any, ...]) -> Message:
    return joined(method, [clause(method, k, answers[k], v) for k, v in changes])


def _verdict(
    method: Method, answers: Mapping[str, Any], flip: tuple[Any, ...] | None, disagree: bool
) -> dict[str, Any]:
    """Clear or borderline, and why."""
    texts = method.texts
    if flip:
        change = _changes_text(method, answers, flip)
        reason = message(texts["borderline_reason"], change=nested(change))
    elif disagree:
        reason = message(texts["disagree_reason"])
    else:
        reason = message(texts["clear_reason"])
    level = "borderline" if flip or disagree else "clear"
    return {"confidence": level, "confidence_label": texts[level], "confidence_reason": render(reason),
            "confidence_reason_msg": reason, "margin_change": dict(flip) if flip else None}  # fmt: skip


def _verdicts(
    method: Method, answers: Mapping[str, Any], d: Decision, flips: tuple[Any, Any], disagree: bool,
    need: dict[str, Any],
) -> dict[str, Any]:  # fmt: skip
    texts = method.texts
    lean_key = (
        None if d.need != "mixed" else "default_cto" if d.situation == "undecided" else f"lean_{d.lean}"
    )
    out: dict[str, Any] = {
        "need": {
            "question": texts["need_question"], "answer": d.need, "basis": d.need_basis,
            "basis_label": texts[f"basis_{d.need_basis}"], "situation": d.situation, "lean": d.lean,
            "label": texts[f"need_{d.situation}"], "lean_label": texts[lean_key] if lean_key else "",
            "signals": list(d.signals), "conditions": list(d.conditions),
            **_verdict(method, answers, flips[0], disagree), **need,
        },
        "reporting_line": None,
    }  # fmt: skip
    if d.line and d.line_basis and d.line_rule:
        label = "line_ceo_no_cto" if not d.cto_in_post else f"line_{d.line}"
        out["reporting_line"] = {
            "question": texts["line_question"], "answer": d.line, "basis": d.line_basis,
            "basis_label": texts[f"basis_{d.line_basis}"], "label": texts[label],
            **_verdict(method, answers, flips[1], disagree),
            "reason": _item(method, d.line_rule),
        }  # fmt: skip
    return out


def _step_ceo(method: Method, d: Decision) -> str:
    """The next step for a CAIO beside the CTO: its own wording when the line's rule has one (a federal agency's
    CAIO reports to the head of the agency because of M-25-21, not because AI is strategic)."""
    own = f"step_{d.line_rule}"
    return own if own in method.advice else "step_ceo"


def _advice(
    method: Method, d: Decision, borderline: tuple[bool, bool], disagree: bool, cto_status: str
) -> dict[str, Any]:
    """Risks, next steps and the interim step for the structure the advice gives."""
    need_borderline, line_borderline = borderline
    rec = d.recommendation
    if rec == CTO_ONLY:
        risks = [CTO_ONLY] + (["risk_stretched"] if "cto_stretched" in d.signals else [])
        steps = {"in_post": ["step_cto_owns"], "vacant": ["step_fill_cto"]}.get(cto_status, [])
        steps.append("step_reassess_signals" if not d.signals else "step_reassess_conditions")
    elif d.cto_in_post:
        risks = ["risk_overlap", rec]
        steps = [
            "step_boundaries",
            f"step_forum_{d.line}",
            "step_move_later" if d.line == "cto" else _step_ceo(method, d),
        ]
    else:
        risks, steps = [], ["step_ceo_no_cto"]
    risks += ["risk_need_borderline"] * need_borderline + ["risk_line_borderline"] * line_borderline
    risks += ["risk_disagree"] * disagree
    interim: str | None = None
    if need_borderline:
        interim = (
            f"interim_caio_{d.line}" if d.line else "interim_cto_only" if d.cto_in_post else "interim_no_cto"
        )
    elif line_borderline:
        interim = f"interim_line_{d.line}"
    return {
        "risks": [_item(method, k) for k in risks],
        "next_steps": [_item(method, k) for k in steps],
        "interim_step": _item(method, interim) if interim else None,
    }


def _outcome(method: Method, d: Decision, verdict: str) -> Message:
    """What a tipping point changes the verdict to, in words: the need's answer (and the lean when the article
    does not settle it), or the reporting line."""
    texts = method.texts
    if verdict == "line":
        return message(texts["line_ceo_no_cto" if not d.cto_in_post else f"line_{d.line}"])
    need = message(texts[f"need_{d.situation}"])
    if d.need != "mixed":
        return need
    lean = "default_cto" if d.situation == "undecided" else f"lean_{d.lean}"
    return message(texts["outcome_mixed"], verdict=nested(need), lean=nested(message(texts[lean])))


def _tipping(method: Method, answers: Mapping[str, Any], d: Decision, trials: Trials) -> dict[str, Any]:
    found = tipping_points(trials, d)
    entries = []
    summary: dict[str, Any] = {"need": None, "reporting_line": None}
    for verdict, name in (("need", "need"), ("line", "reporting_line")):
        tips: list[Tip] = found[verdict]
        if tips:
            summary[name] = {"changes": len(tips[0].changes), "title": method.texts[f"tipping_{verdict}"]}
        for tip in tips:
            change = _changes_text(method, answers, tip.changes)
            msg = message(method.texts["if_changes"], change=nested(change))
            rec = tip.decision.recommendation
            outcome = _outcome(method, tip.decision, verdict)
            entries.append({
                "verdict": name, "change": render(msg), "change_msg": msg, "answers_delta": dict(tip.changes),
                "changes": len(tip.changes), "size": round(tip.size, 4), "within_margin": tip.within_margin,
                "reachable": tip.reachable, "need_answer": tip.decision.need, "situation": tip.decision.situation,
                "recommendation": rec, "recommendation_label": method.labels[_with_cto(tip.decision, rec)],
                "outcome": render(outcome), "outcome_msg": outcome,
            })  # fmt: skip
    return {"tipping_points": summary, "what_if": entries}


def evaluate_valid(
    answers: dict[str, Any], method: Method, organisation: dict[str, Any] | None
) -> dict[str, Any]:
    """evaluate() without validation, for callers that have just validated."""
    article = method.decide(answers)  # the article's lists and the method's own rules
    method = under_rules(method, answers)  # the same, or under a rule that requires the role (obligations.py)
    d = method.decide(answers)
    disagree = disagreements(method, answers)
    trials = Trials(method, answers)
    tipping = _tipping(method, answers, d, trials)  # first: the confidence tries many of the same changes
    flips = confidence(trials, d)
    tests = criteria(method, answers, d)
    need = need_items(method, d, answers)
    if d.need_basis == "regulation":
        need = required_need(method, article, need)
    rec = d.recommendation
    band = max((b for b in method.bands if answers["employees"] >= b.minimum), key=lambda b: b.minimum)
    headline = _headline(d)
    counted = len(d.conditions)
    balance = message(method.texts["balance"], signals=count(len(d.signals)), conditions=count(counted))
    borderline = (
        flips[0] is not None or bool(disagree),
        flips[1] is not None or bool(disagree) and bool(d.line),
    )
    result = {
        "schema": RESULT_SCHEMA,
        "methodology_version": method.version,
        "organisation": organisation,
        "answers": answers,
        "answers_display": [
            {"key": q.key, "question": q.label, "value": answer_words(q.key, answers[q.key])}
            for q in QUESTIONS
        ]
        + _context_display(answers),
        "recommendation": rec,
        "recommendation_label": method.labels[_with_cto(d, rec)],
        "headline": method.headlines[headline],
        "reporting_line": method.reporting_lines[_with_cto(d, rec)],
        "structure": method.structures[_with_cto(d, rec)].as_dict(),
        "verdicts": _verdicts(method, answers, d, flips, bool(disagree), need),
        "confidence": {
            "need": "borderline" if borderline[0] else "clear",
            "reporting_line": None if d.line is None else "borderline" if borderline[1] else "clear",
        },
        "balance": {
            "signals": len(d.signals),
            "signals_of": len(method.criteria_on("caio")),
            "conditions": counted,
            "conditions_of": len(method.criteria_on("cto")),
            "text": render(balance),
            "text_msg": balance,
        },
        "size_band": {"id": band.id, "label": band.label, "source": band.source, "quote": band.quote},
        "strategic": d.strategic,
        "criteria": tests,
        "reasons": reasons(method, tests, d, need, answers["employees"]),
        "answers_that_disagree": disagree,
        **_advice(method, d, borderline, bool(disagree), answers["cto_status"]),
        **tipping,
        "matrix": build_matrix(method, rec),
    }
    # What laws and frameworks ask of each executive (obligations.py).
    result["obligations"] = obligations(answers, result["matrix"])
    return result


def _headline(d: Decision) -> str:
    """The headline's key: a rule's requirement (obligations.py), the article's situation, or the tool's lean."""
    if d.need_basis == "regulation":
        return "required"
    return d.situation if d.situation in ("signals", "absorb") else f"{d.situation}_{d.lean}"


def _context_display(answers: dict[str, Any]) -> list[dict[str, Any]]:
    """The optional answers about laws and frameworks, in words; "not stated" when not given."""
    return [
        {"key": q.key, "question": q.label, "value": answer_words(q.key, answers[q.key]) if q.key in answers
         else NOT_STATED}
        for q in CONTEXT_QUESTIONS
    ]  # fmt: skip


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
