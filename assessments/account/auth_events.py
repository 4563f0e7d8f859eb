"""Log sign-ins, sign-outs and failures with who, from where and when; never a password."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from assessments.security.client_address import client_address

logger = logging.getLogger("caio.auth")


def _address(request: HttpRequest | None) -> str:
    return client_address(request) or "-"


@receiver(user_logged_in, dispatch_uid="caio-log-login")
def log_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    logger.info("login user=%s address=%s", user.get_username(), _address(request))


@receiver(user_logged_out, dispatch_uid="caio-log-logout")
def log_logout(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    logger.info("logout user=%s address=%s", user.get_username() if user else "-", _address(request))


@receiver(user_login_failed, dispatch_uid="caio-log-login-failed")
def log_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # Only the username is taken from the credentials: the password must never reach a log.
    logger.warning("login failed user=%s address=%s", credentials.get("username", "-"), _address(request))
