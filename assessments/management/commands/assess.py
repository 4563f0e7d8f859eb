"""`manage.py assess PATH|- [--format text|json] [--jsonl]`: a thin shell around assessments.engine."""

from __future__ import annotations

import sys
from typing import IO, Any

import orjson
from django.core.management.base import BaseCommand, CommandError, CommandParser

from assessments.engine import (
    METHODOLOGY_VERSION,
    UnknownMethodVersion,
    ValidationFailed,
    assess_json,
    format_text,
    get_method,
)


class Command(BaseCommand):
    help = "Score caio-assessment documents and print the advice (text, JSON, or JSON lines)."
    # The engine needs no database or URL checks; skipping them keeps start-up short for batch runs.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="A JSON document, or - for standard input.")
        parser.add_argument(
            "--format", choices=["text", "json"], default="text", help="Output for one document."
        )
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

    def _open(self, path: str) -> IO[bytes]:
        if path == "-":
            return sys.stdin.buffer
        try:
            return open(path, "rb")  # noqa: SIM115 - closed by the caller
        except OSError as exc:
            raise CommandError(f"{path}: cannot read file ({exc.strerror})") from None

    def handle(self, *args: Any, **options: Any) -> None:
        version = options["methodology"]
        try:
            get_method(version)  # an unknown version is one error, not one per line
            if options["jsonl"]:
                # Without a custom stdout (call_command(stdout=...)) write bytes to the real stdout.
                self._jsonl(options["path"], version, direct=options.get("stdout") is None)
                return
            stream = self._open(options["path"])
            try:
                data = stream.read()
            finally:
                if stream is not sys.stdin.buffer:
                    stream.close()
            result = assess_json(data, version=version)
        except (ValidationFailed, UnknownMethodVersion) as exc:
            raise CommandError(str(exc).replace("\n", " ")) from None
        if options["format"] == "json":
            self.stdout.write(orjson.dumps(result, option=orjson.OPT_INDENT_2).decode())
        else:
            self.stdout.write(format_text(result), ending="")

    def _jsonl(self, path: str, version: str, direct: bool) -> None:
        stream = self._open(path)
        failed = total = 0
        out: list[bytes] = []
        if direct:
            # Straight to the process's stdout bytes with a large buffer: one text-layer write per line was
            # the largest cost at 10,000 lines/s.
            sys.stdout.flush()
            sink = open(sys.stdout.fileno(), "wb", buffering=1 << 20, closefd=False)  # noqa: SIM115
        try:
            for number, raw in enumerate(stream, 1):
                if not raw.strip():
                    continue  # blank lines are skipped but still counted, so N matches the editor's line
                total += 1
                try:
                    line = orjson.dumps(assess_json(raw, version=version))
                except ValidationFailed as exc:
                    failed += 1
                    line = orjson.dumps({"line": number, "error": str(exc)})
                if direct:
                    sink.write(line)
                    sink.write(b"\n")
                else:
                    out.append(line)
            if out:
                self.stdout.write(b"\n".join(out).decode() + "\n", ending="")
        finally:
            if direct:
                sink.close()
            if stream is not sys.stdin.buffer:
                stream.close()
        if failed:
            raise CommandError(f"{failed} of {total} documents failed; see the error lines in the output")
