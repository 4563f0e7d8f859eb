"""The registry of method versions: which one scores, and which are kept only for the results they scored.

A stored result is never scored again; its version's texts stay in the catalogues so it keeps its words in
every language. Re-scoring a stored result makes a new result with the current version, shown beside it.
"""

from __future__ import annotations

from .errors import UnknownMethodVersion
from .method import Method
from .method_2026_12 import METHOD_2026_12
from .method_2027_01 import METHOD_2027_01

METHODOLOGY_VERSION = "2027.01"
# The versions this engine scores with.
METHODS: dict[str, Method] = {METHOD_2027_01.version: METHOD_2027_01}
# Versions whose results may still be stored but that this engine no longer scores.
RETIRED_VERSIONS: tuple[str, ...] = ("2026.11", "2026.12")
# The retired versions whose data this engine still has, to word their stored results in every language.
KEPT: dict[str, Method] = {METHOD_2026_12.version: METHOD_2026_12}


def get_method(version: str | None = None) -> Method:
    """The method that scores `version` (default: current)."""
    if version is None:
        version = METHODOLOGY_VERSION
    try:
        return METHODS[version]
    except (KeyError, TypeError):
        raise UnknownMethodVersion(version, sorted(METHODS)) from None


def stored_method(version: object) -> Method | None:
    """The method data of a stored result's version, scored or kept (None for one this engine lacks)."""
    if not isinstance(version, str):
        return None
    return METHODS.get(version) or KEPT.get(version)
