"""Rows shared by a module's tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import pytest
from django.db import transaction

T = TypeVar("T")


def module_rows(build: Callable[[], T]) -> Any:
    """A module-scoped fixture whose rows `build()` makes once for all of a module's tests.

    As Django's `setUpTestData`: the rows live in a transaction left open for the module; each test's own
    transaction is a savepoint inside it and rolls back to it, and the rows are rolled back after the last
    test. Not for modules with `transaction=True` tests (they would flush the rows away).
    """

    @pytest.fixture(scope="module")
    def fixture(django_db_setup: None, django_db_blocker: Any) -> Iterator[T]:
        outer = transaction.atomic()
        with django_db_blocker.unblock():
            outer.__enter__()
            try:
                rows = build()
            except BaseException as error:
                outer.__exit__(type(error), error, error.__traceback__)
                raise
        yield rows
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)

    return fixture
