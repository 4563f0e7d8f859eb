from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import UserCreationForm
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext, gettext_lazy
from django.views import i18n
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from assessments import languages, teams
from assessments.forms import full_name_field
from assessments.validators import single_line
from caio import limits

logger = logging.getLogger(__name__)


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


@require_GET
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("health check: database did not answer")
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    if request.GET.get("detail"):
        return _health_detail(request)
    return HttpResponse("ok", content_type="text/plain")


def _health_detail(request: HttpRequest) -> HttpResponse:
    from assessments.queue import queue_stats

    if not request.user.is_staff:
        return HttpResponse(gettext("Only staff can see the details."), status=403, content_type="text/plain")
    return JsonResponse({"database": "ok", "tasks": queue_stats()})


class SignupForm(UserCreationForm):
    full_name = full_name_field()
    email = forms.EmailField(
        label=gettext_lazy("Email address"),
        help_text=gettext_lazy(
            "Used to reset your password, and for invitations to organisations and requests to rate an "
            "assessment that your colleagues send you."
        ),
        validators=[single_line],
    )

    class Meta:
        model = get_user_model()
        fields = ("full_name", "username", "email")

    def save(self, commit: bool = True) -> Any:
        user = super().save(commit=False)
        user.first_name = " ".join(self.cleaned_data.get("full_name", "").split())  # assessments/people.py
        if commit:
            user.save()
        return user


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


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """The header's switcher (a form, so it works without JavaScript): Django's view sets the cookie and goes
    back to the page; a signed-in person's choice is also kept on their profile, for pages and mail."""
    response = i18n.set_language(request)
    language = languages.supported(request.POST.get("language"))
    if language is not None:
        languages.choose(request, language)
    return response


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    # Browsers ask for /favicon.ico on pages without a <link rel=icon> (the admin); point them at ours.
    return redirect(static("favicon.svg"), permanent=True)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without a RequestContext on purpose: the failure may come from a context processor.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render(), status=500)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset form, throttled per client address and per e-mail address over the shared cache. Its mail is
    ours (templates/registration/password_reset_*), signed with the installation's name, not the request's host."""

    @property
    def extra_email_context(self) -> dict[str, Any]:
        return {"site_name": settings.SITE_NAME, "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86_400)}

    def form_valid(self, form: Any) -> HttpResponse:
        email = form.cleaned_data["email"].strip().lower()
        if limits.exceeded(self.request, "reset_ip", limits.client_ip):
            form.add_error(
                None,
                gettext(
                    "You have asked for several password resets in a short time. Wait an hour, then try again."
                ),
            )
        elif limits.exceeded(self.request, "reset", limits.fixed(email)):
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
