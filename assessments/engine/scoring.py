"""The compiled scorer: a method becomes bit tests plus a table of outcomes for every combination of bits.

Everything the recommendation depends on is which criteria are met plus the mid-market test, so a profile's
state is a small bitmask. Precomputing the outcome of every mask keeps evaluate() cheap and lets what-if
re-score a change with a few integer operations — the same predicates, so it is correct by construction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .formatting import score_out
from .method import RECOMMENDATIONS, Condition, Method

Predicate = Callable[[Any], bool]


def predicate(cond: Condition) -> Predicate:
    v: Any = cond.value
    if cond.op == "gt":
        return lambda x: x > v
    if cond.op == "ge":
        return lambda x: x >= v
    if cond.op == "lt":
        return lambda x: x < v
    if cond.op == "le":
        return lambda x: x <= v
    if cond.op == "in":
        return lambda x: x in v
    return lambda x: x is True


def crossing(cond: Condition) -> tuple[Any, Any]:
    """(nearest value that meets the condition, nearest that does not) for numeric conditions, step 1."""
    v: Any = cond.value
    if cond.op == "gt":
        return v + 1, v
    if cond.op == "ge":
        return v, v - 1
    if cond.op == "lt":
        return v - 1, v
    return v, v + 1  # "le"


@dataclass(frozen=True, slots=True)
class Outcome:
    score: float
    score_out: int | float
    rank: int
    recommendation: str
    strategic: bool
    beyond_mid_market: bool
    all_caio: bool
    caio_met: int
    cto_met: int
    borderline: bool
    interim: str | None  # key into method.interim_steps
    line: str  # key into method.line_texts ("" under cto_only)


class Engine:
    """Per-method compiled data; build with engine_for(method)."""

    def __init__(self, method: Method) -> None:
        self.method = method
        conditions = [c.condition for c in method.criteria] + [method.beyond_mid_market]
        self.nbits = len(conditions)
        self.beyond_bit = 1 << len(method.criteria)
        self.tests = tuple((c.key, predicate(c), 1 << i) for i, c in enumerate(conditions))
        self.key_bits: dict[str, int] = {}
        by_key: dict[str, list[tuple[Predicate, int]]] = {}
        crossings: dict[str, list[tuple[Predicate, Any, Any]]] = {}
        for (key, pred, bit), cond in zip(self.tests, conditions, strict=True):
            self.key_bits[key] = self.key_bits.get(key, 0) | bit
            by_key.setdefault(key, []).append((pred, bit))
            if cond.op not in ("in", "true"):
                crossings.setdefault(key, []).append((pred, *crossing(cond)))
        self.by_key = {k: tuple(v) for k, v in by_key.items()}
        self.crossings = {k: tuple(v) for k, v in crossings.items()}
        self.outcomes = self._table()
        self.whatif_plan: list[tuple[str, Any]] | None = None  # built lazily by whatif.candidates
        self.cache: dict[Any, Any] = {}  # per-method text/JSON templates, filled lazily by their builders

    def mask(self, answers: dict[str, Any]) -> int:
        m = 0
        for key, pred, bit in self.tests:
            if pred(answers[key]):
                m |= bit
        return m

    def key_mask(self, key: str, value: Any) -> int:
        """The bits that depend on `key` when it takes `value`."""
        m = 0
        for pred, bit in self.by_key.get(key, ()):
            if pred(value):
                m |= bit
        return m

    def _core(self, mask: int) -> tuple[float, int, bool, bool, bool, int, int, str]:
        method = self.method
        met = {c.id for i, c in enumerate(method.criteria) if mask >> i & 1}
        score = method.base_score + sum(c.weight for c in method.criteria if c.id in met)
        score = float(
            max(0.0, min(100.0, score))
        )  # a future method's weights must not escape the 0..100 scale
        caio_ids = [c.id for c in method.criteria if c.signal == "caio"]
        caio_met = sum(1 for i in caio_ids if i in met)
        cto_met = len(met) - caio_met
        strategic = all(i in met for i in method.strategic_all) and any(
            i in met for i in method.strategic_any
        )
        beyond = bool(mask & self.beyond_bit)
        all_caio = caio_met == len(caio_ids)
        if score <= method.caio_threshold:
            rank, line = 0, ""
        elif strategic and (beyond or all_caio):
            rank, line = 2, "beyond" if beyond else "all_signals"
        else:
            rank, line = 1, "mid_market" if strategic else "not_strategic"
        return score, rank, strategic, beyond, all_caio, caio_met, cto_met, line

    def _table(self) -> tuple[Outcome, ...]:
        cores = [self._core(m) for m in range(1 << self.nbits)]
        method = self.method
        table = []
        for mask, (score, rank, strategic, beyond, all_caio, caio_met, cto_met, line) in enumerate(cores):
            near = abs(score - method.caio_threshold) <= method.borderline_margin
            # One criterion (or the mid-market test) flipped would keep a CAIO but change the reporting line.
            line_near = rank > 0 and any(
                cores[mask ^ (1 << i)][1] not in (0, rank) for i in range(self.nbits)
            )
            if rank == 0:
                interim = "cto_only" if near else None
            elif near:
                interim = "caio"
            else:
                interim = "reporting_line" if line_near else None
            table.append(
                Outcome(score, score_out(score), rank, RECOMMENDATIONS[rank], strategic, beyond, all_caio,
                        caio_met, cto_met, near or line_near, interim, line)
            )  # fmt: skip
        return tuple(table)


_ENGINES: dict[int, tuple[Method, Engine]] = {}


def engine_for(method: Method) -> Engine:
    # Keyed by identity (the Method is kept alive in the value, so the id cannot be reused).
    hit = _ENGINES.get(id(method))
    if hit is None:
        hit = _ENGINES[id(method)] = (method, Engine(method))
    return hit[1]


def score_answers(answers: dict[str, Any], method: Method) -> tuple[int | float, str]:
    """Fast path: (score, recommendation) for already-validated answers, no texts."""
    engine = engine_for(method)
    outcome = engine.outcomes[engine.mask(answers)]
    return outcome.score_out, outcome.recommendation
