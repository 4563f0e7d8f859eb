"""The audit trail: one hash-chained entry per change, per organisation, kept after what it describes is gone.

Every change to an audited model is recorded twice in the same transaction: django-simple-history keeps the
full row as it was after the change (the `Historical…` tables, for the admin), and `AuditEntry` keeps who
changed which fields from what to what, chained to the previous entry of its organisation by a sha256 hash.
Neither table has a database foreign key to what it describes, so deleting an assessment, a member or the
whole organisation leaves its trail in place until `prune_audit` removes entries older than AUDIT_KEEP_DAYS.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy, pgettext_lazy
from simple_history import register

from assessments import models as app_models
from assessments.api.models import ApiToken
from assessments.audit.records import AuditRecords
from assessments.sso.models import DomainRule
from assessments.webhooks.models import Webhook

ACCOUNT_CHAIN = 0  # sign-ins and anything else that belongs to no organisation


class AuditChain(models.Model):
    """The head of one chain (an organisation's, or 0 for accounts): locked while an entry is appended."""

    key = models.PositiveBigIntegerField(primary_key=True)
    seq = models.PositiveBigIntegerField(default=0)  # the last entry's number
    hash = models.CharField(max_length=64, blank=True)  # the last entry's hash
    # After pruning: the last removed entry, where the kept part of the chain starts from.
    pruned_through_seq = models.PositiveBigIntegerField(default=0)
    pruned_through_hash = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return f"Audit chain {self.key} at {self.seq}"


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        CREATED = "created", pgettext_lazy("audit action", "Created")
        CHANGED = "changed", pgettext_lazy("audit action", "Changed")
        DELETED = "deleted", pgettext_lazy("audit action", "Deleted")
        SIGNED_IN = "signed_in", pgettext_lazy("audit action", "Signed in")
        PRUNED = "pruned", pgettext_lazy("audit action", "Older entries removed")

    chain = models.PositiveBigIntegerField()  # the organisation's id, or ACCOUNT_CHAIN
    seq = models.PositiveBigIntegerField()
    created_at = models.DateTimeField()
    # Who: kept as text too, so the entry still says who after the account is deleted.
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_name = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=20, choices=Action.choices)
    # What: the model ("assessments.assessment"), the row's id and how it read then ("Northwind — 2026-03-05").
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64, blank=True)
    object_label = models.CharField(max_length=300, blank=True)
    # {"field": [before, after], ...} as canonical JSON text: hashed exactly as stored.
    changes = models.TextField(default="{}")
    history_id = models.BigIntegerField(null=True, blank=True)  # the Historical… row written with it
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["chain", "-seq"]
        verbose_name_plural = "audit entries"
        constraints = [models.UniqueConstraint(fields=["chain", "seq"], name="audit_one_entry_per_place")]
        indexes = [models.Index(fields=["created_at"], name="audit_by_date")]

    def __str__(self) -> str:
        return f"{self.chain}/{self.seq} {self.action} {self.object_type} {self.object_id}"


# What each audited model is called on the trail page.
OBJECT_TYPES = {
    "assessments.organisation": gettext_lazy("Organisation"),
    "assessments.assessment": gettext_lazy("Assessment"),
    "assessments.rating": gettext_lazy("Rating"),
    "assessments.charter": gettext_lazy("Boundary charter"),
    "assessments.chartersignature": gettext_lazy("Signature"),
    "assessments.membership": gettext_lazy("Membership"),
    "assessments.invitation": gettext_lazy("Invitation"),
    "assessments.sharelink": gettext_lazy("Share link"),
    "sso.domainrule": gettext_lazy("Domain rule"),
    "assessments.apitoken": gettext_lazy("API token"),
    "assessments.webhook": gettext_lazy("Webhook"),
    "auth.user": gettext_lazy("Account"),
    "audit.auditchain": gettext_lazy("Audit trail"),
}

# Each audited model, the lookup from it to its organisation (whose chain its entries join), and the fields
# left out of the trail: bookkeeping, derived copies, secrets (token hashes) and per-visit counters.
# To audit another model, add a line here, derive it from AuditedModel with an AuditedQuerySet as its manager,
# and run `manage.py makemigrations audit`.
AUDITED: dict[type[models.Model], tuple[str, tuple[str, ...]]] = {
    app_models.Organisation: ("pk", ("version", "updated_at", "charter_digest")),
    app_models.Assessment: ("organisation_id", ("version", "updated_at", "result")),
    app_models.Rating: ("assessment__organisation_id", ("version", "updated_at")),
    app_models.Charter: ("organisation_id", ("version", "updated_at")),
    app_models.CharterSignature: ("charter__organisation_id", ()),
    app_models.Membership: ("organisation_id", ("version",)),
    app_models.Invitation: ("organisation_id", ("token_hash",)),
    app_models.ShareLink: ("assessment__organisation_id", ("token_hash", "last_opened_at", "open_count")),
    DomainRule: ("organisation_id", ()),
    ApiToken: ("organisation_id", ("token_hash", "last_used_at")),
    Webhook: ("organisation_id", ("secret",)),
}

for _model, (_path, _quiet) in AUDITED.items():
    # Secrets never reach the history tables; the other quiet fields are kept there, out of the trail.
    register(
        _model,
        app="assessments.audit",
        records_class=AuditRecords,
        excluded_fields=[name for name in _quiet if name in ("token_hash", "secret")],
        user_db_constraint=False,
    )
