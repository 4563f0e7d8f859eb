from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register


@register(Tags.security, deploy=True)
def email_backend_is_configured(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    # The console backend is the development default: in production it writes password-reset and invitation
    # links (working credentials) into the server log.
    if settings.DEBUG or settings.EMAIL_BACKEND_CONFIGURED:
        return []
    return [
        Error(
            "EMAIL_BACKEND is not set in the environment, so mail would be printed to the server log.",
            hint="Set EMAIL_BACKEND (for example django.core.mail.backends.smtp.EmailBackend) and its EMAIL_* "
            "settings.",
            id="caio.E001",
        )
    ]


@register(Tags.security, deploy=True)
def outbound_private_addresses_are_refused(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    # Allowed, a webhook could make the server call its own network (a database, cloud metadata).
    if settings.DEBUG or not settings.OUTBOUND_ALLOW_PRIVATE:
        return []
    return [
        Error(
            "OUTBOUND_ALLOW_PRIVATE is on: webhooks may call private, loopback and link-local addresses.",
            hint="Unset OUTBOUND_ALLOW_PRIVATE in production; it is for development and tests.",
            id="caio.E002",
        )
    ]
