"""Check every audit chain: an edited, deleted or inserted entry is reported and the exit status is 1."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from assessments.audit.chain import verify_all
from assessments.audit.models import AuditChain, AuditEntry


class Command(BaseCommand):
    help = "Check the audit trail's hash chains; exit 1 and list what is wrong if an entry was altered."

    def handle(self, *args: Any, **options: Any) -> None:
        problems = list(verify_all())
        for problem in problems:
            self.stderr.write(str(problem))
        if problems:
            raise CommandError(f"The audit trail was altered: {len(problems)} problem(s).")
        chains = AuditChain.objects.count()
        entries = AuditEntry.objects.count()
        self.stdout.write(f"The audit trail is intact: {entries} entries in {chains} chain(s).")
        # Printed so that it can be kept elsewhere: a trail rewritten whole, hashes included, would not match it.
        for key, seq, digest in AuditChain.objects.order_by("key").values_list("key", "seq", "hash"):
            self.stdout.write(f"chain {key}: entry {seq} {digest}")
