"""The catalogues are complete: part of `make test` (docs/languages.md).

    python scripts/check_translations.py            # check (exit 1 with the reasons when incomplete)
    python scripts/check_translations.py --compile  # only (re)build the .mo files that are out of date

It fails when
- a locale/<lang>/LC_MESSAGES/django.po has an untranslated or fuzzy entry (the header included),
- `msgfmt --check-format --check-header` finds a translation whose placeholders differ from the English,
- `manage.py makemessages` would add a text the catalogues lack: it is run on a copy of the app in a
  temporary folder, and the message ids it collects are compared with the committed ones,
- a translation says a glossary term in other words than docs/glossary.md's (its "Checked in every
  catalogue" table: one word per concept in each language).
The compiled .mo files are not committed: `make run` / `make test` (and the test run) build them from the .po.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "locale"
GLOSSARY = ROOT / "docs" / "glossary.md"
CHECKED = "## Checked in every catalogue"
# The glossary's column headings for each catalogue's language.
COLUMNS = {"English": "en", "Français": "fr", "Deutsch": "de"}
# Placeholders are not words of the text: "{rater}" does not mention a rater.
_PLACEHOLDER = re.compile(r"\{\w*\}|%\(\w+\)[sd]")
# What makemessages reads: the app's code and templates (its own ignore list skips the rest).
APP = ("assessments", "caio", "templates", "manage.py")
Key = tuple[str | None, str | tuple[str, ...]]


def catalogues(locale_dir: Path | None = None) -> list[Path]:
    return sorted((locale_dir or LOCALE).glob("*/LC_MESSAGES/django.po"))


def _read(path: Path) -> object:
    with path.open("rb") as handle:
        return read_po(handle, abort_invalid=True)


def gaps(path: Path) -> list[str]:
    """Entries of one catalogue that are untranslated or fuzzy, in words."""
    catalog = _read(path)
    found = ["the header is marked fuzzy"] if catalog.fuzzy else []  # type: ignore[attr-defined]
    for message in catalog:  # type: ignore[attr-defined]
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        english = message.id[0] if isinstance(message.id, tuple) else message.id
        if message.fuzzy:
            found.append(f"fuzzy: {english!r}")
        elif not all(strings):
            found.append(f"untranslated: {english!r}")
    return found


def message_ids(path: Path) -> set[Key]:
    return {(m.context, m.id if isinstance(m.id, str) else tuple(m.id)) for m in _read(path) if m.id}  # type: ignore[attr-defined]


def format_problems(path: Path) -> list[str]:
    done = subprocess.run(
        ["msgfmt", "--check-format", "--check-header", "-o", os.devnull, str(path)],
        capture_output=True,
        text=True,
    )
    return [line for line in done.stderr.splitlines() if line.strip()] if done.returncode else []


def collected_ids() -> dict[str, set[Key]]:
    """{language: message ids} as `makemessages` would collect them now, from a copy of the app."""
    with tempfile.TemporaryDirectory(prefix="caio-messages-") as tmp:
        copy = Path(tmp)
        for name in APP:
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
            else:
                shutil.copy2(source, copy / name)
        shutil.copytree(LOCALE, copy / "locale", ignore=shutil.ignore_patterns("*.mo"))
        languages = [path.parts[-3] for path in catalogues()]
        env = {**os.environ, "DEBUG": "1", "CAIO_ENV_FILE": "", "DATABASE_URL": ""}
        args = [sys.executable, "manage.py", "makemessages", "--verbosity=0"]
        subprocess.run([*args, *(f"--locale={code}" for code in languages)], cwd=copy, env=env, check=True)
        return {path.parts[-3]: message_ids(path) for path in catalogues(copy / "locale")}


Term = tuple[tuple[str, ...], dict[str, tuple[str, ...]]]


def glossary_terms(path: Path = GLOSSARY) -> list[Term]:
    """The rows of the glossary's checked table: the English forms, and the forms each language accepts.

    Each cell lists its forms in backticks: `tipping point`, `tipping points`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if CHECKED not in lines:
        raise ValueError(f"{path.name} has no {CHECKED!r} table")
    rows = []
    for line in lines[lines.index(CHECKED) + 1 :]:
        if line.startswith("#"):
            break
        if line.startswith("|") and not line.startswith("|-"):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    header, *body = rows
    languages = [COLUMNS[heading] for heading in header]
    terms = []
    for row in body:
        forms = {
            language: tuple(re.findall(r"`([^`]+)`", cell))
            for language, cell in zip(languages, row, strict=True)
        }
        if not all(forms.values()):
            raise ValueError(f"{path.name}: a checked row lacks a form in backticks: {row}")
        terms.append((forms.pop("en"), forms))
    return terms


def glossary_problems(path: Path, terms: list[Term]) -> list[str]:
    """Translations in one catalogue of a text that says a glossary term, that do not use the glossary's word."""
    language = path.parts[-3]
    checks = [
        (re.compile("|".join(rf"(?<!\w){re.escape(form)}(?!\w)" for form in english), re.I), forms[language])
        for english, forms in terms
        if language in forms
    ]
    found = []
    for message in _read(path):  # type: ignore[attr-defined]
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        english = " ".join(_PLACEHOLDER.sub("", text) for text in ids)
        for pattern, words in checks:
            said = pattern.search(english)
            if said and not all(any(w.lower() in s.lower() for w in words) for s in strings):
                found.append(
                    f"{ids[0][:60]!r} says {said.group()!r}: the glossary's word is {' or '.join(words)}"
                )
    return found


def compile_stale(locale_dir: Path | None = None) -> list[Path]:
    """Build each .mo that is missing or older than its .po; returns those built."""
    built = []
    for po in catalogues(locale_dir):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            subprocess.run(["msgfmt", "--check-format", "-o", str(mo), str(po)], check=True)
            built.append(mo)
    return built


def problems() -> list[str]:
    found: list[str] = []
    paths = catalogues()
    if not paths:
        return ["no catalogues under locale/"]
    terms = glossary_terms()
    for path in paths:
        where = path.relative_to(ROOT)
        found += [f"{where}: {gap}" for gap in gaps(path)]
        found += [f"{where}: {problem}" for problem in format_problems(path)]
        found += [f"{where}: {problem}" for problem in glossary_problems(path, terms)]
    fresh = collected_ids()
    for path in paths:
        language = path.parts[-3]
        missing = fresh[language] - message_ids(path)
        found += [
            f"{path.relative_to(ROOT)}: makemessages would add {key[1]!r}" for key in sorted(missing, key=str)
        ]
    return found


def main(argv: list[str]) -> int:
    if "--compile" in argv:
        for mo in compile_stale():
            print(f"compiled {mo.relative_to(ROOT)}")
        return 0
    found = problems()
    if found:
        print("The translations are incomplete:", file=sys.stderr)
        for problem in found:
            print(f"  {problem}", file=sys.stderr)
        print(
            "Run `make messages`, translate the new entries in locale/*/LC_MESSAGES/django.po "
            "(docs/languages.md), then `make test` again.",
            file=sys.stderr,
        )
        return 1
    print(f"translations complete: {', '.join(p.parts[-3] for p in catalogues())}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
