"""Delete audit entries (and history rows) older than AUDIT_KEEP_DAYS; `maintain_tasks` does it too."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from assessments.audit.chain import prune


class Command(BaseCommand):
    help = "Delete audit trail entries older than AUDIT_KEEP_DAYS from the start of each chain."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--keep-days", type=int, default=settings.AUDIT_KEEP_DAYS)

    def handle(self, *args: Any, keep_days: int, **options: Any) -> None:
        removed = prune(days=keep_days)
        self.stdout.write(
            f"Pruned {removed} audit entr{'y' if removed == 1 else 'ies'} older than {keep_days} days."
        )
