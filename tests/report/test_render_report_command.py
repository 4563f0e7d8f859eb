from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from assessments.report import pdf
from tests import printed
from tests.factories import NORTHWIND_ANSWERS

pytestmark = pytest.mark.django_db

DOCUMENT = {
    "schema": "caio-assessment/1",
    "organisation": {"name": "Northwind Logistics", "sector": "Logistics", "region": "European Union"},
    "answers": NORTHWIND_ANSWERS,
}


def write(tmp_path: Path, document: Any) -> Path:
    path = tmp_path / "northwind.json"
    path.write_text(json.dumps(document))
    return path


def text_of(path: Path) -> str:
    return "".join(printed.text(Path(path).read_bytes()).split())


def test_renders_the_report_for_a_document_file(tmp_path):
    out = tmp_path / "report.pdf"
    call_command("render_report", str(write(tmp_path, DOCUMENT)), "-o", str(out), stderr=io.StringIO())
    reader = PdfReader(out)
    assert round(float(reader.pages[0].mediabox.height)) == 842
    text = text_of(out)
    assert "NorthwindLogistics" in text
    assert "DedicatedCAIOreportingtotheCTO" in text
    assert "Logistics" in text and "EuropeanUnion" in text


def test_reads_stdin_and_renders_us_letter(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(json.dumps(DOCUMENT).encode())))
    out = tmp_path / "report.pdf"
    call_command("render_report", "-", "-o", str(out), "--size", "letter", stderr=io.StringIO())
    box = PdfReader(out).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_invalid_document_fails_with_the_same_one_line_message_as_assess(tmp_path):
    bad = DOCUMENT | {"answers": NORTHWIND_ANSWERS | {"employees": -5}}
    path = write(tmp_path, bad)
    message = "employees: must be a whole number of 1 or more, got -5"
    with pytest.raises(CommandError, match=rf"^{message}$"):
        call_command("render_report", str(path), "-o", str(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()
    with pytest.raises(CommandError, match=rf"^{message}$"):
        call_command("assess", str(path))


def test_malformed_json_fails_with_one_line(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text("{nope")
    with pytest.raises(CommandError, match=r"^document: not valid JSON \(line 1, column 2"):
        call_command("render_report", str(path), "-o", str(tmp_path / "x.pdf"))


def test_missing_file_fails_with_one_line(tmp_path):
    with pytest.raises(CommandError, match=r"missing\.json: cannot read file \(No such file or directory\)$"):
        call_command("render_report", str(tmp_path / "missing.json"), "-o", str(tmp_path / "x.pdf"))


def test_a_render_failure_is_a_command_error(tmp_path, monkeypatch):
    def fail(html: str, **kwargs: Any) -> bytes:
        raise pdf.RenderTimeout("The report took longer than 20 s to build")

    monkeypatch.setattr(pdf, "render_pdf", fail)
    with pytest.raises(CommandError, match="could not be rendered: The report took longer"):
        call_command("render_report", str(write(tmp_path, DOCUMENT)), "-o", str(tmp_path / "x.pdf"))


def test_renders_the_report_in_french(tmp_path):
    out = tmp_path / "rapport.pdf"
    document = write(tmp_path, DOCUMENT)
    call_command("render_report", str(document), "-o", str(out), "--lang", "fr", stderr=io.StringIO())
    assert PdfReader(out).trailer["/Root"]["/Lang"] == "fr"
    text = text_of(out).replace("\u00a0", "")
    for heading in ("Synthèse", "Lescritèresdel'article", "Quifaitquoi:matricedesresponsabilités"):
        assert heading in text
    assert "Page1sur" in text and "Executivesummary" not in text
