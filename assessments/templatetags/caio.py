from __future__ import annotations

from datetime import timedelta

from django import template

from assessments.models import Recommendation, Role

register = template.Library()


@register.filter
def recommendation_label(value: str) -> str:
    try:
        return str(Recommendation(value).label)
    except ValueError:
        return ""


@register.filter
def score(value: float | int | None) -> str:
    """Scores are multiples of 2.5: show 80, not 80.0, and 57.5 as it is."""
    if value is None:
        return "—"
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


@register.filter
def minutes(value: timedelta | None) -> str:
    total = int(value.total_seconds() // 60) if value else 0
    return f"{total} minute{'' if total == 1 else 's'}"


@register.filter
def can_edit(role: str | None) -> bool:
    """Owners and editors change things; viewers only read and download."""
    return role in {Role.OWNER, Role.EDITOR}


@register.filter
def role_label(role: str | None) -> str:
    try:
        return str(Role(role or "").label)
    except ValueError:
        return ""
