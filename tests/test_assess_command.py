"""`manage.py assess`: file and stdin, json and text, JSON lines with a bad line, and one-line errors."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.engine.strategies import base, doc

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if not env.get("SECRET_KEY"):
        env["DEBUG"] = "1"  # outside pytest-env: development settings are enough for a CLI run
    return subprocess.run(
        [sys.executable, "manage.py", "assess", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def call(*args: str) -> str:
    out = io.StringIO()
    call_command("assess", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def doc_file(tmp_path):
    path = tmp_path / "northwind.json"
    path.write_text(json.dumps(doc(name="Northwind Logistics")), encoding="utf-8")
    return path


def test_json_output_from_file(doc_file):
    result = json.loads(call(str(doc_file), "--format", "json"))
    assert result["schema"] == "caio-result/2"
    assert result["organisation"] == {"name": "Northwind Logistics"}
    assert result["recommendation"] == "caio_reports_to_cto" and "score" not in result
    need, line = result["verdicts"]["need"], result["verdicts"]["reporting_line"]
    assert (need["answer"], need["label"], need["confidence"]) == (
        "caio",
        "Yes, probably: a dedicated CAIO",
        "borderline",
    )
    assert (line["answer"], line["label"], line["confidence"]) == (
        "cto",
        "To the CTO, to start with",
        "clear",
    )
    assert result["confidence"] == {"need": "borderline", "reporting_line": "clear"}
    assert (result["balance"]["signals"], result["balance"]["conditions"]) == (1, 0)


def test_text_output_from_file_is_the_default(doc_file):
    text = call(str(doc_file))
    assert text.startswith(
        "CAIO Advisor: Northwind Logistics\nRecommendation: Dedicated CAIO reporting to the CTO"
    )


def test_stdin_json_and_text():
    payload = json.dumps(doc())
    done = run_manage("-", "--format", "json", stdin=payload)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["confidence"] == {"need": "borderline", "reporting_line": "clear"}
    assert result["verdicts"]["need"]["label"] == "Yes, probably: a dedicated CAIO"
    done = run_manage("-", stdin=payload)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "Do you need a dedicated CAIO? Yes, probably: a dedicated CAIO (borderline)" in lines
    assert "Where should the CAIO report? To the CTO, to start with (clear)" in lines
    assert (
        "CAIO signals that hold: 1 of 5. Conditions for the CTO to absorb the role that hold: 0 of 4."
        in lines
    )
    assert "Score" not in done.stdout


def test_bad_document_is_one_line_on_stderr(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc(base(employees=-5, employes=1))), encoding="utf-8")
    done = run_manage(str(path))
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.splitlines() == [
        'CommandError: employees: must be a whole number of 1 or more, got -5; answers: unknown key "employes"'
    ]
    with pytest.raises(CommandError, match="employees: must be a whole number of 1 or more, got -5"):
        call(str(path))


def test_missing_file_and_malformed_json_are_one_line_errors(tmp_path):
    done = run_manage(str(tmp_path / "nope.json"))
    assert done.returncode == 1 and len(done.stderr.splitlines()) == 1
    assert "nope.json: cannot read file (No such file or directory)" in done.stderr
    done = run_manage("-", stdin="{oops")
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "CommandError: document: not valid JSON (line 1, column 2: Expecting property name enclosed in double quotes)"
    ]


def test_unknown_methodology_is_one_line(doc_file):
    with pytest.raises(CommandError, match="methodology_version: unknown version '0.1'"):
        call(str(doc_file), "--methodology", "0.1")
    with pytest.raises(CommandError, match="unknown version '0.1'"):
        call(str(doc_file), "--jsonl", "--methodology", "0.1")


def _jsonl_with_bad_line(tmp_path) -> Path:
    lines = [json.dumps(doc(base(employees=n))) for n in (100, 1200)]
    lines += [
        "",
        json.dumps(doc(base(ai_product_role="cor_product"))),
        "not json",
        json.dumps(doc(base(employees=9000))),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_bad_lines_in_the_middle(tmp_path):
    path = _jsonl_with_bad_line(tmp_path)
    out = io.StringIO()
    with pytest.raises(CommandError, match="2 of 5 documents failed"):
        call_command("assess", str(path), "--jsonl", stdout=out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(rows) == 5
    assert [r.get("schema") for r in rows] == ["caio-result/2", "caio-result/2", None, None, "caio-result/2"]
    assert [r.get("answers", {}).get("employees") for r in rows] == [100, 1200, None, None, 9000]
    assert rows[2] == {
        "line": 4,
        "error": 'ai_product_role: must be one of "none", "internal_only", "product_feature", "becoming_core", '
        '"core_product", got "cor_product"',
    }
    assert rows[3] == {"line": 5, "error": "document: not valid JSON (line 1, column 1: Expecting value)"}


def test_jsonl_subprocess_writes_results_in_order_and_exits_1(tmp_path):
    path = _jsonl_with_bad_line(tmp_path)
    done = run_manage(str(path), "--jsonl")
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "CommandError: 2 of 5 documents failed; see the error lines in the output"
    ]
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r.get("line") for r in rows] == [None, None, 4, 5, None]
    assert rows[1]["recommendation"] == "caio_reports_to_cto" and "score" not in rows[1]
    assert rows[1]["confidence"] == {"need": "borderline", "reporting_line": "clear"}
    assert rows[4]["answers"]["employees"] == 9000 and rows[4]["recommendation"] == "caio_reports_to_ceo"
    assert rows[4]["verdicts"]["reporting_line"]["label"] == "To the CEO, alongside the CTO"


def test_jsonl_from_stdin():
    payload = json.dumps(doc()) + "\n" + json.dumps(doc(base(employees=100))) + "\n"
    done = run_manage("-", "--jsonl", stdin=payload)
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["recommendation"] for r in rows] == ["caio_reports_to_cto", "caio_reports_to_cto"]
    assert [r["confidence"]["need"] for r in rows] == ["borderline", "borderline"]
    # 100 employees is one more of the article's conditions for the CTO to absorb the role.
    assert [(r["balance"]["signals"], r["balance"]["conditions"]) for r in rows] == [(1, 0), (1, 1)]
    assert [r["size_band"]["id"] for r in rows] == ["mid_market", "small"]


def test_scoring_needs_no_settings(tmp_path):
    """`manage.py assess` runs the engine before Django starts: no SECRET_KEY, no .env, no database."""
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "DATABASE_URL")}
    env["CAIO_ENV_FILE"] = str(tmp_path / "absent.env")
    done = subprocess.run(
        [sys.executable, "manage.py", "assess", "examples/northwind.json"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("CAIO Advisor: Northwind Logistics\n")
