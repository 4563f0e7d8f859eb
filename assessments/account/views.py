"""A person's account: sign-up, the throttled password reset, and their data (export, import, deletion)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from assessments import languages, people
from assessments.account import data as account_data
from assessments.account.forms import AccountForm, SignupForm
from assessments.account.page import account_context
from assessments.engine import METHODOLOGY_VERSION, ValidationFailed, load_json
from assessments.questionnaire.forms import ImportForm
from assessments.security import limits
from assessments.team import services as teams


def _invited_address(next_url: str) -> str:
    """The address an invitation was sent to, when sign-up comes from its link; read from the invitation
    itself, so the address never travels in a URL and a made-up link pre-fills nothing."""
    try:
        match = resolve(urlsplit(next_url).path)
    except Resolver404:
        return ""
    if match.url_name != "invitation":
        return ""
    try:
        return teams.pending_invitation(match.kwargs["token"]).email
    except teams.Refused:
        return ""


@never_cache  # from an invitation link it pre-fills the invited address
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("assessments:organisation-list")
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    form = SignupForm(request.POST or None, initial={"email": _invited_address(next_url)})
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, gettext("Welcome! Your account is ready."))
        # An invitation link sends people here with ?next= so they come back to accept it.
        if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            return redirect(next_url)
        return redirect("assessments:organisation-list")
    login_url = reverse("login") + (f"?{urlencode({'next': next_url})}" if next_url else "")
    return render(
        request, "registration/signup.html", {"form": form, "next": next_url, "login_url": login_url}
    )


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset form, throttled per client address and per e-mail address over the shared cache. Its mail is
    ours (templates/registration/password_reset_*), signed with the installation's name, not the request's host."""

    @property
    def extra_email_context(self) -> dict[str, Any]:
        return {"site_name": settings.SITE_NAME, "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86_400)}

    def form_valid(self, form: Any) -> HttpResponse:
        email = form.cleaned_data["email"].strip().lower()
        if limits.exceeded_in_any_burst(self.request, "reset_ip", limits.client_ip):
            form.add_error(
                None,
                gettext(
                    "You have asked for several password resets in a short time. Wait an hour, then try again."
                ),
            )
        elif limits.exceeded_in_any_burst(self.request, "reset", limits.fixed(email)):
            form.add_error(
                "email",
                gettext(
                    "A reset link was sent to this address several times recently. Check your inbox and spam "
                    "folder, or try again in an hour."
                ),
            )
        else:
            return super().form_valid(form)
        response = self.render_to_response(self.get_context_data(form=form), status=429)
        response["Retry-After"] = "3600"  # the reset limits count per hour
        return response


@login_required
def account_settings(request: HttpRequest) -> HttpResponse:
    """The account: the name colleagues see, with the way to the password and to the account's data."""
    user: Any = request.user  # signed in (login_required)
    form = AccountForm(request.POST or None, initial={"full_name": user.get_full_name()})
    if request.method == "POST" and form.is_valid():
        people.set_full_name(user=user, full_name=form.cleaned_data["full_name"])
        messages.success(request, gettext("Your name is saved."))
        return redirect("assessments:account")
    return render(request, "assessments/account.html", {"form": form})


@login_required
def account_data_page(request: HttpRequest) -> HttpResponse:
    return render(request, "assessments/account_data.html", account_context(request))


@login_required
def account_export(request: HttpRequest) -> HttpResponse:
    response = JsonResponse(account_data.export_account(request.user), json_dumps_params={"indent": 2})
    stamp = timezone.now().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="caio-advisor-account-{stamp}.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def account_import(request: HttpRequest) -> HttpResponse:
    if limited := limits.work_exceeded(request):
        return limits.too_many(request, limits.WORK_PAUSED, limit=limited)
    form = ImportForm(request.POST, request.FILES)
    errors: list[str] = []
    if form.is_valid():
        try:
            count = account_data.import_account(
                user=request.user, document=load_json(form.cleaned_data["file"])
            )
        except account_data.ImportRefused as exc:
            errors = [gettext(str(exc))]
        except ValidationFailed as exc:
            errors = [f"{e.field}: {languages.error_text(e)}" for e in exc.errors]
        else:
            messages.success(
                request,
                ngettext(
                    "Imported your data ({count} assessment in all). Completed assessments were scored again "
                    "from their answers under method {version}; results stored in the file are not used.",
                    "Imported your data ({count} assessments in all). Completed assessments were scored again "
                    "from their answers under method {version}; results stored in the file are not used.",
                    count,
                ).format(count=count, version=METHODOLOGY_VERSION),
            )
            return redirect("assessments:organisation-list")
    context = account_context(request, form=form, errors=errors)
    return render(request, "assessments/account_data.html", context, status=400)
