"""Hypothesis strategies and example profiles shared by the engine tests."""

from __future__ import annotations

import os
from typing import Any

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

from assessments import samples
from assessments.engine import QUESTIONS

# Under `make mutants` (mutmut sets MUTANT_UNDER_TEST) the engine's tests run lighter: properties try 50
# examples, not 300, and stop at the first failing one (no shrinking, no explaining); the consistency grid keeps
# one value per class instead of the values at and around each line. A lighter suite can only kill fewer
# mutants, so the score `make mutants` reports is a lower bound of the full suite's; `make test` runs it whole.
UNDER_MUTATION = "MUTANT_UNDER_TEST" in os.environ
# derandomize: the same examples on every run, so CI cannot flake on a rare draw.
PROPERTY = settings(
    max_examples=50 if UNDER_MUTATION else 300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[p for p in Phase if p not in (Phase.shrink, Phase.explain) or not UNDER_MUTATION],
)

ROLES = [v for v, _ in QUESTIONS[4].choices]
LEVELS = [v for v, _ in QUESTIONS[5].choices]
STATUSES = [v for v, _ in QUESTIONS[8].choices]

# Values near every threshold are over-weighted: that is where bugs live.
employees = st.one_of(
    st.sampled_from([1, 499, 500, 4_999, 5_000, 10_000_000]),
    st.integers(1, 6_000),
    st.integers(1, 10_000_000),
)
spend = st.one_of(
    st.sampled_from([0, 5_000_000, 5_000_001, 10**13]),
    st.integers(4_999_990, 5_000_010),
    st.integers(0, 10**13),
    st.floats(0, 10**13, allow_nan=False, allow_infinity=False),
)
headcount = st.one_of(
    st.sampled_from([0, 20, 21, 10_000_000]), st.integers(0, 40), st.integers(0, 10_000_000)
)
use_cases = st.one_of(st.sampled_from([0, 2, 3, 100_000]), st.integers(0, 6), st.integers(0, 100_000))

_answers = st.fixed_dictionaries(
    {
        "employees": employees,
        "annual_ai_spend_usd": spend,
        "ai_headcount": headcount,
        "ai_use_cases": use_cases,
        "ai_product_role": st.sampled_from(ROLES),
        "regulatory_exposure": st.sampled_from(LEVELS),
        "compliance_needs_executive": st.booleans(),
        "cto_stretched": st.booleans(),
        "cto_status": st.sampled_from(STATUSES),
    }
)
# The validator refuses more people on AI than employees; keep the draw and cap it instead of filtering.
answers_st = _answers.map(lambda a: {**a, "ai_headcount": min(a["ai_headcount"], a["employees"])})

# Valid organisation text: any characters but control characters and surrogates, which are refused.
_chars = st.characters(blacklist_categories=("Cc", "Cs"))
_org_text = st.text(alphabet=_chars, max_size=20)
org_st = st.fixed_dictionaries(
    {"name": st.text(alphabet=_chars, min_size=1, max_size=40).filter(str.strip)},
    optional={"sector": _org_text, "region": _org_text},
)


def base(**changes: Any) -> dict[str, Any]:
    """The spec's Northwind example, with changes."""
    return {**samples.NORTHWIND["answers"], **changes}


def small_cto_shop(**changes: Any) -> dict[str, Any]:
    """All four conditions for the CTO to absorb the role, and no CAIO signal."""
    shop: dict[str, Any] = {
        "employees": 100,
        "annual_ai_spend_usd": 100_000,
        "ai_headcount": 2,
        "ai_use_cases": 1,
        "ai_product_role": "internal_only",
        "regulatory_exposure": "minimal",
        "cto_stretched": False,
    }
    return base(**{**shop, **changes})


def doc(answers: dict[str, Any] | None = None, **org: Any) -> dict[str, Any]:
    return {
        "schema": "caio-assessment/2",
        "organisation": org or {"name": "Northwind Logistics"},
        "answers": base() if answers is None else answers,
    }
