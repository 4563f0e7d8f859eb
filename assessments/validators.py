"""One rule for every single-line text field, in forms and in imported JSON alike."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_lazy

from assessments.engine import FieldError, text_problem
from assessments.engine.validation import DIRECTION_CONTROLS_PROBLEM, error

SINGLE_LINE_MESSAGE = gettext_lazy(
    "Write this on one line: line breaks, tabs and other control characters are not allowed here."
)


def has_control_characters(value: object) -> bool:
    """The engine's rule (control characters, line separators, unpaired surrogates), for form fields."""
    return isinstance(value, str) and text_problem(value) is not None


DIRECTION_CONTROLS_MESSAGE = gettext_lazy(
    "Remove the invisible direction controls (such as U+202E): they change how the text reads to others."
)


def single_line(value: Any) -> None:
    """A form and model field validator: the value is one line of printable text, read as it is written."""
    if not has_control_characters(value):
        return
    if text_problem(value) == DIRECTION_CONTROLS_PROBLEM:
        raise ValidationError(DIRECTION_CONTROLS_MESSAGE, code="direction_controls")
    raise ValidationError(SINGLE_LINE_MESSAGE, code="control_characters")


def single_line_errors(document: dict[str, Any], fields: Iterable[str], where: str) -> list[FieldError]:
    """The same rule for the single-line fields of an imported JSON object."""
    return [
        error(f"{where}.{field}", text_problem(value) or "")
        for field in fields
        if isinstance(value := document.get(field), str) and text_problem(value)
    ]


# Free text that goes into the board report: each line break can start a new line of the PDF, so their
# number bounds what one report can cost to render.
NOTES_MAX_LINE_BREAKS = 50
NOTES_MAX_LENGTH = 5000


def few_line_breaks(value: Any) -> None:
    if isinstance(value, str) and value.count("\n") > NOTES_MAX_LINE_BREAKS:
        raise ValidationError(
            gettext("Keep the notes to at most {lines} lines: they are printed in the board report.").format(
                lines=NOTES_MAX_LINE_BREAKS + 1
            ),
            code="too_many_lines",
        )


def clip_for_report(text: str) -> str:
    """The notes as the report prints them: at most the allowed lines and length, whatever is stored."""
    clipped = "\n".join(text.replace("\r\n", "\n").split("\n")[: NOTES_MAX_LINE_BREAKS + 1])
    clipped = clipped[:NOTES_MAX_LENGTH]
    return clipped if clipped == text.replace("\r\n", "\n") else clipped.rstrip() + " …"
