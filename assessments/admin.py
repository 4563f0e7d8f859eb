from __future__ import annotations

from django.contrib import admin

from assessments.models import Assessment, Organisation


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
