"""CAIO Advisor's own guidance shown beside questions (never the article's words): kept short and labelled."""

from __future__ import annotations

import re

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


def regulation_note(region: str) -> dict[str, str]:
    """A short note on AI-specific laws for the organisation's region, with the region it was chosen for."""
    region = (region or "").strip()
    if region and _EU.search(region):
        return {"region": region, "text": EU_NOTE}
    if region and _US.search(region):
        return {"region": region, "text": US_NOTE}
    return {"region": region, "text": GENERAL_NOTE}
