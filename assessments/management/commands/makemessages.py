"""Django's makemessages, set up for this project: `manage.py makemessages -l fr -l de` is all it takes.

- The engine and charter_rules mark texts without Django: N_("..."), NP_("one", "other") for a
  singular/plural pair, Q_("...") for a sentence quoted from the article (shown in English, its
  translation beneath); xgettext learns those keywords here.
- Locations are file names only, so a line moving does not change the catalogues; obsolete entries go.
- What is not the app (the virtualenv, tests, benchmarks, scripts, docs, static files) is not read.
"""

from __future__ import annotations

from typing import Any

from django.core.management.commands import makemessages

KEYWORDS = [
    "--keyword=N_",
    "--keyword=NP_:1,2",
    '--keyword=Q_:1,"A sentence quoted from the article: it is shown in English, with this translation '
    'beneath it, marked as a translation."',
]
IGNORED = [
    ".venv/*", "venv/*", "var/*", "tests/*", "bench/*", "load/*", "scripts/*", "docs/*", "static/*",
    "locale/*", "htmlcov/*", "*.egg-info/*", "node_modules/*", "mutants/*",  # mutants/: make mutants' copies
]  # fmt: skip


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, *KEYWORDS]

    def handle(self, *args: Any, **options: Any) -> None:
        options["ignore_patterns"] = [*options.get("ignore_patterns", []), *IGNORED]
        options["add_location"] = options.get("add_location") or "file"
        options["no_obsolete"] = True
        super().handle(*args, **options)
