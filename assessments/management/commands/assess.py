"""`manage.py assess`: the engine's command line (assessments/engine/cli.py) as a management command.

`manage.py assess ...` runs the engine's `main()` before Django starts; this command is the same thing for
`call_command("assess", ...)` and `manage.py help assess`.
"""

from __future__ import annotations

import io
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from assessments.engine import cli


class Command(BaseCommand):
    help = cli.HELP
    # The engine needs no database or URL checks.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        cli.add_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        sink = io.BytesIO()
        try:
            cli.run(
                options["path"],
                options["format"],
                options["jsonl"],
                options["methodology"],
                sys.stdin.buffer,
                sink,
                options["lang"],
            )
        except cli.CliError as exc:
            raise CommandError(str(exc)) from None
        finally:
            self.stdout.write(sink.getvalue().decode(), ending="")
