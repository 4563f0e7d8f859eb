"""CAIO Advisor's own guidance shown beside questions (never the article's words): kept short and labelled."""

from __future__ import annotations

import re
from typing import Any

_EU = re.compile(
    r"\b(eu|e\.u\.|european union|europe|eea|austria|belgium|bulgaria|croatia|cyprus|czechia|denmark|estonia|"
    r"finland|france|germany|greece|hungary|ireland|italy|latvia|lithuania|luxembourg|malta|netherlands|"
    r"poland|portugal|romania|slovakia|slovenia|spain|sweden|emea)\b",
    re.I,
)
_US = re.compile(
    r"\b(us|u\.s\.|usa|united states|america|north america|colorado|california|new york)\b", re.I
)

EU_NOTE = (
    "The EU AI Act applies to AI systems placed on the EU market or used in the EU. Its duties depend on the "
    "risk: uses such as hiring, credit scoring, education and medical devices count as high-risk and carry the "
    "heaviest duties. If you build or sell such systems, your exposure is likely moderate or high."
)
US_NOTE = (
    "The United States has no single federal AI law; some states have passed AI-specific laws (Colorado's AI "
    "Act, for example), and regulators apply existing consumer, employment and privacy rules to AI. Count "
    "exposure as high only where a law written for AI applies to what you build or sell."
)
GENERAL_NOTE = (
    "Check whether laws written for AI apply where you operate or sell, for example the EU AI Act if you "
    "serve customers in the EU. Laws that only touch AI in passing, such as general privacy rules, "
    "count as moderate at most."
)


def regulation_note(region: str) -> dict[str, Any]:
    """Short notes on AI-specific laws for the organisation's region, with the region they were chosen for: one
    note for each jurisdiction the region names (both for "EU and US"), so the heading names no region that its
    notes leave out."""
    region = (region or "").strip()
    texts = [note for pattern, note in ((_EU, EU_NOTE), (_US, US_NOTE)) if region and pattern.search(region)]
    return {"region": region, "texts": texts or [GENERAL_NOTE]}
