from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import TooManyFieldsSent
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.datastructures import MultiValueDict

Handler = Callable[[HttpRequest], HttpResponse]
_LAST_SEEN = "last_seen"
_SEEN_GRANULARITY = 60  # seconds: rewrite the session at most once a minute, not on every request


_LOGGED_IN_AT = "logged_in_at"


@receiver(user_logged_in)
def _start_the_idle_clock(sender: Any, request: HttpRequest, **kwargs: Any) -> None:
    now = int(time.time())
    request.session[_LAST_SEEN] = now
    _start_the_lifetime(request, now)


def _start_the_lifetime(request: HttpRequest, now: int) -> None:
    """The session ends SESSION_COOKIE_AGE after log-in, however active: an absolute expiry, which Django keeps
    when the session is saved again (a relative one would start again from every save, and the idle clock
    saves the session once a minute)."""
    request.session[_LOGGED_IN_AT] = now
    request.session.set_expiry(datetime.fromtimestamp(now + settings.SESSION_COOKIE_AGE, tz=UTC))


class IdleSessionTimeoutMiddleware:
    """Log out a session that has had no request for settings.SESSION_IDLE_SECONDS, or that began more than
    SESSION_COOKIE_AGE (SESSION_MAX_DAYS) ago, however active it has been since."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(_LAST_SEEN, now)
            logged_in_at = request.session.get(_LOGGED_IN_AT)
            if logged_in_at is None:
                _start_the_lifetime(request, now)  # a session from before the lifetime was recorded
            if now - last_seen > settings.SESSION_IDLE_SECONDS or (
                logged_in_at is not None and now - logged_in_at > settings.SESSION_COOKIE_AGE
            ):
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


class FormFieldsLimitMiddleware:
    """Parses a signed-in person's form post with the limit its view allows (its `form_fields_limit`, set by
    assessments.security.limits.allows_form_fields).

    Django counts the fields when anything first reads request.POST, which CsrfViewMiddleware does before any
    view runs: so this runs before it (earlier in MIDDLEWARE). Only url-encoded bodies, the only kind such
    views take; DATA_UPLOAD_MAX_MEMORY_SIZE still bounds the body's size.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view: Any, args: Any, kwargs: Any) -> None:
        limit = getattr(view, "form_fields_limit", None)
        if (
            limit
            and request.method == "POST"
            and request.content_type == "application/x-www-form-urlencoded"
            and request.user.is_authenticated
        ):
            encoding = request.encoding or settings.DEFAULT_CHARSET
            request.POST = _parse_form(request.body, encoding, limit)  # type: ignore[assignment]
            request._files = MultiValueDict()  # type: ignore[attr-defined]  # nothing else to parse


def _parse_form(body: bytes, encoding: str, limit: int) -> QueryDict:
    """What QueryDict(body) gives, counting the fields against `limit` instead of the setting."""
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError:
        text = body.decode("iso-8859-1")  # as Django does for user agents that misbehave
    form = QueryDict(mutable=True, encoding=encoding)
    try:
        for key, value in parse_qsl(text, keep_blank_values=True, encoding=encoding, max_num_fields=limit):
            form.appendlist(key, value)
    except ValueError:
        raise TooManyFieldsSent(
            f"More than {limit} fields were posted to a view that allows {limit}."
        ) from None
    return form
