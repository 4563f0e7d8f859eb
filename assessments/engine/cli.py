"""`manage.py assess PATH|- [--format text|json] [--jsonl] [--lang en|fr|de]`, without Django.

Scoring needs only the engine, so `manage.py` hands `assess` straight to `main()` before Django starts: no
settings, no secret key, no app loading (start-up was 0.37 s of a 1.1 s run of 10,000 profiles). The Django
management command of the same name calls `run()` too, so `call_command("assess", ...)` behaves the same.

`--lang fr` words the text report (and the errors) in French from the same compiled catalogue as the pages
(locale/fr/LC_MESSAGES/django.mo, read with the standard library's gettext); JSON is the result snapshot
as stored, English with each text's Message, whatever the language.
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing
import os
import sys
import threading
from collections.abc import Iterable, Iterator
from functools import partial
from itertools import chain, islice
from typing import IO

import orjson

from .errors import UnknownMethodVersion, ValidationFailed
from .i18n import ENGLISH, LANGUAGES, MissingCatalogue, Wording, catalogue, localise, render
from .method import METHODOLOGY_VERSION, get_method
from .result import assess_json
from .text import format_text

HELP = "Score caio-assessment documents and print the advice (text, JSON, or JSON lines)."
FORMATS = ("text", "json")
# Lines per piece of a --jsonl batch: a piece is scored by one process and written whole, in input order.
CHUNK = 500


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
        "--jobs",
        type=_jobs,
        default=None,
        help="Processes that score a --jsonl batch side by side (default: one per CPU this process may use); "
        "the output is the same, in input order, whatever the number.",
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


def _jobs(text: str) -> int:
    try:
        jobs = int(text)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of 1 or more, got {text!r}")
    return jobs


def available_cpus() -> int:
    """The CPUs this process may run on (a container's or taskset's limit, not the machine's count)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


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
    jobs: int = 1,
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
            _jsonl(stream, version, sink, jobs)
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
        sink.write(orjson.dumps(result, option=orjson.OPT_INDENT_2) + b"\n")
    else:
        sink.write(format_text(localise(result, wording), wording).encode())


def _problems(exc: ValidationFailed, wording: Wording) -> str:
    """Every problem on one line, in the report's language (field names are the document's own keys)."""
    words = [f"{e.field}: {render(e.msg, wording) if e.msg else e.message}" for e in exc.errors]
    return "; ".join(words).replace("\n", " ")


def _jsonl(stream: IO[bytes], version: str, sink: IO[bytes], jobs: int) -> None:
    # Scoring makes many short-lived dicts and no reference cycles: the cycle collector's passes over them
    # cost about a tenth of a batch, and reference counting frees everything anyway.
    gc.freeze()
    gc.disable()
    failed = total = 0
    try:
        for out, bad, count in _scored(_pieces(stream), version, jobs):
            sink.writelines(out)
            failed += bad
            total += count
    finally:
        gc.enable()
        gc.unfreeze()
    if failed:
        raise CliError(f"{failed} of {total} documents failed; see the error lines in the output")


Piece = tuple[int, list[bytes]]  # the number of its first line, its lines


def _pieces(stream: IO[bytes]) -> Iterator[Piece]:
    number = 1
    while lines := list(islice(stream, CHUNK)):
        yield number, lines
        number += len(lines)


def _score_piece(version: str, piece: Piece) -> tuple[list[bytes], int, int]:
    """A piece's output lines, and how many of its documents failed of how many (blank lines are skipped
    but counted, so N in {"line": N} matches the editor's line)."""
    first, lines = piece
    out = []
    failed = total = 0
    for number, raw in enumerate(lines, first):
        if not raw.strip():
            continue
        total += 1
        try:
            out.append(orjson.dumps(assess_json(raw, version=version), option=orjson.OPT_APPEND_NEWLINE))
        except ValidationFailed as exc:
            failed += 1
            out.append(orjson.dumps({"line": number, "error": str(exc)}, option=orjson.OPT_APPEND_NEWLINE))
    return out, failed, total


def _scored(pieces: Iterator[Piece], version: str, jobs: int) -> Iterator[tuple[list[bytes], int, int]]:
    """Each piece scored, in input order: in this process for one job or a batch of one piece, otherwise by
    `jobs` forked processes (the engine is already imported, so they start at once)."""
    score = partial(_score_piece, version)
    head = list(islice(pieces, 2))
    if jobs == 1 or len(head) < 2:
        yield from map(score, chain(head, pieces))
        return
    # At most a few pieces per process in flight: a long batch is read as it is scored, not all at once.
    in_flight = threading.BoundedSemaphore(4 * jobs)
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        for scored in pool.imap(score, _throttled(chain(head, pieces), in_flight)):
            in_flight.release()
            yield scored


def _throttled(pieces: Iterable[Piece], in_flight: threading.BoundedSemaphore) -> Iterator[Piece]:
    for piece in pieces:
        in_flight.acquire()
        yield piece


def main(argv: list[str], prog: str = "manage.py assess") -> int:
    parser = argparse.ArgumentParser(prog=prog, description=HELP)
    add_arguments(parser)
    options = parser.parse_args(argv)
    sys.stdout.flush()
    # Straight to the process's stdout bytes with a large buffer: a text-layer write per line was the largest
    # cost at 10,000 lines/s.
    with open(sys.stdout.fileno(), "wb", buffering=1 << 20, closefd=False) as sink:
        try:
            run(
                options.path,
                options.format,
                options.jsonl,
                options.methodology,
                sys.stdin.buffer,
                sink,
                options.lang,
                options.jobs or available_cpus(),
            )
        except CliError as exc:
            sink.flush()
            # The same line Django prints for a management command's error.
            sys.stderr.write(f"CommandError: {exc}\n")
            return 1
    return 0


if __name__ == "__main__":  # pragma: no cover - `python -m assessments.engine.cli`
    sys.exit(main(sys.argv[1:], prog="python -m assessments.engine.cli"))
