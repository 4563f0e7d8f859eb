"""The worker's side of webhooks (`manage.py db_worker` runs it, as it runs report renders and mail)."""

from __future__ import annotations

from django_tasks import task


@task()
def deliver_webhook(*, delivery_id: int, attempt: int = 1) -> str:
    from assessments.webhooks import service

    return service.deliver(delivery_id=delivery_id, attempt=attempt)
