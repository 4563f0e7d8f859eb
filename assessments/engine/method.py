"""The method's data types. Each version's data and its rule live in its own module (method_2027_01.py), the
registry of versions in methods.py.

Every text a person reads carries its source: "article" (the article's sentence itself, quoted) or "method"
(CAIO Advisor's own rule, listed with its reason on the methodology page). Texts are English, marked for
translation (engine/marks.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal, NamedTuple

from .marks import Plural
from .questions import QUESTIONS

Side = Literal["caio", "cto"]
Op = Literal["gt", "ge", "lt", "le", "in", "true"]
Area = Literal["cto", "caio", "overlap"]
Source = Literal["article", "method"]
# Whose word a verdict rests on: the article, the tool's own rule, or a rule that binds the organisation.
Basis = Literal["article", "method", "regulation"]
Answer = Literal["caio", "cto", "mixed"]
Situation = Literal["signals", "absorb", "both_ways", "undecided"]

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

    def holds(self, answer: Any) -> bool:
        v: Any = self.value
        if self.op == "gt":
            return bool(answer > v)
        if self.op == "ge":
            return bool(answer >= v)
        if self.op == "lt":
            return bool(answer < v)
        if self.op == "le":
            return bool(answer <= v)
        if self.op == "in":
            return answer in v
        return answer is True

    def crossing(self) -> tuple[int, int]:
        """(nearest value that meets a numeric condition, nearest value that does not)."""
        v: Any = self.value
        if self.op == "gt":
            return v + 1, v
        if self.op == "ge":
            return v, v - 1
        if self.op == "lt":
            return v - 1, v
        return v, v + 1  # "le"


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

    def holds(self, answers: Mapping[str, Any]) -> bool:
        return self.condition.holds(answers[self.condition.key])


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
    margin: float  # a plausible estimate error, as a fraction of each numeric answer
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
    # The tests the rule reads besides the criteria (a size line, AI in the product, a CTO in post): with the
    # criteria's conditions, the lines a changed answer can cross.
    extra_lines: tuple[Condition, ...] = ()

    @cached_property
    def lines(self) -> tuple[Condition, ...]:
        return tuple(c.condition for c in self.criteria) + self.extra_lines

    @cached_property
    def lines_on(self) -> Mapping[str, tuple[Condition, ...]]:
        """Question key -> the lines on that question (a question the rule does not read has none)."""
        out: dict[str, tuple[Condition, ...]] = {}
        for cond in self.lines:
            out[cond.key] = (*out.get(cond.key, ()), cond)
        return out

    @cached_property
    def other_classes(self) -> Mapping[str, Mapping[Any, tuple[Any, ...]]]:
        """Choice question key -> each choice -> the nearest choice of every other class the rule's lines tell
        apart (nearest first, the earlier of two equally near): the choices a tipping point may propose."""
        out: dict[str, dict[Any, tuple[Any, ...]]] = {}
        for q in QUESTIONS:
            if q.kind != "choice":
                continue
            values = [v for v, _label in q.choices]
            tests = self.lines_on.get(q.key, ())
            classes = {v: tuple(cond.holds(v) for cond in tests) for v in values}
            out[q.key] = {}
            for here, value in enumerate(values):
                nearest: dict[tuple[bool, ...], Any] = {classes[value]: None}
                for v in sorted(values, key=lambda v: (abs(values.index(v) - here), values.index(v))):
                    nearest.setdefault(classes[v], v)
                out[q.key][value] = tuple(v for v in nearest.values() if v is not None)
        return out

    @cached_property
    def above_lines(self) -> Mapping[tuple[str, int], int]:
        """(question, first value above a "more than" line) -> the line, to say "to more than $5,000,000"."""
        return {
            (c.condition.key, c.condition.value + 1): c.condition.value
            for c in self.criteria
            if c.condition.op == "gt" and isinstance(c.condition.value, int)
        }

    @cached_property
    def criteria_on_key(self) -> Mapping[str, tuple[Criterion, ...]]:
        """Question key -> the criteria that test it, so a changed answer re-runs only its own tests."""
        out: dict[str, tuple[Criterion, ...]] = {}
        for c in self.criteria:
            out[c.condition.key] = (*out.get(c.condition.key, ()), c)
        return out

    def criteria_on(self, side: Side) -> tuple[Criterion, ...]:
        """The CAIO signals ("caio") or the conditions under which the CTO can absorb the role ("cto")."""
        return tuple(c for c in self.criteria if c.side == side)

    def held(self, answers: Mapping[str, Any]) -> frozenset[str]:
        """The ids of the tests that hold."""
        return frozenset(c.id for c in self.criteria if c.holds(answers))

    def decide(
        self, answers: Mapping[str, Any], held: frozenset[str] | None = None
    ) -> Decision:  # pragma: no cover - every scored version has one
        """The verdicts for complete, validated answers (`held`: the tests that hold, when the caller knows):
        each scored version's module defines its rule."""
        raise NotImplementedError(f"method {self.version} keeps its stored results but scores no more")

    def disagreements(
        self, answers: Mapping[str, Any]
    ) -> list[tuple[str, ...]]:  # pragma: no cover - as decide
        """The answers that cannot all be true, each as (text key, answer keys...)."""
        raise NotImplementedError(f"method {self.version} keeps its stored results but scores no more")


class Decision(NamedTuple):
    """What a method's rule decides for one set of answers. The need: the article's situation, the answer
    (the article's, or "mixed" where its lists do not settle it) and the lean (the answer, or CAIO Advisor's
    own judgement or default when mixed). The line (when the lean is a CAIO): "cto" or "ceo", and whether
    the article or the tool's own rule decides it. A tuple: the tipping points make many of them."""

    situation: Situation
    need: Answer
    lean: Side
    need_basis: Basis
    line: Literal["cto", "ceo"] | None
    line_basis: Source | None
    line_rule: str | None  # advice key of the reason for the line
    signals: tuple[str, ...]  # ids of the CAIO signals that hold
    conditions: tuple[str, ...]  # ids of the absorb conditions that hold and count
    contradicted: tuple[str, ...]  # absorb conditions that hold but are not counted
    strategic: bool
    cto_in_post: bool

    @property
    def recommendation(self) -> str:
        """The structure the lean gives, for the matrix and the org chart."""
        if self.lean == "cto":
            return CTO_ONLY
        return CAIO_REPORTS_TO_CEO if self.line == "ceo" else CAIO_REPORTS_TO_CTO

    @property
    def need_verdict(self) -> tuple[str, str]:
        """What a change alters when it changes the need verdict: what the article says (a dedicated CAIO, the
        CTO, or mixed) or whether a dedicated CAIO is advised (CAIO Advisor's lean or default where the article
        does not settle it). "The CTO can absorb" becoming "the article points both ways" is a change even when
        the advice stays with the CTO: the headline a board reads is not the same."""
        return self.need, self.lean
