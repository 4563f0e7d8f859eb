"""Method 2027.01: the article's two lists read as it writes them, the rules CAIO Advisor adds where they do not
settle a question, and every text the advice uses.

The rule is `Method2027.decide` below; read it first. Article sentences are quoted verbatim (a test checks each
one against the article), and an advice item labelled "article" is the article's sentence and nothing more.
Everything the tool adds is labelled "method" and listed on the methodology page with its reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .marks import N_, NP_
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
    Decision,
    Method,
    Post,
    Rule,
    Structure,
)
from .method_2026_12 import (
    ANSWER_CHANGES as ANSWER_CHANGES_2026_12,
)
from .method_2026_12 import (
    CORE_ROLES,
    MATRIX_ROWS,
    Q_BOUNDARIES,
    Q_CAIO_WHEN,
    Q_COMPLIANCE,
    Q_CORE,
    Q_CTO_WHEN,
    Q_DATA,
    Q_HEADCOUNT,
    Q_INTERNAL,
    Q_META,
    Q_MID,
    Q_MINIMAL,
    Q_OVERLAP,
    Q_SMALL,
    Q_SPEND,
    Q_SPLIT,
    Q_STRETCHED,
    Q_USE_CASES,
    _forum,
    _raci,
)

MARGIN = 0.2  # a plausible estimate error: 20 % of each numeric answer
LARGE = 5_000  # employees: beyond mid-market, where size adds weight to AI (the tool's own line)
# Answers that disagree (rule "plausibility"): more than this much AI spend per employee, or use cases per employee.
MAX_SPEND_PER_EMPLOYEE = 1_000_000
MAX_USE_CASES_PER_EMPLOYEE = 10
# The answers to "provide or deploy AI systems the EU AI Act treats as high-risk" that mean yes.
HIGH_RISK_ROLES = ("provider", "deployer", "provider_and_deployer")

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
        N_("The CTO is not answered as stretched across infrastructure, security and product engineering."),
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

SCALE_SIGNALS = frozenset({"ai_spend_over_5m", "ai_headcount_over_20"})
CONTRADICTION = frozenset({"compliance_needs_executive", "minimal_regulatory_exposure"})
SIGNALS = tuple(c.id for c in CRITERIA if c.side == "caio")
CONDITIONS = tuple(c.id for c in CRITERIA if c.side == "cto")


class Method2027(Method):
    """Method 2027.01's rule."""

    def decide(self, answers: Mapping[str, Any], held: frozenset[str] | None = None) -> Decision:
        if held is None:
            held = self.held(answers)
        signals = tuple(s for s in SIGNALS if s in held)
        # A compliance need that requires an executive means exposure is not minimal (rule "contradiction").
        contradicted = ("minimal_regulatory_exposure",) if CONTRADICTION <= held else ()
        conditions = tuple(c for c in CONDITIONS if c in held and c not in contradicted)
        absorb = len(conditions) == 4
        scale = bool(SCALE_SIGNALS & held)
        # The need, in the four situations of the article's two lists (rule "situations").
        if signals and not absorb:
            situation, need, lean, basis = "signals", "caio", "caio", ARTICLE
        elif absorb and not signals:
            situation, need, lean, basis = "absorb", "cto", "cto", ARTICLE
        elif signals:  # both lists: the tool's own lean (rule "lean")
            situation, need, lean, basis = "both_ways", "mixed", "caio" if scale else "cto", METHOD
        else:  # neither: the tool's default (rule "default")
            situation, need, lean, basis = "undecided", "mixed", "cto", METHOD
        cto_in_post = answers["cto_status"] == "in_post"
        strategic = "ai_core_to_product" in held and scale
        line = line_basis = line_rule = None
        if lean == "caio":
            line, line_basis, line_rule = self._line(answers, strategic, scale, cto_in_post)
        return Decision(
            situation, need, lean, basis, line, line_basis, line_rule, signals, conditions, contradicted,  # type: ignore[arg-type]
            strategic, cto_in_post,
        )  # fmt: skip

    @staticmethod
    def _line(answers: Mapping[str, Any], strategic: bool, scale: bool, cto_in_post: bool) -> tuple[Any, ...]:
        """Where the CAIO reports: by AI's strategic weight (the article), size only adding to it (the tool)."""
        if strategic:  # the article's reason holds whether or not a CTO is in post
            return "ceo", ARTICLE, "line_strategic"
        if not cto_in_post:  # nobody to report to but the CEO (rule "no_cto")
            return "ceo", METHOD, "line_vacant" if answers["cto_status"] == "vacant" else "line_no_cto"
        employees = answers["employees"]
        if employees >= LARGE:
            in_product = answers["ai_product_role"] not in ("none", "internal_only")
            if in_product or scale:  # rule "line_size": size adds weight to AI that already has some
                return "ceo", METHOD, "line_size"
            return "cto", METHOD, "line_size_small_ai"
        if employees < 500:
            return "cto", METHOD, "line_small"
        return "cto", ARTICLE, "line_start"

    def disagreements(self, answers: Mapping[str, Any]) -> list[tuple[str, ...]]:
        """(text key, the answers that disagree...) for each combination that cannot all be true."""
        out: list[tuple[str, ...]] = []
        if answers["compliance_needs_executive"] and answers["regulatory_exposure"] == "minimal":
            out.append(("disagree_compliance", "regulatory_exposure", "compliance_needs_executive"))
        spend, people, use_cases = (
            answers["annual_ai_spend_usd"],
            answers["ai_headcount"],
            answers["ai_use_cases"],
        )
        if answers["ai_product_role"] == "none":
            for key, what in (("annual_ai_spend_usd", "unused_spend"), ("ai_headcount", "unused_headcount"),
                              ("ai_use_cases", "unused_use_cases")):  # fmt: skip
                if answers[key]:
                    out.append((what, "ai_product_role", key))
        employees = answers["employees"]
        if spend > MAX_SPEND_PER_EMPLOYEE * employees:
            out.append(("disagree_spend_per_employee", "annual_ai_spend_usd", "employees"))
        if use_cases > MAX_USE_CASES_PER_EMPLOYEE * employees:
            out.append(("disagree_use_cases_per_employee", "ai_use_cases", "employees"))
        if people and not use_cases and answers["ai_product_role"] != "none":
            out.append(("disagree_people_no_use_case", "ai_headcount", "ai_use_cases"))
        if people and not spend:
            out.append(("disagree_people_no_spend", "ai_headcount", "annual_ai_spend_usd"))
        if answers["cto_stretched"] and answers["cto_status"] == "none":
            out.append(("disagree_stretched_no_cto", "cto_stretched", "cto_status"))
        # The AI Act places duties on providers and deployers of high-risk systems: their exposure is not minimal.
        in_eu = "eu" in (answers.get("operates_in") or ())
        if (
            in_eu
            and answers.get("high_risk_role") in HIGH_RISK_ROLES
            and answers["regulatory_exposure"] == "minimal"
        ):
            out.append(("disagree_high_risk_minimal", "regulatory_exposure", "high_risk_role"))
        return out


BANDS = (
    Band("small", N_("small (fewer than 500 employees)"), 1, ARTICLE, Q_SMALL),
    Band("mid_market", N_("mid-market (500 to 4,999 employees)"), 500, METHOD, Q_MID),
    Band("large", N_("beyond mid-market (5,000 employees or more)"), LARGE, METHOD, Q_META),
)

MID_MARKET_REASON = N_(
    "The article names mid-market companies and companies like Meta and Google but gives no sizes. Its own "
    "small-company line is 500 employees, so mid-market starts there; market segmentations put the enterprise "
    "segment at 1,000 to 5,000 employees and more, and CAIO Advisor takes the upper end, 5,000."
)

RULES = (
    # What the article says, in its own words.
    Rule("signals", N_("The article's signals for a dedicated CAIO"),
         N_("The article says you probably need a dedicated CAIO when any one of its five signals holds."),
         N_("The article lists the five signals under one heading, without weights."), ARTICLE, (Q_CAIO_WHEN,)),
    Rule("absorb", N_("The article's conditions for the CTO to absorb the role"),
         N_("The article says a CTO can absorb the CAIO duties when its four conditions hold, all of them."),
         N_("The article lists the four conditions together under one heading and does not say that one of them "
            "is enough."), ARTICLE, (Q_CTO_WHEN,)),
    Rule("line_mid", N_("Mid-market companies"), N_("The article's sentence, quoted below."),
         N_("What mid-market and strategic mean is CAIO Advisor's own rule, below."), ARTICLE, (Q_MID,)),
    Rule("line_meta", N_("Companies like Meta and Google"), N_("The article's sentence, quoted below."),
         N_("CAIO Advisor reads it as an example of AI with great weight, not as a rule about size: see \"Size adds "
            "weight, but never decides alone\" below."), ARTICLE, (Q_META,)),
    # What CAIO Advisor adds.
    Rule("situations", N_("Four situations"),
         N_("The two lists give four situations. Signals hold and not all four conditions: the article says you "
            "probably need a dedicated CAIO. All four conditions and no signal: the article says the CTO can absorb "
            "the role. Signals and all four conditions: the article points both ways, and CAIO Advisor gives its own "
            "lean. No signal and not all four conditions: the article does not decide, and CAIO Advisor gives its "
            "default."),
         N_("Reading each list as the article writes it shows where the article settles the question and where "
            "the tool has to; the result says which, so the tool's judgement is never presented as the "
            "article's."), METHOD, (Q_CAIO_WHEN, Q_CTO_WHEN)),
    Rule("lean", N_("The lean when the article points both ways"),
         N_("When signals and all four conditions hold, CAIO Advisor leans towards a dedicated CAIO if AI spend "
            "exceeds $5M a year or more than 20 people work on AI, and towards the CTO keeping the AI duties if the "
            "only signal is the CTO's workload."),
         N_("All four conditions mean a small company with one or two internal use cases and minimal exposure. "
            "Spend or staff above the article's lines is AI work big enough to need a leader of its own; a "
            "stretched CTO alone is better relieved than given a new executive peer."), METHOD, (Q_CAIO_WHEN,)),
    Rule("default", N_("The default when the article does not decide"),
         N_("When no signal holds and not all four conditions hold, the CTO keeps the AI duties, and the advice is "
            "to re-assess as soon as one of the article's signals appears."),
         N_("Nothing in the article calls for a dedicated CAIO without one of its signals; keeping one role until "
            "a signal appears is the smaller change."), METHOD, (Q_CAIO_WHEN,)),
    Rule("caution", N_("A caution where most conditions hold"),
         N_("When signals hold and three of the four conditions hold as well, CAIO Advisor adds that a part-time or "
            "fractional AI lead may be enough to start with. The verdict stays the article's."),
         N_("Three conditions describe a small AI footprint; a full-time executive may be more than it needs at "
            "first."), METHOD),
    Rule("contradiction", N_("A compliance need means exposure is not minimal"),
         N_("If AI compliance needs dedicated executive attention, regulatory exposure is not counted as minimal, "
            "whatever the exposure answer says."),
         N_("Both answers cannot be true of one organisation. Counting the compliance need means a regulatory need "
            "is never outvoted; the result lists the two answers as disagreeing so the team can correct them."),
         METHOD, (Q_COMPLIANCE, Q_MINIMAL)),
    Rule("bands", N_("Small, mid-market and large"),
         N_("Small: fewer than 500 employees (the article's own line). Mid-market: 500 to 4,999 employees. Beyond "
            "mid-market (large): 5,000 employees or more."), MID_MARKET_REASON, METHOD, (Q_SMALL, Q_MID, Q_META)),
    Rule("strategic", N_("When AI is strategic"),
         N_("AI is strategic when it is a core part of the product, or becoming one, and either AI spend exceeds $5M "
            "a year or more than 20 people work on AI. Then the CAIO reports to the CEO, alongside the CTO."),
         N_("The article moves the CAIO to the CEO \"as AI becomes more strategic\" and gives no test. AI that is "
            "central to what customers buy and funded at the article's own scale lines is the most direct "
            "reading."), METHOD, (Q_MID,)),
    Rule("line_size", N_("Size adds weight, but never decides alone"),
         N_("In a company of 5,000 employees or more, the CAIO also reports to the CEO when AI is part of the "
            "product, or AI spend exceeds $5M a year, or more than 20 people work on AI. When AI is a small "
            "internal matter, the CAIO starts under the CTO whatever the company's size."),
         N_("The article's example of both roles under the CEO is Meta and Google, where AI carries great weight. "
            "In a large company AI that reaches customers or a large budget weighs more than in a small one, but "
            "headcount alone says nothing about AI."), METHOD, (Q_META,)),
    Rule("line_small", N_("Small companies follow the mid-market pattern"),
         N_("A company under 500 employees that needs a dedicated CAIO is advised like a mid-market company."),
         N_("The article gives no reporting line for small companies; the mid-market pattern is the closest it "
            "describes, and starting under the CTO keeps a small leadership team flat."), METHOD, (Q_MID,)),
    Rule("no_cto", N_("No CTO in post"),
         N_("When the CTO post is vacant or the company has no CTO, the advice never puts the CAIO under a CTO: a "
            "CAIO reports to the CEO (on the article's own reason where AI is strategic). Where one role is enough, the AI duties go to whoever fills the CTO post or "
            "leads technology."),
         N_("The article's condition for one role is that a CTO absorbs the duties, and its starting line for a "
            "CAIO is under the CTO: both assume a CTO in post. Without one, the CEO is the only line left."),
         METHOD, (Q_CTO_WHEN, Q_MID)),
    Rule("confidence", N_("Clear or borderline"),
         # xgettext:no-python-format (the % is a percentage, not a placeholder)
         N_("Every number in the answers may be off by up to 20 % (the margin), and any one yes/no answer may be "
            "the other way, or any one choice the neighbouring one. Whether a CTO is in post is treated as a fact "
            "the team knows, not an estimate, so it is not part of the margin. The need verdict is borderline when some change "
            "of that size would change what the article says (a dedicated CAIO, the CTO, or both ways or neither) or "
            "whether a dedicated CAIO is advised, the reporting line when it would change "
            "where the CAIO reports; both are borderline when some answers disagree with each other. Otherwise a "
            "verdict is clear. "
            "Changes that would make the answers disagree are not counted."),
         N_("Headcount and spend are usually estimates; a verdict that an estimate error would change is not one "
            "to rely on without checking. The same margin decides the tipping points shown as within it."),
         METHOD),
    Rule("tipping", N_("Tipping points"),
         # xgettext:no-python-format (the % is a percentage, not a placeholder)
         N_("For each verdict, up to four sets of answer changes that would alter it, smallest first: a number's "
            "change counts as its size relative to the answer (17 % lower), a yes/no answer or the neighbouring "
            "choice as 20 %. Each change is written with its size. Changes no organisation makes within a review "
            "period (a number more than ten times or less than a tenth of its answer) come last."),
         N_("It tells the team how far the advice is from changing and what would change it, nearest first."),
         METHOD),
    Rule("plausibility", N_("Answers that disagree"),
         N_("Answers that cannot all be true are listed as disagreeing: minimal regulatory exposure with a "
            "compliance need that requires an executive; AI not used with AI spend, AI staff or AI use cases; more "
            "than $1M of AI spend a year per employee; more than 10 AI use cases per employee; people working on AI "
            "with no AI use case, or with no AI spend (their salaries are AI spend); a stretched CTO where there is "
            "no CTO. More people on AI than employees is refused."),
         N_("A result scored from answers that contradict each other would look more certain than it is: both "
            "verdicts are borderline until the answers are corrected."), METHOD),
    Rule("interim", N_("Interim steps"),
         N_("A borderline verdict comes with an interim step for the structure the advice gives: an AI lead "
            "under the CTO, an interim or fractional CAIO, or a dated review of the reporting line."),
         N_("The article gives no interim steps. A borderline verdict is a reason to start small and look again."),
         METHOD),
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
    Rule("risks", N_("Risks and steps the method adds"),
         N_("Some risks and next steps are CAIO Advisor's own observations about a structure, such as platform work "
            "crowding out AI under a CTO, or making the CTO accountable for AI when one role is enough."),
         N_("The article names the friction of overlap and the split of ownership; the rest follows from the "
            "structure it describes and is labelled as the method's."), METHOD),
)  # fmt: skip

ADVICE = {
    # The need: the article's own sentence where its lists settle it.
    "need_signals": Advice(Q_CAIO_WHEN, ARTICLE, Q_CAIO_WHEN),
    "need_absorb": Advice(Q_CTO_WHEN, ARTICLE, Q_CTO_WHEN),
    "need_both_ways": Advice(N_("The article points both ways: at least one of its signals for a dedicated CAIO "
                                "holds, and all four of its conditions for the CTO to absorb the role hold too."),
                             METHOD, "", "situations"),
    "need_undecided": Advice(N_("The article does not decide: none of its signals for a dedicated CAIO holds, and "
                                "not all four of its conditions for the CTO to absorb the role hold."),
                             METHOD, "", "situations"),
    "lean_caio": Advice(N_("CAIO Advisor's own judgement leans towards a dedicated CAIO: AI spend or the number of "
                           "people on AI is above the article's line, and AI work of that size needs a leader of "
                           "its own even while it stays internal."), METHOD, "", "lean"),
    "lean_cto": Advice(N_("CAIO Advisor's own judgement leans towards the CTO keeping the AI duties: the only signal "
                          "is the CTO's workload, and the AI work itself is small. Relieving the CTO of other "
                          "work is a smaller step than a new executive."), METHOD, "", "lean"),
    "default_cto": Advice(N_("CAIO Advisor's default: the CTO keeps the AI duties, because none of the article's "
                             "signals for a dedicated CAIO holds."), METHOD, "", "default"),
    "caution_fractional": Advice(N_("Three of the article's four conditions for the CTO to absorb the role hold as "
                                    "well, so a part-time or fractional AI lead may be enough to start with, rather "
                                    "than a full-time executive."), METHOD, "", "caution"),
    "contradicted": Advice(N_("Regulatory exposure is answered as minimal, but AI compliance needs dedicated "
                              "executive attention, so exposure is not counted as minimal."), METHOD, Q_MINIMAL,
                           "contradiction"),
    "absorb_vacant": Advice(N_("The article's conditions are for a CTO absorbing the CAIO duties, and the CTO post "
                               "is vacant: fill it with someone who takes on the AI duties as well."), METHOD,
                            Q_CTO_WHEN, "no_cto"),
    "absorb_no_cto": Advice(N_("The article's conditions are for a CTO absorbing the CAIO duties, and the company "
                               "has no CTO: give the AI duties to whoever leads technology, and re-assess if that "
                               "person cannot hold them."), METHOD, Q_CTO_WHEN, "no_cto"),
    # The reporting line.
    "line_strategic": Advice(Q_MID, ARTICLE, Q_MID),
    "strategic_yes": Advice(N_("AI counts as strategic: it is a core part of the product, or becoming one, with more "
                               "than $5M a year or more than 20 people on AI."), METHOD, "", "strategic"),
    "line_start": Advice(Q_MID, ARTICLE, Q_MID),
    "strategic_no": Advice(N_("AI does not yet count as strategic: that takes AI being a core part of the product, or "
                              "becoming one, with more than $5M a year or more than 20 people on AI."), METHOD, "",
                           "strategic"),
    "band_mid": Advice(N_("The company counts as mid-market: 500 to 4,999 employees."), METHOD, "", "bands"),
    "line_small": Advice(N_("Companies under 500 employees are advised like mid-market companies: the CAIO starts "
                            "under the CTO."), METHOD, "", "line_small"),
    "line_size": Advice(N_("With 5,000 employees or more and AI that carries weight here (part of the product, more "
                           "than $5M a year or more than 20 people), the CAIO reports to the CEO, alongside the "
                           "CTO."), METHOD, "", "line_size"),
    "meta": Advice(Q_META, ARTICLE, Q_META),
    "line_size_small_ai": Advice(N_("The company has 5,000 employees or more, but AI here is a small internal matter "
                                    "(not part of the product, at most $5M a year and at most 20 people), so size "
                                    "alone does not move the CAIO to the CEO: the CAIO starts under the CTO."),
                                 METHOD, "", "line_size"),
    "line_no_cto": Advice(N_("The article's starting line for a CAIO is under the CTO, which assumes a CTO. The "
                             "company has none, so the CAIO reports to the CEO."), METHOD, Q_MID, "no_cto"),
    "line_vacant": Advice(N_("The article's starting line for a CAIO is under the CTO, which assumes a CTO in post. "
                             "The CTO post is vacant, so the CAIO reports to the CEO; review the line once a CTO is "
                             "appointed."), METHOD, Q_MID, "no_cto"),
    # Risks.
    CTO_ONLY: Advice(N_("The CTO carries AI strategy and governance on top of infrastructure, security and "
                        "product engineering; AI work can lose out to platform work."), METHOD, "", "risks"),
    "risk_stretched": Advice(N_("The CTO is already stretched, which the article counts as a signal for a dedicated "
                                "CAIO: watch that load."), METHOD, Q_STRETCHED, "risks"),
    "risk_overlap": Advice(Q_OVERLAP, ARTICLE, Q_OVERLAP),
    CAIO_REPORTS_TO_CTO: Advice(N_("Under the CTO, AI outcomes can be ranked below platform priorities."), METHOD,
                                "", "risks"),
    CAIO_REPORTS_TO_CEO: Advice(N_("With two peers reporting to the CEO, the overlap areas are contested; the CEO "
                                   "breaks ties in the AI and data platform council."), METHOD, Q_OVERLAP,
                                "tie_breaker"),
    "risk_need_borderline": Advice(N_("The need verdict is borderline: a plausible error in the answers would "
                                      "change what the article says or what CAIO Advisor advises (see the tipping "
                                      "points)."), METHOD, "",
                                   "confidence"),
    "risk_line_borderline": Advice(N_("The reporting line is borderline: a plausible error in the answers would "
                                      "change it (see the tipping points)."), METHOD, "", "confidence"),
    "risk_disagree": Advice(N_("Some answers disagree with each other (listed with the answers); check them "
                               "before relying on this advice."), METHOD, "", "plausibility"),
    # Next steps.
    "step_cto_owns": Advice(N_("Make the CTO accountable for AI strategy, model governance and AI ethics as well as "
                               "the platforms they run on."), METHOD, "", "risks"),
    "step_fill_cto": Advice(N_("Fill the CTO post with someone who can hold the AI duties as well, and re-assess "
                               "once they are in post."), METHOD, "", "no_cto"),
    "step_reassess_conditions": Advice(N_("Re-assess as soon as one of the four conditions stops holding: more than "
                                          "2 AI use cases, 500 employees or more, AI in the product, or more than "
                                          "minimal exposure to AI-specific laws."), METHOD, Q_CTO_WHEN, "review"),
    "step_reassess_signals": Advice(N_("Re-assess as soon as one of the article's CAIO signals appears: AI spend "
                                       "above $5M a year, more than 20 people on AI, AI compliance needing "
                                       "dedicated executive attention, a stretched CTO, or AI becoming a core part "
                                       "of the product."), METHOD, Q_CAIO_WHEN, "review"),
    "step_boundaries": Advice(Q_SPLIT, ARTICLE, Q_SPLIT),
    "step_forum_cto": Advice(N_("Create shared governance for the contested areas, starting with data platform "
                                "investment: an AI and data platform council where the CTO and the CAIO both sit "
                                "and the CTO breaks ties."), METHOD, Q_BOUNDARIES, "forum"),
    "step_forum_ceo": Advice(N_("Create shared governance for the contested areas, starting with data platform "
                                "investment: an AI and data platform council where the CTO and the CAIO both sit "
                                "and the CEO breaks ties."), METHOD, Q_BOUNDARIES, "forum"),
    "step_move_later": Advice(N_("Review the reporting line at each re-assessment, and move the CAIO to a direct CEO "
                                 "report once AI is strategic."), METHOD, Q_MID, "strategic"),
    "step_ceo": Advice(N_("Have the CAIO report directly to the CEO, alongside the CTO."), METHOD, "", "strategic"),
    "step_ceo_no_cto": Advice(N_("Have the CAIO report to the CEO, and re-assess where the CAIO reports if a CTO is "
                                 "appointed."), METHOD, "", "no_cto"),
    # Interim steps (one at most, for the structure the advice gives).
    "interim_cto_only": Advice(N_("Name an AI lead who reports to the CTO, and re-assess in six months."), METHOD,
                               "", "interim"),
    "interim_no_cto": Advice(N_("Name an AI lead who reports to the CEO, and re-assess in six months."), METHOD, "",
                             "interim"),
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
    # The need's answer, by situation.
    "need_signals": N_("Yes, probably: a dedicated CAIO"),
    "need_absorb": N_("No: the CTO can absorb the CAIO duties"),
    "need_both_ways": N_("The article points both ways"),
    "need_undecided": N_("The article does not decide"),
    # CAIO Advisor's own lean (both ways) or default (undecided).
    "lean_caio": N_("CAIO Advisor's own judgement: lean towards a dedicated CAIO"),
    "lean_cto": N_("CAIO Advisor's own judgement: lean towards the CTO keeping the AI duties"),
    "default_cto": N_("CAIO Advisor's default: the CTO keeps the AI duties"),
    "basis_article": N_("The article's reading"),
    "basis_method": N_("CAIO Advisor’s rule, not from the article"),  # the marker's words, as on every page
    "line_cto": N_("To the CTO, to start with"),
    "line_ceo": N_("To the CEO, alongside the CTO"),
    "line_ceo_no_cto": N_("To the CEO (there is no CTO in post)"),
    "clear": N_("Clear"),
    "borderline": N_("Borderline"),
    # xgettext:no-python-format (the % is a percentage, not a placeholder)
    "clear_reason": N_("No plausible error in the answers would change this verdict: no number off by up to 20 %, "
                       "no single yes/no answer the other way, no neighbouring choice."),
    "borderline_reason": N_("A plausible error in the answers would change this verdict, for example if {change}."),
    "disagree_reason": N_("Some answers disagree with each other, so this verdict cannot be called clear until "
                          "they are checked."),
    # One tipping point: "If" and the changes, each a clause of answer_changes or flag_changes with its size.
    "if_changes": N_("If {change}"),
    "and": N_("{first} and {second}"),
    "sized": N_("{change} ({size})"),
    # xgettext:no-python-format (the % is a percentage, not a placeholder)
    "size_higher": N_("{percent} % higher"),
    # xgettext:no-python-format (the % is a percentage, not a placeholder)
    "size_lower": N_("{percent} % lower"),
    "size_times": N_("{times} times as much"),
    "size_from_zero": N_("up from zero"),
    "size_tenth": N_("less than a tenth"),
    "outcome_mixed": N_("{verdict}; {lean}"),
    "size_flag": N_("one yes/no answer"),
    "size_neighbour": N_("the neighbouring choice"),
    # A change to an answer the team knows for certain (whether a CTO is in post), never a plausible error.
    "size_fact": N_("a fact the team knows, not an estimate"),
    "size_choices": N_("{count} choices away"),
    "out_of_reach": N_("a change no organisation makes within a review period"),
    "balance": N_(
        "CAIO signals that hold: {signals} of 5. Conditions for the CTO to absorb the role that hold: "
        "{conditions} of 4."
    ),
    "tipping_need": N_("Whether you need a dedicated CAIO"),
    "tipping_line": N_("Where the CAIO reports"),
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
    "disagree_spend_per_employee": N_(
        "AI spend of {spend} a year is more than $1,000,000 for each of the {employees} employees."
    ),
    "disagree_use_cases_per_employee": N_(
        "{use_cases} AI use cases is more than 10 for each of the {employees} employees."
    ),
    "disagree_people_no_use_case": NP_(
        "{people} person works on AI, yet no AI use case is live or being built.",
        "{people} people work on AI, yet no AI use case is live or being built.",
    ),
    "disagree_people_no_spend": NP_(
        "{people} person works on AI, yet AI spend is zero (the salaries of people doing AI work count as AI "
        "spend).",
        "{people} people work on AI, yet AI spend is zero (the salaries of people doing AI work count as AI "
        "spend).",
    ),
    "disagree_stretched_no_cto": N_("The CTO is answered as stretched, yet the company has no CTO role."),
    "disagree_high_risk_minimal": N_(
        "Regulatory exposure to AI-specific laws is answered as minimal, yet the organisation provides or deploys "
        "AI systems that the EU AI Act treats as high-risk, in the European Union."
    ),
}  # fmt: skip

NO_CTO = "_no_cto"  # the key suffix of the structures and lines without a CTO in post

METHOD_2027_01 = Method2027(
    version="2027.01",
    summary=N_(
        "The article's two lists are read as it writes them: any one of its five signals means you probably need "
        "a dedicated CAIO; all four of its conditions mean the CTO can absorb the role. Where both lists hold, the "
        "article points both ways; where neither does, it does not decide: then CAIO Advisor gives its own lean "
        "or default, labelled as such. The CAIO reports to the CEO once AI is strategic, to the CTO to start with "
        "otherwise, and to the CEO when there is no CTO in post."
    ),
    criteria=CRITERIA,
    bands=BANDS,
    margin=MARGIN,
    rules=RULES,
    texts=TEXTS,
    labels={
        CTO_ONLY: N_("CTO only: the CTO holds the AI duties"),
        CAIO_REPORTS_TO_CTO: N_("Dedicated CAIO reporting to the CTO"),
        CAIO_REPORTS_TO_CEO: N_("CAIO and CTO both reporting to the CEO"),
        CTO_ONLY + NO_CTO: N_("One technology leader who holds the AI duties"),
        CAIO_REPORTS_TO_CEO + NO_CTO: N_("Dedicated CAIO reporting to the CEO"),
    },
    headlines={
        "signals": N_("The article's reading: you probably need a dedicated Chief AI Officer."),
        "absorb": N_(
            "The article's reading: your CTO can absorb the CAIO duties, so one role is enough for now."
        ),
        "both_ways_caio": N_(
            "The article points both ways. CAIO Advisor's own judgement leans towards a dedicated "
            "Chief AI Officer."
        ),
        "both_ways_cto": N_(
            "The article points both ways. CAIO Advisor's own judgement leans towards the CTO "
            "keeping the AI duties."
        ),
        "undecided_cto": N_(
            "The article does not decide. CAIO Advisor's default: the CTO keeps the AI duties until "
            "one of the article's signals appears."
        ),
    },
    reporting_lines={
        CTO_ONLY: N_(
            "No CAIO: the CTO reports to the CEO and leads AI strategy and governance as well as the platforms."
        ),
        CAIO_REPORTS_TO_CTO: N_("The CAIO reports to the CTO, and the CTO reports to the CEO."),
        CAIO_REPORTS_TO_CEO: N_("The CAIO and the CTO both report directly to the CEO."),
        CTO_ONLY + NO_CTO: N_(
            "No CAIO: the person who leads technology holds the AI duties; there is no CTO in post."
        ),
        CAIO_REPORTS_TO_CEO + NO_CTO: N_("The CAIO reports directly to the CEO; there is no CTO in post."),
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
        CTO_ONLY + NO_CTO: Structure(
            (Post("CEO"), Post("CTO", "CEO", note=N_("to appoint; holds AI duties"), new=True)),
            N_("A technology leader, to appoint, reports to the CEO and holds the AI duties as well."),
        ),
        CAIO_REPORTS_TO_CEO + NO_CTO: Structure(
            (Post("CEO"), Post("CAIO", "CEO", new=True)),
            N_("The CAIO reports directly to the CEO; there is no CTO in post."),
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
    answer_changes={
        **ANSWER_CHANGES_2026_12,
        "cto_status": AnswerChange("", "", changed=N_("the CTO post changed from '{old}' to '{new}'")),
    },
    flag_changes={
        "compliance_needs_executive": (
            N_("AI compliance came to need dedicated executive attention"),
            N_("AI compliance no longer needed dedicated executive attention"),
        ),
        "cto_stretched": (N_("the CTO became stretched"), N_("the CTO were no longer stretched")),
    },
    extra_lines=(
        Condition("employees", "ge", LARGE),
        Condition("ai_product_role", "in", ("none", "internal_only")),
        Condition("cto_status", "in", ("in_post",)),
    ),
    changes=(
        N_(
            "The need verdict reads both of the article's lists and says which of four situations applies: the "
            "article says a CAIO, the article says the CTO can absorb the role, the article points both ways, or "
            "the article does not decide. In the last two, CAIO Advisor's own lean or default is labelled as such."
        ),
        N_(
            "A verdict is clear only when no plausible error in the answers (a number off by up to 20 %, one yes/no "
            "answer, one neighbouring choice) would change it, and when no answers disagree."
        ),
        N_(
            "Tipping points come smallest change first, each with its size; changes no organisation makes within a "
            "review period come last."
        ),
        N_(
            "The CAIO reports to the CEO when AI is strategic; company size adds weight only to AI that already "
            "has some, and never moves the CAIO to the CEO when AI is a small internal matter."
        ),
        N_(
            "A new question: is the CTO in post, is the post vacant, or is there no such role? Without a CTO the "
            "CAIO never reports to one."
        ),
        N_("Items from the article are its sentences, quoted; everything CAIO Advisor adds is its own item."),
        N_(
            "More answers that cannot all be true are flagged: AI spend or use cases out of proportion to the "
            "company, people on AI with no use case or no spend."
        ),
    ),  # fmt: skip
)
