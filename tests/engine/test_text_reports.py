"""The text report, word for word, for one profile of each kind of advice: what the terminal shows a person.

Each profile's report is kept in tests/engine/reports/<profile>.txt. A change in the method's wording or in
how the report is laid out shows here as a diff to read; after reading it, rewrite the files with
`CAIO_UPDATE_REPORTS=1 .venv/bin/pytest tests/engine/test_text_reports.py`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from assessments.engine import assess_document, cli, format_text
from assessments.engine.i18n import catalogue, localise

from .strategies import base, doc, small_cto_shop

REPORTS = Path(__file__).parent / "reports"

PROFILES: dict[str, dict[str, Any]] = {
    # The article says a CAIO (a stretched CTO, AI in the product); under the CTO to start with.
    "northwind": base(),
    # The article says the CTO can absorb the role: all four conditions, no signal.
    "small-cto-shop": small_cto_shop(),
    # The article points both ways: $50M and 200 people on AI, yet all four conditions hold (the 450-person lab).
    "points-both-ways": small_cto_shop(
        employees=450, annual_ai_spend_usd=50_000_000, ai_headcount=200, cto_stretched=True
    ),  # fmt: skip
    # Both ways with the stretched CTO as the only signal: the tool leans towards the CTO.
    "both-ways-leaning-cto": small_cto_shop(cto_stretched=True),
    # The article does not decide: AI in the product, high exposure, 4 use cases, no signal (HR software).
    "does-not-decide": base(
        employees=3_000,
        annual_ai_spend_usd=2_000_000,
        ai_headcount=15,
        ai_use_cases=4,
        regulatory_exposure="high",
        cto_stretched=False,
    ),  # fmt: skip
    # One signal and three conditions (the 12-person studio): the article's CAIO, with the tool's caution.
    "caution-fractional": small_cto_shop(
        employees=12, annual_ai_spend_usd=60_000, ai_headcount=1, ai_use_cases=3, cto_stretched=True
    ),  # fmt: skip
    # Core AI just under both scale lines: the reporting line is borderline within the margin.
    "near-the-ceo-line": base(ai_product_role="core_product", annual_ai_spend_usd=4_500_000, ai_headcount=18),
    # Beyond mid-market with AI in the product: size adds weight, the CAIO reports to the CEO.
    "large-company": base(employees=9_000),
    # 5,200 people, $1M of internal AI, 6 people on it: size alone does not send the CAIO to the CEO.
    "water-utility": base(
        employees=5_200,
        annual_ai_spend_usd=1_000_000,
        ai_headcount=6,
        ai_use_cases=3,
        ai_product_role="internal_only",
    ),  # fmt: skip
    # AI is core and spending is over $5M: strategic, so to the CEO at mid-market size.
    "strategic-ai": base(ai_product_role="core_product", annual_ai_spend_usd=6_000_000),
    # The CTO has left: the CAIO reports to the CEO, never under a CTO.
    "cto-vacant": base(cto_status="vacant", compliance_needs_executive=True, regulatory_exposure="high"),
    # Every obligation the texts bring in: an EU deployer of a high-risk system that is also a US federal agency
    # following both frameworks (a rule requires the CAIO; the article alone would not decide).
    "every-obligation": small_cto_shop(
        operates_in=["eu", "us_federal"],
        high_risk_role="deployer",
        ai_frameworks="nist_and_iso",
        regulatory_exposure="moderate",
    ),  # fmt: skip
    # Answers that cannot all be true: 3 employees, $9 trillion of AI spend, 100,000 use cases.
    "answers-that-disagree": base(
        employees=3,
        annual_ai_spend_usd=9_000_000_000_000,
        ai_headcount=2,
        ai_use_cases=100_000,
        ai_product_role="core_product",
    ),  # fmt: skip
}


def _as_recorded(text: str, name: str) -> None:
    recorded = REPORTS / f"{name}.txt"
    if os.environ.get("CAIO_UPDATE_REPORTS") == "1":
        recorded.write_text(text, encoding="utf-8")
    assert text == recorded.read_text(encoding="utf-8")


@pytest.mark.parametrize("profile", PROFILES)
def test_the_text_report_reads_as_recorded(profile):
    _as_recorded(format_text(assess_document(doc(PROFILES[profile], name=f"Profile {profile}"))), profile)


# The same reports in French and German: each text from the catalogues, the article's quotes in English with
# their translation beneath, the laws' passages in their official language version where one is stored.
IN_OTHER_LANGUAGES = [
    ("every-obligation", "fr"), ("every-obligation", "de"), ("points-both-ways", "fr"), ("does-not-decide", "de"),
    ("cto-vacant", "fr"), ("answers-that-disagree", "de"),
]  # fmt: skip


@pytest.mark.parametrize(("profile", "language"), IN_OTHER_LANGUAGES)
def test_the_text_report_in_french_and_german_reads_as_recorded(profile, language):
    wording = catalogue(language)
    result = assess_document(doc(PROFILES[profile], name=f"Profile {profile}"))
    _as_recorded(format_text(localise(result, wording), wording), f"{profile}.{language}")


def test_the_command_lines_help_reads_as_recorded(monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "100")  # argparse wraps to the terminal's width
    with pytest.raises(SystemExit) as done:
        cli.main(["--help"])
    assert done.value.code == 0
    _as_recorded(capsys.readouterr().out, "assess-help")


def test_every_recorded_report_belongs_to_a_test():
    in_other_languages = [f"{profile}.{language}" for profile, language in IN_OTHER_LANGUAGES]
    assert sorted(p.stem for p in REPORTS.glob("*.txt")) == sorted(
        [*PROFILES, *in_other_languages, "assess-help"]
    )


def test_a_report_without_tipping_points_says_so():
    result = assess_document(doc(PROFILES["strategic-ai"], name="Profile"))
    text = format_text({**result, "what_if": []})
    assert "\n  - No change of one or two answers alters the advice.\n" in text
