from __future__ import annotations

from django.apps import AppConfig


class CaioConfig(AppConfig):
    """The project package as an app only so that its login receiver (the session clocks) is registered."""

    name = "caio"
    verbose_name = "CAIO Advisor settings"

    def ready(self) -> None:
        from caio import middleware  # noqa: F401  (the idle-session clock and the session's lifetime)
