"""Per-organisation domain rules: people who sign in through single sign-on with an address at the domain join."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy

from assessments.audited import AuditedModel, AuditedQuerySet
from assessments.models import Organisation, Role


class DomainRule(AuditedModel):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="domain_rules")
    domain = models.CharField(gettext_lazy("e-mail domain"), max_length=253)
    role = models.CharField(
        gettext_lazy("joins as"), max_length=10, choices=Role.choices, default=Role.VIEWER
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AuditedQuerySet["DomainRule"].as_manager()

    class Meta:
        ordering = ["domain"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "domain"], name="one_rule_per_domain"),
            models.CheckConstraint(condition=~models.Q(role="owner"), name="domain_rule_never_owner"),
        ]

    def __str__(self) -> str:
        return f"{self.domain} joins {self.organisation} as {self.role}"
