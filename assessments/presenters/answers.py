"""Answers as pages show them, in the engine's words and the reader's language."""

from __future__ import annotations

from typing import Any

from assessments import languages
from assessments.engine import QUESTION_BY_KEY, Question, answer_label


def answer_text(key: str, value: Any) -> str:
    """An answer on its own, as a table cell shows it, in the reader's language ("Yes", "Oui", "1.200"; "—"
    when there is none)."""
    return "—" if value is None else answer_label(key, value, languages.wording())


def form_value(question: Question, value: Any) -> Any:
    """A stored answer as a form field takes it (yes/no answers are "true"/"false" choices)."""
    if question.kind == "bool":
        return "true" if value else "false"
    return value


def form_initial(answers: dict[str, Any]) -> dict[str, Any]:
    """Stored answers as a form's initial values."""
    return {
        key: form_value(QUESTION_BY_KEY[key], value)
        for key, value in answers.items()
        if key in QUESTION_BY_KEY
    }
