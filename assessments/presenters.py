"""Shape stored results and answers for templates (pages and PDF share these)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from assessments.engine import (
    METHODOLOGY_VERSION,
    PAGES,
    PANEL_RULE,
    QUESTION_BY_KEY,
    QUESTIONS,
    RETIRED_VERSIONS,
    STEPS,
    all_matrices,
    get_method,
)
from assessments.models import Assessment, Recommendation

LEGACY_RESULT_SCHEMA = "caio-result/1"


def display_answer(key: str, value: Any) -> str:
    question = QUESTION_BY_KEY.get(key)
    if question is None:
        return str(value)
    if value is None:
        return "—"
    if question.kind == "bool":
        return "Yes" if value else "No"
    if question.kind == "choice":
        return dict(question.choices).get(value, str(value))
    if key == "annual_ai_spend_usd":
        return f"${value:,.0f}" if float(value).is_integer() else f"${value:,.2f}"
    return f"{value:,}"


def progress(current: str, url_for: Callable[[str], str]) -> list[dict[str, Any]]:
    slugs = PAGES
    titles = dict(STEPS) | {"review": "Review"}
    index = slugs.index(current)
    return [
        {
            "slug": slug,
            "title": titles[slug],
            "number": n + 1,
            "state": "done" if n < index else "current" if n == index else "todo",
            "url": url_for(slug),
        }
        for n, slug in enumerate(slugs)
    ]


def answer_rows(answers: dict[str, Any], pending: dict[str, str]) -> list[dict[str, Any]]:
    rows = []
    for question in QUESTIONS:
        if question.key in pending:
            shown, state = pending[question.key], "invalid"
        elif question.key in answers:
            shown, state = display_answer(question.key, answers[question.key]), "ok"
        else:
            shown, state = "Not answered yet", "missing"
        rows.append({"question": question, "value": shown, "state": state})
    return rows


def org_chart(recommendation: str) -> dict[str, Any]:
    """Boxes and lines of the recommended structure, for an SVG drawn by a template."""
    chart = _org_chart_layout(recommendation)
    for box in chart["boxes"]:
        box["tx"] = box["x"] + 60
        box["ty"] = box["y"] + (18 if box.get("note") else 25)
        box["ny"] = box["y"] + 33
    return chart


def _org_chart_layout(recommendation: str) -> dict[str, Any]:
    ceo = {"label": "CEO", "x": 130, "y": 10}
    cto = {"label": "CTO", "x": 30, "y": 100}
    caio = {"label": "CAIO", "x": 230, "y": 100}
    if recommendation == "cto_only":
        cto = {"label": "CTO", "x": 130, "y": 100, "note": "also holds AI duties"}
        return {
            "boxes": [ceo, cto],
            "lines": [(190, 50, 190, 100)],
            "height": 150,
            "alt": "The CTO reports to the CEO and also holds the AI duties; there is no separate CAIO.",
        }
    if recommendation == "caio_reports_to_cto":
        cto = {"label": "CTO", "x": 130, "y": 100}
        caio = {"label": "CAIO", "x": 130, "y": 190}
        return {
            "boxes": [ceo, cto, caio],
            "lines": [(190, 50, 190, 100), (190, 140, 190, 190)],
            "height": 240,
            "alt": "The CTO reports to the CEO; the CAIO reports to the CTO.",
        }
    return {
        "boxes": [ceo, cto, caio],
        "lines": [(190, 50, 190, 75), (90, 75, 290, 75), (90, 75, 90, 100), (290, 75, 290, 100)],
        "height": 150,
        "alt": "The CTO and the CAIO both report directly to the CEO.",
    }


def _legacy_blocks(result: dict[str, Any]) -> dict[str, Any]:
    """Results stored by method 2026.11 (caio-result/1), shown exactly as they were scored."""
    question_of = _criterion_questions()
    return {
        "score_bar": score_bar(result["score"]),
        "legend": [
            (letter, result["matrix"]["legend"][letter])
            for letter in "RACI"
            if letter in result["matrix"]["legend"]
        ],
        "criteria": [
            {**c, "answer_display": display_answer(question_of.get(c["id"], ""), c["answer"])}
            for c in result["criteria"]
        ],
        "matrix_rows": [
            {**row, "cells": [row["raci"].get(role, "") for role in result["matrix"]["roles"]]}
            for row in result["matrix"]["rows"]
        ],
        # Questionnaire order, not the stored dict's: PostgreSQL's jsonb does not keep key order.
        "answers": [
            {
                "question": question.label,
                "value": display_answer(question.key, result["answers"][question.key]),
            }
            for question in QUESTIONS
            if question.key in result["answers"]
        ],
    }


def score_bar(score: float) -> dict[str, Any]:
    width = 300
    return {"score": score, "filled": round(width * score / 100, 1), "width": width, "marker": width / 2}


def _balance(result: dict[str, Any]) -> dict[str, Any]:
    balance = result["balance"]

    def dots(on: int, total: int) -> list[dict[str, Any]]:
        return [{"x": 120 + 28 * i, "on": i < on} for i in range(total)]

    return {
        "signals": dots(balance["signals"], balance["signals_of"]),
        "conditions": dots(balance["conditions"], balance["conditions_of"]),
    }


def result_blocks(result: dict[str, Any]) -> dict[str, Any]:
    """What the shared partials need from a stored result (results page, PDF and render_report)."""
    blocks: dict[str, Any] = {"result": result, "org_chart": org_chart(result["recommendation"])}
    if result.get("schema") == LEGACY_RESULT_SCHEMA:
        return blocks | {"legacy": True, **_legacy_blocks(result)}
    tipping = []
    for verdict in ("need", "reporting_line"):
        summary = result["tipping_points"][verdict]
        if summary:
            entries = [w for w in result["what_if"] if w["verdict"] == verdict]
            tipping.append({**summary, "entries": entries})
    return blocks | {
        "legacy": False,
        "verdicts": [v for v in (result["verdicts"]["need"], result["verdicts"]["reporting_line"]) if v],
        "balance": _balance(result),
        "tipping": tipping,
        "answers": result["answers_display"],
    }


def results_context(assessment: Assessment, *, anonymous: bool = False) -> dict[str, Any]:
    result = assessment.result or {}
    return {
        "assessment": assessment,
        "organisation": assessment.organisation,
        **result_blocks(result),
        "panel_rows": panel_rows(result.get("panel"), anonymous=anonymous),
        "panel_combinations": panel_combinations(result.get("panel")),
        "panel_rule": PANEL_RULE,
        "outdated": assessment.methodology_version != METHODOLOGY_VERSION,
        "current_version": METHODOLOGY_VERSION,
    }


RESULTS_BODY_VERSION = "2"  # bump when the results partials change, so no stale HTML is served


def results_body(assessment: Assessment, *, anonymous: bool = False) -> str:
    """The results' HTML, rendered once per version of the assessment.

    A stored result never changes, and any change to the assessment moves `updated_at`, so this
    cache needs no invalidation; a per-process cache is enough because it only saves work.
    """
    key = (
        f"results-body:{RESULTS_BODY_VERSION}:{assessment.pk}:{assessment.updated_at.timestamp()}:{anonymous}"
    )
    body = cache.get(key)
    if body is None:
        context = results_context(assessment, anonymous=anonymous)
        template = "v1/_results_body.html" if context["legacy"] else "_results_body.html"
        body = render_to_string(f"assessments/partials/{template}", context)
        cache.set(key, body, timeout=24 * 3600)
    # Rendered by our own template with autoescaping on: user text inside it is already escaped.
    return mark_safe(body)


def _criterion_questions() -> dict[str, str]:
    """Which question each criterion of a 2026.11 result read (its ids are the current method's too)."""
    return {c.id: c.condition.key for c in get_method().criteria}


def score_history_chart(completed: list[Assessment]) -> dict[str, Any]:
    """The CAIO signals that held in each assessment over time (oldest left), with labelled axes."""
    ordered = sorted(completed, key=lambda a: (a.scored_date, a.pk))
    width, height, left, right, top, bottom = 560, 200, 40, 540, 16, 168
    if not ordered:
        return {"points": [], "width": width, "height": height}
    step = (right - left - 20) / max(len(ordered) - 1, 1)

    def y(value: int) -> float:
        return round(bottom - (bottom - top) * value / 5, 1)

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
        "width": width,
        "height": height,
        "left": left,
        "right": right,
        "top": top,
        "bottom": bottom,
        "mid_x": (left + right) // 2,
        "mid_y": (top + bottom) // 2,
        "ticks": [{"value": v, "y": y(v)} for v in range(6)],
    }


def compare_url(organisation_id: int, first: int, second: int) -> str:
    base = reverse("assessments:assessment-compare", args=[organisation_id])
    return f"{base}?{urlencode({'a': first, 'b': second})}"


def comparison(first: Assessment, second: Assessment) -> dict[str, Any]:
    a, b = first.result or {}, second.result or {}
    answers = []
    for question in QUESTIONS:
        old, new = a["answers"].get(question.key), b["answers"].get(question.key)
        answers.append(
            {
                "question": question,
                "old": display_answer(question.key, old),
                "new": display_answer(question.key, new),
                "changed": old != new,
            }
        )
    old_criteria = {c["id"]: c for c in a["criteria"]}
    flipped = [
        {"criterion": c, "was": old_criteria[c["id"]]["met"]}
        for c in b["criteria"]
        if c["id"] in old_criteria and old_criteria[c["id"]]["met"] != c["met"]
    ]
    old_rows = {row["id"]: row for row in a["matrix"]["rows"]}
    roles = list(dict.fromkeys(a["matrix"]["roles"] + b["matrix"]["roles"]))
    matrix_changes = []
    for row in b["matrix"]["rows"]:
        before = old_rows.get(row["id"], {"raci": {}})["raci"]
        cells = [
            {"role": role, "old": before.get(role, "") or "—", "new": row["raci"].get(role, "") or "—"}
            for role in roles
            if before.get(role, "") != row["raci"].get(role, "")
        ]
        if cells:
            matrix_changes.append({"title": row["title"], "cells": cells})
    return {
        "a": a,
        "b": b,
        "answer_changes": answers,
        "changed_count": sum(1 for row in answers if row["changed"]),
        "flipped": flipped,
        "matrix_changes": matrix_changes,
        "verdict_rows": [
            {"title": title, "old": _verdict_words(a, key), "new": _verdict_words(b, key)}
            for key, title in (
                ("need", "Need a dedicated CAIO?"),
                ("reporting_line", "Where the CAIO reports"),
            )
        ],
    }


def _verdict_words(result: dict[str, Any], key: str) -> str:
    """A verdict and its confidence as stored; results of method 2026.11 had no separate verdicts."""
    verdict = (result.get("verdicts") or {}).get(key)
    if not verdict:
        return "—"
    return f"{verdict['label']} ({verdict['confidence_label'].lower()})"


def methodology_context(method: Any) -> dict[str, Any]:
    """Everything the methodology page shows, read from the engine's method data (no second copy)."""
    return {
        "method": method,
        "questions": QUESTIONS,
        "caio_criteria": [c for c in method.criteria if c.side == "caio"],
        "cto_criteria": [c for c in method.criteria if c.side == "cto"],
        "article_rules": [r for r in method.rules if r.source == "article"],
        "method_rules": [r for r in method.rules if r.source == "method"],
        "matrices": [
            {"label": method.labels[rec], "result": {"matrix": matrix}}
            for rec, matrix in all_matrices(method).items()
        ],
        "panel_rule": PANEL_RULE,
        "retired_versions": RETIRED_VERSIONS,
    }


def panel_rows(
    panel: dict[str, Any] | None, *, settle_forms: bool = False, version: int = 0, anonymous: bool = False
) -> list[dict[str, Any]]:
    """One row per question: each rater's answer, agreement, the consolidated answer and what it changes."""
    if not panel:
        return []
    from assessments.forms import settle_form_class

    names = {label: f"Rater {n + 1}" if anonymous else label for n, label in enumerate(panel["raters"])}
    rows = []
    for item in panel["questions"]:
        question = QUESTION_BY_KEY[item["key"]]
        # Panels stored before 2026.12 have only "agree"; their numbers on one side of every line were "agree".
        agreement = item.get("agreement") or ("agree" if item["agree"] else "disagree")
        row = {
            "question": question,
            "answers": [
                {"label": names[a["label"]], "value": display_answer(item["key"], a["value"])}
                for a in item["answers"]
            ],
            "agreement": agreement,
            "consolidated": display_answer(item["key"], item["consolidated"]),
            "settled": item["settled"],
            "changes_recommendation": item["changes_recommendation"],
            "changes_in_combination": item.get("changes_in_combination", False),
            "alternatives": [
                {
                    **alt,
                    "value": display_answer(item["key"], alt["value"]),
                    "label": alt.get("recommendation_label") or _recommendation_label(alt["recommendation"]),
                }
                for alt in item["alternatives"]
            ],
        }
        if settle_forms and agreement in ("disagree", "close"):
            row["form"] = settle_form_class(question)(
                initial={"version": version, "value": _form_value(question, item["consolidated"])},
                prefix=item["key"],
            )
        rows.append(row)
    return rows


def panel_combinations(panel: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The smallest combinations of the raters' other answers that would change a verdict, in words."""
    if not panel:
        return []
    return [
        {
            "changes": [
                {"question": QUESTION_BY_KEY[key].label, "value": display_answer(key, value)}
                for key, value in combination["changes"].items()
            ],
            "verdict": combination["verdict"],
            "label": combination["recommendation_label"],
        }
        for combination in panel.get("combinations", [])
    ]


def _form_value(question: Any, value: Any) -> Any:
    if question.kind == "bool":
        return "true" if value else "false"
    return value


def _recommendation_label(recommendation: str) -> str:
    return str(Recommendation(recommendation).label)


def form_initial(answers: dict[str, Any]) -> dict[str, Any]:
    """Stored answers as a form's initial values (yes/no answers are "true"/"false" choices)."""
    return {
        key: _form_value(QUESTION_BY_KEY[key], value)
        for key, value in answers.items()
        if key in QUESTION_BY_KEY
    }
