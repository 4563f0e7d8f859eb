"""A panel of raters: consolidate their answers into one set, and show where they disagree and what it changes.

Rule (the tool's own, shown on the methodology page and with the panel): each question takes the middle
answer when the raters' answers are put in order of AI need (fewer to more employees, no to yes, not used to
core); with an even number of raters, the higher of the two middle answers: the cautious reading. The same
rule for numbers, choices and yes/no. An owner or editor may settle any question by hand, which replaces the
rule for that question.

Raters agree when they gave the same answer; their numbers are close when they differ but no line of the
method lies between them (1,200 and 1,250 employees), so no test reads them differently.

Disagreements are judged together, not one at a time: every combination of the raters' other answers is
scored, and the smallest combinations that change a verdict are listed, most effective first.
"""

from __future__ import annotations

from itertools import combinations, product
from typing import Any

from .marks import N_
from .method import Method
from .methods import get_method
from .questions import DEFAULTS, QUESTIONS, Question

RULE = N_(
    "Each question takes the middle answer when the raters' answers are put in order of AI need; with an even "
    "number of raters, the higher of the two middle answers (the cautious reading). Numbers, choices and yes/no "
    "follow the same rule. Answers are close when they differ but no line of the method lies between them. An "
    "owner or editor can settle any question by hand, which replaces the rule for that question."
)
MAX_COMBINATIONS = 4_096  # more than any real panel needs (8 questions x a few raters); beyond it, pairs only
MAX_LISTED = 6


def _need_order(question: Question) -> list[Any]:
    if question.kind == "bool":
        return [False, True]
    return [value for value, _label in question.choices]


def _consolidate(question: Question, values: list[Any]) -> Any:
    """The middle answer in order of AI need; for an even count the higher middle one."""
    if question.kind in ("whole", "number"):
        ordered = sorted(values)
    else:
        order = _need_order(question)
        ordered = sorted(values, key=order.index)
    return ordered[len(ordered) // 2]


def _outcomes(question: Question, method: Method) -> list[Any]:
    """The tests that read this question; two answers are close when every test reads them the same."""
    return [c.holds for c in method.lines if c.key == question.key]


def recommend(answers: dict[str, Any], method: Method) -> str:
    """The recommendation for complete, validated answers."""
    return method.decide(answers).recommendation


def _agreement(question: Question, values: list[Any], method: Method) -> str:
    if len(values) < 2:
        return "single"
    if len(set(values)) == 1:
        return "agree"
    tests = _outcomes(question, method)
    if question.kind in ("whole", "number") and len({tuple(t(v) for t in tests) for v in values}) == 1:
        return "close"
    return "disagree"


def _flips(
    consolidated: dict[str, Any], alternatives: dict[str, list[Any]], method: Method
) -> list[dict[str, Any]]:
    """The smallest combinations of the raters' other answers that change a verdict, fewest changes first."""
    base = method.decide(consolidated)
    keys = [k for k in alternatives if alternatives[k]]
    total = 1
    for k in keys:
        total *= len(alternatives[k]) + 1
    sizes = range(1, len(keys) + 1) if total <= MAX_COMBINATIONS else range(1, min(2, len(keys)) + 1)
    found: list[dict[str, Any]] = []
    for size in sizes:
        for chosen in combinations(keys, size):
            for values in product(*(alternatives[k] for k in chosen)):
                changes = dict(zip(chosen, values, strict=True))
                new = method.decide({**consolidated, **changes})
                verdict = (
                    "need"
                    if new.need_verdict != base.need_verdict
                    else "reporting_line"
                    if new.line != base.line
                    else None
                )
                if verdict is None:
                    continue
                # Minimal: no smaller listed combination already changes this verdict with a subset of these.
                if any(f["verdict"] == verdict and f["changes"].items() <= changes.items() for f in found):
                    continue
                found.append({"changes": changes, "verdict": verdict, "recommendation": new.recommendation,
                              "recommendation_label": method.labels[new.recommendation]})  # fmt: skip
    found.sort(key=lambda f: (len(f["changes"]), f["verdict"] != "need"))
    return found


def review_panel(
    ratings: list[tuple[str, dict[str, Any]]],
    *,
    settled: dict[str, Any] | None = None,
    version: str | None = None,
) -> dict[str, Any]:
    """Consolidate validated answers from (label, answers) pairs; JSON-serialisable."""
    method = get_method(version)
    settled = settled or {}
    # Ratings saved before a question was added mean its default ("cto_status": in post).
    ratings = [(label, {**DEFAULTS, **answers}) for label, answers in ratings]
    consolidated: dict[str, Any] = {}
    for question in QUESTIONS:
        values = [answers[question.key] for _label, answers in ratings]
        if question.key in settled:
            consolidated[question.key] = settled[question.key]
        elif values:
            consolidated[question.key] = _consolidate(question, values)
    complete = len(consolidated) == len(QUESTIONS)
    alternatives = {
        q.key: sorted({a[q.key] for _label, a in ratings} - {consolidated.get(q.key)}, key=str)
        for q in QUESTIONS
    }
    flips = _flips(consolidated, alternatives, method) if complete else []
    base = recommend(consolidated, method) if complete else None
    questions = []
    for question in QUESTIONS:
        answers = [{"label": label, "value": answers[question.key]} for label, answers in ratings]
        agreement = _agreement(question, [a["value"] for a in answers], method)
        alone = [f for f in flips if list(f["changes"]) == [question.key]]
        together = [f for f in flips if question.key in f["changes"] and len(f["changes"]) > 1]
        questions.append(
            {
                "key": question.key,
                "answers": answers,
                "agreement": agreement,
                "agree": agreement != "disagree",
                "consolidated": consolidated.get(question.key),
                "settled": question.key in settled,
                "alternatives": [
                    {
                        "value": f["changes"][question.key],
                        "recommendation": f["recommendation"],
                        "recommendation_label": f["recommendation_label"],
                    }
                    for f in alone
                ],  # fmt: skip
                "changes_recommendation": bool(alone),
                "changes_in_combination": bool(together),
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
        "combinations": flips[:MAX_LISTED],
        "disagreements": [q["key"] for q in questions if q["agreement"] == "disagree"],
        "decisive_disagreements": sorted({k for f in flips for k in f["changes"]}),
    }
