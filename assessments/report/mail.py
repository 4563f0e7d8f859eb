"""Outgoing mail goes through the worker (`send_mail_task`), with retries and backoff; every send is recorded
(MailDelivery)."""

from __future__ import annotations

import functools
import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import linebreaks, urlize
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django_tasks import task

from assessments.models import MailDelivery, Organisation
from assessments.queue import enqueue_later

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 4
RETRY_DELAYS = (30, 120, 600)  # seconds: a mail server that is down for a minute or ten still gets the mail


def queue_mail(
    *,
    kind: str,
    to: str,
    subject: str,
    body: str,
    organisation: Organisation | None = None,
    sent_by: Any = None,
) -> MailDelivery:
    delivery = MailDelivery.objects.create(
        kind=kind,
        to=to,
        subject=subject[:200],
        body=f"{body.rstrip()}\n\n-- \n{signature()}\n",
        organisation=organisation,
        sent_by=sent_by if getattr(sent_by, "pk", None) else None,
    )
    transaction.on_commit(functools.partial(send_mail_task.enqueue, delivery_id=delivery.pk))
    return delivery


PRODUCT = "CAIO Advisor"


def signature() -> str:
    """The last line of every mail, in the language it is written in (the recipient's)."""
    if settings.SITE_NAME == PRODUCT:
        return gettext("Sent by {product}.").format(product=PRODUCT)
    return gettext("Sent by {product} at {site}.").format(product=PRODUCT, site=settings.SITE_NAME)


def _message(delivery: MailDelivery) -> EmailMultiAlternatives:
    """The mail as text and as HTML: the same words, the HTML made from the text (escaped, links clickable)."""
    message = EmailMultiAlternatives(delivery.subject, delivery.body, None, [delivery.to])
    text, separator, footer = delivery.body.rpartition("\n-- \n")
    if not separator:
        text, footer = delivery.body, ""
    # urlize escapes the text itself; linebreaks then only wraps paragraphs around it.
    body = mark_safe(linebreaks(urlize(text.strip(), autoescape=True), autoescape=False))
    context = {"subject": delivery.subject, "body": body, "footer": footer.strip(), "product": PRODUCT}
    message.attach_alternative(render_to_string("mail/message.html", context), "text/html")
    return message


def send_mail(message: EmailMultiAlternatives) -> None:
    """Where every mail leaves (the tests stand a refusing server in here)."""
    message.send()


def deliver(*, delivery_id: int, attempt: int) -> str:
    delivery = MailDelivery.objects.filter(pk=delivery_id, status=MailDelivery.Status.QUEUED).first()
    if delivery is None:
        return "gone"
    try:
        send_mail(_message(delivery))
    except Exception as exc:  # SMTP errors, refused connections, timeouts: all worth another try
        reason = f"{type(exc).__name__}: {exc}"[:300]
        if attempt < MAX_ATTEMPTS:
            logger.warning("Mail %s: attempt %d failed, will retry: %s", delivery_id, attempt, reason)
            MailDelivery.objects.filter(pk=delivery_id).update(
                attempts=attempt, error=reason, updated_at=timezone.now()
            )
            enqueue_later(
                send_mail_task,
                delay=RETRY_DELAYS[attempt - 1],
                delivery_id=delivery_id,
                attempt=attempt + 1,
            )
            return "retrying"
        logger.error("Mail %s: gave up after %d attempts: %s", delivery_id, attempt, reason)
        MailDelivery.objects.filter(pk=delivery_id).update(
            status=MailDelivery.Status.FAILED,
            attempts=attempt,
            error=reason,
            body="",
            updated_at=timezone.now(),
        )
        return "failed"
    MailDelivery.objects.filter(pk=delivery_id).update(
        status=MailDelivery.Status.SENT, attempts=attempt, error="", body="", updated_at=timezone.now()
    )
    return "sent"


# A background task (`manage.py db_worker`): it takes the delivery's id and re-reads the row.
@task()
def send_mail_task(*, delivery_id: int, attempt: int = 1) -> str:
    return deliver(delivery_id=delivery_id, attempt=attempt)


def recent_failures(*, organisation: Organisation, days: int = 30) -> list[MailDelivery]:
    since = timezone.now() - timedelta(days=days)
    failed = MailDelivery.objects.filter(
        organisation=organisation, status=MailDelivery.Status.FAILED, created_at__gte=since
    )
    return list(failed.defer("body")[:20])
