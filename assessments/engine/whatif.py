"""What-if: the smallest answer changes that would change the recommendation, re-scored via the engine.

Which changes qualify depends only on the outcome mask plus the current choice/boolean answers (a numeric
answer's nearest crossing is fixed by which side of the threshold it is on), so the selection is cached on
that key; only the "from <old value>" words are filled in per profile.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

from .formatting import FORMATTERS
from .method import Method
from .questions import QUESTIONS
from .scoring import Engine, Outcome

MAX_ENTRIES = 8
# A candidate: (key, new value, the key's bits under the new value, all of the key's bits, rose?).
Candidate = tuple[str, Any, int, int, bool]
Change = tuple[str, Any, bool]  # key, new value, rose (numbers only; False otherwise)
PlanEntry = tuple[tuple[Change, ...], Outcome]


def _numeric(engine: Engine, key: str, lo: int, hi: int, current: Any) -> list[Candidate]:
    out: list[Candidate] = []
    bits = engine.key_bits.get(key, 0)
    for pred, meets, fails in engine.crossings.get(key, ()):
        value = fails if pred(current) else meets
        if lo <= value <= hi and all(c[1] != value for c in out):
            out.append((key, value, engine.key_mask(key, value), bits, value > current))
    return out


def candidates(engine: Engine, answers: dict[str, Any]) -> list[Candidate]:
    """Every minimal single change that crosses a threshold that matters, in question order."""
    out: list[Candidate] = []
    for q in QUESTIONS:
        current = answers[q.key]
        if q.kind == "bool":
            values: list[Any] = [not current]
        elif q.kind == "choice":
            values = [value for value, _label in q.choices if value != current]
        else:
            assert q.minimum is not None and q.maximum is not None
            out.extend(_numeric(engine, q.key, q.minimum, q.maximum, current))
            continue
        bits = engine.key_bits.get(q.key, 0)
        out.extend((q.key, v, engine.key_mask(q.key, v), bits, False) for v in values)
    return out


_DISCRETE = tuple(q.key for q in QUESTIONS if q.kind in ("choice", "bool"))


def _select(engine: Engine, answers: dict[str, Any], mask: int) -> list[PlanEntry]:
    outcomes = engine.outcomes
    base = outcomes[mask]
    singles = candidates(engine, answers)
    found: list[tuple[tuple[Candidate, ...], Outcome]] = []
    for cand in singles:
        new = outcomes[(mask & ~cand[3]) | cand[2]]
        if new.rank != base.rank:
            found.append(((cand,), new))
    if not found:
        # No single change is enough: try pairs of changes to two different answers (at most ~66 pairs).
        for a, b in combinations(singles, 2):
            if a[0] != b[0]:
                new = outcomes[(mask & ~(a[3] | b[3])) | a[2] | b[2]]
                if new.rank != base.rank:
                    found.append(((a, b), new))
    # Smallest first: the nearest recommendation, then the smallest score move; ties keep question order.
    order = sorted(
        range(len(found)),
        key=lambda i: (abs(found[i][1].rank - base.rank), abs(found[i][1].score - base.score), i),
    )
    return [(tuple((c[0], c[1], c[4]) for c in found[i][0]), found[i][1]) for i in order[:MAX_ENTRIES]]


def plan(engine: Engine, answers: dict[str, Any], mask: int) -> tuple[tuple[Any, ...], list[PlanEntry]]:
    """(cache key, selected changes with their outcomes), smallest first."""
    key = ("whatif", mask, *[answers[k] for k in _DISCRETE])
    hit = engine.cache.get(key)
    if hit is None:
        hit = engine.cache[key] = _select(engine, answers, mask)
    return key, hit


def clause(method: Method, key: str, old_words: str, new: Any, rose: bool) -> str:
    if key in method.flag_changes:
        return method.flag_changes[key][0 if new else 1]
    noun = method.answer_nouns[key]
    new_words = FORMATTERS[key](new)
    if type(new) is str:
        return f"{noun} changed from '{old_words}' to '{new_words}'"
    return f"{noun} {'rose' if rose else 'fell'} from {old_words} to {new_words}"


def entry(
    method: Method, changes: tuple[Change, ...], new: Outcome, old_words: dict[str, str]
) -> dict[str, Any]:
    return {
        "change": "If " + " and ".join(clause(method, k, old_words[k], v, up) for k, v, up in changes),
        "answers_delta": {k: v for k, v, _up in changes},
        "recommendation": new.recommendation,
        "recommendation_label": method.labels[new.recommendation],
        "score": new.score_out,
    }


def old_words(answers: dict[str, Any]) -> dict[str, str]:
    return {k: fmt(answers[k]) for k, fmt in FORMATTERS.items()}


def what_if(engine: Engine, answers: dict[str, Any], mask: int) -> list[dict[str, Any]]:
    _key, selected = plan(engine, answers, mask)
    if not selected:
        return []
    words = old_words(answers)
    return [entry(engine.method, changes, new, words) for changes, new in selected]
