"""Webhooks and their deliveries. Imported by assessments.models, so they belong to the `assessments` app."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy, pgettext_lazy

from assessments.audited import AuditedModel, AuditedQuerySet


class Event(models.TextChoices):
    ASSESSMENT_COMPLETED = "assessment.completed", gettext_lazy("Assessment completed")
    REPORT_READY = "report.ready", gettext_lazy("PDF report ready")
    CHARTER_SIGNED = "charter.signed", gettext_lazy("Charter signed")
    CHARTER_AGREED = "charter.agreed", gettext_lazy("Charter agreed")
    MEMBER_JOINED = "member.joined", gettext_lazy("Member joined")


class Webhook(AuditedModel):  # registered, changed and removed: in the audit trail
    organisation = models.ForeignKey(
        "assessments.Organisation", on_delete=models.CASCADE, related_name="webhooks"
    )
    url = models.URLField(gettext_lazy("URL"), max_length=500)
    # The Standard Webhooks signing secret ("whsec_" + base64); the receiver needs it in the clear, so do we.
    secret = models.CharField(max_length=100)
    events = models.JSONField(default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AuditedQuerySet["Webhook"].as_manager()

    class Meta:
        app_label = "assessments"
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Webhook {self.pk} of organisation {self.organisation_id}: {self.url}"


class Delivery(models.Model):
    """One event for one webhook: the same message id and payload on every attempt, as the spec asks."""

    class Status(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("webhook delivery status", "Queued")
        DELIVERED = "delivered", pgettext_lazy("webhook delivery status", "Delivered")
        FAILED = "failed", pgettext_lazy("webhook delivery status", "Failed")

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    message_id = models.CharField(max_length=40, unique=True)
    event = models.CharField(max_length=30, choices=Event.choices)
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "assessments"
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "deliveries"

    def __str__(self) -> str:
        return f"{self.event} to webhook {self.webhook_id} ({self.status})"


class Attempt(models.Model):
    """One try at sending a delivery: when, and what the receiver answered (or why nothing was sent)."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)
    response_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        app_label = "assessments"
        ordering = ["-sent_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["delivery", "number"], name="one_attempt_per_number")]

    def __str__(self) -> str:
        return f"Attempt {self.number} of delivery {self.delivery_id}"

    @property
    def succeeded(self) -> bool:
        return self.response_code is not None and 200 <= self.response_code < 300
