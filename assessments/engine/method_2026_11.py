"""Methodology 2026.11: criteria, weights, rules and texts taken from the article "CAIO vs CTO"."""

from __future__ import annotations

from .matrix_2026_11 import RACI, ROWS
from .method import (
    CAIO_REPORTS_TO_CEO as CEO,
)
from .method import (
    CAIO_REPORTS_TO_CTO as CTO,
)
from .method import (
    CTO_ONLY,
    Condition,
    Criterion,
    Definition,
    Method,
    Rule,
)

Q_OVERLAP = "The overlap creates friction if reporting lines aren't clear."
Q_BOUNDARIES = (
    "Successful organizations define boundaries early and create shared governance for contested areas "
    "like data platform investment."
)
Q_META = "Companies like Meta and Google have both roles reporting to the CEO."
Q_MID = (
    "Mid-market companies often have the CAIO report to the CTO initially, then move to a direct CEO "
    "report as AI becomes more strategic."
)
Q_SPLIT = "The CAIO owns AI outcomes and governance. The CTO owns the platforms those outcomes run on."
Q_CAIO_WHEN = "You probably need a dedicated CAIO when:"
Q_CTO_WHEN = "A CTO can absorb CAIO duties when:"

CRITERIA = (
    Criterion(
        "ai_spend_over_5m", "caio", Condition("annual_ai_spend_usd", "gt", 5_000_000), 10,
        "AI spending exceeds $5M a year", "more than $5,000,000 a year",
        "AI spending exceeds $5M annually.",
        "AI spend of {answer} a year is above the article's $5M line.",
        "AI spend of {answer} a year is not above the article's $5M line.",
    ),
    Criterion(
        "ai_headcount_over_20", "caio", Condition("ai_headcount", "gt", 20), 10,
        "More than 20 people work on AI", "more than 20 people",
        "You have more than 20 people working on AI-related projects.",
        "{answer} people work on AI-related projects, more than the article's 20.",
        "{answer} people work on AI-related projects, not more than the article's 20.",
    ),
    Criterion(
        "compliance_needs_executive", "caio", Condition("compliance_needs_executive", "true"), 10,
        "AI compliance needs dedicated executive attention", "yes",
        "AI regulatory compliance requires dedicated executive attention.",
        "AI regulatory compliance needs dedicated executive attention.",
        "AI regulatory compliance does not need dedicated executive attention.",
    ),
    Criterion(
        "cto_stretched", "caio", Condition("cto_stretched", "true"), 10,
        "The CTO is already stretched", "yes",
        "Your CTO is already stretched across infrastructure, security, and product engineering.",
        "The CTO is already stretched across infrastructure, security and product engineering.",
        "The CTO is not stretched, so has room to lead AI as well.",
    ),
    Criterion(
        "ai_core_to_product", "caio", Condition("ai_product_role", "in", ("core_product",)), 10,
        "AI is a core part of the product", "AI is core to the product",
        "AI is becoming a core part of your product, not just an internal tool.",
        "AI is a core part of the product (answer: {answer}).",
        "AI is not a core part of the product (answer: {answer}).",
    ),
    Criterion(
        "use_cases_1_to_2", "cto", Condition("ai_use_cases", "le", 2), -12.5,
        "AI is limited to 1-2 use cases", "at most 2 use cases",
        "AI projects are limited to 1-2 use cases.",
        "{answer} AI use cases is within the article's limit of 1-2.",
        "{answer} AI use cases is more than the article's 1-2.",
    ),
    Criterion(
        "under_500_employees", "cto", Condition("employees", "lt", 500), -12.5,
        "Fewer than 500 employees", "fewer than 500 employees",
        "The company has fewer than 500 employees.",
        "{answer} employees is fewer than the article's 500.",
        "{answer} employees is not fewer than the article's 500.",
    ),
    Criterion(
        "ai_internal_only", "cto", Condition("ai_product_role", "in", ("none", "internal_only")), -12.5,
        "AI is internal only, not part of the product", "AI not used, or internal tools only",
        "AI is used internally but isn't part of the product.",
        "AI is not part of the product (answer: {answer}).",
        "AI is part of the product (answer: {answer}).",
    ),
    Criterion(
        "minimal_regulatory_exposure", "cto", Condition("regulatory_exposure", "in", ("minimal",)), -12.5,
        "Regulatory exposure to AI-specific laws is minimal", "minimal",
        "Regulatory exposure to AI-specific laws is minimal.",
        "Regulatory exposure to AI-specific laws is minimal.",
        "Regulatory exposure to AI-specific laws is {answer}, not minimal.",
    ),
)  # fmt: skip

WEIGHTS_REASON = (
    "The article gives no weights, so every signal in a list counts the same, and the two lists balance: "
    "the five CAIO signals add 10 points each (50 in all) and the four CTO-sufficiency signals subtract 12.5 "
    "each (50 in all), so neither list wins by having more items. The score starts at a neutral 50."
)
MID_MARKET_REASON = (
    "The article's own small-company line is 500 employees; market segmentations put the enterprise segment "
    "at 1,000-5,000+ employees; we take the upper end so that the cautious mid-market advice (start under "
    "the CTO) applies to the wide middle."
)
STRATEGIC_REASON = (
    'The article says the CAIO moves to a CEO report "as AI becomes more strategic" and gives no test; '
    "being part of the product plus the article's own scale thresholds is the most direct reading."
)

RULES = (
    Rule("R1", "A dedicated CAIO is needed when the score is above 50",
         "caio_needed = score > 50.",
         "CAIO evidence then outweighs CTO-sufficiency evidence. Clear cases follow: all four CTO signals and "
         "no CAIO signal give 0 (CTO only); three or more CAIO signals with at most one CTO signal give 67.5 "
         "or more (CAIO).", (Q_CAIO_WHEN, Q_CTO_WHEN)),
    Rule("R2", "Otherwise the CTO absorbs CAIO duties", "not caio_needed -> cto_only.",
         "The article lists when one role is enough; at or below 50 that evidence at least balances.",
         (Q_CTO_WHEN,)),
    Rule("R3", "Strategic AI",
         "strategic = ai_core_to_product AND (ai_spend_over_5m OR ai_headcount_over_20).",
         "AI is core to what is sold and is a material investment. " + STRATEGIC_REASON, (Q_MID,)),
    Rule("R4", "Beyond mid-market", "beyond_mid_market = employees >= 5,000.", MID_MARKET_REASON,
         (Q_MID, "The company has fewer than 500 employees.")),
    Rule("R5", "Reporting line of the CAIO",
         "caio_needed AND strategic AND (beyond_mid_market OR all five CAIO signals met) -> caio_reports_to_ceo; "
         "otherwise caio_needed -> caio_reports_to_cto.",
         "Large companies where AI is strategic put both roles under the CEO; mid-market companies start the "
         "CAIO under the CTO and move the report as AI becomes more strategic.", (Q_META, Q_MID)),
)  # fmt: skip

DEFINITIONS = (
    Definition("strategic AI", "AI is core to the product and either AI spend exceeds $5M a year or more than "
               "20 people work on AI.", STRATEGIC_REASON, (Q_MID,)),
    Definition("beyond mid-market", "5,000 employees or more.", MID_MARKET_REASON, (Q_MID,)),
    Definition("borderline", "The score is within 10 points of 50, or one criterion away from the other "
               "reporting line.", "A single criterion flip moves the score by 10 or 12.5 points.", ()),
)  # fmt: skip

_LINE_STEP = (
    "Move the CAIO to a direct CEO report once AI is strategic (core to the product with more than $5M a "
    "year or more than 20 people on AI) and the company has grown beyond mid-market (5,000+ employees), or "
    f'all five CAIO signals hold. Article: "{Q_MID}"'
)

METHOD_2026_11 = Method(
    version="2026.11",
    summary=(
        "Nine signals from the article are scored against a neutral 50; above 50 a dedicated CAIO is "
        "needed, and where AI is strategic at large scale the CAIO reports to the CEO."
    ),
    weights_reason=WEIGHTS_REASON,
    criteria=CRITERIA,
    base_score=50,
    caio_threshold=50,
    borderline_margin=10,
    strategic_all=("ai_core_to_product",),
    strategic_any=("ai_spend_over_5m", "ai_headcount_over_20"),
    beyond_mid_market=Condition("employees", "ge", 5_000),
    rules=RULES,
    definitions=DEFINITIONS,
    matrix_rows=ROWS,
    roles={CTO_ONLY: ("CEO", "CTO"), CTO: ("CEO", "CTO", "CAIO"), CEO: ("CEO", "CTO", "CAIO")},
    legend={
        "R": "Responsible: does the work",
        "A": "Accountable: owns the outcome and signs off (exactly one per row)",
        "C": "Consulted: gives input before decisions are made",
        "I": "Informed: kept up to date on decisions",
    },
    raci=RACI,
    labels={
        CTO_ONLY: "CTO only: the CTO absorbs CAIO duties",
        CTO: "Dedicated CAIO reporting to the CTO",
        CEO: "CAIO and CTO both reporting to the CEO",
    },
    reporting_lines={
        CTO_ONLY: "No CAIO: the CTO reports to the CEO and leads AI strategy and governance as well as the platforms.",
        CTO: "The CAIO reports to the CTO, and the CTO reports to the CEO.",
        CEO: "The CAIO and the CTO both report directly to the CEO.",
    },
    headlines={
        CTO_ONLY: "Your CTO can absorb the CAIO duties for now, so no dedicated Chief AI Officer is needed "
        "(score {score} of 100{borderline}).",
        CTO: "Appoint a dedicated Chief AI Officer reporting to the CTO (score {score} of 100{borderline}).",
        CEO: "Appoint a dedicated Chief AI Officer, with the CAIO and the CTO both reporting to the CEO "
        "(score {score} of 100{borderline}).",
    },
    decision_texts={
        CTO_ONLY: "Score {score} is not above 50 ({caio} of 5 CAIO signals against {cto} of 4 CTO-sufficiency "
        "signals), so the CTO can absorb CAIO duties (rules R1, R2).",
        CTO: "Score {score} is above 50 ({caio} of 5 CAIO signals against {cto} of 4 CTO-sufficiency "
        "signals), so a dedicated CAIO is needed (R1); {line} (R5).",
        CEO: "Score {score} is above 50 ({caio} of 5 CAIO signals against {cto} of 4 CTO-sufficiency "
        "signals), so a dedicated CAIO is needed (R1); {line} (R5).",
    },
    line_texts={
        "not_strategic": "AI is not yet strategic (core to the product and at $5M+ or 20+ people), so the CAIO "
        "starts under the CTO",
        "mid_market": "AI is strategic but the company is mid-market (under 5,000 employees), so the CAIO "
        "starts under the CTO",
        "beyond": "AI is strategic and the company is beyond mid-market (5,000+ employees), so both report "
        "to the CEO",
        "all_signals": "AI is strategic and all five CAIO signals hold, so both report to the CEO",
    },
    rationale={
        CTO_ONLY: (
            f'A CTO can absorb CAIO duties when the article\'s conditions hold. Article: "{Q_CTO_WHEN}"',
        ),
        CTO: (f'Mid-market companies start the CAIO under the CTO. Article: "{Q_MID}"',),
        CEO: (f'Where AI is strategic at scale both roles report to the CEO. Article: "{Q_META}"',),
    },
    risks={
        CTO_ONLY: (
            "The CTO carries AI strategy and governance on top of infrastructure, security and product "
            "engineering; AI work can lose out to platform work.",
            f'Even without a CAIO, the overlap areas need a clear owner. Article: "{Q_OVERLAP}"',
        ),
        CTO: (
            f"The overlap areas (data, compute, talent, AI security) cause friction unless ownership is written "
            f'down. Article: "{Q_OVERLAP}"',
            "Under the CTO, AI outcomes can be ranked below platform priorities; review the reporting line.",
        ),
        CEO: (
            f"With two peers reporting to the CEO, the overlap areas are contested; the CEO must arbitrate. "
            f'Article: "{Q_OVERLAP}"',
        ),
    },
    next_steps={
        CTO_ONLY: (
            "Make the CTO explicitly accountable for AI strategy, model governance and AI ethics.",
            "Re-assess when any CAIO signal appears: AI spend above $5M a year, more than 20 people on AI, "
            f'compliance needing executive attention, or AI becoming core to the product. Article: "{Q_CAIO_WHEN}"',
        ),
        CTO: (
            f'Define boundaries early. Article: "{Q_SPLIT}"',
            f'Create shared governance for data platform investment. Article: "{Q_BOUNDARIES}"',
            _LINE_STEP,
        ),
        CEO: (
            f'Define boundaries early. Article: "{Q_SPLIT}"',
            f"Create shared governance for data platform investment, with the CEO as tie-breaker. Article: "
            f'"{Q_BOUNDARIES}"',
            f'Keep both roles reporting to the CEO. Article: "{Q_META}"',
        ),
    },
    borderline_risk="This is a borderline result: one changed answer could change it (see what-if).",
    interim_steps={
        "cto_only": "Name an AI lead reporting to the CTO and re-assess in six months.",
        "caio": "Start with an interim or fractional CAIO reporting to the CTO, with a review date in six months.",
        "reporting_line": "Keep the CAIO under the CTO for now, with a dated review (in six months) of moving "
        "the CAIO to a direct CEO report.",
    },
    answer_nouns={
        "employees": "the number of employees",
        "annual_ai_spend_usd": "annual AI spend",
        "ai_headcount": "the number of people working on AI",
        "ai_use_cases": "the number of AI use cases",
        "ai_product_role": "AI's part in the product",
        "regulatory_exposure": "exposure to AI-specific laws",
    },
    flag_changes={
        "compliance_needs_executive": (
            "AI compliance came to need dedicated executive attention",
            "AI compliance no longer needed dedicated executive attention",
        ),
        "cto_stretched": ("the CTO became stretched", "the CTO were no longer stretched"),
    },
)
