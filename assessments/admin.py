from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from assessments.models import Assessment, MailDelivery, Organisation, ReportCache
from assessments.queue import queue_stats


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "created_by", "sector", "headcount", "updated_at"]
    search_fields = ["name", "created_by__username"]
    list_select_related = ["created_by"]


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = [
        "organisation",
        "status",
        "recommendation",
        "score",
        "methodology_version",
        "completed_at",
    ]
    list_filter = ["status", "recommendation", "methodology_version"]
    list_select_related = ["organisation"]
    readonly_fields = ["result", "answers", "pending"]


@admin.register(ReportCache)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["assessment", "size", "public", "status", "attempts", "error", "updated_at"]
    list_filter = ["status", "size", "public"]
    list_select_related = ["assessment__organisation"]
    exclude = ["pdf"]
    readonly_fields = ["assessment", "key", "size", "public", "status", "attempts", "error"]


@admin.register(MailDelivery)
class MailDeliveryAdmin(admin.ModelAdmin):
    list_display = ["kind", "to", "organisation", "status", "attempts", "error", "created_at"]
    list_filter = ["status", "kind"]
    list_select_related = ["organisation"]
    exclude = ["body"]  # may hold a one-time link while queued
    readonly_fields = ["kind", "to", "subject", "organisation", "sent_by", "status", "attempts", "error"]


# django-tasks-db's own admin, with the queue's counts above the list.
admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskResultAdmin(DBTaskResultAdmin):
    change_list_template = "admin/django_tasks_database/dbtaskresult/change_list.html"

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        return super().changelist_view(request, {**(extra_context or {}), "queue": queue_stats()})
