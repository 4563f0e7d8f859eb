from __future__ import annotations

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "assessments.audit"
    label = "audit"
    verbose_name = "Audit trail"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from assessments.audit import trail  # noqa: F401  (the receivers that write the trail)
