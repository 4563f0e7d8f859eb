"""The task queue: deferred enqueueing, the queue at a glance, and its upkeep (requeue tasks of dead workers;
django-tasks-db's `prune_db_task_results` deletes old finished rows).

The tasks live beside their work: `report.services.render_report`, `report.mail.send_mail_task`.

django-tasks-db marks a task RUNNING when a worker claims it and never looks at it again: a worker that is
killed mid-task (SIGKILL, out of memory, a lost machine) leaves it RUNNING for ever. `requeue_abandoned`
puts such tasks back in the queue once they have run longer than TASK_LEASE_SECONDS; `manage.py
maintain_tasks` calls it (run it every minute or so, e.g. from cron). Renders are safe to run twice (the
store is conditional on the report's key); a mail could be sent twice if the worker died mid-send.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Count, Min, Q
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult


def queue_stats() -> dict[str, Any]:
    """Queued (ready), running and failed counts and the oldest queued task's age in seconds; one query."""
    now = timezone.now()
    ready = Q(status=TaskResultStatus.READY)
    counts = DBTaskResult.objects.aggregate(
        queued=Count("id", filter=ready),
        running=Count("id", filter=Q(status=TaskResultStatus.RUNNING)),
        failed=Count("id", filter=Q(status=TaskResultStatus.FAILED)),
        # A deferred task (a retry waiting out its backoff) is not late until its run_after has passed.
        oldest=Min("enqueued_at", filter=ready & Q(run_after__lte=now)),
        oldest_deferred=Min("enqueued_at", filter=ready & Q(run_after__year=9999)),
    )
    oldest = min(filter(None, [counts.pop("oldest"), counts.pop("oldest_deferred")]), default=None)
    counts["oldest_queued_seconds"] = round((now - oldest).total_seconds(), 1) if oldest else 0.0
    return counts


def enqueue_later(task_: Any, *, delay: float, **kwargs: Any) -> None:
    """Enqueue `task_` to run after `delay` seconds (at once on backends that cannot defer, e.g. in tests)."""
    if delay > 0 and task_.get_backend().supports_defer:
        task_ = task_.using(run_after=timezone.now() + timedelta(seconds=delay))
    task_.enqueue(**kwargs)


def requeue_abandoned(*, lease_seconds: int) -> int:
    """Put RUNNING tasks started more than `lease_seconds` ago back in the queue; returns how many."""
    cutoff = timezone.now() - timedelta(seconds=lease_seconds)
    return DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff).update(
        status=TaskResultStatus.READY, started_at=None
    )
