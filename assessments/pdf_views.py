"""The PDF report download: serves the stored file, or a page that waits while the worker prepares it.

`?lang=fr` (or en, de) asks for the report in that language whatever the page's; without it, the page's.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from assessments import languages, pdf, reports
from assessments.access import get_assessment_for_user
from assessments.models import Assessment
from caio import limits

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


def retry_limited(request: HttpRequest) -> HttpResponse | None:
    """Each render a person asks for costs about a second of a worker: a bounded number per minute (per
    address through a share link)."""
    if limits.exceeded(request, "pdf", "user" if request.user.is_authenticated else limits.client_ip):
        return limits.too_many(
            request,
            gettext("You have asked for many reports in a short time. Wait a minute, then try again."),
            limit="pdf",
        )
    return None


def _completed_for_user(request: HttpRequest, pk: int) -> Assessment:
    assessment = get_assessment_for_user(request, pk)
    if not assessment.is_complete:
        raise Http404("Only a completed assessment has a report")
    return assessment


@login_required
@require_GET
def assessment_report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _completed_for_user(request, pk)
    retry_url = reverse("assessments:report-retry", args=[pk])
    return pdf_response(request, assessment, retry_url=retry_url, back_url=assessment.get_absolute_url())


@login_required
@require_GET
def assessment_report_status(request: HttpRequest, pk: int) -> HttpResponse:
    return status_response(request, _completed_for_user(request, pk))


@login_required
@require_POST
def assessment_report_retry(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _completed_for_user(request, pk)
    if too_many := retry_limited(request):
        return too_many
    size, asked = pdf.page_size(request.POST.get("size")), languages.supported(request.POST.get("lang"))
    reports.request_report(assessment=assessment, size=size, language=report_language(asked), retry=True)
    return redirect(f"{reverse('assessments:report-pdf', args=[pk])}?size={size}{language_query(asked)}")
