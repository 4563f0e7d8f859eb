"""Strict validation of the caio-assessment/1 document: a typo or a wrong type must never change advice."""

from __future__ import annotations

import json
import math
from typing import Any, TypeVar

from .errors import FieldError, ValidationFailed
from .questions import QUESTIONS, Question

SCHEMA = "caio-assessment/1"
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
        errors.append(FieldError(q.key, f"must be {what} ≥ {q.minimum:,}, got {_r(raw)}"))
        return None
    if n > q.maximum:
        errors.append(FieldError(q.key, f"must be {what} ≤ {q.maximum:,}, got {_r(raw)}"))
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
    return out


def _text(field: str, v: object, limit: int, errors: list[FieldError]) -> str | None:
    if type(v) is not str:
        errors.append(FieldError(field, f"must be a string, got {_r(v)}"))
        return None
    text = v.strip()
    if "\x00" in text:
        # Same rule as the web forms; PostgreSQL text cannot hold a NUL byte either.
        errors.append(FieldError(field, "must not contain NUL characters"))
        return None
    if len(text) > limit:
        errors.append(FieldError(field, f"must be at most {limit} characters, got {_r(v)}"))
        return None
    return text


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
    elif doc["schema"] != SCHEMA:
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


def load_json(text: str | bytes) -> object:
    """json.loads with one-line ValidationFailed errors instead of parser exceptions."""
    try:
        return json.loads(text, object_pairs_hook=_pairs)
    except json.JSONDecodeError as exc:
        message = f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
    except UnicodeDecodeError:
        message = "not valid JSON (not UTF-8 text)"
    except RecursionError:
        message = "not valid JSON (nested too deeply)"
    except _DuplicateKey as exc:
        message = f"duplicate key {_r(exc.args[0])}"
    raise ValidationFailed([FieldError("document", message)])


def parse_document(text: str | bytes) -> dict[str, Any]:
    """Parse and validate one caio-assessment/1 JSON document."""
    return validate_document(load_json(text))
