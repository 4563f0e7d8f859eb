"""A clock for rate-limit tests: a burst sent across the end of a limit's counting window, then a period later.

django-ratelimit ends a key's windows where ts % period == crc32(key value) % period (its _get_window): a
request at that second is counted in the window that ends, one a second later in the next. The security round 3
re-run sent bursts there; assessments.security.limits.exceeded_in_any_burst must still give them the limit, not
twice it.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

import django_ratelimit.core

from assessments.security import limits

SOME_DAY = 1_800_000_000  # a fixed moment (January 2027): the same windows on every run


class Clock:
    """The time the limits read: `now` (seconds since the epoch), set by the test."""

    def __init__(self, now: float) -> None:
        self.now = now

    def time(self) -> float:
        return self.now


def window_end(value: str, period: int) -> int:
    """The last second of one of django-ratelimit's windows for a key's value and a period in seconds."""
    return SOME_DAY - SOME_DAY % period + zlib.crc32(value.encode()) % period


@contextmanager
def at_a_window_end(value: str, period: int) -> Iterator[Clock]:
    """`with at_a_window_end(key value, period) as clock:` the limits read the last second of a window for that
    key; `clock.now += 1` is the first second of the next one, `clock.now += period` a whole period later."""
    clock = Clock(float(window_end(value, period)))
    with mock.patch.object(django_ratelimit.core, "time", clock), mock.patch.object(limits, "time", clock):
        yield clock
