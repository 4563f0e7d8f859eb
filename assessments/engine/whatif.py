"""Tipping points: for each verdict, the smallest sets of answer changes that would alter it (rule "tipping").

Each answer moves only as far as the nearest line the rule reads (decision.change_options). Each change is
tried alone, and pairs are made of the changes that alter nothing alone and are within reach, so every pair
is the smallest set for what it alters; a verdict that no one or two changes alter says so. Two sets that give
the same decision through the same tests are one tipping point (the smaller kept). They are listed smallest
first (decision.change_size), the ones out of reach in a review period last.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import Any

from .decision import FACTS, Change, Trials, change_options, change_size, out_of_reach, percent, within_margin
from .i18n import Message, answer, count, message, nested
from .method import Decision, Method

MAX_PER_VERDICT = 4


@dataclass(frozen=True, slots=True)
class Tip:
    changes: tuple[Change, ...]
    decision: Decision
    size: float
    reachable: bool
    within_margin: bool


def tipping_points(trials: Trials, decision: Decision) -> dict[str, list[Tip]]:
    """{"need": [...], "line": [...]}: at most four each, smallest first."""
    method, answers = trials.method, trials.answers
    options = change_options(method, answers)
    found: dict[str, list[Tip]] = {"need": [], "line": []}
    quiet = []  # the changes that alter neither verdict alone, and are within reach: the pairs are made of these
    for i, change in enumerate(options):
        verdict = _tipped(trials, decision, (change,), found)
        if verdict is None and trials.decide((change,)) is not None and not out_of_reach((change,), answers):
            quiet.append(i)
    for i, j in combinations(quiet, 2):
        if options[i][0] != options[j][0]:
            _tipped(trials, decision, (options[i], options[j]), found)
    out: dict[str, list[Tip]] = {}
    for name, tips in found.items():
        listed: list[Tip] = []
        for tip in sorted(tips, key=lambda t: (not t.reachable, t.size, len(t.changes))):
            if len(listed) < MAX_PER_VERDICT and all(tip.decision != other.decision for other in listed):
                listed.append(tip)
        out[name] = listed
    return out


def _tipped(
    trials: Trials, decision: Decision, changes: tuple[Change, ...], found: dict[str, list[Tip]]
) -> str | None:
    """The verdict these changes alter ("need", "line" or None); a tipping point is added for it."""
    new = trials.decide(changes)
    if new is None:
        return None
    if new.need_verdict != decision.need_verdict:
        verdict = "need"
    elif decision.line and new.line != decision.line:
        verdict = "line"
    else:
        return None
    method, answers = trials.method, trials.answers
    total = sum(change_size(method, k, answers[k], v) for k, v in changes)
    reachable = not out_of_reach(changes, answers)
    found[verdict].append(Tip(changes, new, total, reachable, within_margin(method, changes, answers)))
    return verdict


def clause(method: Method, key: str, old: Any, new: Any) -> Message:
    """One change with its size: "annual AI spend fell from $6,000,000 to $5,000,000 (17 % lower)"."""
    texts = method.texts
    if key in method.flag_changes:
        change = message(method.flag_changes[key][0 if new else 1])
        size = message(texts["size_flag"])
    else:
        said = method.answer_changes[key]
        if type(new) is str:
            change = message(said.changed, old=answer(key, old), new=answer(key, new))
            steps = round(change_size(method, key, old, new) / method.margin)
            # Whether a CTO is in post is a fact, never a plausible error: not "the neighbouring choice".
            size = (
                message(texts["size_fact"])
                if key in FACTS
                else message(texts["size_neighbour"])
                if steps == 1
                else message(texts["size_choices"], count=count(steps))
            )
        else:
            above = method.above_lines.get((key, new))
            template = said.rose_past if above is not None else said.rose if new > old else said.fell
            change = message(template, old=answer(key, old), new=answer(key, new if above is None else above))
            size = _number_size(method, old, new)
    return message(texts["sized"], change=nested(change), size=nested(size))


def _number_size(method: Method, old: Any, new: Any) -> Message:
    texts = method.texts
    if old < 1:
        return message(texts["size_from_zero"])
    if new * 10 < old:
        return message(texts["size_tenth"])
    if new < old:
        return message(texts["size_lower"], percent=count(percent((old - new) / old)))
    if new >= 2 * old:
        times = round(new / old, 1) if new < 10 * old else round(new / old)
        return message(texts["size_times"], times=count(int(times) if times == int(times) else times))
    return message(texts["size_higher"], percent=count(percent((new - old) / old)))


def joined(method: Method, clauses: list[Message]) -> Message:
    """Several changes as one: "a and b and c", each "and" a translatable pair."""
    msg = clauses[0]
    for more in clauses[1:]:
        msg = message(method.texts["and"], first=nested(msg), second=nested(more))
    return msg
