from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers

Handler = Callable[[HttpRequest], HttpResponse]
_LAST_SEEN = "last_seen"
_SEEN_GRANULARITY = 60  # seconds: rewrite the session at most once a minute, not on every request


@receiver(user_logged_in)
def _start_the_idle_clock(sender: Any, request: HttpRequest, **kwargs: Any) -> None:
    request.session[_LAST_SEEN] = int(time.time())


class IdleSessionTimeoutMiddleware:
    """Log out a session that has had no request for settings.SESSION_IDLE_SECONDS.

    SESSION_COOKIE_AGE still bounds the whole session, however active it is.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(_LAST_SEEN, now)
            if now - last_seen > settings.SESSION_IDLE_SECONDS:
                logout(request)
            elif now - last_seen >= _SEEN_GRANULARITY or _LAST_SEEN not in request.session:
                request.session[_LAST_SEEN] = now
        return self.get_response(request)


class PrivatePagesMiddleware:
    """Pages for a signed-in person show their organisations and colleagues' e-mails: no cache may keep them."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated and "no-store" not in response.get("Cache-Control", ""):
            add_never_cache_headers(response)
        return response


# Where a signed-in person's language is kept for the session (settings.SESSION_LANGUAGE_KEY).
SESSION_LANGUAGE = settings.SESSION_LANGUAGE_KEY


class UserLanguageMiddleware:
    """A signed-in person's chosen language wins over the cookie and the browser's preference.

    Runs after LocaleMiddleware (which read the cookie or Accept-Language) and the session; LocaleMiddleware's
    response half still sets Content-Language and Vary from the language active at the end.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.session.get(SESSION_LANGUAGE) if hasattr(request, "session") else None
        if chosen and chosen in _SUPPORTED and request.user.is_authenticated:
            translation.activate(chosen)
            request.LANGUAGE_CODE = chosen
        return self.get_response(request)


_SUPPORTED = frozenset(code for code, _name in settings.LANGUAGES)
