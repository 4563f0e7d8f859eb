"""LOCAL_PASSWORDS=0: nobody signs up, signs in or resets with a password; single sign-on only."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden

# Pages that exist only for local passwords: gone when they are off.
PASSWORD_PAGES = {
    "signup",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "password_change",
    "password_change_done",
}
# Pages that still show (the sign-in buttons) but take no password.
SIGN_IN_PAGES = {"login", "admin:login"}


class LocalPasswordsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        match = request.resolver_match
        if match is not None and match.view_name in SIGN_IN_PAGES:
            # A "Sign in with …" form posts here and is redirected to the provider: the browser checks that
            # redirect against the page's form-action.
            origins = provider_origins(settings.SOCIALACCOUNT_PROVIDERS) + settings.SSO_FORM_ACTION
            if origins:
                response._csp_update = {"form-action": origins}  # type: ignore[attr-defined]
        return response

    def process_view(self, request: HttpRequest, view: Any, args: Any, kwargs: Any) -> HttpResponse | None:
        if settings.LOCAL_PASSWORDS or request.resolver_match is None:
            return None
        name = request.resolver_match.view_name
        if name in PASSWORD_PAGES:
            raise Http404("Local passwords are turned off")
        if name in SIGN_IN_PAGES and request.method == "POST":
            return HttpResponseForbidden("Local passwords are turned off: sign in with single sign-on.")
        return None


def provider_origins(configured: Mapping[str, Any]) -> list[str]:
    """The origins the sign-in forms are redirected to: each issuer's, and the SAML provider's."""
    urls = [app["settings"]["server_url"] for app in configured.get("openid_connect", {}).get("APPS", [])]
    for app in configured.get("saml", {}).get("APPS", []):
        idp = app["settings"]["idp"]
        urls += [idp[key] for key in ("metadata_url", "sso_url") if idp.get(key)]
    origins = []
    for url in urls:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if parts.netloc and origin not in origins:
            origins.append(origin)
    return origins
