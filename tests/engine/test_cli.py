"""The engine's command line (`manage.py assess` runs it before Django starts): what the terminal shows."""

from __future__ import annotations

import io
import json
import sys

import pytest

from assessments.engine import cli

from .strategies import base, doc


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_text_report_from_a_file(tmp_path, capfd):
    path = tmp_path / "northwind.json"
    path.write_text(json.dumps(doc()))
    assert cli.main([str(path)]) == 0
    out = capfd.readouterr().out
    assert out.startswith(
        "CAIO Advisor: Northwind Logistics\nRecommendation: Dedicated CAIO reporting to the CTO\n"
    )


def test_json_from_stdin(monkeypatch, capfd):
    _stdin(monkeypatch, json.dumps(doc(base(employees=9000, ai_product_role="core_product"))).encode())
    assert cli.main(["-", "--format", "json"]) == 0
    result = json.loads(capfd.readouterr().out)
    assert result["recommendation"] == "caio_reports_to_ceo"
    assert result["verdicts"]["reporting_line"]["label"] == "To the CEO, alongside the CTO"


def test_jsonl_keeps_going_past_bad_lines_and_exits_1(monkeypatch, capfd):
    lines = [json.dumps(doc()), "", "{", json.dumps(doc(base(employees=-5)))]
    _stdin(monkeypatch, "\n".join(lines).encode() + b"\n")
    assert cli.main(["-", "--jsonl"]) == 1
    captured = capfd.readouterr()
    rows = [json.loads(line) for line in captured.out.splitlines()]
    assert rows[0]["recommendation"] == "caio_reports_to_cto"
    assert rows[1] == {"line": 3, "error": "document: not valid JSON (line 2, column 1: Expecting property name "
                       "enclosed in double quotes)"}  # fmt: skip
    assert rows[2] == {"line": 4, "error": "employees: must be a whole number of 1 or more, got -5"}
    assert captured.err == "CommandError: 2 of 3 documents failed; see the error lines in the output\n"


def test_one_line_errors(tmp_path, capfd):
    assert cli.main([str(tmp_path / "nope.json")]) == 1
    assert capfd.readouterr().err == "CommandError: " + str(tmp_path / "nope.json") + (
        ": cannot read file (No such file or directory)\n"
    )
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc(base(employees=0))))
    assert cli.main([str(path)]) == 1
    assert capfd.readouterr().err == "CommandError: employees: must be a whole number of 1 or more, got 0\n"
    assert cli.main([str(path), "--methodology", "0.1"]) == 1
    assert "methodology_version: unknown version '0.1'" in capfd.readouterr().err


def test_run_refuses_a_format_it_does_not_write(tmp_path):
    with pytest.raises(cli.CliError, match="--format: 'xml' is not one of text, json"):
        cli.run(str(tmp_path / "any.json"), "xml", False, "2027.01", io.BytesIO(), io.BytesIO())


def test_run_writes_to_any_sink_and_closes_the_file(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps(doc()) + "\n" + json.dumps(doc(base(employees=100))) + "\n")
    sink = io.BytesIO()
    cli.run(str(path), "text", True, "2027.01", io.BytesIO(), sink)
    rows = [json.loads(line) for line in sink.getvalue().splitlines()]
    assert [r["size_band"]["id"] for r in rows] == ["mid_market", "small"]


def test_a_batch_keeps_input_order_and_gives_each_bad_line_its_number(tmp_path):
    lines = [json.dumps(doc(base(employees=n * 700 + 50))) for n in range(13)]
    lines[4] = ""
    lines[9] = '{"schema": "caio-assessment/1"'
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n")
    sink = io.BytesIO()
    with pytest.raises(cli.CliError) as failed:
        cli.run(str(path), "text", True, "2027.01", io.BytesIO(), sink)
    rows = [json.loads(line) for line in sink.getvalue().splitlines()]
    assert [r.get("answers", {}).get("employees") for r in rows] == [
        n * 700 + 50 if n != 9 else None for n in range(13) if n != 4
    ]
    assert rows[8] == {"line": 10, "error": rows[8]["error"]} and rows[8]["error"].startswith(
        "document: not valid"
    )
    assert str(failed.value) == "1 of 12 documents failed; see the error lines in the output"


def test_the_report_and_its_errors_in_the_language_asked_for(tmp_path, capfd):
    path = tmp_path / "northwind.json"
    path.write_text(json.dumps(doc()))
    assert cli.main([str(path), "--lang", "fr"]) == 0
    assert capfd.readouterr().out.startswith(
        "CAIO Advisor\u00a0: Northwind Logistics\nRecommandation\u00a0: CAIO dédié rattaché au CTO\n"  # French spacing
    )
    path.write_text(json.dumps(doc(base(employees=0))))
    assert cli.main([str(path), "--lang", "de"]) == 1
    assert capfd.readouterr().err == (
        "CommandError: employees: muss eine ganze Zahl von mindestens 1 sein, erhalten: 0\n"
    )


def test_json_for_one_document_is_indented_and_the_language_changes_nothing(tmp_path, capfd):
    path = tmp_path / "northwind.json"
    path.write_text(json.dumps(doc()))
    assert cli.main([str(path), "--format", "json", "--lang", "de"]) == 0
    out = capfd.readouterr().out
    assert out.startswith('{\n  "schema": "caio-result/2",\n  "methodology_version": "2027.01",\n')
    assert out.endswith("}\n") and "Dedicated CAIO reporting to the CTO" in out


def test_a_missing_catalogue_is_one_line_saying_how_to_build_it(tmp_path, monkeypatch):
    def missing(language):
        raise cli.MissingCatalogue(language)

    monkeypatch.setattr(cli, "catalogue", missing)
    with pytest.raises(
        cli.CliError, match=r"^no compiled fr catalogue in locale/: run `make` \(it builds them"
    ):
        cli.run(str(tmp_path / "any.json"), "text", False, "2027.01", io.BytesIO(), io.BytesIO(), "fr")
