from __future__ import annotations

from django.apps import AppConfig


class CaioConfig(AppConfig):
    """The project package as an app only so that its deployment checks and login receiver are registered."""

    name = "caio"
    verbose_name = "CAIO Advisor settings"

    def ready(self) -> None:
        from caio import checks, middleware  # noqa: F401  (deployment checks; the session's clocks)
