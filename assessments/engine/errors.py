"""Exceptions the engine raises; plain classes so the web layer can map them without importing internals."""

from __future__ import annotations

from typing import Any, NamedTuple


class FieldError(NamedTuple):
    """One problem with one field; `message` has no field prefix so a form can show it next to the field.

    `msg` is how the message was made (an i18n Message), so a page can word it in the reader's language.
    """

    field: str
    message: str
    msg: dict[str, Any] | None = None


class ValidationFailed(Exception):
    """Every problem found in a document or an answers mapping, not just the first."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = list(errors)
        # One line, so a CLI can print it as a single stderr line and a log stays greppable.
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in self.errors))


class UnknownMethodVersion(LookupError):
    """A methodology version that this build of the engine does not know."""

    def __init__(self, version: object, known: list[str]) -> None:
        self.version = version
        super().__init__(f"methodology_version: unknown version {version!r}, known: {', '.join(known)}")
