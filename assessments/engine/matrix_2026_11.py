"""Methodology 2026.11: the responsibility matrix rows (article bullets) and RACI letters per recommendation."""

from __future__ import annotations

from .method import CAIO_REPORTS_TO_CEO as CEO
from .method import CAIO_REPORTS_TO_CTO as CTO
from .method import CTO_ONLY, MatrixRow

ROWS = (
    MatrixRow("tech_infrastructure", "Technology infrastructure and architecture decisions", "cto",
              "Technology infrastructure and architecture decisions."),
    MatrixRow("engineering_leadership", "Engineering team leadership and technical hiring", "cto",
              "Engineering team leadership and technical hiring."),
    MatrixRow("reliability_security", "System reliability, security, and scalability", "cto",
              "System reliability, security, and scalability."),
    MatrixRow("tech_debt", "Technical debt management and platform modernization", "cto",
              "Technical debt management and platform modernization."),
    MatrixRow("build_vs_buy", "Build vs. buy decisions for all technology, not just AI", "cto",
              "Build vs. buy decisions for all technology, not just AI."),
    MatrixRow("ai_strategy", "AI-specific strategy tied to business outcomes", "caio",
              "AI-specific strategy tied to business outcomes."),
    MatrixRow("model_governance", "Model governance, bias monitoring, and compliance with AI regulations", "caio",
              "Model governance, bias monitoring, and compliance with AI regulations."),
    MatrixRow("ai_vendors", "AI vendor evaluation and partnership management", "caio",
              "AI vendor evaluation and partnership management."),
    MatrixRow("ai_adoption", "Cross-departmental AI adoption and change management", "caio",
              "Cross-departmental AI adoption and change management."),
    MatrixRow("ai_ethics", "AI ethics policy and responsible deployment frameworks", "caio",
              "AI ethics policy and responsible deployment frameworks."),
    MatrixRow("data_infrastructure", "Data infrastructure quality", "overlap",
              "Data infrastructure quality (the CAIO needs it, the CTO builds it)."),
    MatrixRow("cloud_compute", "Cloud and compute resource allocation", "overlap",
              "Cloud and compute resource allocation."),
    MatrixRow("talent_pipelines", "Technical talent pipelines", "overlap", "Technical talent pipelines."),
    MatrixRow("ai_security", "Security considerations for AI models and data", "overlap",
              "Security considerations for AI models and data."),
)  # fmt: skip

_CTO_ROWS = (
    "tech_infrastructure",
    "engineering_leadership",
    "reliability_security",
    "tech_debt",
    "build_vs_buy",
)
_CAIO_ROWS = ("ai_strategy", "model_governance", "ai_vendors", "ai_adoption", "ai_ethics")
_OVERLAP_ROWS = ("data_infrastructure", "cloud_compute", "talent_pipelines", "ai_security")


def _raci_with_caio(ceo_line: bool) -> dict[str, tuple[str, ...]]:
    # Letters in role order CEO, CTO, CAIO. Under a CEO report the CEO arbitrates the contested areas.
    table: dict[str, tuple[str, ...]] = {}
    for row in _CTO_ROWS:
        table[row] = ("I", "AR", "C" if row == "build_vs_buy" else "I")
    for row in _CAIO_ROWS:
        # The CEO is consulted on AI strategy and ethics whoever owns them, as under a CTO alone.
        table[row] = ("C" if row in ("ai_strategy", "ai_ethics") else "I", "C", "AR")
    for row in _OVERLAP_ROWS:
        table[row] = ("C" if ceo_line else "I", "AR", "R")
    return table


RACI: dict[str, dict[str, tuple[str, ...]]] = {
    # Without a CAIO the CTO is accountable for everything; the CEO is consulted on strategy and ethics.
    CTO_ONLY: {r.id: ("C" if r.id in ("ai_strategy", "ai_ethics") else "I", "AR") for r in ROWS},
    CTO: _raci_with_caio(ceo_line=False),
    CEO: _raci_with_caio(ceo_line=True),
}
