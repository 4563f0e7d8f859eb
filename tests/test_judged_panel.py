"""A judged panel: realistic organisations whose verdicts were written down, from the article, before the method.

`tests/data/judged_panel.json` holds each organisation's answers, the need verdict (`caio`, `cto` or `mixed`,
its basis and which of the article's four situations it is in), the reporting line where a CAIO is advised,
the article sentences that decide each verdict and a one-line why. The panel's `rules` say how it was judged.
`manage.py assess --format json` must give those verdicts; the other tests keep the panel itself honest.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from assessments.engine import SCHEMA

ROOT = Path(__file__).resolve().parent.parent
PANEL = json.loads((ROOT / "tests/data/judged_panel.json").read_text(encoding="utf-8"))
ORGANISATIONS: list[dict[str, Any]] = PANEL["organisations"]
# Line breaks and double spaces in the article are not part of a sentence.
ARTICLE = " ".join((ROOT / "docs/source/caio-vs-cto.txt").read_text(encoding="utf-8").split())
NEED_FIELDS = ("answer", "basis", "situation")
LINE_FIELDS = ("answer", "basis")


def document(org: dict[str, Any]) -> dict[str, Any]:
    organisation = {key: org[key] for key in ("name", "sector", "region") if key in org}
    return {"schema": SCHEMA, "organisation": organisation, "answers": org["answers"]}


def judged(org: dict[str, Any]) -> dict[str, Any]:
    """What the panel judged: the need always, the reporting line only where a CAIO is advised."""
    expected = org["expected"]
    out = {
        "need": {key: expected["need"][key] for key in NEED_FIELDS},
        "answers disagree": expected["answers_disagree"],
    }
    if expected["reporting_line"] is not None:
        out["reporting_line"] = {key: expected["reporting_line"][key] for key in LINE_FIELDS}
    return out


def given(result: dict[str, Any], keys: dict[str, Any]) -> dict[str, Any]:
    """The same fields read from an `assess` result (absent ones as None, so a message says what is missing)."""
    verdicts = result["verdicts"]
    out: dict[str, Any] = {
        "need": {key: (verdicts.get("need") or {}).get(key) for key in NEED_FIELDS},
        "answers disagree": bool(result["answers_that_disagree"]),
    }
    if "reporting_line" in keys:
        out["reporting_line"] = {key: (verdicts.get("reporting_line") or {}).get(key) for key in LINE_FIELDS}
    return out


def assess(org: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    path = tmp_path / f"{org['id']}.json"
    path.write_text(json.dumps(document(org)), encoding="utf-8")
    out = io.StringIO()
    try:
        call_command("assess", str(path), "--format", "json", stdout=out)
    except CommandError as exc:
        pytest.fail(f"assess refused {org['name']} ({org['id']}): {exc}")
    return json.loads(out.getvalue())


def explain(org: dict[str, Any]) -> str:
    lines = [f"{org['name']} ({org['id']}): {org['story']}", f"  answers: {json.dumps(org['answers'])}"]
    for verdict in ("need", "reporting_line"):
        judgement = org["expected"][verdict]
        if judgement is not None:
            lines.append(f"  {verdict}, judged: {judgement['why']}")
            lines += [f"    the article: {quote!r}" for quote in judgement["quotes"]]
    return "\n".join(lines)


@pytest.mark.parametrize("org", ORGANISATIONS, ids=[org["id"] for org in ORGANISATIONS])
def test_assess_gives_the_panels_verdicts(org, tmp_path):
    expected = judged(org)
    got = given(assess(org, tmp_path), expected)
    assert got == expected, f"assess disagrees with the panel on {org['name']}\n{explain(org)}"


def test_the_panel_has_at_least_30_organisations_each_with_a_reasoned_judgement():
    ids = [org["id"] for org in ORGANISATIONS]
    assert len(ids) >= 30 and len(set(ids)) == len(ids)
    for org in ORGANISATIONS:
        need, line = org["expected"]["need"], org["expected"]["reporting_line"]
        assert need["quotes"] and need["why"], org["id"]
        # Where the article decides a verdict, the sentences that decide it are written down.
        assert line is None or line["why"] and (line["basis"] == "method" or line["quotes"]), org["id"]
        # A reporting line is judged exactly where a CAIO is advised.
        assert (line is not None) == (need["answer"] == "caio"), org["id"]


def test_the_panel_covers_the_issues_cases_and_every_situation():
    assert {org.get("issue_case") for org in ORGANISATIONS} >= set(range(1, 9))
    situations = {org["expected"]["need"]["situation"] for org in ORGANISATIONS}
    assert situations == {"signals", "absorb", "both_ways", "undecided"}
    lines = {
        (line["answer"], line["basis"])
        for org in ORGANISATIONS
        if (line := org["expected"]["reporting_line"]) is not None
    }
    assert lines == {("cto", "article"), ("cto", "method"), ("ceo", "article"), ("ceo", "method")}
    cto_statuses = {org["answers"].get("cto_status") for org in ORGANISATIONS}
    assert cto_statuses == {None, "in_post", "vacant", "none"}


def test_every_quoted_sentence_is_in_the_article_word_for_word():
    quotes = [
        (org["id"], quote)
        for org in ORGANISATIONS
        for verdict in ("need", "reporting_line")
        for quote in (org["expected"][verdict] or {"quotes": []})["quotes"]
    ]
    assert len(quotes) > 60
    assert [(id_, quote) for id_, quote in quotes if quote not in ARTICLE] == []


def _article_reading(answers: dict[str, Any]) -> tuple[int, int]:
    """The article's two lists read literally: how many CAIO signals and absorb conditions hold."""
    role = answers["ai_product_role"]
    signals = (
        answers["annual_ai_spend_usd"] > 5_000_000,
        answers["ai_headcount"] > 20,
        answers["compliance_needs_executive"],
        answers["cto_stretched"],
        role in ("becoming_core", "core_product"),
    )
    conditions = (
        answers["ai_use_cases"] <= 2,
        answers["employees"] < 500,
        role in ("none", "internal_only"),
        answers["regulatory_exposure"] == "minimal",
    )
    return sum(signals), sum(conditions)


# (any signal, all four conditions) -> the need verdict the panel's rules give.
SITUATIONS = {
    (True, False): {"answer": "caio", "basis": "article", "situation": "signals"},
    (False, True): {"answer": "cto", "basis": "article", "situation": "absorb"},
    (True, True): {"answer": "mixed", "basis": "method", "situation": "both_ways"},
    (False, False): {"answer": "mixed", "basis": "method", "situation": "undecided"},
}


def test_each_judged_need_follows_the_articles_two_lists_as_written():
    wrong = []
    for org in ORGANISATIONS:
        signals, conditions = _article_reading(org["answers"])
        rule = SITUATIONS[(signals > 0, conditions == 4)]
        need = {key: org["expected"]["need"][key] for key in NEED_FIELDS}
        if need != rule:
            wrong.append((org["id"], signals, conditions, need))
    assert wrong == []


def test_no_judged_caio_reports_to_a_cto_that_is_not_there():
    without_cto = [org for org in ORGANISATIONS if org["answers"].get("cto_status") in ("vacant", "none")]
    lines = [org["expected"]["reporting_line"] for org in without_cto]
    assert len(without_cto) >= 4
    assert {line["answer"] for line in lines if line is not None} == {"ceo"}
