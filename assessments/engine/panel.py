"""A panel of raters: consolidate their answers into one set and show where they disagree and whether it matters.

Rule (shown on the methodology page): numbers take the median of the raters' answers (the lower middle
value when there is an even number, so the result is always an answer somebody gave); choices and yes/no
take the most common answer, and a tie goes to the answer signalling more AI need, the cautious reading.
An owner or editor may settle any question by hand; a settled answer replaces the rule for that question.
Raters "agree" on a number when all their answers fall on the same side of every threshold that reads it,
so 1,200 and 1,300 employees agree and 450 and 600 do not.
"""

from __future__ import annotations

from collections import Counter
from statistics import median_low
from typing import Any

from .decision import band_conditions, engine_for, predicate
from .method import Method, get_method
from .questions import QUESTIONS, Question

RULE = (
    "Numbers: the median of the raters' answers (the lower middle one for an even count). Choices and yes/no: "
    "the most common answer; a tie goes to the answer signalling more AI need. An owner or editor can settle "
    "any question by hand, which replaces the rule for that question."
)


def _need_order(question: Question) -> list[Any]:
    if question.kind == "bool":
        return [False, True]
    return [value for value, _label in question.choices]


def _consolidate(question: Question, values: list[Any]) -> Any:
    if question.kind in ("whole", "number"):
        return median_low(values)
    counts = Counter(values)
    top = max(counts.values())
    tied = [v for v in values if counts[v] == top]
    order = _need_order(question)
    return max(tied, key=order.index)


def _outcomes(question: Question, method: Method) -> list[Any]:
    """The tests that read this question; two answers agree when every test gives the same verdict."""
    conditions = [c.condition for c in method.criteria] + band_conditions(method)
    return [predicate(c) for c in conditions if c.key == question.key]


def recommend(answers: dict[str, Any], method: Method) -> str:
    """The recommendation for complete, validated answers."""
    tests = engine_for(method)
    return tests.decide(*tests.state(answers)).recommendation


def review_panel(
    ratings: list[tuple[str, dict[str, Any]]],
    *,
    settled: dict[str, Any] | None = None,
    version: str | None = None,
) -> dict[str, Any]:
    """Consolidate validated answers from (label, answers) pairs; JSON-serialisable."""
    method = get_method(version)
    settled = settled or {}
    consolidated: dict[str, Any] = {}
    for question in QUESTIONS:
        values = [answers[question.key] for _label, answers in ratings]
        if question.key in settled:
            consolidated[question.key] = settled[question.key]
        elif values:
            consolidated[question.key] = _consolidate(question, values)
    complete = len(consolidated) == len(QUESTIONS)
    base = recommend(consolidated, method) if complete else None
    questions = []
    for question in QUESTIONS:
        answers = [{"label": label, "value": answers[question.key]} for label, answers in ratings]
        tests = _outcomes(question, method)
        verdicts = {tuple(test(a["value"]) for test in tests) for a in answers}
        agree = len({a["value"] for a in answers}) <= 1 or (
            question.kind in ("whole", "number") and len(verdicts) == 1
        )
        alternatives = []
        if base is not None:
            for value in sorted({a["value"] for a in answers} - {consolidated[question.key]}, key=str):
                recommendation = recommend({**consolidated, question.key: value}, method)
                alternatives.append({"value": value, "recommendation": recommendation,
                                     "recommendation_label": method.labels[recommendation]})  # fmt: skip
        questions.append(
            {
                "key": question.key,
                "answers": answers,
                "agree": agree,
                "consolidated": consolidated.get(question.key),
                "settled": question.key in settled,
                "alternatives": alternatives,
                "changes_recommendation": base is not None
                and any(alt["recommendation"] != base for alt in alternatives),
            }
        )
    return {
        "raters": [label for label, _answers in ratings],
        "rule": RULE,
        "consolidated": consolidated,
        "complete": complete,
        "recommendation": base,
        "recommendation_label": method.labels[base] if base else None,
        "questions": questions,
        "disagreements": [q["key"] for q in questions if not q["agree"]],
        "decisive_disagreements": [q["key"] for q in questions if q["changes_recommendation"]],
    }
