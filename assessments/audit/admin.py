"""The whole trail for staff, read-only: also the chains of organisations that were deleted."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from assessments.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = [
        "chain",
        "seq",
        "created_at",
        "actor_name",
        "action",
        "object_type",
        "object_id",
        "object_label",
    ]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_name", "object_label", "=chain"]
    ordering = ["-created_at", "-pk"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
