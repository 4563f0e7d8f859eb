"""Webhooks: registered by an owner, fed by the events below, delivered by the task worker.

Each event for each webhook is one Delivery, written in the same transaction as the change it reports and
handed to the worker once that commits. The worker signs the payload per the Standard Webhooks specification
(`webhook-id`, `webhook-timestamp`, `webhook-signature` headers; the `standardwebhooks` package) and POSTs it;
anything but a 2xx answer is tried again later, up to MAX_ATTEMPTS, each attempt logged.
"""

from __future__ import annotations

import base64
import functools
import json
import logging
import secrets
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task
from standardwebhooks.webhooks import Webhook as Signer

from assessments.models import Assessment, Charter, Organisation
from assessments.queue import enqueue_later
from assessments.webhooks import outbound
from assessments.webhooks.models import Attempt, Delivery, Event, Webhook

logger = logging.getLogger(__name__)

# Seconds before the 2nd, 3rd, ... attempt: a receiver that is down for a deploy or a few hours still gets it.
RETRY_DELAYS = (10, 60, 300, 1800, 7200)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1


def new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def _organisation(organisation: Organisation) -> dict[str, Any]:
    return {"id": organisation.pk, "name": organisation.name}


def emit(*, organisation: Organisation, event: Event, data: dict[str, Any]) -> None:
    """Queue `event` for every webhook of `organisation` that asked for it; sent after the transaction commits."""
    hooks = [hook for hook in organisation.webhooks.all() if event in hook.events]
    if not hooks:
        return
    payload = {
        "type": str(event),
        "timestamp": timezone.now().isoformat(),
        "data": {"organisation": _organisation(organisation), **data},
    }
    for hook in hooks:
        delivery = Delivery.objects.create(
            webhook=hook, message_id=f"msg_{secrets.token_urlsafe(18)}", event=event, payload=payload
        )
        transaction.on_commit(functools.partial(deliver_webhook.enqueue, delivery_id=delivery.pk))


# --- the events ------------------------------------------------------------------------------------------


def assessment_completed(assessment: Assessment) -> None:
    emit(
        organisation=assessment.organisation,
        event=Event.ASSESSMENT_COMPLETED,
        data={
            "assessment": {
                "id": assessment.pk,
                "api_path": reverse("api:assessment-detail", args=[assessment.pk]),
                "recommendation": assessment.recommendation,
                "need_confidence": assessment.need_confidence,
                "methodology_version": assessment.methodology_version,
                "completed_at": assessment.completed_at.isoformat() if assessment.completed_at else None,
            }
        },
    )


def after_scoring(*, assessment: Assessment, added: bool) -> None:
    """On `hooks.SCORED`: a completed, re-scored, imported or saved scenario's result is announced alike."""
    assessment_completed(assessment)


def report_ready(*, assessment: Assessment, size: str, language: str) -> None:
    path = reverse("api:report-pdf", args=[assessment.pk]) + f"?size={size}&lang={language}"
    emit(
        organisation=assessment.organisation,
        event=Event.REPORT_READY,
        data={
            "assessment": {"id": assessment.pk},
            "report": {"size": size, "language": language, "api_path": path},
        },
    )


def _charter(charter: Charter) -> dict[str, Any]:
    return {
        "id": charter.pk,
        "number": charter.number,
        "status": charter.status,
        "api_path": reverse("api:charter-detail", args=[charter.pk]),
    }


def charter_signed(*, charter: Charter, name: str) -> None:
    emit(
        organisation=charter.organisation,
        event=Event.CHARTER_SIGNED,
        data={"charter": _charter(charter), "signed_by": name},
    )


def charter_agreed(charter: Charter) -> None:
    emit(organisation=charter.organisation, event=Event.CHARTER_AGREED, data={"charter": _charter(charter)})


def member_joined(*, organisation: Organisation, user: Any, role: str) -> None:
    emit(
        organisation=organisation,
        event=Event.MEMBER_JOINED,
        data={"member": {"username": user.get_username(), "role": role}},
    )


# --- delivery (in the worker) ----------------------------------------------------------------------------


def signed_request(webhook: Webhook, delivery: Delivery, *, now: datetime) -> tuple[bytes, dict[str, str]]:
    """The body and headers of one attempt: the same id every time, the time of this attempt."""
    body = json.dumps(delivery.payload, separators=(",", ":"), ensure_ascii=False).encode()
    signature = Signer(webhook.secret).sign(delivery.message_id, now, body)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "CAIO-Advisor-Webhooks/1",
        "webhook-id": delivery.message_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": signature,
    }
    return body, headers


def deliver(*, delivery_id: int, attempt: int) -> str:
    delivery = Delivery.objects.select_related("webhook").filter(pk=delivery_id).first()
    if delivery is None:  # the webhook was deleted meanwhile, and its deliveries with it
        return "gone"
    if delivery.status != Delivery.Status.QUEUED or delivery.attempts.filter(number=attempt).exists():
        return "already done"  # the same task run twice (a worker's lease ran out): send once
    body, headers = signed_request(delivery.webhook, delivery, now=timezone.now())
    code, error = None, ""
    try:
        code = outbound.post(delivery.webhook.url, body, headers, timeout=settings.WEBHOOK_TIMEOUT_SECONDS)
    except outbound.OutboundRefused as exc:
        error = f"refused: {exc}"
    except OSError as exc:  # refused connection, timeout, TLS failure, DNS
        error = f"{type(exc).__name__}: {exc}"[:300]
    Attempt.objects.create(delivery=delivery, number=attempt, response_code=code, error=error[:300])
    if code is not None and 200 <= code < 300:
        Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.DELIVERED)
        return "delivered"
    if attempt >= MAX_ATTEMPTS:
        Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.FAILED)
        logger.warning("Webhook delivery %s: gave up after %d attempts", delivery.pk, attempt)
        return "failed"
    enqueue_later(
        deliver_webhook, delay=RETRY_DELAYS[attempt - 1], delivery_id=delivery.pk, attempt=attempt + 1
    )
    return "retrying"


@task()
def deliver_webhook(*, delivery_id: int, attempt: int = 1) -> str:
    """Run by `manage.py db_worker`, as report renders and mail are."""
    return deliver(delivery_id=delivery_id, attempt=attempt)
