from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register


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
