from __future__ import annotations

from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = "Assessments"

    def ready(self) -> None:
        from assessments import auth_events, languages  # noqa: F401  (auth log; the language at log-in)
        from caio import middleware  # noqa: F401  (the idle-session clock)
