"""A plain-text report of a caio-result/1 dict, for the terminal and for e-mail."""

from __future__ import annotations

import textwrap
from typing import Any

WIDTH = 100


def _wrap(text: str, indent: str = "  ", bullet: str = "- ") -> list[str]:
    return textwrap.wrap(
        text, WIDTH, initial_indent=indent + bullet, subsequent_indent=indent + " " * len(bullet)
    )


def _section(title: str, items: list[str]) -> list[str]:
    lines = ["", title]
    for item in items:
        lines.extend(_wrap(item))
    return lines


def _matrix(matrix: dict[str, Any]) -> list[str]:
    roles = matrix["roles"]
    lines = ["", "Responsibility matrix"]
    lines.append(f"  {'':55}" + "".join(f"{role:>6}" for role in roles))
    for row in matrix["rows"]:
        title = row["title"] if len(row["title"]) <= 53 else row["title"][:50] + "..."
        mark = "*" if row["shared_governance"] else " "
        lines.append(f"  {mark}{title:54}" + "".join(f"{row['raci'][role] or '-':>6}" for role in roles))
    legend = "; ".join(f"{k} = {v}" for k, v in matrix["legend"].items())
    lines.extend(_wrap(f"* shared governance. {legend}", bullet=""))
    return lines


def format_text(result: dict[str, Any]) -> str:
    """Headline, score, borderline/interim step, criteria, reasons, matrix, what-if, risks, next steps."""
    lines = []
    org = result.get("organisation") or {}
    if org.get("name"):
        lines.append(f"CAIO Advisor: {org['name']}")
    lines.append(f"Recommendation: {result['recommendation_label']}")
    lines.extend(_wrap(result["headline"], indent="", bullet=""))
    lines.append(f"Score: {result['score']} of 100 (a dedicated CAIO is needed above 50)")
    lines.append(f"Reporting line: {result['reporting_line']}")
    if result["borderline"]:
        lines.append("Borderline: yes")
    if result["interim_step"]:
        lines.extend(_wrap(f"Interim step: {result['interim_step']}", indent="", bullet=""))
    lines.extend(["", "Criteria"])
    for c in result["criteria"]:
        status = "met" if c["met"] else "not met"
        side = "CAIO" if c["signal"] == "caio" else "CTO"
        lines.append(f"  [{status:^7}] {side:4} {c['label']} ({c['contribution']:+g})")
        lines.extend(_wrap(c["explanation"], indent="            ", bullet=""))
    lines.extend(_section("Why", result["reasons"]))
    lines.extend(_matrix(result["matrix"]))
    changes = [f"{w['change']}: {w['recommendation_label']} (score {w['score']})" for w in result["what_if"]]
    lines.extend(
        _section("What if", changes or ["No single or paired change to the answers changes this result."])
    )
    lines.extend(_section("Risks", result["risks"]))
    lines.extend(_section("Next steps", result["next_steps"]))
    lines.extend(["", f"Methodology {result['methodology_version']}"])
    return "\n".join(lines) + "\n"
