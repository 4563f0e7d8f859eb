"""The responsibility (RACI) matrix for a recommendation, built once per (method, recommendation)."""

from __future__ import annotations

from functools import cache
from typing import Any

from .method import CTO_ONLY, RECOMMENDATIONS, Method


@cache
def build_matrix(method: Method, recommendation: str) -> dict[str, Any]:
    """The matrix, with the shared forum and its tie-breaker. Cached and shared: treat it as read-only."""
    roles = method.roles[recommendation]
    table = method.raci[recommendation]
    two_roles = recommendation != CTO_ONLY  # shared governance needs two roles to share it
    return {
        "roles": list(roles),
        "legend": dict(method.legend),
        "source": "method",
        "rule": "raci",
        "rows": [
            {
                "id": row.id,
                "title": row.title,
                "area": row.area,
                "shared_governance": two_roles and row.area == "overlap",
                "quote": row.quote,
                "raci": dict(zip(roles, table[row.id], strict=True)),
                "cells": list(table[row.id]),
            }
            for row in method.matrix_rows
        ],
        "forum": method.forum[recommendation],
    }


def all_matrices(method: Method) -> dict[str, dict[str, Any]]:
    """Every recommendation's matrix, for the methodology page."""
    return {rec: build_matrix(method, rec) for rec in RECOMMENDATIONS}
