"""Personal API tokens. Imported by assessments.models, so they belong to the `assessments` app."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy

from assessments.audited import AuditedModel, AuditedQuerySet
from assessments.validators import single_line


class ApiTokenQuerySet(AuditedQuerySet["ApiToken"]):
    def live(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True)


class ApiToken(AuditedModel):  # made, used and revoked: in the audit trail
    """A personal token: acts as its user, only within one organisation, read-only or read/write.

    Only the sha256 of the token is stored; the token itself is shown once, when it is made. `prefix` (the
    token's first characters) is kept in the clear so a person can tell their tokens apart.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    organisation = models.ForeignKey(
        "assessments.Organisation", on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(gettext_lazy("token name"), max_length=80, validators=[single_line])
    prefix = models.CharField(max_length=16)
    token_hash = models.CharField(max_length=64, unique=True)
    can_write = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        app_label = "assessments"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"API token {self.prefix}… of {self.user}"
