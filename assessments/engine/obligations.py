"""What AI laws and frameworks ask of each executive: obligations placed on the advised responsibility matrix.

The article stays the method's only source for the role split. This module adds what other texts ask, each
labelled by its kind: "regulation" (a law or binding rule) or "framework" (a voluntary standard). Every passage
is stored verbatim in docs/sources/ with its URL, version and the date it was read (a test checks each one),
except ISO/IEC 42001, which is not public and is only paraphrased, labelled as a paraphrase.

Which obligations apply is read from three optional answers (questions.CONTEXT_QUESTIONS); an answer that is
absent is "not stated" and brings nothing in. Each obligation names one accountable executive: the one the
text itself names (an agency head, top management: the CEO), else the A of the matrix row it belongs to.

One rule decides more than an obligation: a US federal agency must have a Chief AI Officer (OMB M-25-21), so
the need verdict is "caio" with basis "regulation", and the verdict keeps what the article alone would have
said (`under_rules`, `required_need`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .i18n import Wording, translate
from .marks import N_, Q_
from .method import METHOD, Advice, Decision, Method, Rule
from .method_2027_01 import SCALE_SIGNALS, Method2027

Kind = Literal["regulation", "framework"]
SOURCES_AS_OF = "2026-12-06"


@dataclass(frozen=True, slots=True)
class Source:
    """One text, as docs/sources/<file> records it."""

    id: str
    kind: Kind
    title: str  # marked for translation: the name a reader sees
    identifier: str
    url: str
    version: str  # marked for translation
    read: str  # ISO date the passages were checked
    file: str  # docs/sources/<file>; one per language version stored
    note: str = ""  # what could not be confirmed, for the methodology page (marked for translation)
    short: str = ""  # a short name for a charter row ("AI Act"), marked for translation
    checked: str = ""  # what the passages were compared with (methodology page; marked for translation)


@dataclass(frozen=True, slots=True)
class Obligation:
    id: str
    source: str  # Source.id
    reference: str  # article or clause, marked for translation
    passage: str  # verbatim English, or CAIO Advisor's paraphrase (`paraphrase`)
    asks: str  # what it asks, in one plain sentence
    row: str  # the matrix row it belongs to
    accountable: str = ""  # the role the text itself names; "" = the A of `row`
    paraphrase: bool = False
    official: tuple[tuple[str, str, str], ...] = ()  # (language, passage verbatim, file) of stored versions


AI_ACT = Source(
    "eu_ai_act", "regulation", N_("Regulation (EU) 2024/1689 (the AI Act)"),
    "Regulation (EU) 2024/1689 (CELEX 32024R1689)", "https://eur-lex.europa.eu/eli/reg/2024/1689/oj",
    N_("as published in the Official Journal of the European Union on 12 July 2024"), SOURCES_AS_OF,
    "eu-ai-act.txt",
    N_("An amending regulation, the \"Digital Omnibus on AI\" (proposed by the Commission as COM(2025) 836), is "
       "reported by secondary sources to have been published as Regulation (EU) 2026/1744 in July 2026, replacing "
       "Article 4 and moving the date from which Article 26 applies to high-risk AI systems to 2 December 2027 "
       "(Annex III) or 2 August 2028 (Annex I). None of this could be confirmed from an official text, so CAIO "
       "Advisor shows the text as published on 12 July 2024: check the current text on EUR-Lex before relying on "
       "it. The official French text of Article 26 and the German text of Article 26(1) could not be checked "
       "either: those passages are shown in English with CAIO Advisor's translation beneath."),
    N_("AI Act"),
    N_("Checked against copies only: the passages were compared word for word with copies of the Official Journal "
       "text republished by others, not with the EUR-Lex page itself, which could not be opened here. They agree."),
)  # fmt: skip
NIST_RMF = Source(
    "nist_ai_rmf", "framework", N_("NIST AI Risk Management Framework (AI RMF 1.0)"),
    "NIST AI 100-1 (doi:10.6028/NIST.AI.100-1)", "https://nvlpubs.nist.gov/nistpubs/ai/NIST.AI.100-1.pdf",
    N_("AI RMF 1.0, January 2023"), SOURCES_AS_OF, "nist-ai-100-1.txt", short=N_("NIST AI RMF"),
    checked=N_("The published PDF could not be opened here. GOVERN 2.3 was compared word for word with NIST's own AI "
               "RMF Playbook page (pages.nist.gov), GOVERN 2.1 with copies only. They agree."),
)  # fmt: skip
OMB_M_25_21 = Source(
    "omb_m_25_21", "regulation",
    N_("OMB Memorandum M-25-21, Accelerating Federal Use of AI through Innovation, Governance, and Public Trust"),
    "OMB M-25-21",
    "https://www.whitehouse.gov/wp-content/uploads/2025/02/"
    "M-25-21-Accelerating-Federal-Use-of-AI-through-Innovation-Governance-and-Public-Trust.pdf",
    N_("April 3, 2025"), SOURCES_AS_OF, "omb-m-25-21.txt",
    N_("Later changes to the memorandum, if any, could not be checked and are not reflected."), N_("OMB M-25-21"),
    N_("Checked against a copy only: a text extraction of section 3 of the published PDF, not the PDF itself, which "
       "could not be opened here. It agrees word for word."),
)  # fmt: skip
ISO_42001 = Source(
    "iso_iec_42001", "framework", N_("ISO/IEC 42001:2023, AI management system"), "ISO/IEC 42001:2023",
    "https://www.iso.org/standard/81230.html", N_("first edition, 2023"), SOURCES_AS_OF, "iso-iec-42001.txt",
    N_("The standard is sold, not public, and was not read here: CAIO Advisor never quotes it, and shows only its "
       "own paraphrase of what clause 5.3 is about, labelled as a paraphrase. Read the standard before relying on "
       "it."),
    N_("ISO/IEC 42001"),
)  # fmt: skip
SOURCES: tuple[Source, ...] = (AI_ACT, OMB_M_25_21, NIST_RMF, ISO_42001)
SOURCE_BY_ID = {s.id: s for s in SOURCES}

# Passages that have no stored official version in a language are shown in English with a translation
# beneath: those are marked Q_ (extracted for the translators, with a note that they are quotes).
OBLIGATIONS: tuple[Obligation, ...] = (
    Obligation(
        "eu_ai_literacy", AI_ACT.id, N_("Article 4"),
        "Providers and deployers of AI systems shall take measures to ensure, to their best extent, a sufficient "
        "level of AI literacy of their staff and other persons dealing with the operation and use of AI systems "
        "on their behalf, taking into account their technical knowledge, experience, education and training and "
        "the context the AI systems are to be used in, and considering the persons or groups of persons on whom "
        "the AI systems are to be used.",
        N_("Make sure the staff and others who run or use AI systems for you know enough about AI for the way they "
           "use it."),
        "ai_adoption",
        official=(
            ("fr", "Les fournisseurs et les déployeurs de systèmes d’IA prennent des mesures pour garantir, dans "
             "toute la mesure du possible, un niveau suffisant de maîtrise de l’IA pour leur personnel et les "
             "autres personnes s’occupant du fonctionnement et de l’utilisation des systèmes d’IA pour leur "
             "compte, en prenant en considération leurs connaissances techniques, leur expérience, leur éducation "
             "et leur formation, ainsi que le contexte dans lequel les systèmes d’IA sont destinés à être "
             "utilisés, et en tenant compte des personnes ou des groupes de personnes à l’égard desquels les "
             "systèmes d’IA sont destinés à être utilisés.", "eu-ai-act-fr.txt"),
            ("de", "Die Anbieter und Betreiber von KI-Systemen ergreifen Maßnahmen, um nach besten Kräften "
             "sicherzustellen, dass ihr Personal und andere Personen, die in ihrem Auftrag mit dem Betrieb und der "
             "Nutzung von KI-Systemen befasst sind, über ein ausreichendes Maß an KI-Kompetenz verfügen, wobei ihre "
             "technischen Kenntnisse, ihre Erfahrung, ihre Ausbildung und Schulung und der Kontext, in dem die "
             "KI-Systeme eingesetzt werden sollen, sowie die Personen oder Personengruppen, bei denen die KI-Systeme "
             "eingesetzt werden sollen, zu berücksichtigen sind.", "eu-ai-act-de.txt"),
        ),
    ),
    Obligation(
        "eu_deployer_instructions", AI_ACT.id, N_("Article 26(1)"),
        Q_("Deployers of high-risk AI systems shall take appropriate technical and organisational measures to "
           "ensure they use such systems in accordance with the instructions for use accompanying the systems, "
           "pursuant to paragraphs 3 and 6."),
        N_("Use each high-risk AI system as its provider's instructions for use say, with the technical and "
           "organisational measures that takes."),
        "model_governance",
    ),
    Obligation(
        "eu_human_oversight", AI_ACT.id, N_("Article 26(2)"),
        Q_("Deployers shall assign human oversight to natural persons who have the necessary competence, training "
           "and authority, as well as the necessary support."),
        N_("Name the people who oversee each high-risk AI system, and make sure they have the competence, training, "
           "authority and support to do it."),
        "model_governance",
        official=(
            ("de", "Die Betreiber übertragen natürlichen Personen, die über die erforderliche Kompetenz, Ausbildung "
             "und Befugnis verfügen, die menschliche Aufsicht und lassen ihnen die erforderliche Unterstützung "
             "zukommen.", "eu-ai-act-de.txt"),
        ),
    ),
    Obligation(
        "us_caio_designate", OMB_M_25_21.id, N_("Section 3, Chief AI Officers"),
        Q_("Within 60 days of the issuance of this memorandum, the head of each agency must retain or designate a "
           "Chief AI Officer (CAIO)."),
        N_("The head of the agency keeps or names a Chief AI Officer."),
        "ai_strategy", accountable="CEO",
    ),
    Obligation(
        "us_caio_position", OMB_M_25_21.id, N_("Section 3, Chief AI Officers"),
        Q_("CAIOs must have the necessary authority to perform the responsibilities in this section and must be "
           "positioned highly enough to engage regularly with other agency leadership, to include the Deputy "
           "Secretary or equivalent."),
        N_("Give the Chief AI Officer the authority the role needs and a position senior enough to work regularly "
           "with the agency's leadership."),
        "ai_strategy", accountable="CEO",
    ),
    Obligation(
        "nist_govern_2_1", NIST_RMF.id, N_("GOVERN 2.1"),
        Q_("Roles and responsibilities and lines of communication related to mapping, measuring, and managing AI "
           "risks are documented and are clear to individuals and teams throughout the organization."),
        N_("Write down who maps, measures and manages AI risks and how they communicate, so everyone knows."),
        "model_governance",
    ),
    Obligation(
        "nist_govern_2_3", NIST_RMF.id, N_("GOVERN 2.3"),
        Q_("Executive leadership of the organization takes responsibility for decisions about risks associated "
           "with AI system development and deployment."),
        N_("An executive takes responsibility for decisions about the risks of developing and deploying AI."),
        "model_governance",
    ),
    Obligation(
        "iso_roles", ISO_42001.id, N_("Clause 5.3"),
        N_("Top management makes sure that the responsibilities and authority for the roles that matter to the AI "
           "management system are assigned and made known inside the organisation, including someone answerable "
           "for the system meeting the standard and for reporting to top management on how it performs."),
        N_("Top management assigns and makes known who is responsible for the AI management system, including who "
           "reports on it."),
        "model_governance", accountable="CEO", paraphrase=True,
    ),
)  # fmt: skip
OBLIGATION_BY_ID = {o.id: o for o in OBLIGATIONS}

# Which answers bring each obligation in, in words (the methodology page); `applies` is the same in code.
WHEN: dict[str, str] = {
    "eu_ai_literacy": N_("The organisation operates in the European Union and uses AI (AI is not answered as not "
                         "used)."),
    "eu_deployer_instructions": N_("The organisation operates in the European Union and deploys a high-risk AI "
                                   "system (deployer, or provider and deployer)."),
    "eu_human_oversight": N_("The organisation operates in the European Union and deploys a high-risk AI system "
                             "(deployer, or provider and deployer)."),
    "us_caio_designate": N_("The organisation is a US federal agency."),
    "us_caio_position": N_("The organisation is a US federal agency."),
    "nist_govern_2_1": N_("The organisation follows the NIST AI RMF."),
    "nist_govern_2_3": N_("The organisation follows the NIST AI RMF."),
    "iso_roles": N_("The organisation follows ISO/IEC 42001."),
}  # fmt: skip
RULES = (
    Rule("obligations_apply", N_("Which obligations apply"),
         N_("An obligation is listed when the answers about where the organisation operates, its part in high-risk "
            "AI systems and the frameworks it follows bring it in, as listed below. An answer that is not given, or "
            "answered as not sure, brings nothing in, and nothing is inferred from the other answers."),
         N_("Whether a law applies turns on facts the team knows better than a questionnaire can guess; listing an "
            "obligation only when the team has said what brings it in keeps the list from claiming more than the "
            "answers say."), METHOD),
    Rule("obligations_accountable", N_("Who is accountable for an obligation"),
         N_("Each obligation belongs to one row of the responsibility matrix, and the executive accountable for it is "
            "that row's A in the advised structure, unless the text itself names who must act (an agency head, top "
            "management: the CEO). In a boundary charter each obligation becomes a row of its own, which the team "
            "assigns and signs like the others."),
         N_("The texts say what must be done, rarely by which executive; the matrix already says who is accountable "
            "for model governance, AI adoption and AI strategy, so the obligation goes where that duty is."), METHOD),
    Rule("obligations_required_role", N_("When a rule requires the role"),
         N_("For a US federal agency, OMB Memorandum M-25-21 requires a Chief AI Officer: the need verdict is a "
            "dedicated CAIO with its basis marked as a regulation, and the result also shows what the article alone "
            "would have said. The CAIO then reports to the head of the agency, never under the CTO: M-25-21 asks that "
            "the CAIO be positioned highly enough to engage regularly with agency leadership, and this is CAIO "
            "Advisor's reading of it."),
         N_("A rule that binds the organisation outranks a reading of the article; showing the article's own answer "
            "beside it keeps the two apart."), METHOD),
)  # fmt: skip
DEPLOYER_ROLES = ("deployer", "provider_and_deployer")
NIST_CHOICES = ("nist_ai_rmf", "nist_and_iso")
ISO_CHOICES = ("iso_42001", "nist_and_iso")


def applies(answers: Mapping[str, Any]) -> list[str]:
    """The ids of the obligations the answers bring in, in OBLIGATIONS order. Nothing is inferred: an answer
    that is absent (not stated) or "not sure" brings nothing in."""
    regions = answers.get("operates_in") or ()
    role = answers.get("high_risk_role")
    frameworks = answers.get("ai_frameworks")
    out: list[str] = []
    # Article 4 binds providers and deployers of any AI system: an organisation that uses AI in the EU is one.
    if "eu" in regions and answers.get("ai_product_role") != "none":
        out.append("eu_ai_literacy")
    if "eu" in regions and role in DEPLOYER_ROLES:
        out += ["eu_deployer_instructions", "eu_human_oversight"]
    if "us_federal" in regions:
        out += ["us_caio_designate", "us_caio_position"]
    if frameworks in NIST_CHOICES:
        out += ["nist_govern_2_1", "nist_govern_2_3"]
    if frameworks in ISO_CHOICES:
        out.append("iso_roles")
    return out


def role_required(answers: Mapping[str, Any]) -> bool:
    """Whether a rule outside the article requires a Chief AI Officer (a US federal agency: OMB M-25-21)."""
    return "us_federal" in (answers.get("operates_in") or ())


def accountable_role(obligation: Obligation, matrix: Mapping[str, Any]) -> str:
    """The one executive accountable: the role the text names, else the row's A in the advised matrix."""
    if obligation.accountable:
        return obligation.accountable
    row = next(r for r in matrix["rows"] if r["id"] == obligation.row)
    holders = [role for role, letters in row["raci"].items() if "A" in letters]
    assert len(holders) == 1, f"row {row['id']} has {len(holders)} As"  # the matrix rule: one A per row
    return holders[0]


def _item(o: Obligation, matrix: Mapping[str, Any]) -> dict[str, Any]:
    source = SOURCE_BY_ID[o.source]
    row = next(r for r in matrix["rows"] if r["id"] == o.row)
    return {
        "id": o.id,
        "source": source.kind,
        "document": source.title,
        "document_id": source.id,
        "document_short": source.short,
        "reference": o.reference,
        "passage": o.passage,
        "paraphrase": o.paraphrase,
        "official": {lang: text for lang, text, _file in o.official},
        "url": source.url,
        "version": source.version,
        "read": source.read,
        "asks": o.asks,
        "accountable": accountable_role(o, matrix),
        "accountable_named_by_text": bool(o.accountable),
        "row": o.row,
        "row_title": row["title"],
        # As a reader in English sees it; localise_obligations words it for another language.
        "passage_shown": o.passage,
        "passage_lang": "en",
        "passage_translation": "",
        "passage_excerpt": _excerpt(o.passage),
    }


def _excerpt(text: str) -> bool:
    """A passage stored short of its sentence's end (shown with "…" after it): it does not end a sentence."""
    return not text.endswith(".")


_CONTEXT_KEYS = ("operates_in", "high_risk_role", "ai_frameworks")


def obligations(answers: Mapping[str, Any], matrix: Mapping[str, Any]) -> dict[str, Any]:
    """The obligations section of a result: the items that apply, and which answers were not stated or not sure
    (their obligations are not listed)."""
    return {
        "items": [_item(OBLIGATION_BY_ID[i], matrix) for i in applies(answers)],
        "not_stated": [key for key in _CONTEXT_KEYS if key not in answers],
        "not_sure": answers.get("high_risk_role") == "not_sure",
        "sources_as_of": SOURCES_AS_OF,
    }


# ---- When a rule requires the role -------------------------------------------------------------------------


class RequiredRole(Method2027):
    """Method 2027.01 for an organisation a rule requires to have a CAIO (a US federal agency: OMB M-25-21).
    The article's lists are read as ever (the situation is theirs); the need is then a dedicated CAIO on the
    rule's basis, and the CAIO reports as 2027.01's reporting-line rules say. Confidence and tipping points ask
    this rule again, so the need cannot tip while the answer that brings the rule in holds."""

    def decide(self, answers: Mapping[str, Any], held: frozenset[str] | None = None) -> Decision:
        if held is None:
            held = self.held(answers)
        d = super().decide(answers, held)
        line = (d.line, d.line_basis, d.line_rule)
        if (
            d.lean != "caio"
        ):  # the article (or the tool's default) left it with the CTO: where the CAIO reports
            line = self._line(answers, d.strategic, bool(SCALE_SIGNALS & held), d.cto_in_post)
        if line[0] == "cto":  # M-25-21: positioned to engage with agency leadership (rule "required_role")
            line = ("ceo", METHOD, "line_agency")
        return d._replace(need="caio", lean="caio", need_basis="regulation", line=line[0], line_basis=line[1],
                          line_rule=line[2])  # fmt: skip


LINE_AGENCY = Advice(
    N_(
        "OMB Memorandum M-25-21 asks that the Chief AI Officer be positioned highly enough to engage regularly with "
        "agency leadership, including the Deputy Secretary or equivalent. CAIO Advisor reads that as a direct report "
        "to the head of the agency, not a post under the CTO."
    ),
    METHOD,
    "",
    "obligations_required_role",
)
STEP_AGENCY = Advice(
    N_("Have the CAIO report directly to the head of the agency, alongside the CTO."),
    METHOD,
    "",
    "obligations_required_role",
)
REGULATION_REASON = N_(
    "A rule requires the role: OMB Memorandum M-25-21 requires the head of each US federal agency to retain or "
    "designate a Chief AI Officer, whatever the article's tests say."
)
ARTICLE_ALONE = N_("The article alone would have said: {answer}")
REQUIRED_TEXTS = {
    "need_required": N_("Yes: a rule requires a dedicated CAIO"),
    "basis_regulation": N_("Regulation"),
}
REQUIRED_HEADLINE = N_(
    "A rule requires a dedicated Chief AI Officer: OMB Memorandum M-25-21 binds every US federal agency."
)


def under_rules(method: Method, answers: Mapping[str, Any]) -> Method:
    """The method to decide with: its own rule, or, when a rule requires the role, the same under that rule."""
    if not role_required(answers):
        return method
    fields = {f.name: getattr(method, f.name) for f in dataclasses.fields(method)}
    fields["texts"] = {**method.texts, **REQUIRED_TEXTS}
    fields["headlines"] = {**method.headlines, "required": REQUIRED_HEADLINE}
    fields["advice"] = {**method.advice, "line_agency": LINE_AGENCY, "step_line_agency": STEP_AGENCY}
    return RequiredRole(**fields)


def required_need(method: Method, article: Decision, need: dict[str, Any]) -> dict[str, Any]:
    """The need verdict's words when a rule requires the role: the rule's passage as its reason, no lean of the
    tool's own, and what the article alone would have said (`article`: the decision without the rule)."""
    designate = OBLIGATION_BY_ID["us_caio_designate"]
    texts = method.texts
    lean = "" if article.need != "mixed" else "default_cto" if article.situation == "undecided" else (
        f"lean_{article.lean}")  # fmt: skip
    return need | {
        "label": texts["need_required"],
        "basis_label": texts["basis_regulation"],
        "lean_label": "",
        "lean_reason": None,
        "reason": {"text": REGULATION_REASON, "source": "regulation", "quote": designate.passage, "rule": "",
                   "document": OMB_M_25_21.title, "reference": designate.reference},
        "article_alone": {
            "answer": article.need, "basis": article.need_basis, "situation": article.situation,
            "lean": article.lean, "label": texts[f"need_{article.situation}"],
            "lean_label": texts[lean] if lean else "",
        },
    }  # fmt: skip


# ---- In another language ----------------------------------------------------------------------------------


def localise_obligations(section: Mapping[str, Any], wording: Wording) -> dict[str, Any]:
    """The obligations section in `wording`'s language: each passage in its stored official version for that
    language, else in English with its translation beside it (`passage_translation`)."""
    items = []
    for item in section["items"]:
        official = item.get("official", {}).get(wording.language)
        if official:
            shown, lang, beneath = official, wording.language, ""
        else:
            translation = translate(item["passage"], wording)
            shown, lang = item["passage"], "en"
            beneath = translation if translation != item["passage"] else ""
        items.append({
            **item,
            "document": translate(item["document"], wording),
            "document_short": translate(item.get("document_short", ""), wording),
            "reference": translate(item["reference"], wording),
            "version": translate(item["version"], wording),
            "asks": translate(item["asks"], wording),
            "row_title": translate(item["row_title"], wording),
            "passage_shown": shown,
            "passage_lang": lang,
            "passage_translation": beneath,
            "passage_excerpt": _excerpt(shown),
        })  # fmt: skip
    return {**section, "items": items}
