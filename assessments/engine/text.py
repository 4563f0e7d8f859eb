"""A plain-text report of a caio-result/2 dict, for the terminal and for e-mail."""

from __future__ import annotations

import textwrap
from typing import Any

WIDTH = 100
METHOD_MARK = "[CAIO Advisor's rule, not from the article]"


def _wrap(text: str, indent: str = "  ", bullet: str = "- ") -> list[str]:
    return textwrap.wrap(
        text, WIDTH, initial_indent=indent + bullet, subsequent_indent=indent + " " * len(bullet)
    )


def _item(item: dict[str, str], indent: str = "  ", bullet: str = "- ") -> list[str]:
    """An advice item with its source: the article's sentence, or the method's marker."""
    if item["source"] == "method":
        lines = _wrap(f"{item['text']} {METHOD_MARK}", indent, bullet)
    else:
        lines = _wrap(item["text"], indent, bullet)
    if item.get("quote"):
        lines += _wrap(f'Article: "{item["quote"]}"', indent + " " * len(bullet), "")
    return lines


def _section(title: str, items: list[dict[str, str]]) -> list[str]:
    lines = ["", title]
    for item in items:
        lines.extend(_item(item))
    return lines


def _verdict(v: dict[str, Any]) -> list[str]:
    lines = [f"{v['question']} {v['label']} ({v['confidence_label'].lower()})"]
    lines += _wrap(f"{v['confidence_reason']} {METHOD_MARK}")
    return lines


def _matrix(matrix: dict[str, Any]) -> list[str]:
    roles = matrix["roles"]
    lines = ["", f"Responsibility matrix {METHOD_MARK}"]
    lines.append(f"  {'':55}" + "".join(f"{role:>6}" for role in roles))
    for row in matrix["rows"]:
        title = row["title"] if len(row["title"]) <= 53 else row["title"][:50] + "..."
        mark = "*" if row["shared_governance"] else " "
        lines.append(f"  {mark}{title:54}" + "".join(f"{row['raci'][role] or '-':>6}" for role in roles))
    legend = "; ".join(f"{k} = {v}" for k, v in matrix["legend"].items())
    forum = matrix.get("forum")
    if forum:
        lines.extend(
            _wrap(
                f"* shared governance in the {forum['name']} ({', '.join(forum['members'])}; the "
                f"{forum['tie_breaker']} breaks ties; meets {forum['meets']}). {legend}",
                bullet="",
            )
        )
    else:
        lines.extend(_wrap(legend, bullet=""))
    return lines


def format_text(result: dict[str, Any]) -> str:
    """Headline, verdicts with confidence, the tests with the article's words, why, matrix, tipping points."""
    lines = []
    org = result.get("organisation") or {}
    if org.get("name"):
        lines.append(f"CAIO Advisor: {org['name']}")
    lines.append(f"Recommendation: {result['recommendation_label']}")
    lines.extend(_wrap(result["headline"], indent="", bullet=""))
    lines.append("")
    verdicts = result["verdicts"]
    lines.extend(_verdict(verdicts["need"]))
    if verdicts["reporting_line"]:
        lines.extend(_verdict(verdicts["reporting_line"]))
    lines.append(f"Reporting line: {result['reporting_line']}")
    lines.extend(_wrap(result["balance"]["text"], indent="", bullet=""))
    lines.append(f"Size: {result['size_band']['label']}")
    if result["interim_step"]:
        lines.append("")
        lines.extend(_item(result["interim_step"], indent="", bullet="Interim step: "))
    if result["answers_that_disagree"]:
        lines.extend(["", "Answers that disagree"])
        for d in result["answers_that_disagree"]:
            lines.extend(_wrap(d["text"]))
    lines.extend(["", "The article's nine tests"])
    for c in result["criteria"]:
        status = "holds" if c["counted"] else "holds, not counted" if c["met"] else "does not hold"
        side = "CAIO signal" if c["side"] == "caio" else "CTO can absorb"
        lines.append(f"  [{status}] {side}: {c['label']}")
        lines.extend(_wrap(c["explanation"], indent="      ", bullet=""))
        lines.extend(_wrap(f'Article: "{c["quote"]}"', indent="      ", bullet=""))
    lines.extend(_section("Why", result["reasons"]))
    lines.extend(_matrix(result["matrix"]))
    lines.extend(
        ["", f"Tipping points: the smallest set of changes that would alter the advice {METHOD_MARK}"]
    )
    for w in result["what_if"]:  # never empty: some answers always change whether a CAIO is needed
        lines.extend(_wrap(f"{w['change']}: {w['recommendation_label']}"))
    lines.extend(_section("Risks", result["risks"]))
    lines.extend(_section("Next steps", result["next_steps"]))
    lines.extend(["", f"Method {result['methodology_version']}"])
    return "\n".join(lines) + "\n"
