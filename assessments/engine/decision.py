"""Clear or borderline, and the changes to the answers a tipping point may propose (rules "confidence" and
"tipping" on the methodology page). The rule that decides is each version's own `Method.decide`
(method_2027_01.py); this module only asks it again with answers changed.

- A change's size: a number's change relative to its answer (6,000,000 to 5,000,000 is 17 % lower), a yes/no
  answer reversed or the neighbouring choice as much as the margin (20 %), each further choice as much again.
- Within the margin: every number within 20 % of its answer, and at most one yes/no answer or one choice moved
  to its neighbour (not whether a CTO is in post: a fact the team knows). A verdict is borderline when a
  change within the margin alters it.
- Out of reach: a number more than ten times its answer, or less than a tenth of it.
- A change is never proposed when it makes the answers refused (more people on AI than employees) or
  disagree in a way they did not before.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from itertools import product
from typing import Any

from .method import Decision, Method
from .questions import QUESTIONS

Change = tuple[str, Any]
NUMERIC = tuple(q.key for q in QUESTIONS if q.kind in ("whole", "number"))
FLAGS = tuple(q.key for q in QUESTIONS if q.kind == "bool")
CHOICES = {q.key: [v for v, _label in q.choices] for q in QUESTIONS if q.kind == "choice"}
OUT_OF_REACH = 10  # times, either way
# Answers a team knows for certain, never counted as a plausible error: whether a CTO is in post.
FACTS = ("cto_status",)


def change_size(method: Method, key: str, old: Any, new: Any) -> float:
    """How big one change is, on one scale for numbers (relative), yes/no answers and choices (steps)."""
    if key in CHOICES:
        values = CHOICES[key]
        return method.margin * abs(values.index(new) - values.index(old))
    if key in FLAGS:
        return method.margin
    return abs(new - old) / old if old >= 1 else float(new)  # from (almost) nothing: as from 1


def within_margin(method: Method, changes: tuple[Change, ...], answers: Mapping[str, Any]) -> bool:
    """Every number within the margin of its answer, and at most one other answer changed by one step."""
    others = 0
    for key, new in changes:
        size = change_size(method, key, answers[key], new)
        if key in NUMERIC:
            if size > method.margin or answers[key] < 1:
                return False
        else:
            others += 1
            if others > 1 or key in FACTS or size > method.margin + 1e-9:
                return False
    return True


def out_of_reach(changes: tuple[Change, ...], answers: Mapping[str, Any]) -> bool:
    """A change no organisation makes within a review period: a number ten times its answer, or a tenth."""
    for key, new in changes:
        if key in NUMERIC:
            old = answers[key]
            if new > OUT_OF_REACH * max(old, 1) or new * OUT_OF_REACH < old:
                return True
    return False


def numbers_across(method: Method, key: str, value: Any) -> list[Any]:
    """For each line on a numeric question, the nearest value on its other side (up or down from `value`)."""
    out = []
    for cond in method.lines_on.get(key, ()):
        meets, fails = cond.crossing()
        out.append(fails if cond.holds(value) else meets)
    return sorted(set(out))


def disagreeing(method: Method, answers: Mapping[str, Any]) -> set[str]:
    """The kinds of answers that disagree, by their text's key."""
    return {d[0] for d in method.disagreements(answers)}


def allowed(method: Method, before: set[str], changed: Mapping[str, Any]) -> bool:
    """A change the method may propose: not refused, and no new kind of answers that disagree (`before`:
    the kinds the answers had already)."""
    if changed["ai_headcount"] > changed["employees"]:
        return False
    return all(d[0] in before for d in method.disagreements(changed))


class Trials:
    """The rule asked again with some answers changed; None for a change the method never proposes. The
    tipping points and the confidence of one result try many of the same changes: each is decided once."""

    def __init__(self, method: Method, answers: Mapping[str, Any]) -> None:
        self.method = method
        self.answers = answers
        self.held = method.held(answers)
        self.before = disagreeing(method, answers)
        self.tried: dict[frozenset[Change], Decision | None] = {}

    def decide(self, changes: tuple[Change, ...]) -> Decision | None:
        key = frozenset(changes)
        if key not in self.tried:
            self.tried[key] = self._decide(changes)
        return self.tried[key]

    def _decide(self, changes: tuple[Change, ...]) -> Decision | None:
        changed = {**self.answers, **dict(changes)}
        if not allowed(self.method, self.before, changed):
            return None
        held = self.held
        for key, value in changes:  # a change runs only its own question's tests again
            for test in self.method.criteria_on_key.get(key, ()):
                held = held | {test.id} if test.condition.holds(value) else held - {test.id}
        return self.method.decide(changed, held)


def _margin_changes(method: Method, answers: Mapping[str, Any]) -> list[tuple[Change, ...]]:
    """Every change within the margin that crosses a line, smallest first."""
    # Per numeric question: no change, or a line crossed within the margin; then at most one other answer.
    numbers = []
    for key in NUMERIC:
        old = answers[key]
        near = [v for v in numbers_across(method, key, old) if old and abs(v - old) <= method.margin * old]
        numbers.append([(0.0, None), *((abs(v - old) / old, (key, v)) for v in near)])
    others: list[tuple[float, Change | None]] = [(0.0, None)]
    others += [(method.margin, (key, not answers[key])) for key in FLAGS]
    for key, values in CHOICES.items():
        if key not in FACTS:
            here = values.index(answers[key])
            others += [
                (method.margin, (key, values[i])) for i in (here - 1, here + 1) if 0 <= i < len(values)
            ]
    found = []
    for picks in product(*numbers, others):
        changes = tuple(change for _size, change in picks if change is not None)
        if changes:
            found.append((sum(size for size, _change in picks), len(changes), changes))
    found.sort(key=lambda f: (f[0], f[1]))
    return [changes for _size, _count, changes in found]


def confidence(
    trials: Trials, decision: Decision
) -> tuple[tuple[Change, ...] | None, tuple[Change, ...] | None]:
    """The smallest change within the margin that alters the need, and the smallest that keeps the need and
    alters the reporting line (None where there is none)."""
    flip_need: tuple[Change, ...] | None = None
    flip_line: tuple[Change, ...] | None = None
    for changes in _margin_changes(trials.method, trials.answers):
        new = trials.decide(changes)
        if new is None:
            continue
        if new.need_verdict != decision.need_verdict:
            flip_need = flip_need or changes
        elif decision.line and new.line != decision.line:
            flip_line = flip_line or changes
        if flip_need and (flip_line or not decision.line):
            break
    return flip_need, flip_line


def change_options(method: Method, answers: Mapping[str, Any]) -> list[Change]:
    """Each answer moved just across each line the rule reads, or to the nearest choice of another class."""
    out: list[Change] = []
    for q in QUESTIONS:
        current = answers[q.key]
        if q.kind == "bool":
            out.append((q.key, not current))
        elif q.kind == "choice":
            out.extend((q.key, v) for v in method.other_classes[q.key][current])
        else:
            out.extend((q.key, v) for v in numbers_across(method, q.key, current))
    return out


def percent(size: float) -> int:
    """A relative change in whole percent, rounded up, so it is never shown smaller than it is."""
    return math.ceil(round(size * 100, 6))
