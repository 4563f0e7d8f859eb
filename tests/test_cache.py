"""The shared database cache that rate limits count in: add() and incr() hold under concurrent workers."""

from __future__ import annotations

import threading

import pytest
from django.core.cache import caches
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)

WORKERS = 8
EACH = 25


def _expiry() -> object:
    with connection.cursor() as cursor:
        cursor.execute("SELECT expires FROM caio_cache")
        return cursor.fetchone()[0]


def test_add_is_once_and_an_expired_entry_counts_as_absent():
    cache = caches["shared"]
    assert cache.add("k", 1, 60) is True
    assert cache.add("k", 5, 60) is False
    assert cache.get("k") == 1
    assert cache.add("gone", 1, -1) is True  # already expired
    assert cache.add("gone", 2, 60) is True
    assert cache.get("gone") == 2


def test_incr_keeps_the_expiry_and_refuses_a_missing_key():
    cache = caches["shared"]
    cache.add("k", 1, 3600)
    before = _expiry()
    assert cache.incr("k") == 2
    assert cache.incr("k", 3) == 5
    assert _expiry() == before
    with pytest.raises(ValueError):
        cache.incr("missing")


def test_concurrent_increments_from_many_connections_lose_none():
    caches["shared"].add("counter", 0, 600)
    barrier = threading.Barrier(WORKERS)

    def work() -> None:
        barrier.wait()
        try:
            for _ in range(EACH):
                caches["shared"].incr("counter")
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert caches["shared"].get("counter") == WORKERS * EACH
