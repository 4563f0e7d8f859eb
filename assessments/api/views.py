"""The API's views: thin, like the pages'. Access through assessments.access, writes through the services."""

from __future__ import annotations

import hashlib
from typing import Any

from django.http import HttpResponse
from django.urls import reverse
from django.utils.http import parse_etags
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from assessments import languages, services
from assessments.access import (
    get_assessment_for_user,
    get_charter_for_user,
    get_organisation_for_user,
    organisations_for,
)
from assessments.api import errors, method_data
from assessments.api.serializers import (
    AssessmentSerializer,
    AssessmentSummarySerializer,
    CharterSerializer,
    CharterSummarySerializer,
    DocumentSerializer,
    ErrorsSerializer,
    OrganisationSerializer,
    ReportSerializer,
)
from assessments.engine import N_, ValidationFailed
from assessments.engine.i18n import count
from assessments.engine.validation import MAX_DOCUMENT_BYTES, error
from assessments.models import Assessment, ReportCache, Role
from assessments.report import pdf
from assessments.report import services as reports
from assessments.security import limits

ERRORS = OpenApiResponse(ErrorsSerializer, description="Every problem, one object each.")
SIZE = OpenApiParameter(
    "size", str, enum=["a4", "letter"], description="Paper size (default: the organisation's)."
)
LANG = OpenApiParameter(
    "lang", str, enum=["en", "fr", "de"], description="Report language (default: the request's)."
)


class Pages(PageNumberPagination):
    page_size = 20


def _page(request: Request, rows: Any, serializer: type[Any]) -> Response:
    paginator = Pages()
    page = paginator.paginate_queryset(rows, request)
    return paginator.get_paginated_response(serializer(page, many=True, context={"request": request}).data)


@extend_schema(responses=OrganisationSerializer(many=True), tags=["organisations"])
@never_cache
@api_view(["GET"])
def organisation_list(request: Request) -> Response:
    return _page(request, organisations_for(request).order_by("name", "pk"), OrganisationSerializer)


@extend_schema(responses={200: OrganisationSerializer, 404: ERRORS}, tags=["organisations"])
@never_cache
@api_view(["GET"])
def organisation_detail(request: Request, pk: int) -> Response:
    organisation = get_organisation_for_user(request, pk)
    return Response(OrganisationSerializer(organisation, context={"request": request}).data)


@extend_schema(
    methods=["GET"], responses=AssessmentSummarySerializer(many=True), tags=["assessments"],
    description="The organisation's assessments, newest first (drafts too).",
)  # fmt: skip
@extend_schema(
    methods=["POST"],
    request=DocumentSerializer,
    responses={201: AssessmentSerializer, 400: ERRORS, 403: ERRORS, 404: ERRORS, 429: ERRORS},
    tags=["assessments"],
    description="Score a caio-assessment document's answers as a new completed assessment of the organisation "
    "(editors and owners, with a read/write token). Validated as `manage.py assess` validates it.",
)
@never_cache
@api_view(["GET", "POST"])
def assessment_list(request: Request, pk: int) -> Response:
    if request.method == "POST":
        return _create(request, pk)
    organisation = get_organisation_for_user(request, pk)
    rows = organisation.assessments.defer("answers", "pending", "result", "settled").order_by(
        "-created_at", "-pk"
    )
    return _page(request, rows, AssessmentSummarySerializer)


# The engine's words for a document over its size limit (engine.validation.load_json says the same).
TOO_LARGE = N_("is too large ({size} bytes); the most allowed is {maximum}")


def _work_paused(request: Request, organisation_id: int) -> Response | None:
    """The limits on work that queues a render (limits.work_exceeded), as the pages apply them."""
    if limited := limits.work_exceeded(request, organisation_id=organisation_id):
        return errors.too_many(str(limits.WORK_PAUSED), limits.retry_after(limited))
    return None


def _create(request: Request, pk: int) -> Response:
    organisation = get_organisation_for_user(request, pk, Role.EDITOR)
    if paused := _work_paused(request, organisation.pk):
        return paused
    size = int(request.META.get("CONTENT_LENGTH") or 0)
    if size > MAX_DOCUMENT_BYTES:  # refused as `assess` refuses it, before the body is read into memory
        too_large = error("document", TOO_LARGE, size=count(size), maximum=count(MAX_DOCUMENT_BYTES))
        return errors.validation_response(ValidationFailed([too_large]))
    try:
        document = services.load_document(request.body)
    except ValidationFailed as exc:
        return errors.validation_response(exc)
    assessment = services.add_assessment(organisation=organisation, user=request.user, document=document)
    data = AssessmentSerializer(assessment, context={"request": request}).data
    return Response(data, status=201, headers={"Location": data["url"]})


@extend_schema(
    responses={200: AssessmentSerializer, 304: None, 403: ERRORS, 404: ERRORS},
    parameters=[OpenApiParameter("If-None-Match", str, OpenApiParameter.HEADER)],
    tags=["assessments"],
    description="The assessment with its stored result snapshot. Send the `ETag` back in `If-None-Match`: "
    "304 while it is unchanged. A draft is for editors and owners.",
)
@never_cache
@api_view(["GET"])
def assessment_detail(request: Request, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request, pk)
    content = JSONRenderer().render(AssessmentSerializer(assessment, context={"request": request}).data)
    etag = f'"{hashlib.sha256(content).hexdigest()[:32]}"'
    asked = [tag.removeprefix("W/") for tag in parse_etags(request.headers.get("If-None-Match", ""))]
    response = HttpResponse(status=304) if etag in asked or "*" in asked else HttpResponse(content)
    response["Content-Type"] = "application/json"
    response["ETag"] = etag
    return response


@extend_schema(
    request=None, responses={201: AssessmentSerializer, 403: ERRORS, 404: ERRORS, 429: ERRORS}, tags=["assessments"],
    description="Score the same answers under the current method as a new assessment; the old result stays.",
)  # fmt: skip
@never_cache
@api_view(["POST"])
def assessment_rescore(request: Request, pk: int) -> Response:
    assessment = get_assessment_for_user(request, pk, Role.EDITOR)
    if not assessment.is_complete:
        return Response(errors.body([(None, gettext("Only a completed assessment can be re-scored."))]), 409)
    if paused := _work_paused(request, assessment.organisation_id):
        return paused
    fresh = services.rescore_assessment(assessment=assessment, user=request.user)
    data = AssessmentSerializer(fresh, context={"request": request}).data
    return Response(data, status=201, headers={"Location": data["url"]})


def _completed(request: Request, pk: int) -> Assessment:
    assessment = get_assessment_for_user(request, pk)
    if not assessment.is_complete:
        raise NotFound(gettext("Only a completed assessment has a report."))
    return assessment


def _variant(request: Request, assessment: Assessment) -> tuple[str, str]:
    size = pdf.page_size(request.GET.get("size") or assessment.organisation.paper_size)
    return size, languages.supported(request.GET.get("lang")) or languages.active()


def _report_body(request: Request, assessment: Assessment, report: ReportCache) -> dict[str, Any]:
    reason = None
    if report.is_failed:
        reason = "too_long" if report.error.startswith(pdf.TOO_LONG) else "error"
    download = reverse("api:report-pdf", args=[assessment.pk]) + f"?size={report.size}&lang={report.language}"
    return {
        "assessment": assessment.pk,
        "size": report.size,
        "language": report.language,
        "status": report.status,
        "reason": reason,
        "download": request.build_absolute_uri(download),
    }


@extend_schema(
    methods=["GET"], parameters=[SIZE, LANG], responses={200: ReportSerializer, 404: ERRORS}, tags=["reports"],
    description="The PDF report's state; asks the worker for it if it is not stored or on its way.",
)  # fmt: skip
@extend_schema(
    methods=["POST"], request=None, parameters=[SIZE, LANG], responses={202: ReportSerializer, 429: ERRORS},
    tags=["reports"], description="Ask for the report again (after a failed render), as the page's “Try again” does.",
)  # fmt: skip
@never_cache
@api_view(["GET", "POST"])
def report(request: Request, pk: int) -> Response:
    assessment = _completed(request, pk)
    size, language = _variant(request, assessment)
    if request.method == "GET":
        row = reports.report_for_download(assessment=assessment, size=size, language=language)
        return Response(_report_body(request, assessment, row))
    if limits.exceeded_in_any_burst(request, "pdf", limits.person):
        message = gettext("You have asked for many reports in a short time. Wait a minute, then try again.")
        return errors.too_many(message, limits.retry_after("pdf"))
    if limits.exceeded_in_any_burst(
        request, "work_organisation", limits.fixed(f"org:{assessment.organisation_id}")
    ):
        return errors.too_many(str(limits.WORK_PAUSED), limits.retry_after("work_organisation"))
    row = reports.request_report(assessment=assessment, size=size, language=language, retry=True)
    return Response(_report_body(request, assessment, row), status=202)


@extend_schema(
    parameters=[SIZE, LANG],
    responses={
        (200, "application/pdf"): OpenApiTypes.BINARY,
        202: OpenApiResponse(
            ReportSerializer, description="Still being prepared: ask again after Retry-After."
        ),
        422: OpenApiResponse(ReportSerializer, description="Refused: the report would be too long."),
        503: OpenApiResponse(ReportSerializer, description="The render failed; POST to the report to retry."),
        404: ERRORS,
    },
    tags=["reports"],
)
@never_cache
@api_view(["GET"])
def report_pdf(request: Request, pk: int) -> HttpResponse:
    assessment = _completed(request, pk)
    size, language = _variant(request, assessment)
    row = reports.report_for_download(assessment=assessment, size=size, language=language)
    if row.is_ready:
        response = HttpResponse(bytes(row.pdf or b""), content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="{pdf.report_filename(assessment, language=language)}"'
        )
        response["Content-Language"] = language
        return response
    body = _report_body(request, assessment, row)
    if row.is_failed:
        return Response(body, status=422 if body["reason"] == "too_long" else 503)
    return Response(body, status=202, headers={"Retry-After": "2"})


@extend_schema(responses=CharterSummarySerializer(many=True), tags=["charters"])
@never_cache
@api_view(["GET"])
def charter_list(request: Request, pk: int) -> Response:
    organisation = get_organisation_for_user(request, pk)
    return _page(request, organisation.charters.order_by("-number"), CharterSummarySerializer)


@extend_schema(responses={200: CharterSerializer, 404: ERRORS}, tags=["charters"])
@never_cache
@api_view(["GET"])
def charter_detail(request: Request, pk: int) -> Response:
    charter = get_charter_for_user(request, pk)
    return Response(CharterSerializer(charter, context={"request": request}).data)


@extend_schema(
    responses={200: OpenApiTypes.OBJECT}, tags=["method"], auth=[],
    description="The method's questions (keys, kinds, bounds, choices), its nine tests with their thresholds, "
    "the size bands and its rules, labels in the request's language. Public, like the methodology page.",
)  # fmt: skip
@api_view(["GET"])
@permission_classes([AllowAny])
def method(request: Request) -> Response:
    return Response(method_data.describe())
