"""An organisation's history: the CAIO signals over time, and two assessments compared."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy

from assessments import languages
from assessments.engine import QUESTIONS, complete_result, get_method, localise
from assessments.models import Assessment
from assessments.presenters.answers import answer_text


def score_history_chart(completed: list[Assessment]) -> dict[str, Any]:
    """The CAIO signals that held in each assessment over time (oldest left), with labelled axes."""
    ordered = sorted(completed, key=lambda a: (a.scored_date, a.pk))
    width, height, left, right, top, bottom = 560, 200, 40, 540, 16, 168
    if not ordered:
        return {"points": [], "width": width, "height": height}
    signals_of = len(get_method().criteria_on("caio"))
    step = (right - left - 20) / max(len(ordered) - 1, 1)

    def y(value: int) -> float:
        return round(bottom - (bottom - top) * value / signals_of, 1)

    points = [
        {
            "x": round(left + 10 + n * step, 1),
            "y": y(assessment.caio_signals or 0),
            "signals": assessment.caio_signals or 0,
            "date": assessment.scored_date,
            "recommendation": assessment.get_recommendation_display(),
        }
        for n, assessment in enumerate(ordered)
    ]
    return {
        "points": points,
        "polyline": " ".join(f"{p['x']},{p['y']}" for p in points),
        "signals_of": signals_of,
        "width": width,
        "height": height,
        "left": left,
        "right": right,
        "top": top,
        "bottom": bottom,
        "mid_x": (left + right) // 2,
        "mid_y": (top + bottom) // 2,
        "ticks": [{"value": v, "y": y(v)} for v in range(signals_of + 1)],
    }


def compare_url(organisation_id: int, first: int, second: int) -> str:
    base = reverse("assessments:assessment-compare", args=[organisation_id])
    return f"{base}?{urlencode({'a': first, 'b': second})}"


def _answer_changes(a: dict[str, Any], b: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for question in QUESTIONS:
        old, new = a["answers"].get(question.key), b["answers"].get(question.key)
        rows.append({
            "question": question, "old": answer_text(question.key, old), "new": answer_text(question.key, new),
            "changed": old != new,
        })  # fmt: skip
    return rows


def _matrix_changes(a: dict[str, Any], b: dict[str, Any]) -> list[dict[str, Any]]:
    old_rows = {row["id"]: row for row in a["matrix"]["rows"]}
    roles = list(dict.fromkeys(a["matrix"]["roles"] + b["matrix"]["roles"]))
    changes = []
    for row in b["matrix"]["rows"]:
        before = old_rows.get(row["id"], {"raci": {}})["raci"]
        cells = [
            {"role": role, "old": before.get(role, "") or "—", "new": row["raci"].get(role, "") or "—"}
            for role in roles
            if before.get(role, "") != row["raci"].get(role, "")
        ]
        if cells:
            changes.append({"title": row["title"], "cells": cells})
    return changes


def _verdict(result: dict[str, Any], key: str) -> dict[str, Any] | None:
    """A verdict as stored; results of method 2026.11 had no separate verdicts."""
    return (result.get("verdicts") or {}).get(key)


VERDICT_TITLES = (
    ("need", gettext_lazy("Need a dedicated CAIO?")),
    ("reporting_line", gettext_lazy("Where the CAIO reports")),
)


def _verdict_rows(a: dict[str, Any], b: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for key, title in VERDICT_TITLES:
        old, new = _verdict(a, key), _verdict(b, key)
        shown = [(v["label"], v["confidence"]) if v else None for v in (old, new)]
        rows.append({"title": title, "verdicts": (old, new), "changed": shown[0] != shown[1]})
    return rows


def comparison(first: Assessment, second: Assessment) -> dict[str, Any]:
    wording = languages.wording()  # both results worded in the reader's language, as stored otherwise
    a, b = (localise(complete_result(x.result or {}), wording) for x in (first, second))
    old_criteria = {c["id"]: c for c in a["criteria"]}
    answers = _answer_changes(a, b)
    return {
        "a": a,
        "b": b,
        "answer_changes": answers,
        "changed_count": sum(1 for row in answers if row["changed"]),
        "flipped": [
            {"criterion": c, "was": old_criteria[c["id"]]["met"]}
            for c in b["criteria"]
            if c["id"] in old_criteria and old_criteria[c["id"]]["met"] != c["met"]
        ],
        "matrix_changes": _matrix_changes(a, b),
        "verdict_rows": _verdict_rows(a, b),
    }
