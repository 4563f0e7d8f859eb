"""`manage.py assess PATH|- [--format text|json] [--jsonl] [--lang en|fr|de]`, without Django.

Scoring needs only the engine, so `manage.py` hands `assess` straight to `main()` before Django starts: no
settings, no secret key, no .env. The Django management command of the same name calls `run()` too, so
`call_command("assess", ...)` behaves the same.

`--lang fr` words the text report (and the errors) in French from the same compiled catalogue as the pages
(locale/fr/LC_MESSAGES/django.mo, read with the standard library's gettext); JSON is the result snapshot
as stored, English with each text's Message, whatever the language.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import IO

from .errors import UnknownMethodVersion, ValidationFailed
from .i18n import ENGLISH, LANGUAGES, MissingCatalogue, Wording, catalogue, localise, render
from .methods import METHODOLOGY_VERSION, get_method
from .result import assess_json
from .text import format_text

# One compact line per result. A result is a fresh tree of dicts and lists, never a cycle, so the encoder skips
# its cycle check (a few per cent of a batch's time).
_LINE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode
HELP = "Score caio-assessment documents and print the advice (text, JSON, or JSON lines)."
FORMATS = ("text", "json")


class CliError(Exception):
    """A one-line message for the person at the terminal; the exit status is 1."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", help="A JSON document, or - for standard input.")
    parser.add_argument("--format", choices=FORMATS, default="text", help="Output for one document.")
    parser.add_argument(
        "--jsonl",
        action="store_true",
        help="One document per input line, one compact JSON result per line; a bad line gives "
        '{"line": N, "error": "..."} in its place and the exit status is 1 at the end.',
    )
    parser.add_argument(
        "--methodology",
        default=METHODOLOGY_VERSION,
        help=f"Method version (default {METHODOLOGY_VERSION}).",
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=ENGLISH.language,
        help="Language of the text report and of error messages (default en); JSON output is the same in all.",
    )


def _open(path: str, stdin: IO[bytes]) -> IO[bytes]:
    if path == "-":
        return stdin
    try:
        return open(path, "rb")  # noqa: SIM115 - closed by the caller
    except OSError as exc:
        raise CliError(f"{path}: cannot read file ({exc.strerror})") from None


def run(
    path: str,
    output_format: str,
    jsonl: bool,
    version: str,
    stdin: IO[bytes],
    sink: IO[bytes],
    language: str = ENGLISH.language,
) -> None:
    """Score the document(s) at `path` and write the output bytes to `sink`; raises CliError."""
    stream: IO[bytes] | None = None
    if output_format not in FORMATS:
        raise CliError(f"--format: {output_format!r} is not one of {', '.join(FORMATS)}")
    try:
        wording = catalogue(language)
    except MissingCatalogue:
        raise CliError(
            f"no compiled {language} catalogue in locale/: run `make` (it builds them with msgfmt)"
        ) from None
    try:
        get_method(version)  # an unknown version is one error, not one per line
        stream = _open(path, stdin)
        if jsonl:
            _jsonl(stream, version, sink)
            return
        result = assess_json(stream.read(), version=version)
    except ValidationFailed as exc:
        raise CliError(_problems(exc, wording)) from None
    except UnknownMethodVersion as exc:
        raise CliError(str(exc).replace("\n", " ")) from None
    finally:
        if stream is not None and stream is not stdin:
            stream.close()
    if output_format == "json":
        sink.write(json.dumps(result, indent=2, ensure_ascii=False).encode() + b"\n")
    else:
        sink.write(format_text(localise(result, wording), wording).encode())


def _problems(exc: ValidationFailed, wording: Wording) -> str:
    """Every problem on one line, in the report's language (field names are the document's own keys)."""
    words = [f"{e.field}: {render(e.msg, wording) if e.msg else e.message}" for e in exc.errors]
    return "; ".join(words).replace("\n", " ")


def _jsonl(stream: IO[bytes], version: str, sink: IO[bytes]) -> None:
    """One compact result per line, in input order; a bad line gives {"line": N, "error": "..."} in its place
    (blank lines are skipped but counted, so N matches the editor's line)."""
    failed = total = 0
    for number, raw in enumerate(stream, 1):
        if not raw.strip():
            continue
        total += 1
        try:
            out: object = assess_json(raw, version=version)
        except ValidationFailed as exc:
            failed += 1
            out = {"line": number, "error": str(exc)}
        sink.write(_LINE(out).encode() + b"\n")
    if failed:
        raise CliError(f"{failed} of {total} documents failed; see the error lines in the output")


def main(argv: list[str], prog: str = "manage.py assess") -> int:
    parser = argparse.ArgumentParser(prog=prog, description=HELP)
    add_arguments(parser)
    options = parser.parse_args(argv)
    sys.stdout.flush()
    with open(sys.stdout.fileno(), "wb", buffering=1 << 16, closefd=False) as sink:
        try:
            run(
                options.path,
                options.format,
                options.jsonl,
                options.methodology,
                sys.stdin.buffer,
                sink,
                options.lang,
            )
        except CliError as exc:
            sink.flush()
            # The same line Django prints for a management command's error.
            sys.stderr.write(f"CommandError: {exc}\n")
            return 1
    return 0


if __name__ == "__main__":  # pragma: no cover - `python -m assessments.engine.cli`
    sys.exit(main(sys.argv[1:], prog="python -m assessments.engine.cli"))
