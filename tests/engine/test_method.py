"""Method data: quotes come from the article, versions resolve, and a second method works as data."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pytest

from assessments.engine import (
    METHODOLOGY_VERSION,
    QUESTIONS,
    RETIRED_VERSIONS,
    STEPS,
    Method,
    all_matrices,
    answer_words,
    cli,
    evaluate,
    get_method,
)
from assessments.engine.errors import UnknownMethodVersion
from assessments.engine.method import Condition
from assessments.engine.methods import METHODS

from .strategies import doc, small_cto_shop

# The article ships with the repository so this check always runs (a skip would hide drift).
ARTICLE = Path(
    os.environ.get("CAIO_ARTICLE") or Path(__file__).resolve().parents[2] / "docs/source/caio-vs-cto.txt"
)


def _article() -> str:
    return " ".join(ARTICLE.read_text(encoding="utf-8").split())


def _quotes() -> list[str]:
    m = get_method()
    quotes = [c.quote for c in m.criteria] + [r.quote for r in m.matrix_rows] + [q.quote for q in QUESTIONS]
    quotes += [q for r in m.rules for q in r.quotes] + [a.quote for a in m.advice.values() if a.quote]
    quotes += [b.quote for b in m.bands] + [f["quote"] for f in m.forum.values() if f]
    return quotes


@pytest.mark.parametrize("quote", _quotes())
def test_every_quote_is_an_exact_article_sentence(quote):
    assert quote in _article()


def test_the_current_method_is_the_default_and_a_retired_one_is_refused_by_name():
    assert get_method() is METHODS[METHODOLOGY_VERSION]
    retired = RETIRED_VERSIONS[0]
    with pytest.raises(
        UnknownMethodVersion, match=f"unknown version '{retired}', known: {METHODOLOGY_VERSION}"
    ):
        get_method(retired)
    with pytest.raises(UnknownMethodVersion):
        get_method(["not", "hashable"])  # type: ignore[arg-type]


def test_every_rule_has_a_reason_and_every_method_item_a_rule():
    m = get_method()
    ids = [r.id for r in m.rules]
    assert len(ids) == len(set(ids)) and all(r.reason and r.text for r in m.rules)
    assert {a.rule for a in m.advice.values() if a.source == "method"} <= set(ids)
    assert all(a.quote for a in m.advice.values() if a.source == "article")
    # Every answer has words for a tipping point: yes/no answers a phrase each way, the rest whole clauses.
    for q in QUESTIONS:
        if q.kind == "bool":
            assert q.key in m.flag_changes
        elif q.kind == "choice":
            assert m.answer_changes[q.key].changed
        else:
            assert m.answer_changes[q.key].rose and m.answer_changes[q.key].fell


def test_every_question_is_asked_as_a_question_on_a_step_and_answered_in_words():
    assert all(q.label.endswith("?") and q.step in dict(STEPS) for q in QUESTIONS)
    assert answer_words("annual_ai_spend_usd", 1234.5) == "$1,234.50"
    assert answer_words("ai_product_role", "becoming_core") == "becoming a core part of the product"
    assert answer_words("cto_stretched", True) == "yes" and answer_words("cto_stretched", False) == "no"


def test_all_matrices_cover_every_recommendation():
    matrices = all_matrices(get_method())
    assert list(matrices) == ["cto_only", "caio_reports_to_cto", "caio_reports_to_ceo"]
    data = {
        rec: next(r for r in m["rows"] if r["id"] == "data_infrastructure")["raci"]
        for rec, m in matrices.items()
    }
    assert data == {  # the CAIO needs it, the CTO builds it; the forum's tie-breaker is accountable
        "cto_only": {"CEO": "I", "CTO": "AR"},
        "caio_reports_to_cto": {"CEO": "I", "CTO": "AR", "CAIO": "C"},
        "caio_reports_to_ceo": {"CEO": "A", "CTO": "R", "CAIO": "C"},
    }


def _with_fewer_employees_to_absorb() -> Method:
    """A second method version: the CTO absorbs the role below 250 employees, not 500."""
    m = get_method()
    lower = dataclasses.replace(m.criteria[6], condition=Condition("employees", "lt", 250))
    return dataclasses.replace(m, version="test.1", criteria=(*m.criteria[:6], lower, *m.criteria[7:]))


def test_a_second_method_version_works_as_data():
    method = _with_fewer_employees_to_absorb()
    r = evaluate(small_cto_shop(employees=300, cto_stretched=True), method=method)
    assert r["methodology_version"] == "test.1" and r["recommendation"] == "caio_reports_to_cto"
    assert evaluate(small_cto_shop(employees=300, cto_stretched=True))["recommendation"] == "cto_only"


def test_the_command_line_scores_under_the_method_version_asked_for(tmp_path, monkeypatch, capfd):
    monkeypatch.setitem(METHODS, "test.1", _with_fewer_employees_to_absorb())
    path = tmp_path / "shop.json"
    path.write_text(json.dumps(doc(small_cto_shop(employees=300, cto_stretched=True))))
    assert cli.main([str(path), "--format", "json", "--methodology", "test.1"]) == 0
    out = capfd.readouterr().out
    assert out.startswith('{\n  "schema": "caio-result/2",\n')  # indented for a person to read
    assert (json.loads(out)["methodology_version"], json.loads(out)["recommendation"]) == (
        "test.1",
        "caio_reports_to_cto",
    )
    assert cli.main([str(path), "--jsonl", "--methodology", "test.1"]) == 0
    line = json.loads(capfd.readouterr().out)
    assert (line["methodology_version"], line["recommendation"]) == ("test.1", "caio_reports_to_cto")
    assert cli.main([str(path), "--methodology", "0.1"]) == 1
    assert capfd.readouterr().err == (
        f"CommandError: methodology_version: unknown version '0.1', known: {METHODOLOGY_VERSION}, test.1\n"
    )
