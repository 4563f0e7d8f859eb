"""The marks that put a text in the catalogues, apart from the wording (i18n.py), so any module can mark texts.

`N_("...")` marks one sentence, `NP_("... 1 person ...", "... {answer} people ...")` a singular/plural pair,
`Q_("...")` a sentence quoted from the article (shown in English, its translation beneath). Each returns its
text unchanged: English is the message id. `manage.py makemessages` collects them (keywords N_, NP_:1,2, Q_).
"""

from __future__ import annotations

from typing import NamedTuple


def N_(message: str) -> str:  # noqa: N802 - the extraction keyword
    """Mark `message` for translation; it stays as it is (English) until a Wording translates it."""
    return message


def Q_(quote: str) -> str:  # noqa: N802 - the extraction keyword
    """Mark a sentence quoted from the article: shown in English, its translation beneath it."""
    return quote


class Plural(NamedTuple):
    """A singular/plural pair, as ngettext takes them: the language's own rule picks one for a count."""

    one: str
    other: str

    def english(self, n: object) -> str:
        return self.one if type(n) is int and n == 1 else self.other


def NP_(one: str, other: str) -> Plural:  # noqa: N802 - the extraction keyword
    """Mark a singular/plural pair for translation."""
    return Plural(one, other)
