"""Tipping points: for each verdict, the smallest set of answer changes that would alter it (rule "tipping").

Each answer can only move between a few classes that the tests tell apart (for employees: small, mid-market,
large; for AI spend: up to $5M or more), so every combination of classes can be tried: 3 x 3 x 2**6 = 576
at most. Each changed answer moves only as far as its new class starts. The search result depends only on
the classes of the answers plus three facts that decide whether a change is possible (more people on AI
than a smaller company could employ), so it is memoised on those.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import combinations, product
from typing import Any

from .decision import Decision, Tests, band_conditions, contradictory, crossing
from .formatting import FORMATTERS
from .method import Method
from .questions import QUESTIONS

MAX_PER_VERDICT = 4
Change = tuple[str, Any]


def _options(tests: Tests, answers: dict[str, Any]) -> list[tuple[str, list[Any]]]:
    """Per question, the nearest value of every other class the tests tell apart."""
    method = tests.method
    out: list[tuple[str, list[Any]]] = []
    for q in QUESTIONS:
        current = answers[q.key]
        if q.kind == "bool":
            out.append((q.key, [not current]))
            continue
        if q.kind == "choice":
            values = [v for v, _label in q.choices]
            here = values.index(current)
            # Nearest value (in the questionnaire's order) of each other class of equal test results.
            classes: dict[int, Any] = {tests.key_mask(q.key, current): None}
            for v in sorted(values, key=lambda v: abs(values.index(v) - here)):
                classes.setdefault(tests.key_mask(q.key, v), v)
            out.append((q.key, [v for v in classes.values() if v is not None]))
            continue
        conditions = [c.condition for c in method.criteria] + band_conditions(method)
        lines = {crossing(cond) for cond in conditions if cond.key == q.key}
        # For each line, the first value across it: up from below, down from above.
        ups = sorted({max(pair) for pair in lines if max(pair) > current})
        downs = sorted({min(pair) for pair in lines if min(pair) < current}, reverse=True)
        out.append((q.key, [*ups, *downs]))
    return out


def _key(tests: Tests, answers: dict[str, Any]) -> tuple[Any, ...]:
    employees, headcount = answers["employees"], answers["ai_headcount"]
    return (
        *tests.state(answers),
        answers["ai_product_role"],
        answers["regulatory_exposure"],
        contradictory(answers),
        # Values a change may propose that could conflict with the other answer.
        *(headcount > minimum - 1 for minimum in tests.band_minimums[1:]),
        employees < 21,
    )


def tipping_points(
    tests: Tests, answers: dict[str, Any], decision: Decision
) -> dict[str, list[tuple[Change, ...]]]:
    """{"need": [change sets], "line": [change sets]}, each list the smallest sets, nearest first."""
    return _search(tests, _key(tests, answers), _Frozen(answers), decision)


class _Frozen:
    """Answers carried into the memoised search without taking part in its key."""

    __slots__ = ("answers",)

    def __init__(self, answers: dict[str, Any]) -> None:
        self.answers = answers

    def __hash__(self) -> int:
        return 0

    def __eq__(self, other: object) -> bool:
        return True


@lru_cache(maxsize=65_536)
def _search(
    tests: Tests, _key: tuple[Any, ...], frozen: _Frozen, decision: Decision
) -> dict[str, list[tuple[Change, ...]]]:
    answers = frozen.answers
    options = _options(tests, answers)
    was_contradictory = contradictory(answers)
    found: dict[str, list[tuple[Change, ...]]] = {"need": [], "line": []}
    seen: dict[str, set[Any]] = {"need": set(), "line": set()}
    # Every verdict can be tipped by some set of changes, so the loop always breaks.
    for size in range(1, len(options) + 1):  # pragma: no branch
        for chosen in combinations(options, size):
            for values in product(*(vals for _key, vals in chosen)):
                changes = tuple((key, v) for (key, _vals), v in zip(chosen, values, strict=True))
                changed = {**answers, **dict(changes)}
                if changed["ai_headcount"] > changed["employees"]:
                    continue
                if contradictory(changed) and not was_contradictory:
                    continue
                mask, band = tests.state(changed)
                new = tests.decide(mask, band)
                if new.need != decision.need:
                    verdict = "need"
                elif decision.line and new.line != decision.line:
                    verdict = "line"
                else:
                    continue
                if found[verdict] and len(found[verdict][0]) < size:
                    continue
                # The same advice through the same tests is one tipping point: keep the nearer change.
                same = (new.recommendation, mask)
                if same not in seen[verdict] and len(found[verdict]) < MAX_PER_VERDICT:
                    seen[verdict].add(same)
                    found[verdict].append(changes)
        if found["need"] and (found["line"] or not decision.line):
            break
    return found


def clause(method: Method, key: str, old: Any, new: Any) -> str:
    """One change in words: "the number of employees rose from 480 to 500"."""
    if key in method.flag_changes:
        return method.flag_changes[key][0 if new else 1]
    noun = method.answer_nouns[key]
    fmt = FORMATTERS[key]
    if type(new) is str:
        return f"{noun} changed from '{fmt(old)}' to '{fmt(new)}'"
    for c in method.criteria:
        line = c.condition.value
        if c.condition.key == key and c.condition.op == "gt" and isinstance(line, int) and new == line + 1:
            return f"{noun} rose from {fmt(old)} to more than {fmt(line)}"
    return f"{noun} {'rose' if new > old else 'fell'} from {fmt(old)} to {fmt(new)}"
