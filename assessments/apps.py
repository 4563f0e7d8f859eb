from __future__ import annotations

from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = "Assessments"

    def import_models(self) -> None:
        super().import_models()
        # The API's and the webhooks' models live beside their code, under this app's label: importing them here
        # registers them (assessments.models imports no feature package).
        from assessments.api import models as api_models  # noqa: F401
        from assessments.webhooks import models as webhook_models  # noqa: F401

    def ready(self) -> None:
        from assessments import languages  # noqa: F401  (the language at log-in)
        from assessments.account import auth_events  # noqa: F401  (auth log)

        self.connect_hooks()

    @staticmethod
    def connect_hooks() -> None:
        """The features' reactions to writes made by code that does not import them (assessments/hooks.py)."""
        from assessments import hooks
        from assessments.report import services as reports
        from assessments.webhooks import service as webhooks

        hooks.SCORED[:] = [reports.after_scoring, webhooks.after_scoring]
        hooks.ORGANISATION_CHANGED[:] = [reports.refresh_organisation_reports]
