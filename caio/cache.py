"""Django's database cache with atomic add() and incr(), so a rate limit holds across every worker and server."""

from __future__ import annotations

import base64
import pickle
import random
from datetime import UTC, datetime
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connections, router, transaction
from django.utils.timezone import now as tz_now


class DatabaseCache(DjangoDatabaseCache):
    """Django's DatabaseCache adds and increments with a read and then a write: two workers can both read
    4 and both write 5, and each add() costs four queries. Here add() is one INSERT … ON CONFLICT (SQLite
    and PostgreSQL) and incr() locks the row it rewrites (FOR UPDATE; SQLite's IMMEDIATE transactions lock
    the file), keeping the expiry django-ratelimit gave the counter's window."""

    def __init__(self, table: str, params: dict[str, Any]) -> None:
        super().__init__(table, params)
        self._table_name = table  # Django keeps it as _table, which django-stubs does not declare
        # Expired counters are deleted by one add() in this many (on average), not on every write; 0 = never.
        self._cull_one_add_in = int(params.get("OPTIONS", {}).get("CULL_ONE_ADD_IN", 50))

    def _upsert_supported(self, db: str) -> bool:
        return connections[db].vendor in {"sqlite", "postgresql"}

    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        db = router.db_for_write(self.cache_model_class)
        if not self._upsert_supported(db):
            return super().add(key, value, timeout, version)
        key = self.make_and_validate_key(key, version=version)
        connection = connections[db]
        quote, adapt = connection.ops.quote_name, connection.ops.adapt_datetimefield_value
        table, expires_column = quote(self._table_name), quote("expires")
        backend_timeout = self.get_backend_timeout(timeout)
        expires = datetime.max if backend_timeout is None else datetime.fromtimestamp(backend_timeout, tz=UTC)
        now = tz_now().replace(microsecond=0)
        encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
        with connection.cursor() as cursor:
            if self._cull_one_add_in and random.randrange(self._cull_one_add_in) == 0:
                cursor.execute(f"DELETE FROM {table} WHERE {expires_column} < %s", [adapt(now)])  # noqa: S608
            # An expired row under the same key counts as absent, as in Django's add().
            cursor.execute(
                f"INSERT INTO {table} ({quote('cache_key')}, {quote('value')}, {expires_column}) "  # noqa: S608
                f"VALUES (%s, %s, %s) ON CONFLICT ({quote('cache_key')}) DO UPDATE "
                f"SET {quote('value')} = excluded.{quote('value')}, {expires_column} = excluded.{expires_column} "
                f"WHERE {table}.{expires_column} < %s",
                [key, encoded, adapt(expires.replace(microsecond=0)), adapt(now)],
            )
            return bool(cursor.rowcount == 1)

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> Any:
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote = connection.ops.quote_name
        table, lock = (
            quote(self._table_name),
            " FOR UPDATE" if connection.features.has_select_for_update else "",
        )
        now = connection.ops.adapt_datetimefield_value(tz_now().replace(microsecond=0, tzinfo=None))
        with transaction.atomic(using=db, savepoint=False), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {quote('value')} FROM {table} "  # noqa: S608 - only quoted names are interpolated
                f"WHERE {quote('cache_key')} = %s AND {quote('expires')} > %s{lock}",
                [key, now],
            )
            row = cursor.fetchone()
            if row is None:
                raise ValueError(f"Key '{key}' not found")
            value = pickle.loads(base64.b64decode(row[0].encode())) + delta
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(
                f"UPDATE {table} SET {quote('value')} = %s WHERE {quote('cache_key')} = %s", [encoded, key]
            )
        return value
