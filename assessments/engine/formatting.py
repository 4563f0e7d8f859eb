"""Answers in words, in English; shared by the result builder, the tipping points, the text report and the pages.

Other languages word answers with i18n.answer_words (Babel's numbers, the catalogues' words).
"""

from __future__ import annotations

from collections.abc import Callable

from .questions import CHOICE_WORDS, QUESTIONS, Question


def _money(value: object) -> str:
    return f"${value:,}" if type(value) is int else f"${value:,.2f}"


def _count(value: object) -> str:
    return f"{value:,}"


def _yes_no(value: object) -> str:
    return "yes" if value else "no"


def _choice(q: Question) -> Callable[[object], str]:
    words = CHOICE_WORDS[q.key]

    def fmt(value: object) -> str:
        return words[value]  # type: ignore[index]

    return fmt


def _formatter(q: Question) -> Callable[[object], str]:
    # Runs once, at import (FORMATTERS below): mutation testing forks after import and cannot see a change here;
    # every answer the tests word goes through what it returns.
    if q.kind == "choice":  # pragma: no mutate
        return _choice(q)  # pragma: no mutate
    if q.kind == "bool":  # pragma: no mutate
        return _yes_no  # pragma: no mutate
    return _money if q.unit.startswith("USD") else _count  # pragma: no mutate


FORMATTERS: dict[str, Callable[[object], str]] = {q.key: _formatter(q) for q in QUESTIONS}


def answer_words(key: str, value: object) -> str:
    return FORMATTERS[key](value)


def answer_label(key: str, value: object) -> str:
    """An answer on its own, as a table cell shows it: "Yes", "A feature of the product", "$2,500,000"."""
    words = FORMATTERS[key](value)
    return words[:1].upper() + words[1:]
