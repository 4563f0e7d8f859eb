"""Where the time goes: cProfile of a page (in-process, test client) and of one PDF render, by area."""

from __future__ import annotations

import cProfile
import pstats
import statistics
import time
from typing import Any

from django.contrib.auth import get_user_model
from django.test import Client

from assessments.models import Assessment
from assessments.report import pdf

from .common import QUICK

# Phases: the cumulative time under one function (file suffix, name, line or 0 for any), as a share of
# the profiled time. "…" rows are parts of the row above them.
PAGE_PHASES: tuple[tuple[str, str, str, int], ...] = (
    ("Session and user lookup", "django/contrib/auth/__init__.py", "get_user", 0),
    ("ORM: queries and model instances", "django/db/models/query.py", "_fetch_all", 0),
    ("… JSON decoding of stored results", "django/db/models/fields/json.py", "from_db_value", 0),
    ("Presenters: results context", "assessments/presenters/results.py", "results_context", 0),
    ("Presenters: history chart", "assessments/presenters/history.py", "score_history_chart", 0),
    ("Decision engine (scoring)", "assessments/engine/recommendation.py", "evaluate_valid", 0),
    ("Template rendering", "django/template/backends/django.py", "render", 0),
    ("… `{% url %}` and `get_absolute_url` (URL reversing)", "django/urls/base.py", "reverse", 0),
    ("… `|date` formatting", "django/utils/dateformat.py", "format", 0),
    ("… crispy form rendering", "crispy_forms/templatetags/crispy_forms_filters.py", "as_crispy_form", 0),
    ("… crispy field rendering", "crispy_forms/templatetags/crispy_forms_filters.py", "as_crispy_field", 0),
)
PDF_PHASES: tuple[tuple[str, str, str, int], ...] = (
    ("HTML parsing (tinyhtml5)", "tinyhtml5/parser.py", "parse", 0),
    ("CSS cascade and computed styles", "weasyprint/css/__init__.py", "get_all_computed_styles", 0),
    ("Box tree", "weasyprint/formatting_structure/build.py", "build_formatting_structure", 0),
    ("Layout (pages, tables, line breaking)", "weasyprint/layout/__init__.py", "layout_document", 0),
    ("… Pango line breaking and shaping", "weasyprint/text/line_break.py", "split_first_line", 0),
    ("Drawing pages into PDF streams", "weasyprint/draw/__init__.py", "draw_page", 0),
    ("Font embedding and subsetting", "weasyprint/pdf/fonts.py", "build_fonts_dictionary", 0),
    ("PDF serialisation (pydyf)", "pydyf/__init__.py", "write", 0),
)


def summarise(profile: cProfile.Profile, calls: int, phases: Any, functions_shown: int = 8) -> dict[str, Any]:
    stats: Any = vars(pstats.Stats(profile))["stats"]  # {(file, line, name): (cc, nc, tt, ct, callers)}
    total = sum(entry[2] for entry in stats.values())
    rows = []
    for label, suffix, name, line in phases:
        matches = [
            entry
            for (filename, lineno, function), entry in stats.items()
            if filename.endswith(suffix) and function == name and (not line or lineno == line)
        ]
        top: Any = max(matches, key=lambda entry: entry[3], default=(0, 0, 0.0, 0.0, {}))
        rows.append({"phase": label, "share": top[3] / total, "calls_per_view": top[1] / calls})
    functions = sorted(stats.items(), key=lambda item: item[1][2], reverse=True)[:functions_shown]
    return {
        "calls": calls,
        "total_s": total,
        "per_call_s": total / calls,
        "phases": rows,
        "functions": [
            {
                "function": f"{_short(filename)}:{line} {name}",
                "self_share": tt / total,
                "cumulative_share": ct / total,
                "calls_per_view": nc / calls,
            }
            for (filename, line, name), (_cc, nc, tt, ct, _callers) in functions
        ],
    }


def _short(filename: str) -> str:
    for root in ("site-packages/", "/work/main/", "python3.11/"):
        if root in filename:
            return filename.split(root, 1)[1]
    return filename


def page(username: str, url: str) -> dict[str, Any]:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    plain = []
    for _ in range(5):
        start = time.perf_counter()
        assert client.get(url).status_code == 200
        plain.append(time.perf_counter() - start)
    budget = 0.5 if QUICK else 2.0
    profile = cProfile.Profile()
    calls = 0
    start = time.perf_counter()
    while calls < 200 and (calls < 3 or time.perf_counter() - start < budget):
        profile.enable()
        client.get(url)
        profile.disable()
        calls += 1
    return summarise(profile, calls, PAGE_PHASES) | {
        "url": url,
        "account": username,
        "unprofiled_s": statistics.median(plain),
    }


def pdf_render(pk: int) -> dict[str, Any]:
    """One render in-process (no fork, so the profiler sees WeasyPrint), after the toolkit is warm."""
    assessment = Assessment.objects.select_related("organisation", "created_by").get(pk=pk)
    start = time.perf_counter()
    context = pdf.report_context(assessment)
    html = pdf.render_report_html(context)
    html_s = time.perf_counter() - start
    pdf._toolkit()
    pdf._write_pdf(html, "a4")
    profile = cProfile.Profile()
    calls = 1 if QUICK else 3
    for _ in range(calls):
        profile.enable()
        pdf._write_pdf(html, "a4")
        profile.disable()
    start = time.perf_counter()
    pdf._write_pdf(html, "a4")
    unprofiled = time.perf_counter() - start
    return summarise(profile, calls, PDF_PHASES) | {
        "context_and_html_s": html_s,
        "html_bytes": len(html),
        "unprofiled_s": unprofiled,
    }
