"""Stored results as their pages show them: what an older snapshot lacks, filled in from the engine's data.

A stored result is never re-scored. Snapshots made before a part was stored get it here, so presenters only
lay results out: caio-result/1 (method 2026.11) lacks its answers in words, the scale its score was read on
and the structure; caio-result/2 snapshots made before the structure was stored lack the structure.
"""

from __future__ import annotations

from typing import Any

from .i18n import answer_label
from .marks import N_
from .methods import get_method, stored_method
from .questions import QUESTIONS

LEGACY_RESULT_SCHEMA = "caio-result/1"

# Method 2026.11 scored 0-100 and advised a dedicated CAIO above the middle of the scale.
SCORE_SCALE_2026_11: dict[str, Any] = {
    "maximum": 100,
    "threshold": 50,
    "low": N_("CTO can absorb"),
    "high": N_("dedicated CAIO"),
    "meaning": N_(
        "Scores above 50 mean the evidence for a dedicated CAIO outweighs the evidence that the CTO can "
        "absorb the role."
    ),
    "explanation": N_(
        "The score starts at 50. Each signal for a CAIO that is met adds points; each signal that "
        "the CTO can absorb the role subtracts points. Above 50, a dedicated CAIO is recommended."
    ),
}
# The question each 2026.11 criterion read.
CRITERION_QUESTIONS_2026_11 = {
    "ai_spend_over_5m": "annual_ai_spend_usd",
    "ai_headcount_over_20": "ai_headcount",
    "compliance_needs_executive": "compliance_needs_executive",
    "cto_stretched": "cto_stretched",
    "ai_core_to_product": "ai_product_role",
    "use_cases_1_to_2": "ai_use_cases",
    "under_500_employees": "employees",
    "ai_internal_only": "ai_product_role",
    "minimal_regulatory_exposure": "regulatory_exposure",
}


def is_legacy(result: dict[str, Any]) -> bool:
    return result.get("schema") == LEGACY_RESULT_SCHEMA


def _structure(result: dict[str, Any]) -> dict[str, Any]:
    # Every method so far advises the same three structures, so a retired version's come from the current one.
    method = stored_method(result.get("methodology_version")) or get_method()
    return method.structures[result["recommendation"]].as_dict()


def _legacy_parts(result: dict[str, Any]) -> dict[str, Any]:
    answers = result["answers"]
    criteria = []
    for c in result["criteria"]:
        key = CRITERION_QUESTIONS_2026_11.get(c["id"])
        words = answer_label(key, c["answer"]) if key else str(c["answer"])
        criteria.append({**c, "answer_display": words})
    return {
        "criteria": criteria,
        # Questionnaire order, not the stored dict's: PostgreSQL's jsonb does not keep key order.
        "answers_display": [
            {"key": q.key, "question": q.label, "value": answer_label(q.key, answers[q.key])}
            for q in QUESTIONS
            if q.key in answers
        ],
        "score_scale": SCORE_SCALE_2026_11,
    }


def complete_result(result: dict[str, Any]) -> dict[str, Any]:
    """The stored `result` with what its pages show and an older snapshot lacks (a new dict; `result` stays)."""
    missing: dict[str, Any] = {}
    if "structure" not in result:
        missing["structure"] = _structure(result)
    if is_legacy(result):
        missing |= _legacy_parts(result)
    return {**result, **missing} if missing else result
