"""Typed readers for deploy-time settings; a bad value stops start-up with a one-line message."""

from __future__ import annotations

import io
import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from dotenv import load_dotenv
from dotenv.parser import parse_stream

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def load_env_file(path: Path) -> None:
    """Read KEY=VALUE lines from `path` into the environment (python-dotenv), if the file exists, without
    overriding what the environment already says. `make run` writes one for development (DEBUG on, a random
    SECRET_KEY), so `manage.py` commands such as `assess` work on a fresh clone exactly as the README shows
    them. A line dotenv cannot read stops start-up with a one-line message instead of being skipped."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return
    for binding in parse_stream(io.StringIO(text)):
        if binding.error or (binding.key is not None and binding.value is None):
            line = binding.original.string.strip()
            raise ImproperlyConfigured(
                f"{path.name} line {binding.original.line}: expected NAME=value, got {line[:40]!r}"
            )
    load_dotenv(stream=io.StringIO(text), override=False, interpolate=False)


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]
