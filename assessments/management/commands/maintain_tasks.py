"""Queue upkeep, every minute or so (cron, a systemd timer): requeue tasks of dead workers, prune old rows."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from assessments import queue
from assessments.audit.chain import prune as prune_audit


class Command(BaseCommand):
    help = (
        "Requeue tasks whose worker died (RUNNING longer than the lease), delete old finished task rows "
        "(django-tasks-db's prune_db_task_results) and audit entries older than AUDIT_KEEP_DAYS."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--lease",
            type=int,
            default=settings.TASK_LEASE_SECONDS,
            help="Seconds a task may run before it is taken to be abandoned (default: TASK_LEASE_SECONDS).",
        )
        parser.add_argument(
            "--keep-days",
            type=int,
            default=settings.TASK_KEEP_DAYS,
            help="Finished task rows older than this many days are deleted (default: TASK_KEEP_DAYS).",
        )

    def handle(self, *args: Any, lease: int, keep_days: int, verbosity: int, **options: Any) -> None:
        requeued = queue.requeue_abandoned(lease_seconds=lease)
        # Every queue of the default backend; it logs how many rows it deleted.
        call_command("prune_db_task_results", min_age_days=keep_days, queue_name="*", verbosity=verbosity)
        # An audit chain is pruned once its oldest entry is a day past the limit: about once a day.
        audit_pruned = prune_audit(days=settings.AUDIT_KEEP_DAYS, slack_days=1)
        stats = queue.queue_stats()
        self.stdout.write(
            f"Requeued {requeued} abandoned task(s). "
            f"Pruned {audit_pruned} audit entries older than {settings.AUDIT_KEEP_DAYS} days. "
            f"Queue: {stats['queued']} queued, {stats['running']} running, {stats['failed']} failed; "
            f"the oldest has waited {stats['oldest_queued_seconds']} s."
        )
