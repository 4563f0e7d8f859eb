from __future__ import annotations

from typing import Any

from django.http import HttpRequest

USERNAME_MAX = 150


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The username axes records and locks on, cut to the longest a real account can have."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return str(username).replace("\x00", "")[:USERNAME_MAX]
