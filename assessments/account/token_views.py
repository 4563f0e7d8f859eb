"""Personal API tokens on the account page: made (shown once) and revoked."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from assessments.account.page import account_context
from assessments.api import tokens
from assessments.api.forms import TokenForm
from assessments.api.models import ApiToken


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST, user=request.user)
    if not form.is_valid():
        context = account_context(request, token_form=form)
        return render(request, "assessments/account_data.html", context, status=400)
    row, token = tokens.create_token(
        user=request.user,
        organisation=form.cleaned_data["organisation"],
        name=form.cleaned_data["name"],
        can_write=form.cleaned_data["access"] == "write",
    )
    # Shown on this response only: the database keeps its hash, and the page is never cached.
    return render(
        request, "assessments/account_data.html", account_context(request, new_token=token, new_row=row)
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken.objects.live(), pk=token_pk, user=request.user)
    tokens.revoke_token(token=token)
    messages.success(request, gettext("The token “{name}” was revoked.").format(name=token.name))
    return redirect("assessments:account-data")
