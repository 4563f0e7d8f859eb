"""The engine's texts in English, French and German, without Django.

Every text a person reads is written in English and marked for translation (marks.py: `N_`, `NP_`, `Q_`).
The English text is its own message id (gettext's convention); `manage.py makemessages` collects the marks
(see assessments/management/commands/makemessages.py) into locale/<lang>/LC_MESSAGES/django.po.

A result stores its texts in English. A text with values in it also stores how it was made, a Message:

    {"id": "{answer} people work on AI-related projects, ...", "plural": "...", "n": 25,
     "args": {"answer": {"answer": ["ai_headcount", 25]}}}

so `localise()` can word a stored result again in any language, formatting numbers and money for it,
without scoring anything again. Quotes from the article stay in English: `localise()` puts their
translation beside them (`quote_translation`), and the pages print it beneath, marked as a translation.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from .marks import N_, NP_, Q_, Plural  # noqa: F401 - NP_ and Q_ re-exported for the app's modules
from .methods import stored_method
from .numbers import format_count, format_money
from .questions import ALL_QUESTIONS, CHOICE_WORDS

Message = dict[str, Any]
# The languages of the catalogues (settings.LANGUAGES says the same for the pages; a test checks).
LANGUAGES: tuple[str, ...] = ("en", "fr", "de")
# locale/<lang>/LC_MESSAGES/django.mo, built from the .po files by `make` (msgfmt).
LOCALE_DIR = Path(__file__).resolve().parents[2] / "locale"


def message(text: str | Plural, n: object = None, /, **args: Any) -> Message:
    """A Message for `text` (for a Plural, picked by the count `n`) with named values: each is a string,
    kept as it is (a name), or made by answer(), count() or nested()."""
    msg: Message = (
        {"id": text.one, "plural": text.other, "n": n} if isinstance(text, Plural) else {"id": text}
    )
    if args:
        msg["args"] = args
    return msg


def answer(key: str, value: Any) -> dict[str, Any]:
    """A Message value: one answer, worded in the reader's language ("$6,000,000", "6 000 000 $US")."""
    return {"answer": [key, value]}


def count(value: int) -> dict[str, Any]:
    """A Message value: a number, written the reader's way ("1,200", "1 200", "1.200")."""
    return {"count": value}


def nested(msg: Message) -> dict[str, Any]:
    """A Message value that is itself a Message."""
    return {"msg": msg}


@dataclass(frozen=True, slots=True)
class Wording:
    """How to word texts in one language: its catalogue and its numbers."""

    language: str
    gettext: Callable[[str], str]
    ngettext: Callable[[str, str, int], str]
    money: Callable[[Any], str]  # US dollars
    count: Callable[[Any], str]


def _english_money(value: Any) -> str:
    return f"${value:,}" if type(value) is int else f"${value:,.2f}"


def _english_count(value: Any) -> str:
    return f"{value:,}"


def _english_ngettext(one: str, other: str, n: int) -> str:
    return Plural(one, other).english(n)


ENGLISH = Wording("en", lambda text: text, _english_ngettext, _english_money, _english_count)


class MissingCatalogue(LookupError):
    """A language's compiled catalogue (.mo) is not there: `make` builds it from the .po file."""


def catalogue(language: str, localedir: Path = LOCALE_DIR) -> Wording:
    """The Wording for `language` from its compiled catalogue, without Django (the command line's)."""
    if language == ENGLISH.language:
        return ENGLISH
    try:
        found = gettext.translation("django", localedir=localedir, languages=[language])
    except OSError:
        raise MissingCatalogue(language) from None
    return Wording(
        language,
        found.gettext,
        found.ngettext,
        partial(format_money, locale=language),
        partial(format_count, locale=language),
    )


# ---- wording one text -----------------------------------------------------------------------------------


def render(msg: Message, wording: Wording = ENGLISH) -> str:
    """The text of `msg` in `wording`'s language. A translation whose placeholders do not match the English
    (a catalogue error that `msgfmt --check` also reports) falls back to the English sentence."""
    if wording is ENGLISH:
        return _english(msg)
    if "plural" in msg:
        n = msg["n"]
        template = wording.ngettext(msg["id"], msg["plural"], n) if type(n) is int else msg["plural"]
        english = Plural(msg["id"], msg["plural"]).english(n)
    else:
        english = msg["id"]
        template = wording.gettext(english) if english else english
    given = msg.get("args")
    # The engine words every result in English as it scores: plain names skip _value().
    args = (
        {name: value if type(value) is str else _value(value, wording) for name, value in given.items()}
        if given
        else {}
    )
    try:
        return template.format(**args)
    except (KeyError, IndexError, ValueError):
        return english.format(**args)


def _english(msg: Message) -> str:
    """render() in English, the engine's language as it scores: no catalogue, and its own sentences fit
    their own placeholders (checked for every text by the tests)."""
    if "plural" in msg:
        n = msg["n"]
        template = msg["id"] if type(n) is int and n == 1 else msg["plural"]
    else:
        template = msg["id"]
    given = msg.get("args")
    if not given:
        return template.format()
    return template.format(**{name: value if type(value) is str else _value(value, ENGLISH)
                              for name, value in given.items()})  # fmt: skip


def _value(value: Any, wording: Wording) -> str:
    if "msg" in value:
        return render(value["msg"], wording)
    if "count" in value:
        return wording.count(value["count"])
    key, raw = value["answer"]
    return answer_words(key, raw, wording)


def translate(text: str, wording: Wording = ENGLISH) -> str:
    """One marked text in `wording`'s language ("" stays "": gettext would return the catalogue's header)."""
    return wording.gettext(text) if text else text


def answer_words(key: str, value: Any, wording: Wording = ENGLISH) -> str:
    """An answer in words, as a sentence says it: "$6,000,000", "1,200", "internal tools only", "yes", in
    `wording`'s language. The one writer of answers: the result, the tipping points, the text report, the pages."""
    kind = _ANSWER_KINDS[key]
    if kind == "choice":
        return translate(CHOICE_WORDS[key][value], wording)
    if kind == "bool":
        return translate(N_("yes") if value else N_("no"), wording)
    if kind == "choices":
        return ", ".join(translate(CHOICE_WORDS[key][v], wording) for v in value)
    if kind == "money":
        return wording.money(value)
    return wording.count(value)


def answer_label(key: str, value: Any, wording: Wording = ENGLISH) -> str:
    """An answer on its own, as a table cell shows it: "Yes", "A feature of the product", "$2,500,000"."""
    words = answer_words(key, value, wording)
    return words[:1].upper() + words[1:]


# Each question's kind of answer: "choice", "choices", "bool", "money" or "count".
_ANSWER_KINDS: dict[str, str] = {
    q.key: q.kind if q.kind in ("choice", "choices", "bool") else "money" if q.unit.startswith("USD") else "count"
    for q in ALL_QUESTIONS
}  # fmt: skip


# ---- wording a stored result ------------------------------------------------------------------------------


def localise(result: Mapping[str, Any], wording: Wording) -> dict[str, Any]:
    """A copy of a caio-result/2 `result` with every text in `wording`'s language (English: as stored).

    Texts stored with their Message are worded from it; other texts are translated as they are. The result
    is never changed (parts of it are shared between results), and a result of a retired method
    (caio-result/1) is returned as it was stored: its texts are not in the catalogues.
    """
    if wording.language == ENGLISH.language:
        return dict(result)
    t = _Localiser(wording, _criterion_keys(result.get("methodology_version")))
    out = dict(result)
    if "structure" in result:
        out["structure"] = t.structure(result["structure"])
    if "answers_display" in result and "answers" in result:
        out["answers_display"] = [t.answer(row, result["answers"]) for row in result["answers_display"]]
    if result.get("schema") != "caio-result/2":
        return out  # a retired method's own texts stay as stored; its answers and structure are worded
    for key in ("recommendation_label", "headline", "reporting_line"):
        out[key] = t.text(result[key])
    out["verdicts"] = {name: t.verdict(v) if v else v for name, v in result["verdicts"].items()}
    out["balance"] = t.texted(result["balance"], "text")
    out["size_band"] = t.quoted(result["size_band"]) | {"label": t.text(result["size_band"]["label"])}
    out["criteria"] = [t.criterion(c) for c in result["criteria"]]
    for key in ("reasons", "risks", "next_steps"):
        out[key] = [t.item(item) for item in result[key]]
    out["interim_step"] = t.item(result["interim_step"]) if result["interim_step"] else None
    out["answers_that_disagree"] = [t.texted(d, "text") for d in result["answers_that_disagree"]]
    out["tipping_points"] = {
        name: {**summary, "title": t.text(summary["title"])} if summary else summary
        for name, summary in result["tipping_points"].items()
    }
    out["what_if"] = [
        t.outcome(t.texted(w, "change")) | {"recommendation_label": t.text(w["recommendation_label"])}
        for w in result["what_if"]
    ]  # fmt: skip
    out["matrix"] = t.matrix(result["matrix"])
    if result.get("obligations"):  # results scored before obligations were stored have none
        from .obligations import localise_obligations

        out["obligations"] = localise_obligations(result["obligations"], wording)
    if result.get("panel"):
        out["panel"] = t.panel(result["panel"])
    return out


def _criterion_keys(version: object) -> dict[str, str]:
    """Which question each test of `version` reads (none for a version this engine does not know)."""
    method = stored_method(version)
    return {c.id: c.condition.key for c in method.criteria} if method else {}


class _Localiser:
    def __init__(self, wording: Wording, keys: dict[str, str]) -> None:
        self.wording = wording
        self.keys = keys

    def text(self, text: str) -> str:
        return translate(text, self.wording)

    def answer(self, row: Mapping[str, Any], answers: Mapping[str, Any]) -> dict[str, Any]:
        """One row of the answers table: the question, and the answer as the stored row writes it (a capital
        when it starts with one: "Yes" / "Oui", "yes" / "oui")."""
        if row["key"] not in answers:  # an optional answer that was not given: "not stated"
            return {**row, "question": self.text(row["question"]), "value": self.text(row["value"])}
        words = answer_words(row["key"], answers[row["key"]], self.wording)
        if str(row["value"])[:1].isupper():
            words = words[:1].upper() + words[1:]
        return {**row, "question": self.text(row["question"]), "value": words}

    def structure(self, structure: Mapping[str, Any]) -> dict[str, Any]:
        posts = [{**post, "note": self.text(post["note"])} for post in structure["posts"]]
        return {**structure, "posts": posts, "text": self.text(structure["text"])}

    def texted(self, part: Mapping[str, Any], key: str) -> dict[str, Any]:
        """`part` with `key` worded from its Message (`<key>_msg`), or translated as stored."""
        msg = part.get(f"{key}_msg")
        return {**part, key: render(msg, self.wording) if msg else self.text(part[key])}

    def quoted(self, part: Mapping[str, Any]) -> dict[str, Any]:
        """`part` with the article's sentence kept in English and its translation beside it."""
        quote = part.get("quote") or ""
        translation = self.text(quote)
        return {**part, "quote_translation": translation if translation != quote else ""}

    def item(self, item: Mapping[str, Any]) -> dict[str, Any]:
        return self.quoted(self.texted(item, "text"))

    def verdict(self, v: Mapping[str, Any]) -> dict[str, Any]:
        out = self.texted(v, "confidence_reason")
        for key in ("question", "label", "confidence_label", "basis_label", "lean_label"):
            if key in v:  # the basis and the lean: method 2027.01 on
                out[key] = self.text(v[key])
        for key in ("reason", "lean_reason", "caution", "no_cto"):
            if v.get(key):
                out[key] = self.item(v[key])
        if v.get("article_alone"):  # a rule required the role: what the article alone would have said
            alone = v["article_alone"]
            out["article_alone"] = {**alone, "label": self.text(alone["label"]),
                                    "lean_label": self.text(alone.get("lean_label", ""))}  # fmt: skip
        return out

    def outcome(self, w: dict[str, Any]) -> dict[str, Any]:
        """A tipping point's new verdict in words (method 2027.01 on)."""
        return self.texted(w, "outcome") if "outcome" in w else w

    def criterion(self, c: Mapping[str, Any]) -> dict[str, Any]:
        out = self.quoted(self.texted(c, "explanation"))
        out["label"], out["threshold"] = self.text(c["label"]), self.text(c["threshold"])
        if c["id"] in self.keys:
            out["answer_display"] = answer_words(self.keys[c["id"]], c["answer"], self.wording)
        return out

    def matrix(self, matrix: Mapping[str, Any]) -> dict[str, Any]:
        out = dict(matrix)
        out["legend"] = {letter: self.text(text) for letter, text in matrix["legend"].items()}
        out["rows"] = [self.quoted(row) | {"title": self.text(row["title"])} for row in matrix["rows"]]
        forum = matrix.get("forum")
        if forum:
            out["forum"] = self.quoted(forum) | {
                key: self.text(forum[key]) for key in ("name", "decides", "meets")
            }
        return out

    def panel(self, panel: Mapping[str, Any]) -> dict[str, Any]:
        def labelled(part: Mapping[str, Any]) -> dict[str, Any]:
            label = part.get("recommendation_label")
            return {**part, "recommendation_label": self.text(label) if label else label}

        out = labelled(panel)
        out["rule"] = self.text(panel["rule"])
        out["combinations"] = [labelled(c) for c in panel.get("combinations", [])]
        out["questions"] = [
            {**q, "alternatives": [labelled(a) for a in q["alternatives"]]} for q in panel["questions"]
        ]
        return out


def localise_matrix(matrix: Mapping[str, Any], wording: Wording) -> dict[str, Any]:
    """One responsibility matrix in `wording`'s language (the methodology page shows one per structure)."""
    if wording.language == ENGLISH.language:
        return dict(matrix)
    return _Localiser(wording, {}).matrix(matrix)
