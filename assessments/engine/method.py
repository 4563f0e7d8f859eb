"""Versioned method data types and the registry; the data for each version lives in its own module."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from .errors import UnknownMethodVersion

Signal = Literal["caio", "cto"]
Op = Literal["gt", "ge", "lt", "le", "in", "true"]
Area = Literal["cto", "caio", "overlap"]

CTO_ONLY = "cto_only"
CAIO_REPORTS_TO_CTO = "caio_reports_to_cto"
CAIO_REPORTS_TO_CEO = "caio_reports_to_ceo"
# Index = rank in "more AI need" order; the monotonicity guarantees are stated in this order.
RECOMMENDATIONS: tuple[str, ...] = (CTO_ONLY, CAIO_REPORTS_TO_CTO, CAIO_REPORTS_TO_CEO)


@dataclass(frozen=True, slots=True)
class Condition:
    """A test on one answer: `answer <op> value` ("in": membership, "true": the boolean itself)."""

    key: str
    op: Op
    value: int | float | tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class Criterion:
    id: str
    signal: Signal
    condition: Condition
    weight: float  # signed contribution to the score when met
    label: str
    threshold: str
    quote: str
    met_text: str  # str.format templates; {answer} is the answer in words
    unmet_text: str


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    title: str
    text: str
    reason: str
    quotes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Definition:
    term: str
    meaning: str
    reason: str
    quotes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MatrixRow:
    id: str
    title: str
    area: Area
    quote: str


@dataclass(frozen=True, eq=False)
class Method:
    """Everything the scorer reads. eq=False: identity is the version object, and mappings are unhashable."""

    version: str
    summary: str
    weights_reason: str
    criteria: tuple[Criterion, ...]
    base_score: float
    caio_threshold: float  # CAIO needed when score is strictly above this
    borderline_margin: float
    strategic_all: tuple[str, ...]  # criterion ids that must all be met for "strategic AI"
    strategic_any: tuple[str, ...]  # ... and at least one of these
    beyond_mid_market: Condition
    rules: tuple[Rule, ...]
    definitions: tuple[Definition, ...]
    matrix_rows: tuple[MatrixRow, ...]
    roles: Mapping[str, tuple[str, ...]]
    legend: Mapping[str, str]
    raci: Mapping[str, Mapping[str, tuple[str, ...]]]  # recommendation -> row id -> letters in `roles` order
    labels: Mapping[str, str]
    reporting_lines: Mapping[str, str]
    headlines: Mapping[str, str]  # {score} and {borderline} placeholders
    decision_texts: Mapping[str, str]
    line_texts: Mapping[str, str]
    rationale: Mapping[str, tuple[str, ...]]
    risks: Mapping[str, tuple[str, ...]]
    next_steps: Mapping[str, tuple[str, ...]]
    borderline_risk: str
    interim_steps: Mapping[str, str]  # "cto_only" | "caio" | "reporting_line"
    answer_nouns: Mapping[str, str]
    flag_changes: Mapping[str, tuple[str, str]]  # bool key -> (became true, became false)


def _registry() -> dict[str, Method]:
    from .method_2026_11 import METHOD_2026_11

    return {METHOD_2026_11.version: METHOD_2026_11}


METHODS: dict[str, Method] = _registry()
METHODOLOGY_VERSION = "2026.11"


def get_method(version: str | None = None) -> Method:
    """The method for `version` (default: current); saved results are re-read with their own version."""
    if version is None:
        version = METHODOLOGY_VERSION
    try:
        return METHODS[version]
    except (KeyError, TypeError):
        raise UnknownMethodVersion(version, sorted(METHODS)) from None
