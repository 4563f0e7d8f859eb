from __future__ import annotations

from django.contrib import admin

from assessments.models import Assessment, Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "sector", "headcount", "updated_at"]
    search_fields = ["name", "owner__username"]
    list_select_related = ["owner"]


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
