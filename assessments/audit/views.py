"""An organisation's audit trail, for its owners: a page, and the whole trail as CSV or JSON."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from assessments.access import get_organisation_for_user
from assessments.audit import export
from assessments.audit.models import AuditEntry
from assessments.models import Role


def _entries(organisation_pk: int) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(chain=organisation_pk)


@login_required
def trail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, pk, Role.OWNER)
    page = Paginator(_entries(organisation.pk).order_by("-seq"), settings.AUDIT_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [export.row(entry) for entry in page.object_list]
    context = {
        "organisation": organisation,
        "page": page,
        "rows": rows,
        "keep_days": settings.AUDIT_KEEP_DAYS,
    }
    return render(request, "audit/trail.html", context)


@login_required
def trail_csv(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, pk, Role.OWNER)
    return export.csv_response(organisation, _entries(organisation.pk).order_by("seq").iterator(2000))


@login_required
def trail_json(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, pk, Role.OWNER)
    return export.json_response(organisation, _entries(organisation.pk).order_by("seq").iterator(2000))
