"""The CLI's hot path: one JSON document in, the compact caio-result/1 JSON line out.

Most of a result is the same for every profile with the same outcome (texts, the 14-row matrix), and
encoding those nested dicts dominated the cost. So, per outcome mask, the result is encoded once with
placeholders and split; each profile only encodes its own values into the gaps. The output is
byte-identical to json.dumps(assess_json(text), separators=(",", ":")); the tests assert that.
"""

from __future__ import annotations

import json
from itertools import chain
from json.encoder import encode_basestring_ascii as _s  # the exact string encoder json.dumps uses
from typing import Any

from .formatting import FORMATTERS
from .matrix import build_matrix
from .method import get_method
from .recommendation import (
    RESULT_SCHEMA,
    criterion_dict,
    explanations,
    outcome_fields,
    rationale_plan,
    reason_plan,
    risks,
)
from .scoring import Engine, engine_for
from .validation import load_json, validate_document
from .whatif import entry, plan

_HOLE = "\x00"  # never in method texts; encodes as \u0000
_HOLE_JSON = _s(_HOLE)  # the hole as a whole JSON string value
_HOLE_IN = _HOLE_JSON[1:-1]  # the hole inside a longer JSON string
_encode = json.JSONEncoder(separators=(",", ":")).encode


def _scalar(v: Any) -> str:
    t = type(v)
    if t is str:
        return _s(v)
    if t is bool:
        return "true" if v else "false"
    if t is float:
        return float.__repr__(v)
    return int.__repr__(v)


def _flat(d: dict[str, Any]) -> str:
    return "{" + ",".join([_s(k) + ":" + _scalar(v) for k, v in d.items()]) + "}"


def _cached(engine: Engine, key: tuple[Any, ...], build: Any) -> Any:
    hit = engine.cache.get(key)
    if hit is None:
        hit = engine.cache[key] = build()
    return hit


def _skeleton(engine: Engine, mask: int) -> list[str]:
    def build() -> list[str]:
        method, o = engine.method, engine.outcomes[mask]
        doc = {
            "schema": RESULT_SCHEMA,
            "methodology_version": method.version,
            "organisation": _HOLE,
            "answers": _HOLE,
            **outcome_fields(engine, mask),
            "criteria": [
                criterion_dict(method, i, bool(mask >> i & 1), _HOLE, _HOLE)
                for i in range(len(method.criteria))
            ],
            "reasons": _HOLE,
            "rationale": _HOLE,
            "risks": risks(method, o),
            "next_steps": list(method.next_steps[o.recommendation]),
            "what_if": _HOLE,
            "matrix": build_matrix(method, o.recommendation),
        }
        return _encode(doc).split(_HOLE_JSON)

    parts: list[str] = _cached(engine, ("skeleton", mask), build)
    return parts


def _rationale(engine: Engine, mask: int, employees: int) -> str:
    def build() -> list[str]:
        before, split, after = rationale_plan(engine, mask)
        middle = [split[0] + _HOLE + split[1]] if split else []
        return _encode(before + middle + after).split(_HOLE_IN)

    parts = _cached(engine, ("rationale_json", mask), build)
    # Digits and commas need no JSON escaping.
    return parts[0] if len(parts) == 1 else f"{parts[0]}{employees:,}{parts[1]}"


def _what_if(engine: Engine, answers: dict[str, Any], mask: int) -> str:
    key, selected = plan(engine, answers, mask)

    def build() -> tuple[list[str], list[str]]:
        holes = {k: _HOLE for k in answers}
        method = engine.method
        text = _encode([entry(method, changes, new, holes) for changes, new in selected])
        keys = [k for changes, _new in selected for k, _v, _up in changes if k not in method.flag_changes]
        return text.split(_HOLE_IN), keys

    parts: list[str]
    keys: list[str]
    parts, keys = _cached(engine, ("whatif_json", *key), build)
    if not keys:
        return parts[0]
    out = [parts[0]]
    for k, part in zip(keys, parts[1:], strict=True):
        out.append(_s(FORMATTERS[k](answers[k]))[1:-1])
        out.append(part)
    return "".join(out)


def assess_json_line(text: str | bytes, *, version: str | None = None) -> str:
    """Parse, validate and score one document; the result as one compact JSON line (no newline)."""
    method = get_method(version)
    valid = validate_document(load_json(text))
    answers = valid["answers"]
    engine = engine_for(method)
    mask = engine.mask(answers)
    expl = explanations(engine, answers, mask)
    enc = [_s(e) for e in expl]
    scalars = {k: _scalar(v) for k, v in answers.items()}
    before, rule, after = reason_plan(engine, mask)
    values = [
        _flat(valid["organisation"]),
        "{" + ",".join([_s(k) + ":" + v for k, v in scalars.items()]) + "}",
    ]
    for c, e in zip(method.criteria, enc, strict=True):
        values.append(scalars[c.condition.key])
        values.append(e)
    values.append("[" + ",".join([enc[i] for i in before] + [_s(rule)] + [enc[i] for i in after]) + "]")
    values.append(_rationale(engine, mask, answers["employees"]))
    values.append(_what_if(engine, answers, mask))
    values.append("")  # the skeleton has one more part than there are holes
    return "".join(chain.from_iterable(zip(_skeleton(engine, mask), values, strict=True)))
