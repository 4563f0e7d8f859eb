"""Read-only pages for people without an account, opened through an unguessable, expiring link."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from assessments import languages
from assessments.charter import presenters as charter_presenters
from assessments.charter import services as charters
from assessments.models import PaperSize
from assessments.presenters.results import results_parts
from assessments.report import pdf
from assessments.report import services as reports
from assessments.report.download import (
    language_query,
    pdf_response,
    report_language,
    retry_limited,
    status_response,
)
from assessments.team import services as teams


def _gone(request: HttpRequest) -> HttpResponse:
    return _private(render(request, "assessments/shared_gone.html", status=404))


def _read_in(request: HttpRequest) -> None:
    """A shared page is read by people without an account, often once: it takes its language from the link's
    ?lang= (the page's own switcher is plain links, so it sets no cookie and carries no form), else the
    browser's preference."""
    language = languages.supported(request.GET.get("lang"))
    if language:
        translation.activate(language)
        request.LANGUAGE_CODE = language


def _private(response: HttpResponse) -> HttpResponse:
    # The link is the key: never leak it in a Referer, and keep the page out of search engines.
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@require_GET
def shared_results(request: HttpRequest, token: str) -> HttpResponse:
    _read_in(request)
    link = teams.open_share(token)  # None when unknown, revoked or expired
    if link is None:
        return _gone(request)
    assessment = link.assessment
    charter = charters.agreed_charter(assessment.organisation)
    context = {
        "shared_charter": charter,
        "shared_matrix": charter and charter_presenters.matrix_view(charter.content, charter.advice),
        "assessment": assessment,
        "organisation": assessment.organisation,
        "result": assessment.result,
        "results": results_parts(
            assessment,
            anonymous=True,
            adjust=lambda result: (
                result
                if charter is None
                else charter_presenters.obligations_with_charter_roles(result, charter)
            ),
        ),
        "paper_sizes": PaperSize.choices,
        "token": token,
        "link": link,
    }
    return _private(render(request, "assessments/shared_results.html", context))


@require_GET
def shared_pdf(request: HttpRequest, token: str) -> HttpResponse:
    link = teams.open_share(token)  # None when unknown, revoked or expired
    if link is None:
        return _gone(request)
    retry_url = reverse("shared-report-retry", args=[token])
    back_url = reverse("shared-results", args=[token])
    return _private(
        pdf_response(request, link.assessment, retry_url=retry_url, back_url=back_url, public=True)
    )


@require_POST
def shared_report_retry(request: HttpRequest, token: str) -> HttpResponse:
    link = teams.open_share(token)
    if link is None:
        return _gone(request)
    if too_many := retry_limited(request, link.assessment):
        return too_many
    size, asked = pdf.page_size(request.POST.get("size")), languages.supported(request.POST.get("lang"))
    reports.request_report(
        assessment=link.assessment, size=size, public=True, language=report_language(asked), retry=True
    )
    return _private(redirect(f"{reverse('shared-pdf', args=[token])}?size={size}{language_query(asked)}"))


@never_cache
@require_GET
def shared_report_status(request: HttpRequest, token: str) -> HttpResponse:
    _read_in(request)
    link = teams.open_share(token, record_visit=False)  # the page's script asking, not a visit
    if link is None:
        return _gone(request)
    return _private(status_response(request, link.assessment, token=token))
