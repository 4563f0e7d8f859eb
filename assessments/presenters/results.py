"""The results: the blocks the shared partials lay out (results page, shared page, PDF, render_report)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from assessments import languages
from assessments.engine import METHODOLOGY_VERSION, PANEL_RULE, complete_result, is_legacy, localise
from assessments.models import Assessment
from assessments.presenters.panel import panel_combinations, panel_rows

# The org chart's grid: boxes of 120 x 40, a level every 90 units, the posts under one post 200 apart.
BOX_WIDTH, BOX_HEIGHT, LEVEL, TOP, SPREAD, CENTRE = 120, 40, 90, 10, 200, 190


def org_chart(structure: dict[str, Any]) -> dict[str, Any]:
    """Boxes and lines of the advised structure, each post under the one it reports to, for an SVG."""
    below: dict[str, list[dict[str, Any]]] = {}
    for post in structure["posts"]:
        below.setdefault(post["reports_to"], []).append(post)
    boxes: list[dict[str, Any]] = []
    lines: list[tuple[int, int, int, int]] = []

    def place(post: dict[str, Any], centre: int, depth: int) -> None:
        y = TOP + LEVEL * depth
        boxes.append({
            "label": post["role"], "note": post["note"], "new": post["new"], "x": centre - BOX_WIDTH // 2, "y": y,
            "tx": centre, "ty": y + (18 if post["note"] else 25), "ny": y + 33,
        })  # fmt: skip
        children = below.get(post["role"], [])
        bottom, next_top = y + BOX_HEIGHT, y + LEVEL
        centres = [centre + SPREAD * (2 * n - len(children) + 1) // 2 for n in range(len(children))]
        if len(children) == 1:
            lines.append((centre, bottom, centre, next_top))
        elif children:
            bar = (bottom + next_top) // 2
            lines.extend([(centre, bottom, centre, bar), (centres[0], bar, centres[-1], bar)])
            lines.extend((x, bar, x, next_top) for x in centres)
        for child, x in zip(children, centres, strict=True):
            place(child, x, depth + 1)

    for top in below.get("", []):
        place(top, CENTRE, 0)
    height = max(box["y"] for box in boxes) + BOX_HEIGHT + TOP
    return {"boxes": boxes, "lines": lines, "height": height, "alt": structure["text"]}


def score_bar(score: float, scale: dict[str, Any]) -> dict[str, Any]:
    """A 2026.11 score on its scale (those results had a 0-100 score)."""
    width = 300
    return {
        "score": score,
        "filled": round(width * score / scale["maximum"], 1),
        "width": width,
        "marker": width * scale["threshold"] / scale["maximum"],
        "scale": scale,
    }


def _legacy_blocks(result: dict[str, Any]) -> dict[str, Any]:
    """Results stored by method 2026.11 (caio-result/1), shown exactly as they were scored."""
    matrix = result["matrix"]
    return {
        "score_bar": score_bar(result["score"], result["score_scale"]),
        "legend": [(letter, matrix["legend"][letter]) for letter in "RACI" if letter in matrix["legend"]],
        "criteria": result["criteria"],
        "matrix_rows": [
            {**row, "cells": [row["raci"].get(role, "") for role in matrix["roles"]]}
            for row in matrix["rows"]
        ],
    }


def _balance(result: dict[str, Any]) -> dict[str, Any]:
    balance = result["balance"]

    def dots(on: int, total: int) -> list[dict[str, Any]]:
        return [{"x": 120 + 28 * i, "on": i < on} for i in range(total)]

    return {
        "signals": dots(balance["signals"], balance["signals_of"]),
        "conditions": dots(balance["conditions"], balance["conditions_of"]),
    }


def _tipping(result: dict[str, Any]) -> list[dict[str, Any]]:
    tipping = []
    for verdict in ("need", "reporting_line"):
        summary = result["tipping_points"][verdict]
        if summary:
            entries = [w for w in result["what_if"] if w["verdict"] == verdict]
            tipping.append({**summary, "entries": entries})
    return tipping


def article_lists(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The article's two lists side by side, each test marked where it holds, where they do not settle the need
    (the article points both ways, or does not decide: method 2027.01 on)."""
    if result["verdicts"]["need"].get("answer") != "mixed":
        return []
    headings = {
        "caio": gettext("Signals for a CAIO (any one):"),
        "cto": gettext("CTO can absorb (all four):"),
    }
    return [
        {"heading": heading, "tests": [c for c in result["criteria"] if c["side"] == side]}
        for side, heading in headings.items()
    ]


def result_blocks(stored: dict[str, Any]) -> dict[str, Any]:
    """What the shared partials need from a stored result (results page, PDF and render_report), worded in
    the active language from the result's own Messages (engine.localise): nothing is scored again."""
    result = localise(complete_result(stored), languages.wording())
    blocks: dict[str, Any] = {
        "result": result,
        "org_chart": org_chart(result["structure"]),
        "answers": result["answers_display"],
    }
    if is_legacy(result):
        return blocks | {"legacy": True, **_legacy_blocks(result)}
    verdicts = result["verdicts"]
    obligations = result.get("obligations")  # results scored before obligations were stored have none
    return blocks | {
        "legacy": False,
        # Shown once a question about laws and frameworks is answered, even when none applies.
        "show_obligations": bool(
            obligations and (obligations["items"] or len(obligations["not_stated"]) < 3)
        ),
        "verdicts": [v for v in (verdicts["need"], verdicts["reporting_line"]) if v],
        "balance": _balance(result),
        "tipping": _tipping(result),
        "article_lists": article_lists(result),
    }


def results_context(assessment: Assessment, *, anonymous: bool = False) -> dict[str, Any]:
    blocks = result_blocks(assessment.result or {})
    panel = blocks["result"].get("panel")  # worded with the rest
    return {
        "assessment": assessment,
        "organisation": assessment.organisation,
        **blocks,
        "panel_rows": panel_rows(panel, anonymous=anonymous),
        "panel_combinations": panel_combinations(panel),
        "panel_rule": PANEL_RULE,
        "outdated": assessment.methodology_version != METHODOLOGY_VERSION,
        "current_version": METHODOLOGY_VERSION,
    }


RESULTS_BODY_SECONDS = 24 * 3600


# A change to the result as this page shows it, worded already (the agreed charter's roles for the obligations).
Adjust = Callable[[dict[str, Any]], dict[str, Any]]


def _render_results_body(assessment: Assessment, anonymous: bool, adjust: Adjust | None) -> str:
    context = results_context(assessment, anonymous=anonymous)
    if adjust is not None:
        context["result"] = adjust(context["result"])
    return render_to_string("assessments/partials/_results_body.html", context)


def results_body(assessment: Assessment, *, anonymous: bool = False, adjust: Adjust | None = None) -> str:
    """The results' HTML, rendered once per version of the assessment and language (Django's default cache).

    A stored result never changes and any change to the assessment moves `updated_at`, so the key needs no
    invalidation; a page that shows the agreed charter's roles (`adjust`) adds the charter's digest. The default
    cache lives in each process, so a deploy, which restarts them, starts it empty
    and no HTML from an earlier template is served.
    """
    key = ":".join((
        "results-body", str(assessment.pk), assessment.updated_at.isoformat(),
        assessment.methodology_version, "shared" if anonymous else "members", languages.active(),
        "charter-" + assessment.organisation.charter_digest if adjust else "",
    ))  # fmt: skip
    body = cache.get_or_set(
        key, lambda: _render_results_body(assessment, anonymous, adjust), RESULTS_BODY_SECONDS
    )
    # Rendered by our own template with autoescaping on: user text inside it is already escaped.
    return mark_safe(body)


# Written after the summary (the verdicts) in the results template: pages put their toolbar there.
SUMMARY_END = "<!-- end of summary -->"


def results_parts(
    assessment: Assessment, *, anonymous: bool = False, adjust: Adjust | None = None
) -> tuple[str, str]:
    """The results' HTML as (the summary with the verdicts, the rest), so a page can put its actions between
    the answer and its explanation."""
    summary, marker, rest = results_body(assessment, anonymous=anonymous, adjust=adjust).partition(
        SUMMARY_END
    )
    if not marker:
        summary, rest = "", summary
    # Both halves come from the one escaped rendering above, cut between two sections.
    return mark_safe(summary), mark_safe(rest)
