"""Builds the caio-result/1 dict: recommendation, criteria with explanations, reasons, matrix, what-if."""

from __future__ import annotations

from typing import Any

from .formatting import FORMATTERS, score_out
from .matrix import build_matrix
from .method import Method, get_method
from .scoring import Engine, Outcome, engine_for
from .validation import load_json, validate_answers, validate_document
from .whatif import what_if

RESULT_SCHEMA = "caio-result/1"
MIN_REASONS, MAX_REASONS = 3, 5


def explanations(engine: Engine, answers: dict[str, Any], mask: int) -> list[str]:
    """Each criterion's explanation in plain words, using the actual answer."""
    texts = engine.cache.get("explanations")
    if texts is None:
        texts = engine.cache["explanations"] = {}
    out = []
    for i, c in enumerate(engine.method.criteria):
        key = c.condition.key
        value = answers[key]
        met = mask >> i & 1
        if type(value) is str or type(value) is bool:
            # Few possible values: remember each text (the hot CLI path formats thousands per second).
            text = texts.get((i, met, value))
            if text is None:
                text = texts[(i, met, value)] = _explain(c.met_text if met else c.unmet_text, key, value)
        else:
            text = _explain(c.met_text if met else c.unmet_text, key, value)
        out.append(text)
    return out


def _explain(template: str, key: str, value: Any) -> str:
    return template.format(answer=FORMATTERS[key](value))


def reason_plan(engine: Engine, mask: int) -> tuple[tuple[int, ...], str, tuple[int, ...]]:
    """(criteria shown before the rule, the deciding rule in words, criteria after), cached per mask."""
    key = ("reasons", mask)
    hit = engine.cache.get(key)
    if hit is None:
        method, o = engine.method, engine.outcomes[mask]
        # The side that won: its met signals (equal weights, so method order), then the deciding rule.
        side = "cto" if o.rank == 0 else "caio"
        crits = method.criteria
        before = [i for i, c in enumerate(crits) if mask >> i & 1 and c.signal == side][: MAX_REASONS - 1]
        line = method.line_texts[o.line] if o.line else ""
        rule = method.decision_texts[o.recommendation].format(
            score=o.score_out, caio=o.caio_met, cto=o.cto_met, line=line
        )
        # Few winning signals: the other side's unmet signals are the rest of the evidence (no counter-signs).
        other = [i for i, c in enumerate(crits) if not mask >> i & 1 and c.signal != side]
        after = other[: max(0, MIN_REASONS - 1 - len(before))]
        hit = engine.cache[key] = (tuple(before), rule, tuple(after))
    return hit


def reasons(engine: Engine, mask: int, expl: list[str]) -> list[str]:
    before, rule, after = reason_plan(engine, mask)
    return [expl[i] for i in before] + [rule] + [expl[i] for i in after]


def rationale_plan(engine: Engine, mask: int) -> tuple[list[str], tuple[str, str] | None, list[str]]:
    """(texts before, the mid-market sentence split around the employee count or None, texts after)."""
    key = ("rationale", mask)
    hit = engine.cache.get(key)
    if hit is None:
        method, o = engine.method, engine.outcomes[mask]
        by_id = {r.id: r for r in method.rules}
        before = [
            f"Score: {method.base_score:g} plus each met CAIO signal, minus each met CTO-sufficiency signal = "
            f"{o.score_out}. {method.weights_reason}",
            f"{by_id['R1'].title} (R1): {by_id['R1'].reason}",
        ]
        employees: tuple[str, str] | None = None
        if o.rank:
            strategic = "holds" if o.strategic else "does not hold"
            size = "is" if o.beyond_mid_market else "is not"
            before.append(f"{by_id['R3'].title} (R3) {strategic} here. {by_id['R3'].reason}")
            employees = ("At ", f" employees the company {size} beyond mid-market (R4). {by_id['R4'].reason}")
        hit = engine.cache[key] = (before, employees, list(method.rationale[o.recommendation]))
    return hit


def rationale(engine: Engine, mask: int, answers: dict[str, Any]) -> list[str]:
    before, employees, after = rationale_plan(engine, mask)
    middle = [f"{employees[0]}{answers['employees']:,}{employees[1]}"] if employees else []
    return before + middle + after


def outcome_fields(engine: Engine, mask: int) -> dict[str, Any]:
    """The result keys that depend only on the outcome (cached per mask; values are immutable)."""
    key = ("fields", mask)
    hit = engine.cache.get(key)
    if hit is None:
        method, o = engine.method, engine.outcomes[mask]
        rec = o.recommendation
        hit = engine.cache[key] = {
            "recommendation": rec,
            "recommendation_label": method.labels[rec],
            "reporting_line": method.reporting_lines[rec],
            "headline": method.headlines[rec].format(
                score=o.score_out, borderline=", borderline" if o.borderline else ""
            ),
            "score": o.score_out,
            "borderline": o.borderline,
            "interim_step": method.interim_steps[o.interim] if o.interim else None,
            "strategic": o.strategic,
            "beyond_mid_market": o.beyond_mid_market,
        }
    return hit


def risks(method: Method, o: Outcome) -> list[str]:
    out = list(method.risks[o.recommendation])
    if o.borderline:
        out.append(method.borderline_risk)
    return out


def criterion_dict(method: Method, i: int, met: bool, answer: Any, explanation: str) -> dict[str, Any]:
    c = method.criteria[i]
    return {
        "id": c.id,
        "signal": c.signal,
        "label": c.label,
        "met": met,
        "answer": answer,
        "threshold": c.threshold,
        "contribution": score_out(float(c.weight)) if met else 0,
        "explanation": explanation,
        "quote": c.quote,
    }


def evaluate_valid(
    answers: dict[str, Any], method: Method, organisation: dict[str, Any] | None
) -> dict[str, Any]:
    """evaluate() without validation, for callers that have just validated."""
    engine = engine_for(method)
    mask = engine.mask(answers)
    o = engine.outcomes[mask]
    expl = explanations(engine, answers, mask)
    return {
        "schema": RESULT_SCHEMA,
        "methodology_version": method.version,
        "organisation": organisation,
        "answers": answers,
        **outcome_fields(engine, mask),
        "criteria": [
            criterion_dict(method, i, bool(mask >> i & 1), answers[c.condition.key], expl[i])
            for i, c in enumerate(method.criteria)
        ],
        "reasons": reasons(engine, mask, expl),
        "rationale": rationale(engine, mask, answers),
        "risks": risks(method, o),
        "next_steps": list(method.next_steps[o.recommendation]),
        "what_if": what_if(engine, answers, mask),
        "matrix": build_matrix(method, o.recommendation),
    }


def evaluate(answers: object, *, method: Method | None = None) -> dict[str, Any]:
    """Score an answers mapping (validated here too; ValidationFailed names every bad field)."""
    return evaluate_valid(validate_answers(answers), method or get_method(), None)


def assess_document(doc: object, *, version: str | None = None) -> dict[str, Any]:
    """Validate a caio-assessment/1 document (dict) and score it with `version` (default: current)."""
    method = get_method(version)
    valid = validate_document(doc)
    return evaluate_valid(valid["answers"], method, valid["organisation"])


def assess_json(text: str | bytes, *, version: str | None = None) -> dict[str, Any]:
    """Parse, validate and score one JSON document."""
    method = get_method(version)
    valid = validate_document(load_json(text))
    return evaluate_valid(valid["answers"], method, valid["organisation"])
