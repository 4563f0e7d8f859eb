"""The sample organisations and their answers, in one place: the tests, the demo (seed_demo), the load test
(load/) and the benchmark (bench/) take them from here.

Each sample's current answers are an example document in examples/ (what the README runs through `assess`),
read with the engine's own loader, so an example that stops validating fails here. Northwind's earlier
assessments, for the demo's history, are the only answers written in this module. Treat them as read-only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assessments.engine import parse_document

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def example(name: str) -> dict[str, Any]:
    """The validated caio-assessment document examples/<name>.json: schema, organisation and answers."""
    return parse_document((EXAMPLES / f"{name}.json").read_bytes())


HARBOUR = example("harbour-analytics")  # the CTO can absorb the role
NORTHWIND = example("northwind")  # a dedicated CAIO, reporting to the CTO to start with
MERIDIAN = example("meridian-bank")  # a CAIO and a CTO both reporting to the CEO
ST_BRIGID = example("st-brigid-hospital")  # small and regulated

# Northwind a year and half a year before its current answers, as (days ago, answers): the demo's history.
NORTHWIND_EARLIER: tuple[tuple[int, dict[str, Any]], ...] = (
    (365, {
        "employees": 950, "annual_ai_spend_usd": 1_500_000, "ai_headcount": 8, "ai_use_cases": 2,
        "ai_product_role": "internal_only", "regulatory_exposure": "minimal",
        "compliance_needs_executive": False, "cto_stretched": False,
    }),
    (180, {
        "employees": 1_100, "annual_ai_spend_usd": 2_000_000, "ai_headcount": 10, "ai_use_cases": 3,
        "ai_product_role": "product_feature", "regulatory_exposure": "moderate",
        "compliance_needs_executive": False, "cto_stretched": True,
    }),
)  # fmt: skip
