"""The account page's context, shared by its own views and the API-token views that render it again."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from assessments.api.forms import TokenForm
from assessments.api.models import ApiToken
from assessments.questionnaire.forms import ImportForm


def account_context(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    """What the account page shows: the import form and the person's live API tokens."""
    context: dict[str, Any] = {
        "form": ImportForm(),
        "token_form": TokenForm(user=request.user),
        "api_tokens": ApiToken.objects.live().filter(user=request.user.pk).select_related("organisation"),
    }
    return context | extra
