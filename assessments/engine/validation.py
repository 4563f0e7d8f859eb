"""Strict validation of a caio-assessment document: a typo or a wrong type must never change advice.

One loader (`load_json`) and one validator for every entry path: the web forms, both imports and the
command line. Documents are bounded (size, digits, nesting), text is checked for control characters and
unpaired surrogates, and answers that cannot all be true (more people on AI than employees) are refused.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from typing import Any, TypeVar

from .errors import FieldError, ValidationFailed
from .questions import QUESTIONS, Question

SCHEMA = "caio-assessment/2"
# Version 1 documents load unchanged; version 2 adds "becoming_core" to ai_product_role.
SCHEMAS = ("caio-assessment/1", SCHEMA)
MAX_DOCUMENT_BYTES = 1_000_000
MAX_DIGITS = 20  # more digits than any answer's maximum has; longer numbers are refused, not parsed
NAME_MAX = 200
OPTIONAL_MAX = 100
_TOP_KEYS = frozenset({"schema", "organisation", "answers"})
_ORG_KEYS = frozenset({"name", "sector", "region"})
_ANSWER_KEYS = frozenset(q.key for q in QUESTIONS)
N = TypeVar("N", int, float)


def _r(value: object) -> str:
    # repr keeps the message on one line (newlines are escaped); long values are cut to keep it readable.
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


class _DuplicateKey(Exception):
    pass


class _HugeNumber:
    """A number with more digits than any answer allows, kept unparsed (Python refuses 4,300+ digits)."""

    def __init__(self, digits: int) -> None:
        self.digits = digits

    def __repr__(self) -> str:
        return f"a number of {self.digits:,} digits"


def _int(text: str) -> int | _HugeNumber:
    return _HugeNumber(len(text.lstrip("-"))) if len(text) > MAX_DIGITS else int(text)


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json.loads keeps the last of two equal keys; a silently dropped answer would change advice.
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:  # pragma: no branch - a duplicate is always found
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return out


def _whole(q: Question, v: object, errors: list[FieldError]) -> int | None:
    if isinstance(v, _HugeNumber):
        errors.append(FieldError(q.key, f"is too long a number ({v!r}); the most allowed is {q.maximum:,}"))
        return None
    t = type(v)  # type(), not isinstance: bool is an int subclass and True must not mean 1
    if t is int:
        n: int = v  # type: ignore[assignment]
    elif t is float:
        f: float = v  # type: ignore[assignment]
        if not math.isfinite(f):
            errors.append(FieldError(q.key, f"must be a finite number, got {_r(v)}"))
            return None
        if not f.is_integer():
            errors.append(FieldError(q.key, f"must be a whole number, got {_r(v)}"))
            return None
        n = int(f)
    else:
        errors.append(FieldError(q.key, f"must be a whole number, got {_r(v)}"))
        return None
    return _bounded(q, n, v, "a whole number", errors)


def _number(q: Question, v: object, errors: list[FieldError]) -> int | float | None:
    if isinstance(v, _HugeNumber):
        errors.append(FieldError(q.key, f"is too long a number ({v!r}); the most allowed is {q.maximum:,}"))
        return None
    t = type(v)
    if t is int:
        n: int | float = v  # type: ignore[assignment]
    elif t is float:
        f: float = v  # type: ignore[assignment]
        if not math.isfinite(f):
            errors.append(FieldError(q.key, f"must be a finite number, got {_r(v)}"))
            return None
        n = int(f) if f.is_integer() else f  # normalise 2500000.0 to 2500000 so results compare equal
    else:
        errors.append(FieldError(q.key, f"must be a number, got {_r(v)}"))
        return None
    return _bounded(q, n, v, "a number", errors)


def _bounded(q: Question, n: N, raw: object, what: str, errors: list[FieldError]) -> N | None:
    assert q.minimum is not None and q.maximum is not None
    if n < q.minimum:
        errors.append(FieldError(q.key, f"must be {what} of {q.minimum:,} or more, got {_r(raw)}"))
        return None
    if n > q.maximum:
        errors.append(FieldError(q.key, f"must be {what} of at most {q.maximum:,}, got {_r(raw)}"))
        return None
    return n


def _choice(q: Question, v: object, errors: list[FieldError]) -> str | None:
    values = [value for value, _label in q.choices]
    if type(v) is str and v in values:
        return v
    errors.append(FieldError(q.key, f"must be one of {', '.join(values)}, got {_r(v)}"))
    return None


def _bool(q: Question, v: object, errors: list[FieldError]) -> bool | None:
    if type(v) is bool:
        return v
    errors.append(FieldError(q.key, f"must be true or false, got {_r(v)}"))
    return None


_CHECKS = {"whole": _whole, "number": _number, "choice": _choice, "bool": _bool}
_PLAN = tuple((q, _CHECKS[q.kind]) for q in QUESTIONS)


def _unknown(
    container: str, mapping: dict[Any, Any], allowed: frozenset[str], errors: list[FieldError]
) -> None:
    for key in mapping:
        if key not in allowed:
            errors.append(FieldError(container, f"unknown key {_r(key)}"))


def _answers(answers: object, errors: list[FieldError]) -> dict[str, Any]:
    if not isinstance(answers, dict):
        errors.append(FieldError("answers", f"must be an object, got {_r(answers)}"))
        return {}
    out: dict[str, Any] = {}
    for q, check in _PLAN:
        if q.key not in answers:
            errors.append(FieldError(q.key, "is required"))
            continue
        value = check(q, answers[q.key], errors)
        if value is not None:
            out[q.key] = value
    if not answers.keys() <= _ANSWER_KEYS:
        _unknown("answers", answers, _ANSWER_KEYS, errors)
    plausible(out, errors)
    return out


def plausible(answers: dict[str, Any], errors: list[FieldError]) -> None:
    """Refuse answers that cannot be true together (answers that merely disagree are flagged, not refused)."""
    employees, headcount = answers.get("employees"), answers.get("ai_headcount")
    if employees is not None and headcount is not None and headcount > employees:
        errors.append(
            FieldError(
                "ai_headcount",
                f"cannot be more than the number of employees ({employees:,}), got {headcount:,}",
            )
        )


def _text(field: str, v: object, limit: int, errors: list[FieldError]) -> str | None:
    if type(v) is not str:
        errors.append(FieldError(field, f"must be a string, got {_r(v)}"))
        return None
    text = v.strip()
    problem = text_problem(text)
    if problem:
        errors.append(FieldError(field, problem))
        return None
    if len(text) > limit:
        errors.append(FieldError(field, f"must be at most {limit} characters, got {_r(v)}"))
        return None
    return text


# Unicode's control characters (category Cc), the line and paragraph separators, and surrogates (Cs).
_BAD_TEXT = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def text_problem(text: str) -> str | None:
    """Why `text` cannot be a single-line value, or None: control characters (NUL, line breaks, escapes) and
    unpaired surrogates break headers, logs, PostgreSQL (NUL) and UTF-8 output."""
    found = _BAD_TEXT.search(text)
    if found is None:
        return None
    if unicodedata.category(found.group()) == "Cs":
        return "must be valid Unicode text (it contains an unpaired surrogate)"
    return "must not contain control characters such as line breaks or tabs"


def _organisation(org: object, errors: list[FieldError]) -> dict[str, str]:
    if not isinstance(org, dict):
        errors.append(FieldError("organisation", f"must be an object, got {_r(org)}"))
        return {}
    out: dict[str, str] = {}
    if "name" not in org:
        errors.append(FieldError("organisation.name", "is required"))
    else:
        name = _text("organisation.name", org["name"], NAME_MAX, errors)
        if name == "":
            errors.append(FieldError("organisation.name", f"must not be empty, got {_r(org['name'])}"))
        elif name is not None:
            out["name"] = name
    for key in ("sector", "region"):
        # null means "not given", as a form with an empty optional field would send it.
        if org.get(key) is not None:
            value = _text(f"organisation.{key}", org[key], OPTIONAL_MAX, errors)
            if value:
                out[key] = value
    _unknown("organisation", org, _ORG_KEYS, errors)
    return out


def validate_answers(answers: object) -> dict[str, Any]:
    """The normalised answers mapping (a new dict), or ValidationFailed listing every problem."""
    errors: list[FieldError] = []
    out = _answers(answers, errors)
    if errors:
        raise ValidationFailed(errors)
    return out


def validate_document(doc: object) -> dict[str, Any]:
    """The normalised canonical document (a new dict), or ValidationFailed listing every problem."""
    errors: list[FieldError] = []
    if not isinstance(doc, dict):
        raise ValidationFailed([FieldError("document", f"must be a JSON object, got {_r(doc)}")])
    if "schema" not in doc:
        errors.append(FieldError("schema", "is required"))
    elif doc["schema"] not in SCHEMAS:
        errors.append(FieldError("schema", f"must be {SCHEMA!r}, got {_r(doc['schema'])}"))
    if "organisation" not in doc:
        errors.append(FieldError("organisation", "is required"))
        organisation: dict[str, str] = {}
    else:
        organisation = _organisation(doc["organisation"], errors)
    if "answers" not in doc:
        errors.append(FieldError("answers", "is required"))
        answers: dict[str, Any] = {}
    else:
        answers = _answers(doc["answers"], errors)
    _unknown("document", doc, _TOP_KEYS, errors)
    if errors:
        raise ValidationFailed(errors)
    return {"schema": SCHEMA, "organisation": organisation, "answers": answers}


# Built once: json.loads builds a new decoder on every call when it is given hooks.
_DECODER = json.JSONDecoder(object_pairs_hook=_pairs, parse_int=_int)


def load_json(text: str | bytes) -> object:
    """json.loads with bounds (size, digits, nesting, duplicate keys) and one-line ValidationFailed errors."""
    size = len(text.encode("utf-8", "surrogatepass")) if isinstance(text, str) else len(text)
    if size > MAX_DOCUMENT_BYTES:
        raise ValidationFailed(
            [
                FieldError(
                    "document", f"is too large ({size:,} bytes); the most allowed is {MAX_DOCUMENT_BYTES:,}"
                )
            ]
        )
    try:
        if isinstance(text, bytes):  # as json.loads decodes bytes: UTF-8, or UTF-16/32 by their marks
            text = text.decode(json.detect_encoding(text), "surrogatepass")
        return _DECODER.decode(text)
    except json.JSONDecodeError as exc:
        message = f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
    except UnicodeDecodeError:
        message = "not valid JSON (not UTF-8 text)"
    except RecursionError:
        message = "not valid JSON (nested too deeply)"
    except _DuplicateKey as exc:
        message = f"duplicate key {_r(exc.args[0])}"
    except ValueError:  # pragma: no cover - parse_int bounds digits; kept for any other limit json hits
        message = "not valid JSON (a value is out of range)"
    raise ValidationFailed([FieldError("document", message)])


def parse_document(text: str | bytes) -> dict[str, Any]:
    """Parse and validate one caio-assessment JSON document."""
    return validate_document(load_json(text))
