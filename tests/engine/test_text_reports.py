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

from .strategies import base, doc, small_cto_shop

REPORTS = Path(__file__).parent / "reports"

PROFILES: dict[str, dict[str, Any]] = {
    # A dedicated CAIO under the CTO; the need is borderline (one notch of the CTO's load decides it).
    "northwind": base(),
    # All four conditions for the CTO to absorb the role, no CAIO signal.
    "small-cto-shop": small_cto_shop(),
    # All four conditions hold, so the CTO absorbs the role although the CTO is stretched.
    "absorbs-despite-a-signal": small_cto_shop(cto_stretched=True),
    # Not all four conditions, but no signal either: the CTO keeps the duties.
    "no-signal": base(cto_stretched=False),
    # Just below the 5,000 employees that put the CAIO under the CEO: the reporting line is borderline.
    "near-the-ceo-line": base(employees=4_900),
    # Beyond mid-market: the CAIO reports to the CEO.
    "large-company": base(employees=9_000),
    # AI is core and spending is over $5M: strategic, so to the CEO at mid-market size.
    "strategic-ai": base(ai_product_role="core_product", annual_ai_spend_usd=6_000_000),
    # Answers that cannot all be true: a compliance need with minimal exposure, spend with no AI in use.
    "answers-that-disagree": small_cto_shop(
        compliance_needs_executive=True, ai_product_role="none", annual_ai_spend_usd=1, ai_headcount=1
    ),
}


def _as_recorded(text: str, name: str) -> None:
    recorded = REPORTS / f"{name}.txt"
    if os.environ.get("CAIO_UPDATE_REPORTS") == "1":
        recorded.write_text(text, encoding="utf-8")
    assert text == recorded.read_text(encoding="utf-8")


@pytest.mark.parametrize("profile", PROFILES)
def test_the_text_report_reads_as_recorded(profile):
    _as_recorded(format_text(assess_document(doc(PROFILES[profile], name=f"Profile {profile}"))), profile)


def test_the_command_lines_help_reads_as_recorded(monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "100")  # argparse wraps to the terminal's width
    with pytest.raises(SystemExit) as done:
        cli.main(["--help"])
    assert done.value.code == 0
    _as_recorded(capsys.readouterr().out, "assess-help")


def test_every_recorded_report_belongs_to_a_test():
    assert sorted(p.stem for p in REPORTS.glob("*.txt")) == sorted([*PROFILES, "assess-help"])
