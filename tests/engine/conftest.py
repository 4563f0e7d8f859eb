from __future__ import annotations

import pytest

from assessments.engine import decision, matrix, obligations, result, whatif


@pytest.fixture(autouse=True)
def _cold_engine() -> None:
    """Each test starts with the engine's memos empty: what it asserts cannot depend on which test filled
    them first, and the mutation run (`make mutants`) sees every function a test runs, not only the ones a
    warm memo let through."""
    for module in (decision, matrix, result, whatif):
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()
    decision._TESTS.clear()
    obligations._REQUIRED.clear()
