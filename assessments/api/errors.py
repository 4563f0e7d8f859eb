"""Every error the API returns has one shape: {"errors": [{"field": ..., "message": ...}, ...]}.

`field` names the part of the request a problem is about (the document's own keys, as `assess` names them),
or is null for the request as a whole (not found, not allowed, too many requests).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.exceptions import APIException
from rest_framework.response import Response
from rest_framework.views import exception_handler

from assessments import languages
from assessments.engine import ValidationFailed


def body(errors: Sequence[tuple[str | None, str]]) -> dict[str, Any]:
    return {"errors": [{"field": field, "message": str(message)} for field, message in errors]}


def validation_response(exc: ValidationFailed) -> Response:
    """One error object per engine problem, worded as `assess` words it (in the request's language)."""
    return Response(body([(e.field, languages.error_text(e)) for e in exc.errors]), status=400)


def handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    # REST framework would pass on Http404's own words ("No Organisation matches..."); one wording for
    # every refusal tells a caller nothing about what exists. Likewise for 403.
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None or not isinstance(exc, APIException):
        return response
    detail = exc.detail
    pairs: list[tuple[str | None, str]]
    if isinstance(detail, dict):
        pairs = [(str(k), str(v[0] if isinstance(v, list) else v)) for k, v in detail.items()]
    elif isinstance(detail, list):
        pairs = [(None, str(item)) for item in detail]
    else:
        pairs = [(None, str(detail))]
    response.data = body(pairs)
    return response


def too_many(message: str, retry_after: str) -> Response:
    response = Response(body([(None, message)]), status=status.HTTP_429_TOO_MANY_REQUESTS)
    response["Retry-After"] = retry_after
    return response
