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
