from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
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
