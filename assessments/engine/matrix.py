"""The responsibility (RACI) matrix for a recommendation, built once per (method, recommendation)."""

from __future__ import annotations

from typing import Any

from .method import RECOMMENDATIONS, Method

_TEMPLATES: dict[tuple[int, str], tuple[tuple[str, ...], tuple[dict[str, Any], ...]]] = {}


def _template(method: Method, recommendation: str) -> tuple[tuple[str, ...], tuple[dict[str, Any], ...]]:
    key = (id(method), recommendation)
    hit = _TEMPLATES.get(key)
    if hit is None:
        roles = method.roles[recommendation]
        table = method.raci[recommendation]
        rows = tuple(
            {
                "id": row.id,
                "title": row.title,
                "area": row.area,
                "shared_governance": row.area == "overlap",
                "quote": row.quote,
                "raci": dict(zip(roles, table[row.id], strict=True)),
            }
            for row in method.matrix_rows
        )
        hit = _TEMPLATES[key] = (roles, rows)
    return hit


def build_matrix(method: Method, recommendation: str) -> dict[str, Any]:
    """A fresh matrix dict (callers may mutate it) copied from the cached template: no deepcopy."""
    roles, rows = _template(method, recommendation)
    return {
        "roles": list(roles),
        "legend": dict(method.legend),
        "rows": [{**row, "raci": dict(row["raci"])} for row in rows],
    }


def all_matrices(method: Method) -> dict[str, dict[str, Any]]:
    """Every recommendation's matrix, for the methodology page."""
    return {rec: build_matrix(method, rec) for rec in RECOMMENDATIONS}
