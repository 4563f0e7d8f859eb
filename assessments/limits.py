"""Rate limits over the shared cache (django-ratelimit): the same count in every worker and on every server."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited

Key = str | Callable[[str, HttpRequest], str]


def client_ip(group: str, request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or behind N trusted proxies the N-th address from the right."""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [
        hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()
    ]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return str(request.META.get("REMOTE_ADDR", ""))


def fixed(value: str) -> Callable[[str, HttpRequest], str]:
    """A key that is a value the view knows (an e-mail address, a draft's id), not part of the request."""
    return lambda group, request: value


def exceeded(request: HttpRequest, name: str, key: Key) -> bool:
    """Count this request against the limit `name` (settings.RATE_LIMITS) for `key`; True once it is over."""
    return bool(
        is_ratelimited(
            request, group=f"caio.{name}", key=key, rate=settings.RATE_LIMITS[name], increment=True
        )
    )


_PERIOD_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def too_many(request: HttpRequest, message: str, *, limit: str | None = None) -> HttpResponse:
    """The page shown when a limit is reached: status 429, with what happened and when to try again.

    Retry-After tells clients the same: the limit's period (settings.RATE_LIMITS), or a minute.
    """
    response = render(request, "429.html", {"message": message}, status=429)
    response["Retry-After"] = retry_after(limit)
    return response


def retry_after(limit: str | None) -> str:
    """The Retry-After value (seconds) for a request refused by `limit`: its period, or a minute."""
    period = settings.RATE_LIMITS[limit].rsplit("/", 1)[1] if limit else "m"
    return str(_PERIOD_SECONDS.get(period[-1:], 60) * int(period[:-1] or 1))
