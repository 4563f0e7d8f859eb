from __future__ import annotations

from django.apps import AppConfig


class SsoConfig(AppConfig):
    name = "assessments.sso"
    label = "sso"
    verbose_name = "Single sign-on"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from assessments.sso import signals  # noqa: F401  (sign-in method for the trail; domain rules)
