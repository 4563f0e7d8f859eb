"""One rule for every single-line text field, in forms and in imported JSON alike."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError

from assessments.engine import FieldError

# C0 and C1 control characters (CR and LF among them) and the Unicode line and paragraph separators.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
SINGLE_LINE_MESSAGE = (
    "Write this on one line: line breaks, tabs and other control characters are not allowed here."
)


def has_control_characters(value: object) -> bool:
    return isinstance(value, str) and _CONTROL.search(value) is not None


def single_line(value: Any) -> None:
    """A form and model field validator: the value is one line of printable text."""
    if has_control_characters(value):
        raise ValidationError(SINGLE_LINE_MESSAGE, code="control_characters")


def single_line_errors(document: dict[str, Any], fields: Iterable[str], where: str) -> list[FieldError]:
    """The same rule for the single-line fields of an imported JSON object."""
    return [
        FieldError(f"{where}.{field}", "must be one line, without line breaks or other control characters")
        for field in fields
        if has_control_characters(document.get(field))
    ]
