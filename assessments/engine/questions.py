"""The questionnaire as data: the web form, the methodology page and the validator all read these."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .marks import N_, Q_

Kind = Literal["whole", "number", "choice", "bool", "choices"]  # "choices": a list, several may apply
Step = Literal["footprint", "product", "leadership"]


@dataclass(frozen=True, slots=True)
class Question:
    key: str
    label: str
    kind: Kind
    minimum: int | None
    maximum: int | None
    choices: tuple[tuple[str, str], ...]
    help: str
    quote: str
    step: Step
    unit: str
    default: str | None = None  # the answer a document without this question means (added in a later schema)


STEPS: tuple[tuple[str, str], ...] = (
    ("footprint", N_("Your AI footprint")),
    ("product", N_("AI in your product and regulation")),
    ("leadership", N_("Leadership capacity")),
)
STEP_SLUGS: tuple[str, ...] = tuple(slug for slug, _title in STEPS)
# The questionnaire's pages in order: every step, then the review of all answers.
PAGES: tuple[str, ...] = (*STEP_SLUGS, "review")

# Choice order is the order of increasing AI need; the scorer and the monotonicity tests rely on it.
PRODUCT_ROLES: tuple[tuple[str, str], ...] = (
    ("none", N_("Not used")),
    ("internal_only", N_("Internal tools only")),
    ("product_feature", N_("A feature of the product")),
    ("becoming_core", N_("Becoming a core part of the product")),
    ("core_product", N_("Core to the product")),
)
REGULATORY_LEVELS: tuple[tuple[str, str], ...] = (
    ("minimal", N_("Minimal")),
    ("moderate", N_("Moderate")),
    ("high", N_("High")),
)
# In order of AI need: without a CTO in post, nobody is there to absorb the role or to report to. (The labels
# avoid the letters "no" together, so that a "No" answer elsewhere on the step stays the only label "No" matches.)
CTO_STATUSES: tuple[tuple[str, str], ...] = (
    ("in_post", N_("In post")),
    ("vacant", N_("Vacant: the post exists but is unfilled")),
    ("none", N_("Absent: the company does without a CTO")),
)

# Each choice in words inside a sentence ("AI's part in the product changed from 'not used' to ..."), per question.
CHOICE_WORDS: dict[str, dict[str, str]] = {
    "ai_product_role": {
        "none": N_("not used"),
        "internal_only": N_("internal tools only"),
        "product_feature": N_("a feature of the product"),
        "becoming_core": N_("becoming a core part of the product"),
        "core_product": N_("core to the product"),
    },
    "regulatory_exposure": {"minimal": N_("minimal"), "moderate": N_("moderate"), "high": N_("high")},
    "cto_status": {"in_post": N_("in post"), "vacant": N_("vacant"), "none": N_("no such role")},
}

QUESTIONS: tuple[Question, ...] = (
    Question(
        key="employees",
        label=N_("How many people does the company employ?"),
        kind="whole",
        minimum=1,
        maximum=10_000_000,
        choices=(),
        help=N_("Everyone on the payroll, full-time equivalents, across all countries."),
        quote=Q_("The company has fewer than 500 employees."),
        step="footprint",
        unit=N_("people"),
    ),
    Question(
        key="annual_ai_spend_usd",
        label=N_("How much does the company spend on AI each year, in US dollars?"),
        kind="number",
        minimum=0,
        maximum=10**13,
        choices=(),
        help=N_(
            "Models, AI vendors, compute and data for AI, plus the salaries of the people doing AI work."
        ),
        quote=Q_("AI spending exceeds $5M annually."),
        step="footprint",
        unit=N_("USD per year"),
    ),
    Question(
        key="ai_headcount",
        label=N_("How many people work on AI-related projects?"),
        kind="whole",
        minimum=0,
        maximum=10_000_000,
        choices=(),
        help=N_("Count anyone who spends most of their time on AI work, whatever their team."),
        quote=Q_("You have more than 20 people working on AI-related projects."),
        step="footprint",
        unit=N_("people"),
    ),
    Question(
        key="ai_use_cases",
        label=N_("How many distinct AI use cases are live or being built?"),
        kind="whole",
        minimum=0,
        maximum=100_000,
        choices=(),
        help=N_(
            "A use case is one business problem AI solves, such as support triage or demand forecasting."
        ),
        quote=Q_("AI projects are limited to 1-2 use cases."),
        step="footprint",
        unit=N_("use cases"),
    ),
    Question(
        key="ai_product_role",
        label=N_("What part does AI play in what you sell?"),
        kind="choice",
        minimum=None,
        maximum=None,
        choices=PRODUCT_ROLES,
        help=N_(
            "Internal tools only means staff use AI but customers never see it in the product. Becoming core "
            "means AI is on its way to being central to what customers buy."
        ),
        quote=Q_("AI is becoming a core part of your product, not just an internal tool."),
        step="product",
        unit="",
    ),
    Question(
        key="regulatory_exposure",
        label=N_("How exposed is the company to AI-specific laws?"),
        kind="choice",
        minimum=None,
        maximum=None,
        choices=REGULATORY_LEVELS,
        help=N_("High means laws written for AI apply directly to what you build or sell."),
        quote=Q_("Regulatory exposure to AI-specific laws is minimal."),
        step="product",
        unit="",
    ),
    Question(
        key="compliance_needs_executive",
        label=N_("Does complying with AI regulation need an executive's dedicated attention?"),
        kind="bool",
        minimum=None,
        maximum=None,
        choices=(),
        help=N_("Yes if someone senior has to own AI compliance, not just sign off now and then."),
        quote=Q_("AI regulatory compliance requires dedicated executive attention."),
        step="product",
        unit="",
    ),
    Question(
        key="cto_stretched",
        label=N_("Is your CTO already stretched across infrastructure, security and product engineering?"),
        kind="bool",
        minimum=None,
        maximum=None,
        choices=(),
        help=N_("Yes if the CTO has no real room to lead AI strategy as well."),
        quote=Q_("Your CTO is already stretched across infrastructure, security, and product engineering."),
        step="leadership",
        unit="",
    ),
    Question(
        key="cto_status",
        label=N_("Does the company have a CTO in post?"),
        kind="choice",
        minimum=None,
        maximum=None,
        choices=CTO_STATUSES,
        help=N_(
            "Vacant means the company has a CTO post but nobody holds it now, for example after a departure. "
            "Absent means technology is led without a CTO, for example by a head of IT reporting to the CEO or "
            "the COO."
        ),
        quote=Q_("A CTO can absorb CAIO duties when:"),
        step="leadership",
        unit="",
        default="in_post",
    ),
)

QUESTION_BY_KEY: dict[str, Question] = {q.key: q for q in QUESTIONS}
# What a document without a later question means ("cto_status" absent: the CTO is in post).
DEFAULTS: dict[str, str] = {q.key: q.default for q in QUESTIONS if q.default is not None}

# ---- The organisation's situation under AI laws and frameworks (obligations.py) ----------------------------
# Optional: an answer that is absent is "not stated", and nothing is inferred from the others. The article's
# tests never read these; they decide which obligations of other texts apply, and whether a rule requires the
# role.
OPERATES_IN: tuple[tuple[str, str], ...] = (
    ("eu", N_("In the European Union")),
    ("us_federal", N_("As a US federal agency")),
    ("other_region", N_("Elsewhere")),
)
HIGH_RISK_ROLES: tuple[tuple[str, str], ...] = (
    (
        "provider",
        N_("Provider: we develop such a system, or have it developed, and supply it under our name"),
    ),
    ("deployer", N_("Deployer: we use such a system under our authority")),
    ("provider_and_deployer", N_("Both provider and deployer")),
    ("no_high_risk", N_("Neither")),
    ("not_sure", N_("Not sure")),
)
AI_FRAMEWORKS: tuple[tuple[str, str], ...] = (
    ("no_framework", N_("Neither")),
    ("nist_ai_rmf", N_("NIST AI RMF")),
    ("iso_42001", N_("ISO/IEC 42001")),
    ("nist_and_iso", N_("Both")),
)
CHOICE_WORDS.update({
    "operates_in": {
        "eu": N_("the European Union"),
        "us_federal": N_("a US federal agency"),
        "other_region": N_("elsewhere"),
    },
    "high_risk_role": {
        "provider": N_("provider"),
        "deployer": N_("deployer"),
        "provider_and_deployer": N_("provider and deployer"),
        "no_high_risk": N_("neither"),
        "not_sure": N_("not sure"),
    },
    "ai_frameworks": {
        "no_framework": N_("neither"),
        "nist_ai_rmf": N_("NIST AI RMF"),
        "iso_42001": N_("ISO/IEC 42001"),
        "nist_and_iso": N_("NIST AI RMF and ISO/IEC 42001"),
    },
})  # fmt: skip
NOT_STATED = N_("not stated")

CONTEXT_QUESTIONS: tuple[Question, ...] = (
    Question(
        key="operates_in",
        label=N_("Where does the organisation operate or answer to AI rules?"),
        kind="choices",
        minimum=None,
        maximum=None,
        choices=OPERATES_IN,
        help=N_(
            "Choose every one that applies. Leave it blank to say nothing: no obligation is then assumed."
        ),
        quote="",
        step="product",
        unit="",
    ),
    Question(
        key="high_risk_role",
        label=N_(
            "Does the organisation provide or deploy AI systems that the EU AI Act treats as high-risk?"
        ),
        kind="choice",
        minimum=None,
        maximum=None,
        choices=HIGH_RISK_ROLES,
        help=N_(
            "High-risk systems are those the AI Act lists, such as AI used in hiring, credit scoring or access "
            "to essential services. Optional."
        ),
        quote="",
        step="product",
        unit="",
    ),
    Question(
        key="ai_frameworks",
        label=N_("Does the organisation follow the NIST AI RMF or ISO/IEC 42001?"),
        kind="choice",
        minimum=None,
        maximum=None,
        choices=AI_FRAMEWORKS,
        help=N_(
            "The NIST AI Risk Management Framework, or the ISO/IEC 42001 AI management system standard. Optional."
        ),
        quote="",
        step="product",
        unit="",
    ),
)
CONTEXT_KEYS: frozenset[str] = frozenset(q.key for q in CONTEXT_QUESTIONS)
# Every question the questionnaire asks: the article's, then the optional ones about laws and frameworks.
ALL_QUESTIONS: tuple[Question, ...] = (*QUESTIONS, *CONTEXT_QUESTIONS)
QUESTION_BY_KEY.update({q.key: q for q in CONTEXT_QUESTIONS})
