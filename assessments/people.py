"""How a person is shown to others: the full name they gave (at sign-up or in their account), else the username.

The full name is kept whole in `User.first_name` (`last_name` stays empty): names do not all split into a
first and a last part, and Django's `get_full_name()` then returns it as typed.
"""

from __future__ import annotations

from typing import Any


def display_name(user: Any) -> str:
    if user is None:
        return ""
    return (user.get_full_name() or "").strip() or user.get_username()


def set_full_name(*, user: Any, full_name: str) -> None:
    user.first_name, user.last_name = " ".join(full_name.split()), ""
    user.save(update_fields=["first_name", "last_name"])
