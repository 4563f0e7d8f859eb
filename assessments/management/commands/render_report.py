"""Render the PDF report for a caio-assessment document, without the database (batch use, benchmarks)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from assessments import languages
from assessments.engine import ValidationFailed, assess_document, parse_document
from assessments.report import pdf


class Command(BaseCommand):
    help = "Render the PDF report for a caio-assessment JSON document (PATH, or - for stdin)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="the caio-assessment JSON document, or - to read stdin")
        parser.add_argument("-o", "--output", required=True, help="where to write the PDF (- for stdout)")
        parser.add_argument("--size", choices=sorted(pdf.PAGE_SIZES), default="a4", help="page size")
        parser.add_argument(
            "--lang",
            choices=languages.CODES,
            default=languages.DEFAULT,
            help="the report's language (default en)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: str = options["path"]
        try:
            text = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
        except OSError as exc:  # the same words as `assess`
            raise CommandError(f"{path}: cannot read file ({exc.strerror})") from None
        try:
            document = parse_document(text)
        except ValidationFailed as exc:
            raise CommandError(str(exc).replace("\n", " ")) from None
        result = assess_document(document)
        with languages.writing_in(options["lang"]):
            html = pdf.render_report_html(pdf.document_report_context(document, result))
        try:
            data = pdf.render_pdf(html, size=options["size"])
        except pdf.RenderError as exc:
            raise CommandError(f"the report could not be rendered: {exc}") from None
        output: str = options["output"]
        if output == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
            return
        try:
            Path(output).write_bytes(data)
        except OSError as exc:
            raise CommandError(f"{output}: {exc.strerror or exc}") from None
        self.stderr.write(f"Wrote {output} ({len(data):,} bytes)")
