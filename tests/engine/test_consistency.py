"""No sentence contradicts the headline, in any combination of the nine tests and the size bands; every result
is in the situation the article's two lists, read literally, put it in.

The profiles below take every class of every answer (and values near each line, where borderline verdicts
and interim steps appear), so every combination of met tests and size band is scored: 12,960 profiles, the
CTO in post, vacant or absent in turn.
"""

from __future__ import annotations

import re
import sys
from itertools import product
from pathlib import Path

import pytest

from assessments.engine import QUESTIONS, evaluate, get_method

from .strategies import UNDER_MUTATION

ARTICLE = " ".join((Path(__file__).resolve().parents[2] / "docs/source/caio-vs-cto.txt").read_text().split())
METHOD = get_method()
RULE_IDS = {r.id for r in METHOD.rules}
ROLES = [v for v, _ in QUESTIONS[4].choices]
LEVELS = [v for v, _ in QUESTIONS[5].choices]

# What a sentence may not say under each headline: another structure, or another reporting line, now.
FORBIDDEN = {
    "cto_only": re.compile(r"interim or fractional CAIO|Appoint the CAIO|CAIO report|both report to the CEO"),
    "caio_reports_to_cto": re.compile(
        r"CAIO reporting to the CEO|report to the CEO from the start|report directly to the CEO|both report to the "
        r"CEO|CTO can absorb the CAIO duties|AI lead who reports"
    ),
    "caio_reports_to_ceo": re.compile(
        r"reporting to the CTO|under the CTO|CTO can absorb the CAIO duties|AI lead"
    ),
}
# Without a CTO in post, nothing reports to a CTO.
NO_CTO = re.compile(r"reporting to the CTO|under the CTO|reports to the CTO|CTO breaks ties|Make the CTO")
STATUSES = ("in_post", "vacant", "none")
SITUATION = {  # (a signal holds, all four conditions hold) -> situation, answer, basis
    (True, False): ("signals", "caio", "article"),
    (False, True): ("absorb", "cto", "article"),
    (True, True): ("both_ways", "mixed", "method"),
    (False, False): ("undecided", "mixed", "method"),
}


# Every class of every answer, and values near each line (full suite); one value per class under mutation
# (tests/engine/strategies.py: UNDER_MUTATION), which still covers every combination of tests and size band.
GRID = (
    ((120, 1_200, 90_000), (1_000_000, 5_200_000), (2, 60), (1, 8))
    if UNDER_MUTATION
    else ((120, 480, 1_200, 4_800, 90_000), (1_000_000, 4_800_000, 5_200_000), (2, 19, 60), (1, 2, 8))
)


def _profiles():
    for n, (employees, spend, headcount, use_cases, role, level, compliance, stretched) in enumerate(product(
        *GRID, ROLES, LEVELS, (False, True), (False, True),
    )):  # fmt: skip
        yield {
            "employees": employees,
            "annual_ai_spend_usd": spend,
            "ai_headcount": headcount,
            "ai_use_cases": use_cases,
            "ai_product_role": role,
            "regulatory_exposure": level,
            "compliance_needs_executive": compliance,
            "cto_stretched": stretched,
            "cto_status": STATUSES[n % 3],
        }


@pytest.fixture(scope="module")
def results():
    # The grid is about what 12,960 results say, not which lines they reach (the examples and properties reach
    # every branch, `make engine` checks it): scored without the coverage tracer, about three times faster.
    tracer = sys.gettrace()
    sys.settrace(None)
    try:
        return [evaluate(answers) for answers in _profiles()]
    finally:
        sys.settrace(tracer)


def test_every_combination_of_tests_and_size_band_is_covered(results):
    states = {(METHOD.held(r["answers"]), r["size_band"]["id"]) for r in results}
    # Three classes of AI's part in the product (two of its tests cannot both hold), three size bands (the
    # 500-employee test is the small band), and the other six tests free: 3 x 3 x 2**6.
    assert len(states) == 3 * 3 * 2**6


def test_every_result_is_in_the_situation_the_two_lists_read_literally_give(results):
    seen = set()
    for r in results:
        signal = any(c["met"] for c in r["criteria"] if c["side"] == "caio")
        absorb = all(c["counted"] for c in r["criteria"] if c["side"] == "cto")
        need = r["verdicts"]["need"]
        assert (need["situation"], need["answer"], need["basis"]) == SITUATION[signal, absorb], r["answers"]
        assert (need["lean"] == need["answer"]) is (need["answer"] != "mixed")
        # Only where the article's lists say so does a headline say the CTO can absorb the role.
        assert ("can absorb" in r["headline"]) is (need["situation"] == "absorb")
        if need["answer"] == "mixed":
            assert r["headline"].startswith(
                "The article points both ways." if signal else "The article does not decide."
            )
            assert need["lean_reason"]["source"] == "method" and need["lean_label"].startswith(
                "CAIO Advisor's"
            )
        assert r["recommendation"] == ("cto_only" if need["lean"] == "cto" else r["recommendation"])
        seen.add(need["situation"])
    assert seen == {"signals", "absorb", "both_ways", "undecided"}


def test_without_a_cto_in_post_nothing_reports_to_a_cto(results):
    for r in results:
        if r["answers"]["cto_status"] == "in_post":
            continue
        items = (
            r["reasons"] + r["risks"] + r["next_steps"] + ([r["interim_step"]] if r["interim_step"] else [])
        )
        # The items of rule "no_cto" say what the article assumes (a CTO to report to); the advice never does.
        advice = [item["text"] for item in items if item["rule"] != "no_cto"]
        texts = [r["headline"], r["reporting_line"], r["structure"]["text"], *advice]
        assert not [t for t in texts if NO_CTO.search(t)], r["answers"]
        assert r["recommendation"] != "caio_reports_to_cto"
        assert all(post["reports_to"] != "CTO" for post in r["structure"]["posts"])
        line = r["verdicts"]["reporting_line"]
        # To the CEO: on the article's reason where AI is strategic, on the tool's own rule otherwise.
        assert line is None or (line["answer"], line["basis"]) == (
            "ceo",
            "article" if r["strategic"] else "method",
        )


def test_no_sentence_names_another_structure_than_the_headline(results):
    for r in results:
        forbidden = FORBIDDEN[r["recommendation"]]
        items = r["risks"] + r["next_steps"] + ([r["interim_step"]] if r["interim_step"] else [])
        texts = [r["headline"], r["reporting_line"]] + [item["text"] for item in items]
        clashes = [t for t in texts if forbidden.search(t)]
        assert not clashes, (r["answers"], r["recommendation"], clashes)


def test_verdicts_and_interim_steps_follow_the_headline(results):
    for r in results:
        need, line = r["verdicts"]["need"], r["verdicts"]["reporting_line"]
        assert (need["lean"] == "cto") is (r["recommendation"] == "cto_only")
        assert (line is None) is (r["recommendation"] == "cto_only")
        if line is not None:
            assert r["recommendation"] == f"caio_reports_to_{line['answer']}"
        borderline = (
            r["confidence"]["need"] == "borderline" or r["confidence"]["reporting_line"] == "borderline"
        )
        assert (r["interim_step"] is not None) is borderline


def test_every_item_says_where_it_comes_from(results):
    seen = set()
    for r in results:
        items = (
            r["reasons"] + r["risks"] + r["next_steps"] + ([r["interim_step"]] if r["interim_step"] else [])
        )
        for item in items:
            key = (item["text"], item["source"], item["quote"], item["rule"])
            if key in seen:
                continue
            seen.add(key)
            assert item["source"] in ("article", "method")
            assert item["quote"] == "" or item["quote"] in ARTICLE, item
            assert item["source"] == "method" or item["quote"], item  # an article item quotes its sentence
            assert item["source"] == "article" or item["rule"] in RULE_IDS, item  # a method item has a reason
    assert len(seen) > 30


MET_TEXTS = {c.id: c.met_text for c in METHOD.criteria}


def test_an_article_item_says_no_more_than_its_quote(results):
    """An item labelled "article" is the article's sentence itself, or one of its tests measured against the
    answer in the test's own sentence (the nine met texts: the only list of restatements)."""
    for r in results:
        items = r["reasons"] + r["risks"] + r["next_steps"] + [r["verdicts"]["need"]["reason"]]
        if r["verdicts"]["reporting_line"]:
            items.append(r["verdicts"]["reporting_line"]["reason"])
        for item in items:
            if item["source"] != "article":
                continue
            if "test" in item:
                msg = item["text_msg"]
                if (
                    msg["id"] == METHOD.texts["other_side"]
                ):  # an absorb condition under a CAIO verdict, marked
                    assert r["verdicts"]["need"]["situation"] == "signals"
                    assert next(c.side for c in METHOD.criteria if c.id == item["test"]) == "cto"
                    msg = msg["args"]["condition"]["msg"]
                assert msg["id"] in (
                    MET_TEXTS[item["test"]],
                    getattr(MET_TEXTS[item["test"]], "one", ""),
                )
                assert item["quote"] == next(c.quote for c in METHOD.criteria if c.id == item["test"])
            else:
                assert item["text"] == item["quote"], item
    for advice in METHOD.advice.values():
        assert advice.source == "method" or advice.text == advice.quote, advice


def test_each_matrix_row_has_one_a_and_the_forums_tie_breaker_holds_it(results):
    seen = set()
    for r in results:
        if r["recommendation"] in seen:
            continue
        seen.add(r["recommendation"])
        matrix = r["matrix"]
        for row in matrix["rows"]:
            assert sum(cell.count("A") for cell in row["cells"]) == 1, row
            assert any("R" in cell for cell in row["cells"]), row
        forum = matrix["forum"]
        overlap = [row for row in matrix["rows"] if row["area"] == "overlap"]
        if r["recommendation"] == "cto_only":
            assert forum is None and not any(row["shared_governance"] for row in matrix["rows"])
        else:
            assert all("A" in row["raci"][forum["tie_breaker"]] for row in overlap)
            assert all("R" in row["raci"]["CTO"] and row["raci"]["CAIO"] == "C" for row in overlap)
            if r["answers"]["cto_status"] == "in_post":
                assert f"the {forum['tie_breaker']} breaks ties" in " ".join(
                    s["text"] for s in r["next_steps"]
                )
    assert seen == {"cto_only", "caio_reports_to_cto", "caio_reports_to_ceo"}
