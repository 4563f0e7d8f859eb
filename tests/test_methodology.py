"""The methodology page (assessments/views.py's `methodology`, assessments/presenters/methodology.py): every
criterion, rule and matrix row of the engine's method, each under its source."""

from __future__ import annotations

import pytest
from django.utils.html import escape

from assessments.engine import METHODOLOGY_VERSION, PANEL_RULE, get_method

pytestmark = pytest.mark.django_db


def test_methodology_page_lists_every_criterion_rule_and_matrix_row_from_the_engine(client):
    method = get_method()
    text = client.get("/methodology/").content.decode()
    assert f"Method version <strong>{METHODOLOGY_VERSION}</strong>" in text
    # The tests: the CAIO signals, then the absorb conditions, each with its line and quote.
    assert "The article’s tests" in text
    assert len(method.criteria) == 9
    signals_at = text.index("Signals that you probably need a dedicated CAIO")
    conditions_at = text.index("Conditions under which a CTO can absorb CAIO duties")
    article_rules_at = text.index("Rules that are the article’s")
    for criterion in method.criteria:
        at = text.index(f'id="criterion-{criterion.id}"')
        start, end = {"caio": (signals_at, conditions_at), "cto": (conditions_at, article_rules_at)}[
            criterion.side
        ]
        assert start < at < end
        assert escape(criterion.threshold) in text
        assert escape(criterion.quote) in text
    # Every rule sits in its own section: the article's, or CAIO Advisor's with the badge and its reason.
    method_rules_at = text.index("CAIO Advisor’s own rules, and why")
    panel_at = text.index('id="panel"')
    assert article_rules_at < method_rules_at < panel_at
    assert {rule.source for rule in method.rules} == {"article", "method"}
    for rule in method.rules:
        item = text[text.index(f'id="rule-{rule.id}"') :]
        item = item[: item.index("</li>")]
        assert escape(rule.title) in item
        assert escape(rule.reason) in item
        at = text.index(f'id="rule-{rule.id}"')
        start, end = {"article": (article_rules_at, method_rules_at), "method": (method_rules_at, panel_at)}[
            rule.source
        ]
        assert start < at < end
        assert ("CAIO Advisor’s rule, not from the article" in item) == (rule.source == "method")
    assert escape(PANEL_RULE) in text
    for row in method.matrix_rows:
        assert text.count(escape(row.title)) >= len(method.raci)
    # The two matrices with a CAIO name their shared forum; CTO only has none.
    assert text.count("Shared governance: the AI and data platform council") == 2


def test_the_methodology_page_says_a_cto_in_post_is_a_fact_outside_the_margin(client):
    text = client.get("/methodology/").content.decode()
    assert (
        "Whether a CTO is in post is treated as a fact the team knows, not an estimate, so it is not part of "
        "the margin." in text
    )
