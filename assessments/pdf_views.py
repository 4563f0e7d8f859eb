"""The PDF report download; rendering and caching live in assessments.pdf."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from assessments import pdf
from assessments.access import get_assessment_for_user
from assessments.models import Assessment


def pdf_response(request: HttpRequest, assessment: Assessment, *, public: bool = False) -> HttpResponse:
    try:
        data = pdf.report_pdf(assessment, size=pdf.page_size(request.GET.get("size")), public=public)
    except pdf.RenderTimeout:
        response = render(
            request, "assessments/report/render_failed.html", {"assessment": assessment}, status=503
        )
        response["Retry-After"] = "60"
        return response
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf.report_filename(assessment)}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def assessment_report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request, pk)
    if not assessment.is_complete:
        raise Http404("Only a completed assessment has a report")
    return pdf_response(request, assessment)
