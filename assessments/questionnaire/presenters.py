"""The questionnaire's progress bar and the review step's table of answers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext, gettext_lazy

from assessments.engine import N_, PAGES, STEPS
from assessments.engine.questions import ALL_QUESTIONS, CONTEXT_KEYS, NOT_STATED
from assessments.presenters.answers import answer_text

NOT_ANSWERED = gettext_lazy("Not answered yet")


def progress(current: str, url_for: Callable[[str], str]) -> list[dict[str, Any]]:
    # Titles are the engine's marked texts; the templates translate them (`|translated`).
    titles = dict(STEPS) | {"review": N_("Review")}
    index = PAGES.index(current)
    return [
        {
            "slug": slug,
            "title": titles[slug],
            "number": n + 1,
            "state": "done" if n < index else "current" if n == index else "todo",
            "url": url_for(slug),
        }
        for n, slug in enumerate(PAGES)
    ]


def answer_rows(answers: dict[str, Any], pending: dict[str, str]) -> list[dict[str, Any]]:
    rows = []
    for question in ALL_QUESTIONS:
        if question.key in pending:
            shown, state = pending[question.key], "invalid"
        elif question.key in answers:
            shown, state = answer_text(question.key, answers[question.key]), "ok"
        elif question.key in CONTEXT_KEYS:  # optional: left blank, it is not stated
            shown, state = gettext(NOT_STATED).capitalize(), "ok"
        elif question.default is not None:  # a question added later: answers saved before it mean its default
            shown, state = answer_text(question.key, question.default), "ok"
        else:
            shown, state = str(NOT_ANSWERED), "missing"
        rows.append({"question": question, "value": shown, "state": state})
    return rows
