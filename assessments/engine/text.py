"""A plain-text report of a caio-result/2 dict, for the terminal and for e-mail, in any of the languages.

Give it a result worded in the language (i18n.localise) and the same Wording for its own headings.
"""

from __future__ import annotations

import textwrap
from typing import Any

from .i18n import ENGLISH, Wording, translate
from .marks import N_

WIDTH = 100
METHOD_MARK = N_("[CAIO Advisor's rule, not from the article]")
# A verdict's confidence inside a sentence: "Where should the CAIO report? To the CTO (borderline)".
CONFIDENCE_WORDS = {"clear": N_("clear"), "borderline": N_("borderline")}
# The kind of a text other than the article: a law or binding rule, or a voluntary framework.
KIND_WORDS = {"regulation": N_("regulation"), "framework": N_("framework")}
NOT_SURE_NOTE = N_(
    "Whether your AI systems are high-risk under the EU AI Act is answered as not sure: the obligations of "
    "deployers of high-risk systems are not listed until it is answered."
)
NOT_STATED_NOTE = N_(
    "Some questions about laws and frameworks were not answered: obligations that depend on them are not listed."
)


class _Report:
    def __init__(self, wording: Wording) -> None:
        self.wording = wording
        self.mark = translate(METHOD_MARK, wording)

    def t(self, template: str, /, **values: Any) -> str:
        return translate(template, self.wording).format(**values)

    def wrap(self, text: str, indent: str = "  ", bullet: str = "- ") -> list[str]:
        return textwrap.wrap(
            text, WIDTH, initial_indent=indent + bullet, subsequent_indent=indent + " " * len(bullet)
        )

    def quote(self, item: dict[str, Any], indent: str) -> list[str]:
        """The article's sentence in English, and beneath it its translation, marked as one; a rule's passage
        is introduced by its document and reference instead."""
        if item.get("source") == "regulation":
            said = self.t(N_('{document}, {reference}: "{quote}"'), document=self.t(item["document"]),
                          reference=self.t(item["reference"]), quote=item["quote"])  # fmt: skip
        else:
            said = self.t(N_('Article: "{quote}"'), quote=item["quote"])
        lines = self.wrap(said, indent, "")
        if item.get("quote_translation"):
            lines += self.wrap(
                self.t(N_("(Translation: {text})"), text=item["quote_translation"]), indent, ""
            )
        return lines

    def item(self, item: dict[str, Any], indent: str = "  ", bullet: str = "- ") -> list[str]:
        """An advice item with its source: the article's sentence, or the method's marker."""
        # The article's sentence itself (in another language, its translation): quoted once, translated beneath.
        if item["source"] == "article" and item["text"] in (item["quote"], item.get("quote_translation")):
            lines = self.wrap(self.t(N_('Article: "{quote}"'), quote=item["quote"]), indent, bullet)
            if item.get("quote_translation"):
                lines += self.wrap(
                    self.t(N_("(Translation: {text})"), text=item["quote_translation"]),
                    indent + " " * len(bullet),
                    "",
                )
            return lines
        text = f"{item['text']} {self.mark}" if item["source"] == "method" else item["text"]
        if item["source"] == "regulation":
            text = f"{text} [{self.t(KIND_WORDS['regulation'])}]"
        lines = self.wrap(text, indent, bullet)
        if item.get("quote"):
            lines += self.quote(item, indent + " " * len(bullet))
        return lines

    def section(self, title: str, items: list[dict[str, Any]]) -> list[str]:
        lines = ["", self.t(title)]
        for item in items:
            lines.extend(self.item(item))
        return lines

    def verdict(self, v: dict[str, Any]) -> list[str]:
        lines = [
            self.t(
                N_("{question} {answer} ({confidence})"),
                question=v["question"],
                answer=v["label"],
                confidence=self.t(CONFIDENCE_WORDS[v["confidence"]]),
            )
        ]
        # Who says so: the article's lists, or CAIO Advisor's own rule.
        lines += self.wrap(self.t(N_("Basis: {basis}"), basis=v["basis_label"]), bullet="")
        if v.get("lean_label"):  # the article does not settle it: the tool's own lean or default, labelled
            lines += self.wrap(f"{v['lean_label']} {self.mark}", bullet="")
            lines.extend(self.item(v["lean_reason"], indent="    "))
        for note in ("caution", "no_cto"):
            if v.get(note):
                lines.extend(self.item(v[note], indent="    "))
        lines += self.wrap(f"{v['confidence_reason']} {self.mark}")
        if v.get("basis") == "regulation":
            lines += self.wrap(f"{v['reason']['text']} [{self.t(KIND_WORDS['regulation'])}]")
            alone = v["article_alone"]
            said = self.t(N_("The article alone would have said: {answer}"), answer=alone["label"])
            if alone.get("lean_label"):  # the article does not settle it: the tool's own lean, labelled
                said = f"{said} ({alone['lean_label']} {self.mark})"
            lines += self.wrap(said)
        return lines

    def obligations(self, section: dict[str, Any] | None) -> list[str]:
        """What laws and frameworks ask, each with its passage and the one executive accountable."""
        if not section or (not section["items"] and len(section["not_stated"]) == 3):
            return []
        lines = ["", self.t(N_("What laws and frameworks ask, and who is accountable"))]
        if not section["items"]:
            lines += self.wrap(
                self.t(N_("None of the obligations CAIO Advisor covers apply to the answers given."))
            )
        for o in section["items"]:
            head = self.t(N_("[{kind}] {document}, {reference}"), kind=self.t(KIND_WORDS[o["source"]]),
                          document=o["document"], reference=o["reference"])  # fmt: skip
            lines += self.wrap(head)
            passage = o["passage_shown"] + ("…" if o["passage_excerpt"] else "")
            label = N_('Paraphrase (not the text): "{text}"') if o["paraphrase"] else N_('Text: "{text}"')
            lines += self.wrap(self.t(label, text=passage), "    ", "")
            if o["passage_translation"]:
                lines += self.wrap(
                    self.t(
                        N_("(Translation by CAIO Advisor, not an official version: {text})"),
                        text=o["passage_translation"],
                    ),
                    "    ",
                    "",
                )
            lines += self.wrap(self.t(N_("What it asks: {text}"), text=o["asks"]), "    ", "")
            lines += self.wrap(
                self.t(
                    N_("Accountable: {role} (matrix row: {row})"), role=o["accountable"], row=o["row_title"]
                ),
                "    ",
                "",
            )
            lines += self.wrap(self.t(N_("Source: {version}, read {date}"), version=o["version"], date=o["read"]),
                               "    ", "")  # fmt: skip
            lines.append(f"    {o['url']}")  # unwrapped, so it can be copied
        if section["not_sure"]:
            lines += self.wrap(self.t(NOT_SURE_NOTE))
        if section["not_stated"]:
            lines += self.wrap(self.t(NOT_STATED_NOTE))
        return lines

    def lists(self, criteria: list[dict[str, Any]]) -> list[str]:
        """The article's two lists side by side, each test marked [x] where it holds (and counts)."""
        half = (WIDTH - 4) // 2
        columns = []
        for side, heading in (
            ("caio", N_("Signals for a CAIO (any one):")),
            ("cto", N_("CTO can absorb (all four):")),
        ):
            column = [self.t(heading)]
            for c in criteria:
                if c["side"] == side:
                    mark = "x" if c["counted"] else " "
                    column += textwrap.wrap(f"[{mark}] {c['label']}", half, subsequent_indent="    ")
            columns.append(column)
        rows = max(len(column) for column in columns)
        padded = [column + [""] * (rows - len(column)) for column in columns]
        return ["", self.t(N_("The article's two lists"))] + [
            f"  {left:<{half}}  {right}".rstrip() for left, right in zip(*padded, strict=True)
        ]

    def matrix(self, matrix: dict[str, Any]) -> list[str]:
        roles = matrix["roles"]
        lines = ["", self.t(N_("Responsibility matrix {mark}"), mark=self.mark)]
        lines.append(f"  {'':55}" + "".join(f"{role:>6}" for role in roles))
        for row in matrix["rows"]:
            title = row["title"] if len(row["title"]) <= 53 else row["title"][:50] + "..."
            mark = "*" if row["shared_governance"] else " "
            lines.append(f"  {mark}{title:54}" + "".join(f"{row['raci'][role] or '-':>6}" for role in roles))
        forum = matrix.get("forum")
        if forum:
            shared = self.t(
                N_(
                    "* shared governance in the {forum} ({members}; the {tie_breaker} breaks ties; meets {meets})."
                ),
                forum=forum["name"],
                members=", ".join(forum["members"]),
                tie_breaker=forum["tie_breaker"],
                meets=forum["meets"],
            )
            lines.extend(self.wrap(shared, bullet=""))
        for letter, meaning in matrix["legend"].items():  # one line each: no separator to translate
            lines.extend(self.wrap(f"{letter} = {meaning}", bullet=""))
        return lines

    def criteria(self, criteria: list[dict[str, Any]]) -> list[str]:
        lines = ["", self.t(N_("The article's tests"))]
        for c in criteria:
            if c["counted"]:
                status = self.t(N_("holds"))
            elif c["met"]:
                status = self.t(N_("holds, not counted"))
            else:
                status = self.t(N_("does not hold"))
            side = self.t(N_("CAIO signal") if c["side"] == "caio" else N_("CTO can absorb"))
            lines.append(
                "  " + self.t(N_("[{status}] {side}: {test}"), status=status, side=side, test=c["label"])
            )
            lines.extend(self.wrap(c["explanation"], indent="      ", bullet=""))
            lines.extend(self.quote(c, "      "))
        return lines

    def report(self, result: dict[str, Any]) -> str:
        lines = []
        org = result.get("organisation") or {}
        if org.get("name"):
            lines.append(self.t(N_("CAIO Advisor: {name}"), name=org["name"]))
        label = result["recommendation_label"]
        # Where the article does not settle it, the recommendation is CAIO Advisor's lean or default: marked.
        if result["verdicts"]["need"]["basis"] == "method":
            label = f"{label} {self.mark}"
        lines.append(self.t(N_("Recommendation: {label}"), label=label))
        lines.extend(self.wrap(result["headline"], indent="", bullet=""))
        lines.append("")
        verdicts = result["verdicts"]
        lines.extend(self.verdict(verdicts["need"]))
        lines.extend(self.lists(result["criteria"]))
        lines.append("")
        if verdicts["reporting_line"]:
            lines.extend(self.verdict(verdicts["reporting_line"]))
        lines.extend(
            self.wrap(
                self.t(N_("Reporting line: {line}"), line=result["reporting_line"]), indent="", bullet=""
            )
        )
        lines.extend(self.wrap(result["balance"]["text"], indent="", bullet=""))
        lines.append(self.t(N_("Size: {band}"), band=result["size_band"]["label"]))
        if result["interim_step"]:
            lines.append("")
            lines.extend(self.item(result["interim_step"], indent="", bullet=self.t(N_("Interim step: "))))
        if result["answers_that_disagree"]:
            lines.extend(["", self.t(N_("Answers that disagree"))])
            for d in result["answers_that_disagree"]:
                lines.extend(self.wrap(d["text"]))
        lines.extend(self.criteria(result["criteria"]))
        lines.extend(self.section(N_("Why"), result["reasons"]))
        lines.extend(self.matrix(result["matrix"]))
        lines.extend(self.obligations(result.get("obligations")))
        tipping = N_(
            "Tipping points: the smallest changes that would alter each verdict, smallest first {mark}"
        )
        lines.append("")
        lines.extend(self.wrap(self.t(tipping, mark=self.mark), indent="", bullet=""))
        for w in result["what_if"]:
            advice = w.get("outcome") or w["recommendation_label"]
            said = self.t(N_("{change}: {advice}"), change=w["change"], advice=advice)
            if w.get("reachable") is False:
                said = self.t(N_("{change} (out of reach within a review period)"), change=said)
            lines.extend(self.wrap(said))
        if not result["what_if"]:
            lines.extend(self.wrap(self.t(N_("No change of one or two answers alters the advice."))))
        lines.extend(self.section(N_("Risks"), result["risks"]))
        lines.extend(self.section(N_("Next steps"), result["next_steps"]))
        lines.extend(["", self.t(N_("Method {version}"), version=result["methodology_version"])])
        return "\n".join(lines) + "\n"


def format_text(result: dict[str, Any], wording: Wording = ENGLISH) -> str:
    """Headline, verdicts with confidence, the tests with the article's words, why, matrix, tipping points.

    `result` is worded in `wording`'s language already (i18n.localise); this adds the report's own words."""
    return _Report(wording).report(result)
