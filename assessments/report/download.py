"""The report's download answer, shared by the signed-in page (report/views.py) and the share link's
(team/shared_views.py): the stored PDF, or a page that waits while the worker prepares it, or says why not."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext

from assessments import languages
from assessments.models import Assessment
from assessments.report import pdf
from assessments.report import services as reports
from assessments.security import limits

PREPARING_REFRESH_SECONDS = 2


def pdf_response(
    request: HttpRequest, assessment: Assessment, *, retry_url: str, back_url: str, public: bool = False
) -> HttpResponse:
    size = pdf.page_size(request.GET.get("size") or assessment.organisation.paper_size)
    language = report_language(request.GET.get("lang"))
    report = reports.report_for_download(assessment=assessment, size=size, public=public, language=language)
    if report.is_ready:
        response = HttpResponse(bytes(report.pdf or b""), content_type="application/pdf")
        filename = pdf.report_filename(assessment, language=language)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Content-Language"] = language
    else:
        context: dict[str, Any] = {
            "size": size,
            "language": language,
            "again_url": "?" + urlencode({"size": size, "lang": language}),
            "retry_url": retry_url,
            "back_url": back_url,
        }
        if report.is_failed and report.error.startswith(pdf.TOO_LONG):
            context |= {"assessment": assessment, "max_pages": settings.REPORT_MAX_PAGES}
            response = render(request, "assessments/report_too_long.html", context, status=422)
        elif report.is_failed:
            response = render(request, "assessments/report/render_failed.html", context, status=503)
        else:
            context["refresh"] = PREPARING_REFRESH_SECONDS
            response = render(request, "assessments/report/preparing.html", context, status=202)
            response["Retry-After"] = str(PREPARING_REFRESH_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def status_response(request: HttpRequest, assessment: Assessment, *, token: str = "") -> JsonResponse:
    """The report's state for the results page's script (static/js/report-status.js): the organisation's paper
    size in the page's language, with the words the page shows for it."""
    state = reports.report_states(assessment, public=bool(token)).get(assessment.organisation.paper_size, "")
    context = {"state": state, "assessment": assessment, "token": token}
    html = render_to_string("assessments/partials/_report_state.html", context, request=request)
    response = JsonResponse({"state": state, "html": html.strip()})
    response["Cache-Control"] = "no-store"
    return response


def report_language(asked: str | None) -> str:
    """The report's language: the one asked for (?lang=) when it is one of ours, else the page's."""
    return languages.supported(asked) or languages.active()


def language_query(language: str | None) -> str:
    """ "&lang=fr" for a report asked for in a language, "" for the page's own."""
    return f"&lang={language}" if language else ""


def retry_limited(request: HttpRequest, assessment: Assessment) -> HttpResponse | None:
    """Each render a person asks for costs about a second of a worker: a bounded number per minute (per
    address through a share link), and per organisation (limits.work_exceeded)."""
    if limits.exceeded_in_any_burst(
        request, "pdf", limits.person if request.user.is_authenticated else limits.client_ip
    ):
        return limits.too_many(
            request,
            gettext("You have asked for many reports in a short time. Wait a minute, then try again."),
            limit="pdf",
        )
    key = limits.fixed(f"org:{assessment.organisation_id}")
    if limits.exceeded_in_any_burst(request, "work_organisation", key):
        return limits.too_many(request, limits.WORK_PAUSED, limit="work_organisation")
    return None
