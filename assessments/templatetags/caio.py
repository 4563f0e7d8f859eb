from __future__ import annotations

from django import template

from assessments.models import Recommendation

register = template.Library()


@register.filter
def recommendation_label(value: str) -> str:
    try:
        return str(Recommendation(value).label)
    except ValueError:
        return ""
