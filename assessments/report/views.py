"""The PDF report download: serves the stored file, or a page that waits while the worker prepares it.

`?lang=fr` (or en, de) asks for the report in that language whatever the page's; without it, the page's.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from assessments import languages
from assessments.access import get_assessment_for_user
from assessments.models import Assessment
from assessments.report import pdf
from assessments.report import services as reports
from assessments.report.download import (
    language_query,
    pdf_response,
    report_language,
    retry_limited,
    status_response,
)


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
    if too_many := retry_limited(request, assessment):
        return too_many
    size, asked = pdf.page_size(request.POST.get("size")), languages.supported(request.POST.get("lang"))
    reports.request_report(assessment=assessment, size=size, language=report_language(asked), retry=True)
    return redirect(f"{reverse('assessments:report-pdf', args=[pk])}?size={size}{language_query(asked)}")
