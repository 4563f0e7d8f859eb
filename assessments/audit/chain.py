"""Appending to a chain under a lock, checking it, and pruning its oldest entries.

Entry n's hash is sha256(hash of entry n-1 + entry n's canonical JSON). The chain's head row (AuditChain)
holds the last number and hash: it is locked (SELECT … FOR UPDATE; SQLite's IMMEDIATE transactions lock the
whole database) from the append to the commit, so two concurrent writers cannot both extend the same entry,
and a deleted newest entry shows as a head that no entry matches.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from assessments.audit.models import AuditChain, AuditEntry


def canonical_json(value: Any) -> str:
    return json.dumps(value, cls=DjangoJSONEncoder, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def entry_document(entry: AuditEntry) -> dict[str, Any]:
    """Everything the hash covers, as the JSON export shows it."""
    return {
        "chain": entry.chain,
        "seq": entry.seq,
        "at": _stamp(entry.created_at),
        "actor_id": entry.actor_id,
        "actor": entry.actor_name,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "object": entry.object_label,
        "changes": entry.changes,
    }


def entry_hash(prev_hash: str, entry: AuditEntry) -> str:
    return hashlib.sha256((prev_hash + canonical_json(entry_document(entry))).encode()).hexdigest()


def lock_head(key: int) -> AuditChain:
    head = AuditChain.objects.select_for_update().filter(key=key).first()
    if head is None:
        # The first entry of a chain: two first writers at once both insert nothing twice, then both queue on
        # the row lock.
        AuditChain.objects.bulk_create([AuditChain(key=key)], ignore_conflicts=True)
        head = AuditChain.objects.select_for_update().get(key=key)
    return head


def append(
    *,
    chain: int,
    action: str,
    object_type: str,
    object_id: Any = "",
    object_label: str = "",
    changes: dict[str, Any] | None = None,
    actor: Any = None,
    history_id: int | None = None,
) -> AuditEntry:
    """Add one entry at the end of `chain`, in the caller's transaction (or a transaction of its own)."""
    known = getattr(actor, "pk", None) is not None
    with transaction.atomic():
        head = lock_head(chain)
        entry = AuditEntry(
            chain=chain,
            seq=head.seq + 1,
            created_at=timezone.now(),
            actor_id=actor.pk if known else None,
            actor_name=actor.get_username()[:150] if known else "",
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            object_label=str(object_label)[:300],
            changes=canonical_json(changes or {}),
            history_id=history_id,
            prev_hash=head.hash,
        )
        entry.hash = entry_hash(head.hash, entry)
        entry.save(force_insert=True)
        AuditChain.objects.filter(key=chain).update(seq=entry.seq, hash=entry.hash)
    return entry


@dataclass(frozen=True)
class Problem:
    chain: int
    seq: int
    what: str

    def __str__(self) -> str:
        return f"chain {self.chain}, entry {self.seq}: {self.what}"


def verify_chain(head: AuditChain, entries: Iterable[AuditEntry]) -> Iterator[Problem]:
    """Every way the stored entries of one chain differ from an untouched chain: edited, missing, inserted."""
    expected_seq, expected_prev = head.pruned_through_seq + 1, head.pruned_through_hash
    last = None
    for entry in entries:
        if entry.seq != expected_seq:
            what = f"expected entry {expected_seq} here: entries are missing (deleted)"
            if entry.seq < expected_seq:
                what = "a second entry with an earlier number (inserted)"
            yield Problem(head.key, entry.seq, what)
        if entry.prev_hash != expected_prev:
            yield Problem(
                head.key, entry.seq, "does not follow the entry before it (one was deleted or inserted)"
            )
        if entry_hash(entry.prev_hash, entry) != entry.hash:
            yield Problem(head.key, entry.seq, "its content does not match its hash (edited)")
        expected_seq, expected_prev, last = entry.seq + 1, entry.hash, entry
    if (last.seq if last else head.pruned_through_seq) != head.seq or expected_prev != head.hash:
        yield Problem(head.key, head.seq, "the chain's newest entry is missing or was replaced (deleted)")


def verify_all() -> Iterator[Problem]:
    heads = {head.key: head for head in AuditChain.objects.all()}
    for key in AuditEntry.objects.values_list("chain", flat=True).distinct():
        if key not in heads:
            yield Problem(key, 0, "entries without a chain head (inserted)")
    for head in heads.values():
        yield from verify_chain(
            head, AuditEntry.objects.filter(chain=head.key).order_by("seq").iterator(2000)
        )


def prune(*, days: int, slack_days: int = 0, now: datetime | None = None) -> int:
    """Delete the entries older than `days` from the start of each chain; the chain records where it now starts
    (and says so in an entry of its own), so verify_audit still checks the rest from its first entry.

    Only chains with an entry `slack_days` older than that are pruned: run every minute (maintain_tasks, slack
    of a day), a chain is pruned about once a day, not once a minute with an entry saying so each time.
    """
    cutoff = (now or timezone.now()) - timedelta(days=days)
    due = AuditEntry.objects.filter(created_at__lt=cutoff - timedelta(days=slack_days))
    removed = 0
    for key in due.values_list("chain", flat=True).distinct():
        with transaction.atomic():
            head = lock_head(key)
            old = AuditEntry.objects.filter(chain=key, created_at__lt=cutoff).order_by("-seq").first()
            if old is None:
                continue
            count, _ = AuditEntry.objects.filter(chain=key, seq__lte=old.seq).delete()
            AuditChain.objects.filter(key=key).update(
                pruned_through_seq=old.seq, pruned_through_hash=old.hash
            )
            head.refresh_from_db()
            append(
                chain=key,
                action=AuditEntry.Action.PRUNED,
                object_type="audit.auditchain",
                object_id=key,
                changes={
                    "removed": [None, count],
                    "through": [None, old.seq],
                    "older_than_days": [None, days],
                },
            )
            removed += count
    from assessments.audit.records import RECORDS

    for records in RECORDS.values():
        records.cls.history.filter(history_date__lt=cutoff).delete()
    return removed


def json_safe(value: Any) -> Any:
    """The value as JSON gives it back: what an entry stores and hashes."""
    return json.loads(canonical_json(value))
