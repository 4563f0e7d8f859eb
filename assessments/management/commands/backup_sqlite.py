"""Back up the configured SQLite database while the app runs (online backup API + integrity check)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from assessments.operations.backup import BackupFailed, backup_sqlite


class Command(BaseCommand):
    help = "Copy the SQLite database to OUTPUT with SQLite's online backup API, then check the copy."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("output", help="the backup file to write, e.g. backup-2026-01-31.sqlite3")

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "sqlite":
            raise CommandError(
                f"backup_sqlite backs up SQLite only; this database is {connection.vendor}: "
                "use pg_dump -Fc (see Backups in README.md)"
            )
        source = connection.settings_dict["NAME"]
        try:
            backup = backup_sqlite(source=source, destination=options["output"])
        except BackupFailed as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Backed up {source} to {backup.path} ({backup.size:,} bytes); integrity_check: ok")
