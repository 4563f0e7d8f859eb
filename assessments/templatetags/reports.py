from __future__ import annotations

from typing import Any

from django import template
from django.utils import formats, timezone
from django.utils.translation import ngettext

from assessments.engine import NP_
from assessments.report import services as reports

register = template.Library()


@register.simple_tag
def report_state(assessment: Any, token: str = "") -> str:
    """The state of the report in the organisation's paper size and the page's language: "ready", "preparing",
    "failed" or ""."""
    states = reports.report_states(assessment, public=bool(token))
    return states.get(assessment.organisation.paper_size, "")


@register.simple_tag
def failed_mail(organisation: Any) -> list[Any]:
    """Mail about this organisation that the worker gave up sending (last 30 days), newest first."""
    from assessments.report.mail import recent_failures

    return recent_failures(organisation=organisation)


# One sentence per kind of mail, so each language words "the invitation", "the reminder" its own way.
MAIL_FAILED = {
    "invitation": NP_(
        "The invitation to {to} of {when} could not be sent after {count} attempt.",
        "The invitation to {to} of {when} could not be sent after {count} attempts.",
    ),
    "rater_request": NP_(
        "The request to rate to {to} of {when} could not be sent after {count} attempt.",
        "The request to rate to {to} of {when} could not be sent after {count} attempts.",
    ),
    "reminder": NP_(
        "The reminder to {to} of {when} could not be sent after {count} attempt.",
        "The reminder to {to} of {when} could not be sent after {count} attempts.",
    ),
    "password_reset": NP_(
        "The password reset to {to} of {when} could not be sent after {count} attempt.",
        "The password reset to {to} of {when} could not be sent after {count} attempts.",
    ),
}


@register.filter
def mail_failure(delivery: Any) -> str:
    """Which e-mail could not be sent, in the reader's language."""
    one, other = MAIL_FAILED[delivery.kind]
    when = formats.date_format(timezone.localtime(delivery.created_at), "SHORT_DATETIME_FORMAT")
    return ngettext(one, other, delivery.attempts).format(to=delivery.to, when=when, count=delivery.attempts)
