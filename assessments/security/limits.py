"""Rate limits over the shared cache (django-ratelimit): the same count in every worker and on every server."""

from __future__ import annotations

import hashlib
import time
import zlib
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy
from django_ratelimit.core import _split_rate, is_ratelimited

from assessments.security.client_address import client_address

Key = Callable[[str, HttpRequest], str]
StrOrPromise = str | Promise


def person(group: str, request: HttpRequest) -> str:
    """A rate limit's key: the signed-in person (their id, as django-ratelimit's "user" key gives it)."""
    return str(request.user.pk)


def client_ip(group: str, request: HttpRequest) -> str:
    """A rate limit's key: the client's address, as assessments.security.client_address reads it for every use."""
    return client_address(request) or ""


def fixed(value: str) -> Key:
    """A key that is a value the view knows (an e-mail address, an organisation, a draft), not the request's."""
    return lambda group, request: value


WORK_PAUSED = gettext_lazy(
    "A lot of work was asked for in a short time (re-scores, scenarios, imports or reports). Nothing was "
    "changed: wait a minute, then try again."
)


def work_exceeded(request: HttpRequest, *, organisation_id: int | None = None) -> str | None:
    """Count one request that queues work (a render) against its person and its organisation.

    Returns the name of the limit it passed ("work" or "work_organisation"), or None. The worker renders in
    the order work arrives: these two bound how much one person, or one organisation's team, can put ahead of
    everyone else's reports (docs/reliability.md states the bound; bench/queue_fairness.py measures it).
    """
    if exceeded_in_any_burst(request, "work", person):
        return "work"
    if organisation_id is not None and exceeded_in_any_burst(
        request, "work_organisation", fixed(f"org:{organisation_id}")
    ):
        return "work_organisation"
    return None


def exceeded_in_any_burst(request: HttpRequest, name: str, key: Key) -> bool:
    """Count this request against the limit `name` (settings.RATE_LIMITS) for `key` (`person`, `client_ip`
    or `fixed(...)`); True once it is over. Every limit of the app counts here; refused requests count too.

    django-ratelimit counts in fixed windows, so a burst sent across a window's end was counted in two and got
    twice the limit (10 of 20 re-scores at 6/m, security round 3 re-run). The request is also counted in windows
    that end half a period later: a burst shorter than half the period contains the end of one of the two
    windows at most, so the other counts all of it. Once a whole period has passed, both windows are new.
    """
    group, rate = f"caio.{name}", settings.RATE_LIMITS[name]
    over = is_ratelimited(request, group=group, key=key, rate=rate, increment=True)
    count, period = _split_rate(rate)
    value = key(group, request)
    # django-ratelimit's windows end where ts % period == crc32(value) % period; these end half a period later.
    shift = zlib.crc32(value.encode()) % period + period // 2
    window = (int(time.time()) - shift) // period
    digest = hashlib.sha256(f"{group}|{value}|{window}".encode()).hexdigest()
    cache = caches[settings.RATELIMIT_USE_CACHE]
    cache_key = f"caio-half-window:{digest}"
    cache.add(cache_key, 0, period + 60)
    return bool(over or cache.incr(cache_key) > count)


_PERIOD_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def too_many(request: HttpRequest, message: StrOrPromise, *, limit: str | None = None) -> HttpResponse:
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


View = TypeVar("View", bound=Callable[..., HttpResponse])


def allows_form_fields(limit: int) -> Callable[[View], View]:
    """Let a view's form post up to `limit` fields (DATA_UPLOAD_MAX_NUMBER_FIELDS holds everywhere else); read
    by caio.middleware.FormFieldsLimitMiddleware, which parses the form before CSRF's check reads it."""

    def mark(view: View) -> View:
        view.form_fields_limit = limit  # type: ignore[attr-defined]
        return view

    return mark
