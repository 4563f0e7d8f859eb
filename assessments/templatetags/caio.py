from __future__ import annotations

from datetime import timedelta

from django import template
from django.utils.translation import ngettext

from assessments.engine import get_method
from assessments.models import Recommendation, Role

register = template.Library()


@register.simple_tag
def method_count(side: str) -> int:
    """How many CAIO signals ("caio") or absorb conditions ("cto") the current method tests."""
    return len(get_method().criteria_on(side))  # type: ignore[arg-type]


@register.filter
def recommendation_label(value: str) -> str:
    try:
        return str(Recommendation(value).label)
    except ValueError:
        return ""


@register.filter
def minutes(value: timedelta | None) -> str:
    total = int(value.total_seconds() // 60) if value else 0
    return ngettext("%(count)s minute", "%(count)s minutes", total) % {"count": total}


@register.filter
def times(value: int) -> str:
    return ngettext("%(count)s time", "%(count)s times", value) % {"count": f"{value:,}"}


@register.filter
def employees(value: int) -> str:
    """ "1 employee", "1,200 employees": whole phrases, so a translation can order and inflect them."""
    return ngettext("%(count)s employee", "%(count)s employees", value) % {"count": f"{value:,}"}


@register.filter
def can_edit(role: str | None) -> bool:
    """Editor or better (see Role.can_edit)."""
    return role in Role.values and Role(role).can_edit


@register.filter
def role_label(role: str | None) -> str:
    try:
        return str(Role(role or "").label)
    except ValueError:
        return ""
