from __future__ import annotations

from typing import Any

from django import template

from assessments import reports

register = template.Library()


@register.simple_tag
def report_state(assessment: Any, token: str = "") -> str:
    """The state of the report in the organisation's paper size: "ready", "preparing", "failed" or ""."""
    states = reports.report_states(assessment, public=bool(token))
    return states.get(assessment.organisation.paper_size, "")


@register.simple_tag
def failed_mail(organisation: Any) -> list[Any]:
    """Mail about this organisation that the worker gave up sending (last 30 days), newest first."""
    from assessments.mail import recent_failures

    return recent_failures(organisation=organisation)
