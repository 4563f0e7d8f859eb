"""An organisation's trail as rows (page, CSV) and as documents (JSON, with the hashes to check it by)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.http import HttpResponse
from django.utils.text import slugify

from assessments.audit.chain import entry_document
from assessments.audit.models import OBJECT_TYPES, AuditEntry
from assessments.charter.export import csv_safe
from assessments.models import Organisation

VALUE_SHOWN = 120  # characters of a value the page shows; the exports hold it whole


def _text(value: Any) -> str:
    return "" if value is None else value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def change_lines(entry: AuditEntry, *, limit: int | None = None) -> list[tuple[str, str, str]]:
    """(field, before, after) per changed field, values as JSON text (cut to `limit` characters)."""

    def cut(text: str) -> str:
        return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"

    return [
        (name, cut(_text(before)), cut(_text(after)))
        for name, (before, after) in json.loads(entry.changes).items()
    ]


def row(entry: AuditEntry) -> dict[str, Any]:
    """One entry as the page shows it."""
    return {
        "entry": entry,
        "object_type": OBJECT_TYPES.get(entry.object_type, entry.object_type),
        "changes": change_lines(entry, limit=VALUE_SHOWN),
    }


CSV_HEADERS = [
    "seq",
    "at",
    "actor",
    "action",
    "object_type",
    "object_id",
    "object",
    "field",
    "before",
    "after",
    "hash",
]


def _csv_lines(entries: Iterable[AuditEntry]) -> Iterator[list[str]]:
    yield CSV_HEADERS
    for entry in entries:
        document = entry_document(entry)
        common = [str(entry.seq), document["at"], entry.actor_name, entry.action, entry.object_type,
                  entry.object_id, entry.object_label]  # fmt: skip
        for name, before, after in change_lines(entry) or [("", "", "")]:
            yield [*common, name, before, after, entry.hash]


def _filename(organisation: Organisation, extension: str) -> str:
    name = slugify(organisation.name)[:80].strip("-") or "organisation"
    return f"{name}-audit-trail.{extension}"


def _attachment(body: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def csv_response(organisation: Organisation, entries: Iterable[AuditEntry]) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for line in _csv_lines(entries):
        writer.writerow([csv_safe(value) for value in line])  # a cell never starts a formula
    return _attachment(buffer.getvalue(), "text/csv; charset=utf-8", _filename(organisation, "csv"))


def json_response(organisation: Organisation, entries: Iterable[AuditEntry]) -> HttpResponse:
    document = {
        "schema": "caio-audit/1",
        "organisation": {"id": organisation.pk, "name": organisation.name},
        # How to check it without the app: docs/audit.md, "The hash chain".
        "hash": (
            "sha256 of prev_hash followed by the entry without prev_hash and hash, its changes written as "
            "canonical JSON text, the whole as canonical JSON (sorted keys, no spaces, UTF-8)"
        ),
        "entries": [
            {
                **entry_document(entry),
                "changes": json.loads(entry.changes),
                "prev_hash": entry.prev_hash,
                "hash": entry.hash,
            }  # fmt: skip
            for entry in entries
        ],
    }
    body = json.dumps(document, ensure_ascii=False, indent=1)
    return _attachment(body, "application/json", _filename(organisation, "json"))
