"""Webhooks registered and removed by an owner; each change is a line of the organisation's activity log."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from assessments.models import Organisation
from assessments.services import Kind, log_event
from assessments.webhooks.models import Webhook
from assessments.webhooks.service import new_secret


@transaction.atomic
def create_webhook(*, organisation: Organisation, user: Any, url: str, events: list[str]) -> Webhook:
    hook = Webhook.objects.create(
        organisation=organisation, url=url, events=sorted(events), secret=new_secret(), created_by=user
    )
    # Where the organisation's data goes is the owners' business: the activity log says who sent it there.
    log_event(organisation=organisation, user=user, kind=Kind.WEBHOOK_ADDED, url=url, events=hook.events)
    return hook


@transaction.atomic
def delete_webhook(*, webhook: Webhook, user: Any) -> None:
    log_event(organisation=webhook.organisation, user=user, kind=Kind.WEBHOOK_DELETED, url=webhook.url)
    webhook.delete()
