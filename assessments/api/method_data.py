"""The method's questions, tests, size bands and rules as data, for GET /api/v1/method/.

Read from the same method the engine decides with (assessments.engine); labels in the request's language,
quotes of the article as the article has them (English)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from assessments.engine import METHODOLOGY_VERSION, QUESTIONS, get_method


def _text(value: str) -> str:
    return gettext(value) if value else value


def describe() -> dict[str, Any]:
    method = get_method(METHODOLOGY_VERSION)
    return {
        "version": method.version,
        "questions": [
            {
                "key": q.key,
                "label": _text(q.label),
                "kind": q.kind,
                "minimum": q.minimum,
                "maximum": q.maximum,
                "unit": q.unit,
                "step": q.step,
                "choices": [{"value": value, "label": _text(label)} for value, label in q.choices],
            }
            for q in QUESTIONS
        ],
        "tests": [
            {
                "id": c.id,
                "side": "caio_signal" if c.side == "caio" else "cto_absorbs",
                "label": _text(c.label),
                "threshold": _text(c.threshold),
                "condition": {
                    "answer": c.condition.key,
                    "op": c.condition.op,
                    "value": list(c.condition.value)
                    if isinstance(c.condition.value, tuple)
                    else c.condition.value,
                },
                "quote": c.quote,
            }
            for c in method.criteria
        ],
        "size_bands": [
            {"id": b.id, "label": _text(b.label), "minimum_employees": b.minimum, "source": b.source}
            for b in method.bands
        ],
        "rules": [
            {
                "id": r.id,
                "title": _text(r.title),
                "text": _text(r.text),
                "reason": _text(r.reason),
                "source": r.source,
            }
            for r in method.rules
        ],
    }
