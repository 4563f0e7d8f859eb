"""Method 2026.12 (retired): its data and texts, kept so that the results it scored keep their words in every
language. It scores no more; method_2027_01.py shares its quotes and its matrix.

Article sentences are quoted verbatim (a test checks each one against the article). Anything the article
does not say is a Rule with source "method", shown to readers as CAIO Advisor's own rule with its reason.
"""

from __future__ import annotations

from .marks import N_, NP_, Q_
from .method import (
    ARTICLE,
    CAIO_REPORTS_TO_CEO,
    CAIO_REPORTS_TO_CTO,
    CTO_ONLY,
    METHOD,
    Advice,
    AnswerChange,
    Band,
    Condition,
    Criterion,
    MatrixRow,
    Method,
    Post,
    Rule,
    Structure,
)

Q_OVERLAP = Q_("The overlap creates friction if reporting lines aren't clear.")
Q_BOUNDARIES = Q_(
    "Successful organizations define boundaries early and create shared governance for contested areas "
    "like data platform investment."
)
Q_META = Q_("Companies like Meta and Google have both roles reporting to the CEO.")
Q_MID = Q_(
    "Mid-market companies often have the CAIO report to the CTO initially, then move to a direct CEO "
    "report as AI becomes more strategic."
)
Q_SPLIT = Q_("The CAIO owns AI outcomes and governance. The CTO owns the platforms those outcomes run on.")
Q_OWNERSHIP = Q_("The critical success factor is clear ownership.")
Q_CAIO_WHEN = Q_("You probably need a dedicated CAIO when:")
Q_CTO_WHEN = Q_("A CTO can absorb CAIO duties when:")
Q_SPEND = Q_("AI spending exceeds $5M annually.")
Q_HEADCOUNT = Q_("You have more than 20 people working on AI-related projects.")
Q_COMPLIANCE = Q_("AI regulatory compliance requires dedicated executive attention.")
Q_STRETCHED = Q_("Your CTO is already stretched across infrastructure, security, and product engineering.")
Q_CORE = Q_("AI is becoming a core part of your product, not just an internal tool.")
Q_USE_CASES = Q_("AI projects are limited to 1-2 use cases.")
Q_SMALL = Q_("The company has fewer than 500 employees.")
Q_INTERNAL = Q_("AI is used internally but isn't part of the product.")
Q_MINIMAL = Q_("Regulatory exposure to AI-specific laws is minimal.")
Q_DATA = Q_("Data infrastructure quality (the CAIO needs it, the CTO builds it).")

CORE_ROLES = ("becoming_core", "core_product")

CRITERIA = (
    Criterion(
        "ai_spend_over_5m", "caio", Condition("annual_ai_spend_usd", "gt", 5_000_000),
        N_("AI spending exceeds $5M a year"), N_("more than $5,000,000 a year"), Q_SPEND,
        N_("AI spend of {answer} a year is above the article's $5M line."),
        N_("AI spend of {answer} a year is not above the article's $5M line."),
    ),
    Criterion(
        "ai_headcount_over_20", "caio", Condition("ai_headcount", "gt", 20),
        N_("More than 20 people work on AI"), N_("more than 20 people"), Q_HEADCOUNT,
        N_("{answer} people work on AI-related projects, more than the article's 20."),
        NP_("{answer} person works on AI-related projects, not more than the article's 20.",
            "{answer} people work on AI-related projects, not more than the article's 20."),
    ),
    Criterion(
        "compliance_needs_executive", "caio", Condition("compliance_needs_executive", "true"),
        N_("AI compliance needs dedicated executive attention"), N_("yes"), Q_COMPLIANCE,
        N_("AI regulatory compliance needs dedicated executive attention."),
        N_("AI regulatory compliance does not need dedicated executive attention."),
    ),
    Criterion(
        "cto_stretched", "caio", Condition("cto_stretched", "true"),
        N_("The CTO is already stretched"), N_("yes"), Q_STRETCHED,
        N_("The CTO is already stretched across infrastructure, security and product engineering."),
        N_("The CTO is not stretched, so has room to lead AI as well."),
    ),
    Criterion(
        "ai_core_to_product", "caio", Condition("ai_product_role", "in", CORE_ROLES),
        N_("AI is a core part of the product, or becoming one"), N_("becoming core, or core"), Q_CORE,
        N_("AI is a core part of the product, or becoming one (answer: {answer})."),
        N_("AI is not a core part of the product, nor becoming one (answer: {answer})."),
    ),
    Criterion(
        "use_cases_1_to_2", "cto", Condition("ai_use_cases", "le", 2),
        N_("AI is limited to 1-2 use cases"), N_("at most 2 use cases"), Q_USE_CASES,
        NP_("{answer} AI use case is within the article's limit of 1-2.",
            "{answer} AI use cases is within the article's limit of 1-2."),
        N_("{answer} AI use cases is more than the article's 1-2."),
    ),
    Criterion(
        "under_500_employees", "cto", Condition("employees", "lt", 500),
        N_("Fewer than 500 employees"), N_("fewer than 500 employees"), Q_SMALL,
        NP_("{answer} employee is fewer than the article's 500.",
            "{answer} employees is fewer than the article's 500."),
        N_("{answer} employees is not fewer than the article's 500."),
    ),
    Criterion(
        "ai_internal_only", "cto", Condition("ai_product_role", "in", ("none", "internal_only")),
        N_("AI is internal only, not part of the product"), N_("AI not used, or internal tools only"), Q_INTERNAL,
        N_("AI is not part of the product (answer: {answer})."),
        N_("AI is part of the product (answer: {answer})."),
    ),
    Criterion(
        "minimal_regulatory_exposure", "cto", Condition("regulatory_exposure", "in", ("minimal",)),
        N_("Regulatory exposure to AI-specific laws is minimal"), N_("minimal"), Q_MINIMAL,
        N_("Regulatory exposure to AI-specific laws is minimal."),
        N_("Regulatory exposure to AI-specific laws is {answer}, not minimal."),
    ),
)  # fmt: skip

BANDS = (
    Band("small", N_("small (fewer than 500 employees)"), 1, ARTICLE, Q_SMALL),
    Band("mid_market", N_("mid-market (500 to 4,999 employees)"), 500, METHOD, Q_MID),
    Band("large", N_("beyond mid-market (5,000 employees or more)"), 5_000, METHOD, Q_META),
)

MID_MARKET_REASON = N_(
    "The article names mid-market companies and companies like Meta and Google but gives no sizes. Its own "
    "small-company line is 500 employees, so mid-market starts there; market segmentations put the enterprise "
    "segment at 1,000 to 5,000 employees and more, and CAIO Advisor takes the upper end, 5,000, so that a "
    "company is only treated like Meta and Google once it is clearly large."
)

RULES = (
    Rule("absorb", N_("When the CTO can absorb the CAIO duties"),
         N_("The CTO can absorb the CAIO duties while all four of the article's conditions hold: AI limited to 1-2 "
         "use cases, fewer than 500 employees, AI used internally but not in the product, and minimal exposure "
         "to AI-specific laws."),
         N_("The article lists the four conditions together under one heading and does not say that one of them "
         "is enough, so CAIO Advisor reads the list as a whole: the CTO can absorb the role while the list "
         "describes the organisation."), METHOD, (Q_CTO_WHEN,)),
    Rule("contradiction", N_("A compliance need means exposure is not minimal"),
         N_("If AI compliance needs dedicated executive attention, regulatory exposure is not counted as minimal, "
         "whatever the exposure answer says."),
         N_("Both answers cannot be true of one organisation. Counting the compliance need means a regulatory need "
         "is never outvoted; the result lists the two answers as disagreeing so the team can correct them."),
         METHOD, (Q_COMPLIANCE, Q_MINIMAL)),
    Rule("signals", N_("When you probably need a dedicated CAIO"),
         N_("When the four conditions do not all hold and at least one of the article's five CAIO signals holds, "
         "you probably need a dedicated CAIO."),
         N_("The article gives the five signals without weights and says you probably need a CAIO when they hold, "
         "so one signal is enough once the CTO can no longer absorb the role. No count of other answers outvotes "
         "a signal: company size does not cancel a regulatory need."), METHOD, (Q_CAIO_WHEN,)),
    Rule("no_signal", N_("No signal, no CAIO"),
         N_("When none of the five CAIO signals holds, the CTO keeps the AI duties, even if not all four conditions "
         "hold."),
         N_("Nothing in the article calls for a dedicated CAIO without one of its signals."), METHOD, (Q_CAIO_WHEN,)),
    Rule("bands", N_("Small, mid-market and large"),
         N_("Small: fewer than 500 employees (the article's own line). Mid-market: 500 to 4,999 employees. Beyond "
         "mid-market (large): 5,000 employees or more."), MID_MARKET_REASON, METHOD, (Q_SMALL, Q_MID, Q_META)),
    Rule("strategic", N_("When AI is strategic"),
         N_("AI is strategic when it is a core part of the product, or becoming one, and either AI spend exceeds $5M "
         "a year or more than 20 people work on AI."),
         N_("The article moves the CAIO to the CEO \"as AI becomes more strategic\" and gives no test. AI that is "
         "central to what customers buy and funded at the article's own scale lines is the most direct reading."),
         METHOD, (Q_MID,)),
    Rule("line_large", N_("Large companies: both roles report to the CEO"),
         N_("Beyond mid-market, a dedicated CAIO and the CTO both report to the CEO."),
         N_("The article's example of large companies is Meta and Google, which have both roles reporting to the "
         "CEO."), ARTICLE, (Q_META,)),
    Rule("line_mid", N_("Mid-market companies: start under the CTO, move as AI becomes strategic"),
         N_("In a mid-market company the CAIO starts under the CTO and reports to the CEO once AI is strategic."),
         N_("This is the article's sentence, with 'strategic' as defined above."), ARTICLE, (Q_MID,)),
    Rule("line_small", N_("Small companies follow the mid-market pattern"),
         N_("A company under 500 employees that needs a dedicated CAIO is advised like a mid-market company."),
         N_("The article gives no reporting line for small companies; the mid-market pattern is the closest it "
         "describes, and starting under the CTO keeps a small leadership team flat."), METHOD, (Q_MID,)),
    Rule("near", N_("Near a line"),
         # xgettext:no-python-format (the % is a percentage, not a placeholder)
         N_("An answer is near a line when the nearest value across it is within 10% of the line, or one unit for "
         "small counts: 450 to 549 employees for the 500 line, $4.5M to $5.5M for the $5M line, 18 to 22 people "
         "for the 20 line, 2 or 3 use cases for the 1-2 line."),
         N_("Headcount and spend are usually estimated to about a tenth; a verdict that a difference of that size "
         "would change is not one to rely on without checking."), METHOD),
    Rule("confidence", N_("Clear or borderline"),
         N_("Each verdict is borderline when one answer moved one notch would change it: a yes/no answer reversed, "
         "a choice moved to the neighbouring option, or a number near a line moved across it. Otherwise it is "
         "clear. Changes that would make the answers disagree with each other are not counted."),
         N_("A reader needs to know how much the advice rests on any one answer. Counting one notch, not any "
         "change, keeps 'borderline' rare enough to mean something."), METHOD),
    Rule("tipping", N_("Tipping points"),
         N_("For each verdict, the smallest set of answer changes that would alter it, each answer moved only as "
         "far as needed; two changes that lead to the same advice through the same tests are shown once."),
         N_("It tells the team how far the advice is from changing and what would change it."), METHOD),
    Rule("plausibility", N_("Answers that disagree"),
         N_("Answers that cannot all be true are listed as disagreeing: minimal regulatory exposure with a "
         "compliance need that requires an executive; AI not used with AI spend, AI staff or AI use cases. "
         "More people on AI than employees is refused."),
         N_("A result scored from answers that contradict each other would look more certain than it is."), METHOD),
    Rule("interim", N_("Interim steps"),
         N_("A borderline verdict comes with an interim step for the structure the headline advises: an AI lead "
         "under the CTO, an interim or fractional CAIO, or a dated review of the reporting line."),
         N_("The article gives no interim steps. A borderline verdict is a reason to start small and look again, "
         "not to change the structure the headline gives."), METHOD),
    Rule("review", N_("Six-month review"),
         N_("Interim steps and re-assessments are dated six months out."),
         N_("Six months is long enough for AI spend, staffing and regulation to move, and short enough to catch a "
         "change before the structure falls behind it."), METHOD),
    Rule("forum", N_("The shared forum"),
         N_("The four overlap areas are governed by an AI and data platform council where the CTO and the CAIO both "
         "sit, meeting monthly."),
         N_("The article asks for shared governance of contested areas like data platform investment and names no "
         "forum; one named forum for the four overlap areas gives that governance a place and a membership."),
         METHOD, (Q_BOUNDARIES,)),
    Rule("tie_breaker", N_("Who breaks ties"),
         N_("Ties in the shared forum are broken by the person both roles report to: the CEO when both report to "
         "the CEO, the CTO when the CAIO reports to the CTO. The matrix makes that person accountable (A) for "
         "the overlap areas."),
         N_("The article does not name a tie-breaker; the common manager is the one who can settle a dispute "
         "without escalating it."), METHOD, (Q_OVERLAP,)),
    Rule("raci", N_("The responsibility letters"),
         N_("The rows of the matrix are the article's lists; the R, A, C and I letters are CAIO Advisor's reading "
         "of them, with exactly one A per row. On the overlap rows the CTO builds (R) and the CAIO needs (C), in "
         "the article's words for data infrastructure."),
         N_("The article says who owns what but gives no letters; one A per row is what makes ownership clear."),
         METHOD, (Q_DATA, Q_SPLIT)),
    Rule("risks", N_("Risks the method adds"),
         N_("Some risks are CAIO Advisor's own observations about a structure, such as platform work crowding out "
         "AI under a CTO."), N_("The article names the friction of overlap; the other risks follow from the "
         "structure it describes and are labelled as the method's."), METHOD),
)  # fmt: skip

FORUM_NAME = N_("AI and data platform council")
FORUM_DECIDES = N_(
    "Data platform investment and the other overlap areas: data infrastructure quality, cloud and compute "
    "allocation, technical talent pipelines, and security for AI models and data."
)


def _forum(tie_breaker: str) -> dict[str, object]:
    return {
        "name": FORUM_NAME,
        "members": ["CTO", "CAIO"],
        "decides": FORUM_DECIDES,
        "tie_breaker": tie_breaker,
        "meets": N_("monthly"),
        "source": METHOD,
        "quote": Q_BOUNDARIES,
        "rule": "forum",
    }


ADVICE = {
    # How the need verdict was reached.
    "need_absorb": Advice(N_("All four of the article's conditions for the CTO to absorb the CAIO duties hold, "
                           "so one role is enough."), METHOD, Q_CTO_WHEN, "absorb"),
    "need_absorb_despite": Advice(N_("All four of the article's conditions for the CTO to absorb the CAIO duties "
                                   "hold, so one role is enough, even though some of the article's CAIO signals "
                                   "hold as well."), METHOD, Q_CTO_WHEN, "absorb"),
    "need_signals": Advice(N_("Not all four of the article's conditions for the CTO to absorb the CAIO duties "
                            "hold, and at least one of its CAIO signals does, so you probably need a dedicated "
                            "CAIO."), METHOD, Q_CAIO_WHEN, "signals"),
    "need_no_signal": Advice(N_("None of the article's five CAIO signals holds, so nothing calls for a dedicated "
                              "CAIO, although not all four conditions for the CTO to absorb the role hold."),
                              METHOD, Q_CAIO_WHEN, "no_signal"),
    "no_signal_side": Advice(N_("None of the article's five CAIO signals holds."), ARTICLE, Q_CAIO_WHEN),
    "no_absorb_side": Advice(N_("None of the article's four conditions for the CTO to absorb the role holds."),
                              ARTICLE, Q_CTO_WHEN),
    "contradicted": Advice(N_("Regulatory exposure is answered as minimal, but AI compliance needs dedicated "
                            "executive attention, so exposure is not counted as minimal."), METHOD, Q_MINIMAL,
                            "contradiction"),
    # How the reporting line was reached.
    "line_large": Advice(N_("Large companies like Meta and Google have both roles reporting to the CEO."), ARTICLE,
                         Q_META, "line_large"),
    "band_large": Advice(N_("The company counts as beyond mid-market: 5,000 employees or more."), METHOD, "", "bands"),
    "line_strategic": Advice(N_("Mid-market companies move the CAIO to a direct CEO report as AI becomes more "
                             "strategic, and AI is strategic here."), ARTICLE, Q_MID, "line_mid"),
    "strategic_yes": Advice(N_("AI counts as strategic: it is a core part of the product, or becoming one, with more "
                            "than $5M a year or more than 20 people on AI."), METHOD, "", "strategic"),
    "line_start": Advice(N_("Mid-market companies start the CAIO under the CTO and move it to the CEO as AI becomes "
                         "more strategic; AI is not yet strategic here."), ARTICLE, Q_MID, "line_mid"),
    "strategic_no": Advice(N_("AI does not yet count as strategic: that takes AI being a core part of the product, or "
                           "becoming one, with more than $5M a year or more than 20 people on AI."), METHOD, "",
                           "strategic"),
    "line_small": Advice(N_("Companies under 500 employees are advised like mid-market companies."), METHOD, "",
                         "line_small"),
    # Risks.
    CTO_ONLY: Advice(N_("The CTO carries AI strategy and governance on top of infrastructure, security and "
                      "product engineering; AI work can lose out to platform work."), METHOD, "", "risks"),
    "risk_stretched": Advice(N_("The CTO is already stretched across infrastructure, security and product "
                              "engineering, which the article counts as a reason for a dedicated CAIO: watch "
                              "that load."), ARTICLE, Q_STRETCHED),
    "risk_overlap": Advice(N_("The four overlap areas (data infrastructure, cloud and compute, talent pipelines and "
                            "AI security) create friction unless reporting lines are clear."), ARTICLE,
                            Q_OVERLAP),
    CAIO_REPORTS_TO_CTO: Advice(N_("Under the CTO, AI outcomes can be ranked below platform priorities."), METHOD,
                                 "", "risks"),
    CAIO_REPORTS_TO_CEO: Advice(N_("With two peers reporting to the CEO, the overlap areas are contested; the CEO "
                                 "breaks ties in the AI and data platform council."), METHOD, Q_OVERLAP,
                                 "tie_breaker"),
    "risk_need_borderline": Advice(N_("Whether you need a dedicated CAIO is borderline: one answer moved one notch "
                                    "would change it (see the tipping points)."), METHOD, "", "confidence"),
    "risk_line_borderline": Advice(N_("The reporting line is borderline: one answer moved one notch would change it "
                                    "(see the tipping points)."), METHOD, "", "confidence"),
    "risk_disagree": Advice(N_("Some answers disagree with each other (listed with the answers); check them "
                             "before relying on this advice."), METHOD, "", "plausibility"),
    # Next steps.
    "step_cto_owns": Advice(N_("Make the CTO explicitly accountable for AI strategy, model governance and AI ethics "
                             "as well as the platforms they run on."), ARTICLE, Q_CTO_WHEN),
    "step_reassess_conditions": Advice(N_("Re-assess as soon as one of the four conditions stops holding: more than "
                                        "2 AI use cases, 500 employees or more, AI in the product, or more than "
                                        "minimal exposure to AI-specific laws."), METHOD, Q_CTO_WHEN, "review"),
    "step_reassess_signals": Advice(N_("Re-assess as soon as one of the article's CAIO signals appears: AI spend "
                                     "above $5M a year, more than 20 people on AI, AI compliance needing "
                                     "dedicated executive attention, a stretched CTO, or AI becoming a core part "
                                     "of the product."), METHOD, Q_CAIO_WHEN, "review"),
    "step_boundaries": Advice(N_("Define the boundaries early and write them down: the CAIO owns AI outcomes and "
                               "governance; the CTO owns the platforms those outcomes run on."), ARTICLE,
                               Q_SPLIT),
    "step_forum_cto": Advice(N_("Create shared governance for the contested areas, starting with data platform "
                              "investment: an AI and data platform council where the CTO and the CAIO both sit "
                              "and the CTO breaks ties."), METHOD, Q_BOUNDARIES, "forum"),
    "step_forum_ceo": Advice(N_("Create shared governance for the contested areas, starting with data platform "
                              "investment: an AI and data platform council where the CTO and the CAIO both sit "
                              "and the CEO breaks ties."), METHOD, Q_BOUNDARIES, "forum"),
    "step_move_later": Advice(N_("Start the CAIO under the CTO, and move the CAIO to a direct CEO report as AI "
                               "becomes strategic or the company grows beyond mid-market."), ARTICLE, Q_MID),
    "step_ceo_large": Advice(N_("Have the CAIO and the CTO both report to the CEO, as large companies do."),
                              ARTICLE, Q_META),
    "step_ceo_strategic": Advice(N_("Have the CAIO report directly to the CEO, alongside the CTO, since AI is "
                                  "already strategic here."), ARTICLE, Q_MID),
    # Interim steps (one at most, for the structure the headline gives).
    "interim_cto_only": Advice(N_("Name an AI lead who reports to the CTO, and re-assess in six months."), METHOD,
                                "", "interim"),
    "interim_caio_cto": Advice(N_("Start with an interim or fractional CAIO reporting to the CTO, and decide "
                                "within six months whether the role needs a permanent hire."), METHOD, "",
                                "interim"),
    "interim_caio_ceo": Advice(N_("Start with an interim or fractional CAIO reporting to the CEO, and decide "
                                "within six months whether the role needs a permanent hire."), METHOD, "",
                                "interim"),
    "interim_line_cto": Advice(N_("Appoint the CAIO under the CTO, and set a date six months out to review the "
                                "reporting line."), METHOD, "", "interim"),
    "interim_line_ceo": Advice(N_("Have the CAIO report to the CEO from the start, and set a date six months out to "
                                "review the reporting line."), METHOD, "", "interim"),
}  # fmt: skip

TEXTS = {
    "need_question": N_("Do you need a dedicated CAIO?"),
    # Before an absorb condition that holds under a CAIO verdict: it argues the other way.
    "other_side": N_("On the other side (a condition for the CTO to absorb the role): {condition}"),
    "line_question": N_("Where should the CAIO report?"),
    "need_caio": N_("Yes, probably: a dedicated CAIO"),
    "need_cto": N_("No: the CTO can absorb the CAIO duties"),
    "line_cto": N_("To the CTO, to start with"),
    "line_ceo": N_("To the CEO, alongside the CTO"),
    "clear": N_("Clear"),
    "borderline": N_("Borderline"),
    "clear_reason": N_("No single answer moved one notch would change this verdict."),
    "borderline_reason": N_("One answer moved one notch would change this verdict, for example if {change}."),
    # One tipping point: "If" and the changes, each a clause of answer_changes or flag_changes.
    "if_changes": N_("If {change}"),
    "and": N_("{first} and {second}"),
    "balance": N_(
        "CAIO signals that hold: {signals} of 5. Conditions for the CTO to absorb the role that hold: "
        "{conditions} of 4."
    ),
    "tipping_need": N_("Whether you need a dedicated CAIO"),
    "tipping_line": N_("Where the CAIO reports"),
    "no_tipping": N_("No change to the answers alters this verdict."),
    "disagree_compliance": N_(
        "Regulatory exposure is answered as minimal, yet complying with AI regulation needs "
        "an executive's dedicated attention."
    ),
    "disagree_unused": N_("AI is answered as not used, yet {what}."),
    "unused_spend": N_("the company spends {value} a year on AI"),
    "unused_headcount": NP_("{value} person works on AI", "{value} people work on AI"),
    "unused_use_cases": NP_(
        "{value} AI use case is live or being built", "{value} AI use cases are live or being built"
    ),
}

MATRIX_ROWS = (
    MatrixRow("tech_infrastructure", N_("Technology infrastructure and architecture decisions"), "cto",
              Q_("Technology infrastructure and architecture decisions.")),
    MatrixRow("engineering_leadership", N_("Engineering team leadership and technical hiring"), "cto",
              Q_("Engineering team leadership and technical hiring.")),
    MatrixRow("reliability_security", N_("System reliability, security, and scalability"), "cto",
              Q_("System reliability, security, and scalability.")),
    MatrixRow("tech_debt", N_("Technical debt management and platform modernization"), "cto",
              Q_("Technical debt management and platform modernization.")),
    MatrixRow("build_vs_buy", N_("Build vs. buy decisions for all technology, not just AI"), "cto",
              Q_("Build vs. buy decisions for all technology, not just AI.")),
    MatrixRow("ai_strategy", N_("AI-specific strategy tied to business outcomes"), "caio",
              Q_("AI-specific strategy tied to business outcomes.")),
    MatrixRow("model_governance", N_("Model governance, bias monitoring, and compliance with AI regulations"), "caio",
              Q_("Model governance, bias monitoring, and compliance with AI regulations.")),
    MatrixRow("ai_vendors", N_("AI vendor evaluation and partnership management"), "caio",
              Q_("AI vendor evaluation and partnership management.")),
    MatrixRow("ai_adoption", N_("Cross-departmental AI adoption and change management"), "caio",
              Q_("Cross-departmental AI adoption and change management.")),
    MatrixRow("ai_ethics", N_("AI ethics policy and responsible deployment frameworks"), "caio",
              Q_("AI ethics policy and responsible deployment frameworks.")),
    MatrixRow("data_infrastructure", N_("Data infrastructure quality"), "overlap", Q_DATA),
    MatrixRow("cloud_compute", N_("Cloud and compute resource allocation"), "overlap",
              Q_("Cloud and compute resource allocation.")),
    MatrixRow("talent_pipelines", N_("Technical talent pipelines"), "overlap", Q_("Technical talent pipelines.")),
    MatrixRow("ai_security", N_("Security considerations for AI models and data"), "overlap",
              Q_("Security considerations for AI models and data.")),
)  # fmt: skip

# How each answer's change is said in a tipping point (yes/no answers: flag_changes below). Whole clauses,
# as they follow "if": "If the number of employees rose from 480 to 500".
ANSWER_CHANGES = {
    "employees": AnswerChange(
        N_("the number of employees rose from {old} to {new}"),
        N_("the number of employees fell from {old} to {new}"),
    ),
    "annual_ai_spend_usd": AnswerChange(
        N_("annual AI spend rose from {old} to {new}"),
        N_("annual AI spend fell from {old} to {new}"),
        rose_past=N_("annual AI spend rose from {old} to more than {new}"),
    ),
    "ai_headcount": AnswerChange(
        N_("the number of people working on AI rose from {old} to {new}"),
        N_("the number of people working on AI fell from {old} to {new}"),
        rose_past=N_("the number of people working on AI rose from {old} to more than {new}"),
    ),
    "ai_use_cases": AnswerChange(
        N_("the number of AI use cases rose from {old} to {new}"),
        N_("the number of AI use cases fell from {old} to {new}"),
    ),
    "ai_product_role": AnswerChange(
        "", "", changed=N_("AI's part in the product changed from '{old}' to '{new}'")
    ),
    "regulatory_exposure": AnswerChange(
        "", "", changed=N_("exposure to AI-specific laws changed from '{old}' to '{new}'")
    ),
}

_CEO_CONSULTED = (
    "ai_strategy",
    "ai_ethics",
)  # the CEO is consulted on AI strategy and ethics in every structure


def _raci(recommendation: str) -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for row in MATRIX_ROWS:
        ceo = "C" if row.id in _CEO_CONSULTED else "I"
        if recommendation == CTO_ONLY:
            table[row.id] = (ceo, "AR")  # CEO, CTO: the CTO holds every duty
        elif row.area == "cto":
            table[row.id] = (ceo, "AR", "C" if row.id == "build_vs_buy" else "I")  # CEO, CTO, CAIO
        elif row.area == "caio":
            table[row.id] = (ceo, "C", "AR")
        elif recommendation == CAIO_REPORTS_TO_CEO:
            table[row.id] = ("A", "R", "C")  # the CTO builds, the CAIO needs, the CEO breaks ties
        else:
            table[row.id] = ("I", "AR", "C")  # the CTO builds and, as the CAIO's manager, breaks ties
    return table


METHOD_2026_12 = Method(
    version="2026.12",
    summary=(
        N_(
            "The article's nine tests decide two things in turn. Whether you need a dedicated CAIO: the CTO can "
            "absorb the role while all four of the article's conditions hold; otherwise any one of its five CAIO "
            "signals means you probably need one. Where the CAIO reports: to the CEO in a large company or once AI "
            "is strategic, to the CTO to start with otherwise."
        )
    ),
    criteria=CRITERIA,
    bands=BANDS,
    margin=0.1,
    rules=RULES,
    texts=TEXTS,
    labels={
        CTO_ONLY: N_("CTO only: the CTO absorbs the CAIO duties"),
        CAIO_REPORTS_TO_CTO: N_("Dedicated CAIO reporting to the CTO"),
        CAIO_REPORTS_TO_CEO: N_("CAIO and CTO both reporting to the CEO"),
    },
    headlines={
        CTO_ONLY: N_(
            "Your CTO can absorb the CAIO duties: you probably do not need a dedicated Chief AI Officer yet."
        ),
        CAIO_REPORTS_TO_CTO: N_(
            "You probably need a dedicated Chief AI Officer, reporting to the CTO to start with."
        ),
        CAIO_REPORTS_TO_CEO: N_(
            "You probably need a dedicated Chief AI Officer, with the CAIO and the CTO both "
            "reporting to the CEO."
        ),
    },
    reporting_lines={
        CTO_ONLY: N_(
            "No CAIO: the CTO reports to the CEO and leads AI strategy and governance as well as the platforms."
        ),
        CAIO_REPORTS_TO_CTO: N_("The CAIO reports to the CTO, and the CTO reports to the CEO."),
        CAIO_REPORTS_TO_CEO: N_("The CAIO and the CTO both report directly to the CEO."),
    },
    structures={
        CTO_ONLY: Structure(
            (Post("CEO"), Post("CTO", "CEO", note=N_("also holds AI duties"))),
            N_("The CTO reports to the CEO and also holds the AI duties; there is no separate CAIO."),
        ),
        CAIO_REPORTS_TO_CTO: Structure(
            (Post("CEO"), Post("CTO", "CEO"), Post("CAIO", "CTO", new=True)),
            N_("The CTO reports to the CEO; the CAIO reports to the CTO."),
        ),
        CAIO_REPORTS_TO_CEO: Structure(
            (Post("CEO"), Post("CTO", "CEO"), Post("CAIO", "CEO", new=True)),
            N_("The CTO and the CAIO both report directly to the CEO."),
        ),
    },
    advice=ADVICE,
    matrix_rows=MATRIX_ROWS,
    roles={
        CTO_ONLY: ("CEO", "CTO"),
        CAIO_REPORTS_TO_CTO: ("CEO", "CTO", "CAIO"),
        CAIO_REPORTS_TO_CEO: ("CEO", "CTO", "CAIO"),
    },
    legend={
        "R": N_("Responsible: does the work"),
        "A": N_("Accountable: owns the outcome and signs off (exactly one per row)"),
        "C": N_("Consulted: gives input before decisions are made"),
        "I": N_("Informed: kept up to date on decisions"),
    },
    raci={rec: _raci(rec) for rec in (CTO_ONLY, CAIO_REPORTS_TO_CTO, CAIO_REPORTS_TO_CEO)},
    forum={CTO_ONLY: None, CAIO_REPORTS_TO_CTO: _forum("CTO"), CAIO_REPORTS_TO_CEO: _forum("CEO")},
    answer_changes=ANSWER_CHANGES,
    flag_changes={
        "compliance_needs_executive": (
            N_("AI compliance came to need dedicated executive attention"),
            N_("AI compliance no longer needed dedicated executive attention"),
        ),
        "cto_stretched": (N_("the CTO became stretched"), N_("the CTO were no longer stretched")),
    },
    changes=(
        N_(
            "Two verdicts, each clear or borderline: whether you need a dedicated CAIO, and where it reports."
        ),
        N_(
            "The 0-100 score and its weights are gone: the need follows the article's two lists (all four conditions "
            "for the CTO to absorb the role, or any one CAIO signal), so company size cannot cancel a regulatory need."
        ),
        N_(
            "Companies beyond mid-market have both roles report to the CEO, as the article's Meta and Google do; "
            "mid-market companies move the CAIO to the CEO once AI is strategic, whatever the CTO's workload."
        ),
        N_('"AI is becoming a core part of the product" now counts as the article\'s signal.'),
        N_("Every advice item says whether it comes from the article or is CAIO Advisor's own rule."),
        N_("The matrix has the CTO build and the CAIO need the overlap areas, governed by a named council."),
        N_("Tipping points show the smallest set of changes that would alter each verdict."),
    ),
)
