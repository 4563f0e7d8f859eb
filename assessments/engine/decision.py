"""How a decision is made. Read this module to know the method; the texts are in the method's data.

1. Nine tests from the article are run on the answers: five CAIO signals, four conditions under which the
   CTO can absorb the CAIO duties (`Tests.mask`).
2. Need: the CTO can absorb the role while all four conditions hold (a compliance need means exposure is
   not minimal); otherwise any one CAIO signal means you probably need a dedicated CAIO; with no signal at
   all the CTO keeps the duties (`decide`).
3. Reporting line, when a CAIO is needed: to the CEO beyond mid-market (5,000+ employees) or once AI is
   strategic (core, or becoming core, with more than $5M or more than 20 people on AI); to the CTO otherwise.
4. Confidence: a verdict is borderline when one answer moved one notch would change it (`confidence`).

The decision depends only on which tests hold and the size band, so `decide` is memoised on those
(2**9 x 3 combinations at most).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from .method import CAIO_REPORTS_TO_CEO, CAIO_REPORTS_TO_CTO, CTO_ONLY, Condition, Method
from .questions import QUESTIONS

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


def crossing(cond: Condition) -> tuple[int, int]:
    """(nearest value that meets a numeric condition, nearest value that does not)."""
    v: Any = cond.value
    if cond.op == "gt":
        return v + 1, v
    if cond.op == "ge":
        return v, v - 1
    if cond.op == "lt":
        return v - 1, v
    return v, v + 1  # "le"


@dataclass(frozen=True, slots=True)
class Decision:
    recommendation: str
    need: str  # "caio" | "cto"
    line: str | None  # "cto" | "ceo" | None under cto_only
    need_rule: str  # advice key of the rule that decided the need
    line_rule: str | None
    signals: tuple[str, ...]  # ids of the CAIO signals that hold
    conditions: tuple[str, ...]  # ids of the absorb conditions that hold
    contradicted: tuple[str, ...]  # absorb conditions that hold but are not counted
    strategic: bool


class Tests:
    """The method's nine tests compiled to predicates, and the size bands; build with engine_for(method)."""

    def __init__(self, method: Method) -> None:
        self.method = method
        self.checks = tuple(
            (c.condition.key, predicate(c.condition), 1 << i) for i, c in enumerate(method.criteria)
        )
        self.bit = {c.id: 1 << i for i, c in enumerate(method.criteria)}
        self.key_bits: dict[str, int] = {}
        for key, _pred, bit in self.checks:
            self.key_bits[key] = self.key_bits.get(key, 0) | bit
        self.band_minimums = tuple(b.minimum for b in method.bands)
        self.decide = lru_cache(maxsize=None)(self._decide)
        self.confidence_memo: dict[Any, Any] = {}

    def mask(self, answers: dict[str, Any]) -> int:
        m = 0
        for key, pred, bit in self.checks:
            if pred(answers[key]):
                m |= bit
        return m

    def key_mask(self, key: str, value: Any) -> int:
        """The test bits that hold when `key` takes `value`."""
        m = 0
        for k, pred, bit in self.checks:
            if k == key and pred(value):
                m |= bit
        return m

    def band(self, employees: int) -> int:
        n = 0
        for i, minimum in enumerate(self.band_minimums):
            if employees >= minimum:
                n = i
        return n

    def _decide(self, mask: int, band: int) -> Decision:
        criteria = self.method.criteria
        held = [c for c in criteria if mask & self.bit[c.id]]
        signals = tuple(c.id for c in held if c.side == "caio")
        conditions = tuple(c.id for c in held if c.side == "cto")
        # A compliance need that requires an executive means exposure is not minimal (rule "contradiction").
        contradicted = tuple(
            c
            for c in conditions
            if c == "minimal_regulatory_exposure" and "compliance_needs_executive" in signals
        )
        counted = len(conditions) - len(contradicted)
        absorb_total = sum(1 for c in criteria if c.side == "cto")
        if counted == absorb_total:
            return Decision(
                CTO_ONLY, "cto", None, "need_absorb", None, signals, conditions, contradicted, False
            )
        if not signals:
            return Decision(
                CTO_ONLY, "cto", None, "need_no_signal", None, signals, conditions, contradicted, False
            )
        strategic = "ai_core_to_product" in signals and (
            "ai_spend_over_5m" in signals or "ai_headcount_over_20" in signals
        )
        if band == len(self.band_minimums) - 1:
            line, line_rule = "ceo", "line_large"
        elif strategic:
            line, line_rule = "ceo", "line_strategic"
        else:
            line, line_rule = "cto", "line_start"
        rec = CAIO_REPORTS_TO_CEO if line == "ceo" else CAIO_REPORTS_TO_CTO
        return Decision(
            rec, "caio", line, "need_signals", line_rule, signals, conditions, contradicted, strategic
        )

    def state(self, answers: dict[str, Any]) -> tuple[int, int]:
        return self.mask(answers), self.band(answers["employees"])

    def changed(self, mask: int, band: int, key: str, value: Any) -> tuple[int, int]:
        """The state after one answer changes: only that answer's tests are run again."""
        new_mask = (mask & ~self.key_bits.get(key, 0)) | self.key_mask(key, value)
        return new_mask, self.band(value) if key == "employees" else band


_TESTS: dict[int, tuple[Method, Tests]] = {}


def engine_for(method: Method) -> Tests:
    # Keyed by identity; the Method is kept alive in the value, so the id cannot be reused.
    hit = _TESTS.get(id(method))
    if hit is None:
        hit = _TESTS[id(method)] = (method, Tests(method))
    return hit[1]


_CONTRADICTION_KEYS = ("compliance_needs_executive", "regulatory_exposure")


def contradictory(answers: dict[str, Any]) -> bool:
    """The answers the method refuses to propose in a change: a compliance need with minimal exposure."""
    return answers["compliance_needs_executive"] is True and answers["regulatory_exposure"] == "minimal"


# ---- One notch: the changes that decide whether a verdict is clear or borderline (rule "confidence").


def _lines(method: Method) -> dict[str, list[tuple[int, int, int]]]:
    """Per numeric question: (line value, nearest value that meets, nearest that does not) for every line."""
    out: dict[str, list[tuple[int, int, int]]] = {}
    numeric = [c.condition for c in method.criteria if isinstance(c.condition.value, int)]
    for cond in numeric + band_conditions(method):
        out.setdefault(cond.key, []).append((line_value(cond), *crossing(cond)))
    return out


def band_conditions(method: Method) -> list[Condition]:
    """The size bands' lower edges as tests on the number of employees."""
    return [Condition("employees", "ge", band.minimum) for band in method.bands[1:]]


def line_value(cond: Condition) -> int:
    assert isinstance(cond.value, int)
    return cond.value


def notches(method: Method, answers: dict[str, Any]) -> list[tuple[str, Any]]:
    """Every (question, value) one notch from the answers: yes/no reversed, the neighbouring choice, or a
    number near a line moved just across it."""
    flags, neighbours, lines = _notch_plan(method)
    out: list[tuple[str, Any]] = []
    for key, meets, fails, tolerance in lines:  # numbers near a line first: the likeliest to be estimates
        current = answers[key]
        across = fails if (current >= meets if meets > fails else current <= meets) else meets
        if abs(across - current) <= tolerance:
            out.append((key, across))
    for key, around in neighbours:
        out.extend((key, value) for value in around[answers[key]])
    out.extend((key, not answers[key]) for key in flags)
    return out


@cache
def _notch_plan(
    method: Method,
) -> tuple[list[str], list[tuple[str, dict[Any, list[Any]]]], list[tuple[Any, ...]]]:
    """Per method: the yes/no questions, each choice's neighbours, and every numeric line with its tolerance
    (a tenth of the line, or one unit)."""
    flags = [q.key for q in QUESTIONS if q.kind == "bool"]
    neighbours = []
    for q in QUESTIONS:
        if q.kind == "choice":
            values = [v for v, _label in q.choices]
            around = {
                v: [values[j] for j in (i - 1, i + 1) if 0 <= j < len(values)] for i, v in enumerate(values)
            }
            neighbours.append((q.key, around))
    lines = [
        (key, meets, fails, max(method.near_fraction * line, 1))
        for key, found in _lines(method).items()
        for line, meets, fails in found
    ]
    return flags, neighbours, lines


def confidence(
    tests: Tests, answers: dict[str, Any], decision: Decision, state: tuple[int, int]
) -> tuple[tuple[str, Any] | None, tuple[str, Any] | None]:
    """The first one-notch change that flips the need, and the first that keeps a CAIO but flips the line
    (None where there is none: that verdict is clear). Memoised on the state, the notches and whether a
    proposed employee count or AI headcount could clash with the other answer."""
    moves = tuple(notches(tests.method, answers))
    headcount, employees = answers["ai_headcount"], answers["employees"]
    key = (state, moves, headcount > 499, headcount > 4_999, employees < 21)
    hit = tests.confidence_memo.get(key)
    if hit is None:
        hit = tests.confidence_memo[key] = _confidence(tests, answers, decision, state, moves)
    return hit


def _confidence(
    tests: Tests, answers: dict[str, Any], decision: Decision, state: tuple[int, int], moves: tuple[Any, ...]
) -> tuple[tuple[str, Any] | None, tuple[str, Any] | None]:
    flip_need: tuple[str, Any] | None = None
    flip_line: tuple[str, Any] | None = None
    was_contradictory = contradictory(answers)
    for key, value in moves:
        if key == "employees" and answers["ai_headcount"] > value:
            continue  # more people on AI than employees is refused, so never proposed
        if key == "ai_headcount" and value > answers["employees"]:
            continue
        if not was_contradictory and key in _CONTRADICTION_KEYS and contradictory({**answers, key: value}):
            continue
        new = tests.decide(*tests.changed(*state, key, value))
        if flip_need is None and new.need != decision.need:
            flip_need = (key, value)
        elif flip_line is None and decision.line and new.line and new.line != decision.line:
            flip_line = (key, value)
    return flip_need, flip_line
