"""Method data: quotes come from the article, versions resolve, and a second method works as data."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from assessments.engine import (
    METHODOLOGY_VERSION,
    METHODS,
    QUESTION_BY_KEY,
    QUESTIONS,
    STEPS,
    Condition,
    UnknownMethodVersion,
    all_matrices,
    answer_words,
    evaluate,
    get_method,
)

from .strategies import base, small_cto_shop

# The article ships with the repository so this check always runs (a skip would hide drift).
ARTICLE = Path(
    os.environ.get("CAIO_ARTICLE") or Path(__file__).resolve().parents[2] / "docs/source/caio-vs-cto.txt"
)


def _article() -> str:
    return " ".join(ARTICLE.read_text(encoding="utf-8").split())


def _quotes() -> list[str]:
    m = get_method()
    quotes = [c.quote for c in m.criteria] + [r.quote for r in m.matrix_rows] + [q.quote for q in QUESTIONS]
    quotes += [q for r in m.rules for q in r.quotes] + [q for d in m.definitions for q in d.quotes]
    return quotes


@pytest.mark.parametrize("quote", _quotes())
def test_every_quote_is_an_exact_article_sentence(quote):
    assert quote in _article()


def test_versions():
    assert METHODOLOGY_VERSION == "2026.11" and get_method() is METHODS["2026.11"]
    assert get_method("2026.11").version == "2026.11"
    with pytest.raises(UnknownMethodVersion, match="unknown version '1999.1', known: 2026.11"):
        get_method("1999.1")
    with pytest.raises(UnknownMethodVersion):
        get_method(["not", "hashable"])  # type: ignore[arg-type]


def test_weights_balance_and_texts_exist():
    m = get_method()
    assert sum(c.weight for c in m.criteria if c.signal == "caio") == 50
    assert sum(c.weight for c in m.criteria if c.signal == "cto") == -50
    assert "no weights" in m.weights_reason
    assert [r.id for r in m.rules] == ["R1", "R2", "R3", "R4", "R5"] and all(r.reason for r in m.rules)
    # Every answer has words for what-if: booleans a flag phrase, the rest a noun.
    for q in QUESTIONS:
        assert (q.key in m.flag_changes) if q.kind == "bool" else (q.key in m.answer_nouns)


def test_questions_data():
    assert [s for s, _ in STEPS] == ["footprint", "product", "leadership"]
    assert (
        QUESTION_BY_KEY["employees"].step == "footprint"
        and QUESTION_BY_KEY["cto_stretched"].step == "leadership"
    )
    assert all(q.label.endswith("?") for q in QUESTIONS)
    assert answer_words("annual_ai_spend_usd", 1234.5) == "$1,234.50"
    assert answer_words("ai_product_role", "core_product") == "core to the product"
    assert answer_words("cto_stretched", True) == "yes" and answer_words("cto_stretched", False) == "no"


def test_all_matrices_cover_every_recommendation():
    matrices = all_matrices(get_method())
    assert list(matrices) == ["cto_only", "caio_reports_to_cto", "caio_reports_to_ceo"]
    strategy = {
        rec: next(r for r in m["rows"] if r["id"] == "ai_strategy")["raci"] for rec, m in matrices.items()
    }
    assert strategy == {
        "cto_only": {"CEO": "C", "CTO": "AR"},
        "caio_reports_to_cto": {"CEO": "C", "CTO": "C", "CAIO": "AR"},
        "caio_reports_to_ceo": {"CEO": "C", "CTO": "C", "CAIO": "AR"},
    }


def test_results_are_fresh_objects():
    one, two = evaluate(base()), evaluate(base())
    one["matrix"]["rows"][0]["raci"]["CTO"] = "X"
    one["risks"].append("mutated")
    assert two["matrix"]["rows"][0]["raci"]["CTO"] == "AR" and "mutated" not in two["risks"]
    assert evaluate(base())["matrix"]["rows"][0]["raci"]["CTO"] == "AR"


def test_second_method_version_as_data():
    # A future method: employees threshold 1 (its crossing, 0, is out of bounds) listed twice (deduplicated).
    m = get_method()
    tiny = dataclasses.replace(m.criteria[6], id="tiny", condition=Condition("employees", "lt", 1))
    other = dataclasses.replace(m.criteria[6], id="under_500_again")
    method = dataclasses.replace(m, version="test.1", criteria=(*m.criteria, tiny, other))
    r = evaluate(small_cto_shop(), method=method)
    assert r["methodology_version"] == "test.1" and r["score"] == 0  # clamped at 0
    assert [c["id"] for c in r["criteria"]][-2:] == ["tiny", "under_500_again"]
    deltas = [
        e["answers_delta"]
        for e in evaluate(base(cto_stretched=False, employees=400), method=method)["what_if"]
    ]
    assert any(d.get("employees") == 500 for d in deltas)
    assert all(d.get("employees", 1) >= 1 for d in deltas)
