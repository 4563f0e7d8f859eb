"""Personal API tokens: made (shown once), looked up by their hash, revoked."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from assessments.api.models import ApiToken
from assessments.models import Organisation

# "caio_" and eight characters a person can recognise the token by, then the secret (256 bits).
PREFIX = "caio_"
VISIBLE = len(PREFIX) + 8
# Recording each use would write on every request; once a minute says as much about whether it is in use.
LAST_USED_EVERY = timedelta(minutes=1)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def create_token(
    *, user: Any, organisation: Organisation, name: str, can_write: bool
) -> tuple[ApiToken, str]:
    """A new token for `user` in `organisation` (of which they must be a member); returns it and its text."""
    token = PREFIX + secrets.token_urlsafe(32)
    row = ApiToken.objects.create(
        user=user,
        organisation=organisation,
        name=name,
        prefix=token[:VISIBLE],
        token_hash=token_hash(token),
        can_write=can_write,
    )
    return row, token


def revoke_token(*, token: ApiToken) -> None:
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())


def authenticate(token: str) -> ApiToken | None:
    """The live token with this text, with its user, or None."""
    if not token.startswith(PREFIX) or len(token) > 200:
        return None
    row = ApiToken.objects.live().select_related("user").filter(token_hash=token_hash(token)).first()
    if row is None or not row.user.is_active:
        return None
    now = timezone.now()
    if row.last_used_at is None or row.last_used_at < now - LAST_USED_EVERY:
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        row.last_used_at = now
    return row
