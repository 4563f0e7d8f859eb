#!/usr/bin/env python
from __future__ import annotations

import os
import sys

# Options Django's own command runner understands; with any of them, `assess` goes through Django.
DJANGO_OPTIONS = (
    "--settings",
    "--pythonpath",
    "--traceback",
    "--verbosity",
    "-v",
    "--no-color",
    "--force-color",
)


def main() -> None:
    if sys.argv[1:2] == ["assess"] and not any(a.split("=")[0] in DJANGO_OPTIONS for a in sys.argv[2:]):
        # Scoring is pure Python: no settings, no secret key, no apps to load (see assessments/engine/cli.py).
        from assessments.engine.cli import main as assess

        sys.exit(assess(sys.argv[2:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "caio.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as exc:
        # A configuration mistake is the operator's to fix: say it in one line, no traceback.
        sys.stderr.write(f"Configuration error: {exc}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
