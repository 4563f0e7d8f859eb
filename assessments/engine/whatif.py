"""Tipping points: for each verdict, the smallest set of answer changes that would alter it (rule "tipping").

Each answer can only move between a few classes that the tests tell apart (for employees: small, mid-market,
large; for AI spend: up to $5M or more), so every combination of classes can be tried: 3 x 3 x 2**6 = 576
at most. Each changed answer moves only as far as its new class starts. The search result depends only on
the classes of the answers plus three facts that decide whether a change is possible (more people on AI
than a smaller company could employ), so it is memoised on those.
"""

from __future__ import annotations

from functools import cache, lru_cache
from itertools import combinations, product
from typing import Any

from .decision import Decision, Tests, band_conditions, contradictory, crossing
from .formatting import FORMATTERS
from .i18n import Message, answer, english, message, nested, render
from .method import Method
from .questions import QUESTIONS

MAX_PER_VERDICT = 4
Change = tuple[str, Any]
Found = dict[str, list[tuple[tuple[Change, ...], str]]]


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


def _key(tests: Tests, answers: dict[str, Any], state: tuple[int, int]) -> tuple[Any, ...]:
    employees, headcount = answers["employees"], answers["ai_headcount"]
    # The tests that hold (the state) fix every answer's class, and the nearest value of each other class is
    # the same from anywhere in a class (checked by the tests over every combination), so the answers
    # themselves are not part of the key: only which proposed values could clash with another answer.
    return (
        *state,
        # Values a change may propose that could conflict with the other answer.
        *(headcount > minimum - 1 for minimum in tests.band_minimums[1:]),
        employees < 21,
    )


def tipping_points(
    tests: Tests, answers: dict[str, Any], decision: Decision, state: tuple[int, int]
) -> Found:
    """{"need": [(changes, new recommendation)], "line": [...]}: the smallest sets, nearest first."""
    return _search(tests, _key(tests, answers, state), _Frozen(answers), decision)


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
def _search(tests: Tests, _key: tuple[Any, ...], frozen: _Frozen, decision: Decision) -> Found:
    answers = frozen.answers
    mask0, band0 = tests.state(answers)
    employees0, headcount0 = answers["employees"], answers["ai_headcount"]
    compliance0, exposure0 = answers["compliance_needs_executive"], answers["regulatory_exposure"]
    # Each possible change with the test bits it clears and sets, so a combination costs a few bit operations.
    options = [
        [(key, v, tests.key_bits.get(key, 0), tests.key_mask(key, v)) for v in values]
        for key, values in _options(tests, answers)
    ]
    check_contradiction = not contradictory(answers)
    found: Found = {"need": [], "line": []}
    seen: dict[str, set[Any]] = {"need": set(), "line": set()}
    # Every verdict can be tipped by some set of changes, so the loop always breaks.
    for size in range(1, len(options) + 1):  # pragma: no branch
        for chosen in combinations(options, size):
            for picks in product(*chosen):
                mask, employees, headcount, compliance, exposure = (
                    mask0,
                    employees0,
                    headcount0,
                    compliance0,
                    exposure0,
                )
                for key, v, clear, bits in picks:
                    mask = (mask & ~clear) | bits
                    if key == "employees":
                        employees = v
                    elif key == "ai_headcount":
                        headcount = v
                    elif key == "compliance_needs_executive":
                        compliance = v
                    elif key == "regulatory_exposure":
                        exposure = v
                if headcount > employees or (check_contradiction and compliance and exposure == "minimal"):
                    continue  # refused, or answers that disagree: never proposed
                new = tests.decide(mask, tests.band(employees) if employees != employees0 else band0)
                if new.need != decision.need:
                    verdict = "need"
                elif decision.line and new.line != decision.line:
                    verdict = "line"
                else:
                    continue
                if found[verdict] and len(found[verdict][0][0]) < size:
                    continue
                # The same advice through the same tests is one tipping point: keep the nearer change.
                same = (new.recommendation, mask)
                if same not in seen[verdict] and len(found[verdict]) < MAX_PER_VERDICT:
                    seen[verdict].add(same)
                    found[verdict].append((tuple((key, v) for key, v, _c, _b in picks), new.recommendation))
        if found["need"] and (found["line"] or not decision.line):
            break
    return found


def clause(method: Method, key: str, old: Any, new: Any) -> tuple[str, Message]:
    """One change in English and as a Message: "the number of employees rose from 480 to 500". Remembered for
    yes/no and choices, which take few values (a Message is shared then: treat it as read-only)."""
    if type(old) is bool or type(old) is str:
        return _few_values(method, key, old, new)
    return _clause(method, key, old, new)


@lru_cache(maxsize=1_024)
def _few_values(method: Method, key: str, old: Any, new: Any) -> tuple[str, Message]:
    return _clause(method, key, old, new)


def _clause(method: Method, key: str, old: Any, new: Any) -> tuple[str, Message]:
    if key in method.flag_changes:
        msg = message(method.flag_changes[key][0 if new else 1])
        return render(msg), msg
    said = method.answer_changes[key]
    if type(new) is str:
        template = said.changed
    elif (line := _above(method).get((key, new))) is not None:
        template, new = said.rose_past, line
    else:
        template = said.rose if new > old else said.fell
    # The English straight from the answers' words (what render() makes of the Message, without reading it).
    words = FORMATTERS[key]
    return (
        template.format(old=words(old), new=words(new)),
        message(template, old=answer(key, old), new=answer(key, new)),
    )


def joined(method: Method, clauses: list[tuple[str, Message]]) -> tuple[str, Message]:
    """Several changes as one: "a and b and c", each "and" a translatable pair. The English is worded from the
    parts' English, so nothing is worded twice."""
    text, msg = clauses[0]
    for more_text, more in clauses[1:]:
        text = english(method.texts["and"], first=text, second=more_text)
        msg = message(method.texts["and"], first=nested(msg), second=nested(more))
    return text, msg


@cache
def _above(method: Method) -> dict[tuple[str, int], int]:
    """(question, first value above a "more than" line) -> the line, to say "to more than $5,000,000"."""
    return {
        (c.condition.key, c.condition.value + 1): c.condition.value
        for c in method.criteria
        if c.condition.op == "gt" and isinstance(c.condition.value, int)
    }
