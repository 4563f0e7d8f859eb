"""The methodology page: read from the engine's method data (no second copy)."""

from __future__ import annotations

from typing import Any

from assessments import languages
from assessments.engine import PANEL_RULE, RETIRED_VERSIONS, Method, all_matrices, localise_matrix
from assessments.engine.obligations import OBLIGATIONS, SOURCE_BY_ID, SOURCES, SOURCES_AS_OF, WHEN
from assessments.engine.obligations import RULES as OBLIGATION_RULES
from assessments.engine.questions import ALL_QUESTIONS


def methodology_context(method: Method) -> dict[str, Any]:
    """The method's own data (the template translates its texts) and its matrices worded for the reader."""
    wording = languages.wording()
    rows = {row.id: row.title for row in method.matrix_rows}
    return {
        "method": method,
        "questions": ALL_QUESTIONS,
        "caio_criteria": method.criteria_on("caio"),
        "cto_criteria": method.criteria_on("cto"),
        "article_rules": [r for r in method.rules if r.source == "article"],
        "method_rules": [r for r in method.rules if r.source == "method"],
        "matrices": [
            {"label": method.labels[rec], "matrix": localise_matrix(matrix, wording)}
            for rec, matrix in all_matrices(method).items()
        ],
        "panel_rule": PANEL_RULE,
        "sources": SOURCES,
        "obligation_rules": OBLIGATION_RULES,
        "obligations": [
            {"obligation": o, "source": SOURCE_BY_ID[o.source], "when": WHEN[o.id], "row": rows[o.row]}
            for o in OBLIGATIONS
        ],
        "sources_as_of": SOURCES_AS_OF,
        "retired_versions": RETIRED_VERSIONS,
    }
