"""The methodology page: read from the engine's method data (no second copy)."""

from __future__ import annotations

from typing import Any

from assessments import languages
from assessments.engine import PANEL_RULE, QUESTIONS, RETIRED_VERSIONS, Method, all_matrices, localise_matrix


def methodology_context(method: Method) -> dict[str, Any]:
    """The method's own data (the template translates its texts) and its matrices worded for the reader."""
    wording = languages.wording()
    return {
        "method": method,
        "questions": QUESTIONS,
        "caio_criteria": method.criteria_on("caio"),
        "cto_criteria": method.criteria_on("cto"),
        "article_rules": [r for r in method.rules if r.source == "article"],
        "method_rules": [r for r in method.rules if r.source == "method"],
        "matrices": [
            {"label": method.labels[rec], "matrix": localise_matrix(matrix, wording)}
            for rec, matrix in all_matrices(method).items()
        ],
        "panel_rule": PANEL_RULE,
        "retired_versions": RETIRED_VERSIONS,
    }
