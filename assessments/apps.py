from __future__ import annotations

from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = "Assessments"

    def ready(self) -> None:
        from assessments import languages  # noqa: F401  (the language at log-in)
        from assessments.account import auth_events  # noqa: F401  (auth log)
