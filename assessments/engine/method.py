"""The method's data types and the version registry; each version's data lives in its own module.

Every text a person reads carries its source: "article" (it rests on a sentence of the article, quoted) or
"method" (CAIO Advisor's own rule, listed with its reason on the methodology page). Texts are English,
marked for translation (engine/i18n.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

from .errors import UnknownMethodVersion
from .i18n import Plural

Side = Literal["caio", "cto"]
Op = Literal["gt", "ge", "lt", "le", "in", "true"]
Area = Literal["cto", "caio", "overlap"]
Source = Literal["article", "method"]

CTO_ONLY = "cto_only"
CAIO_REPORTS_TO_CTO = "caio_reports_to_cto"
CAIO_REPORTS_TO_CEO = "caio_reports_to_ceo"
RECOMMENDATIONS: tuple[str, ...] = (CTO_ONLY, CAIO_REPORTS_TO_CTO, CAIO_REPORTS_TO_CEO)
ARTICLE: Source = "article"
METHOD: Source = "method"


@dataclass(frozen=True, slots=True)
class Condition:
    """A test on one answer: `answer <op> value` ("in": membership, "true": the boolean itself)."""

    key: str
    op: Op
    value: int | tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class Criterion:
    """One of the article's nine tests: a CAIO signal, or a condition under which the CTO can absorb."""

    id: str
    side: Side
    condition: Condition
    label: str
    threshold: str
    quote: str
    # str.format templates; {answer} is the answer in words. A Plural where the answer can be a count whose
    # sentence changes with it ("1 person works", "25 people work"), so each language inflects it its way.
    met_text: str | Plural
    unmet_text: str | Plural


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule or definition the method applies; `source` says whether the article or CAIO Advisor sets it."""

    id: str
    title: str
    text: str
    reason: str
    source: Source
    quotes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Band:
    id: str
    label: str
    minimum: int  # employees, inclusive
    source: Source
    quote: str


@dataclass(frozen=True, slots=True)
class Advice:
    """One advice item: text, where it comes from, the article sentence it rests on, the method rule it is."""

    text: str
    source: Source
    quote: str = ""
    rule: str = ""  # id of a Rule on the methodology page (method items)

    def as_dict(self, **values: Any) -> dict[str, str]:
        return {
            "text": self.text.format(**values) if values else self.text,
            "source": self.source,
            "quote": self.quote,
            "rule": self.rule,
        }


class AnswerChange(NamedTuple):
    """How one answer's change is said in a tipping point, as whole clauses that follow "if": each
    language words the noun, the verb and the mood together. {old} and {new} are answers in words."""

    rose: str
    fell: str
    rose_past: str = ""  # to just past a "more than" line: {new} is the line itself
    changed: str = ""  # for choices


@dataclass(frozen=True, slots=True)
class MatrixRow:
    id: str
    title: str
    area: Area
    quote: str


@dataclass(frozen=True, slots=True)
class Post:
    """A box of the advised structure: the role, whom it reports to ("" at the top), a note under it."""

    role: str
    reports_to: str = ""
    note: str = ""
    new: bool = False  # the post the advice creates (drawn highlighted)


@dataclass(frozen=True, slots=True)
class Structure:
    """Who reports to whom under one recommendation, and the same in one sentence (the chart's text)."""

    posts: tuple[Post, ...]  # the top first; each post reports to one listed before it
    text: str

    def as_dict(self) -> dict[str, Any]:
        posts = [
            {"role": p.role, "reports_to": p.reports_to, "note": p.note, "new": p.new} for p in self.posts
        ]
        return {"posts": posts, "text": self.text}


@dataclass(frozen=True, eq=False)
class Method:
    """Everything the decision reads. eq=False: identity is the version object, and mappings are unhashable."""

    version: str
    summary: str
    criteria: tuple[Criterion, ...]
    bands: tuple[Band, ...]  # by increasing size
    near_fraction: float  # an answer within this fraction of a line (or one unit) is near it
    rules: tuple[Rule, ...]
    texts: Mapping[str, Any]  # a str, or a Plural for a sentence about a count
    labels: Mapping[str, str]
    headlines: Mapping[str, str]
    reporting_lines: Mapping[str, str]
    structures: Mapping[str, Structure]
    advice: Mapping[str, Advice]
    matrix_rows: tuple[MatrixRow, ...]
    roles: Mapping[str, tuple[str, ...]]
    legend: Mapping[str, str]
    raci: Mapping[str, Mapping[str, tuple[str, ...]]]  # recommendation -> row id -> letters in `roles` order
    forum: Mapping[str, Any]
    answer_changes: Mapping[str, AnswerChange]  # every question that is not yes/no
    flag_changes: Mapping[str, tuple[str, str]]  # yes/no key -> (became yes, became no)
    changes: tuple[str, ...]  # what changed since the previous version, for the methodology page

    def criteria_on(self, side: Side) -> tuple[Criterion, ...]:
        """The CAIO signals ("caio") or the conditions under which the CTO can absorb the role ("cto")."""
        return tuple(c for c in self.criteria if c.side == side)


def _registry() -> dict[str, Method]:
    from .method_2026_12 import METHOD_2026_12

    return {METHOD_2026_12.version: METHOD_2026_12}


METHODS: dict[str, Method] = _registry()
METHODOLOGY_VERSION = "2026.12"
# Versions whose results may still be stored but that this engine no longer scores.
RETIRED_VERSIONS: tuple[str, ...] = ("2026.11",)


def get_method(version: str | None = None) -> Method:
    """The method for `version` (default: current)."""
    if version is None:
        version = METHODOLOGY_VERSION
    try:
        return METHODS[version]
    except (KeyError, TypeError):
        raise UnknownMethodVersion(version, sorted(METHODS)) from None
