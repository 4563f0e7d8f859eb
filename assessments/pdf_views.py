"""The PDF report download; rendering and caching live in assessments.pdf."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from assessments import pdf
from assessments.access import get_assessment_for_user
from assessments.models import Assessment
from caio import limits


def pdf_response(request: HttpRequest, assessment: Assessment, *, public: bool = False) -> HttpResponse:
    # Each render costs about a second of a worker: a person (or, through a share link, an address) gets a
    # bounded number per minute.
    if limits.exceeded(request, "pdf", "user" if request.user.is_authenticated else limits.client_ip):
        return limits.too_many(
            request, "You have downloaded many reports in a short time. Wait a minute, then try again."
        )
    try:
        data = pdf.report_pdf(assessment, size=pdf.page_size(request.GET.get("size")), public=public)
    except pdf.ReportTooLong:
        context = {"assessment": assessment, "max_pages": settings.REPORT_MAX_PAGES}
        return render(request, "assessments/report_too_long.html", context, status=422)
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
