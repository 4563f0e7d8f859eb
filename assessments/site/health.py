"""`/healthz` for load balancers and monitors: "ok" when the database answers; `?detail=1` adds the task
queue's counts for staff."""

from __future__ import annotations

import logging

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from assessments.queue import queue_stats

logger = logging.getLogger(__name__)


@require_GET
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("health check: database did not answer")
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    if request.GET.get("detail"):
        return _health_detail(request)
    return HttpResponse("ok", content_type="text/plain")


def _health_detail(request: HttpRequest) -> HttpResponse:
    if not request.user.is_staff:
        return HttpResponse(gettext("Only staff can see the details."), status=403, content_type="text/plain")
    return JsonResponse({"database": "ok", "tasks": queue_stats()})
