from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import OuterRef, Subquery
from django.urls import reverse


class Recommendation(models.TextChoices):
    CTO_ONLY = "cto_only", "CTO only"
    CAIO_REPORTS_TO_CTO = "caio_reports_to_cto", "CAIO reporting to the CTO"
    CAIO_REPORTS_TO_CEO = "caio_reports_to_ceo", "CAIO and CTO reporting to the CEO"


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def for_user(self, user: Any) -> OrganisationQuerySet:
        return self.filter(owner=user)

    def with_latest_result(self) -> OrganisationQuerySet:
        latest = Assessment.objects.filter(
            organisation=OuterRef("pk"), status=Assessment.Status.COMPLETED
        ).order_by("-completed_at", "-pk")
        return self.annotate(
            latest_recommendation=Subquery(latest.values("recommendation")[:1]),
            latest_score=Subquery(latest.values("score")[:1]),
            latest_completed_at=Subquery(latest.values("completed_at")[:1]),
            draft_id=Subquery(
                Assessment.objects.filter(organisation=OuterRef("pk"), status=Assessment.Status.DRAFT)
                .order_by("-updated_at")
                .values("pk")[:1]
            ),
        )


class Organisation(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisations"
    )
    name = models.CharField(max_length=200)
    sector = models.CharField(max_length=100, blank=True)
    headcount = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10_000_000)],
        help_text="Number of employees, if you know it. It pre-fills the questionnaire.",
    )
    region = models.CharField(max_length=100, blank=True)
    notes = models.TextField(max_length=5000, blank=True)
    # Bumped on every save; a form carries the version it was loaded with so a stale save is refused.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(name=""), name="organisation_name_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("assessments:organisation-detail", args=[self.pk])


class AssessmentQuerySet(models.QuerySet["Assessment"]):
    def for_user(self, user: Any) -> AssessmentQuerySet:
        return self.filter(organisation__owner=user)

    def completed(self) -> AssessmentQuerySet:
        return self.filter(status=Assessment.Status.COMPLETED)


class Assessment(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        COMPLETED = "completed", "Completed"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="assessments")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    step = models.CharField(max_length=20, default="footprint")
    # Canonical answer values that passed validation; a draft may hold only some keys.
    answers = models.JSONField(default=dict, blank=True)
    # What was typed but did not validate, kept so nothing a person typed is lost.
    pending = models.JSONField(default=dict, blank=True)
    # The caio-result/1 snapshot; results are never recomputed when they are shown.
    result = models.JSONField(null=True, blank=True)
    methodology_version = models.CharField(max_length=20, blank=True)
    recommendation = models.CharField(max_length=30, choices=Recommendation.choices, blank=True)
    score = models.FloatField(null=True, blank=True)
    rescored_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="draft")
                | (
                    models.Q(result__isnull=False)
                    & models.Q(completed_at__isnull=False)
                    & ~models.Q(recommendation="")
                ),
                name="completed_assessment_has_result",
            ),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=0, score__lte=100),
                name="assessment_score_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation.name} — {self.created_at:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        if self.is_complete:
            return reverse("assessments:assessment-results", args=[self.pk])
        return reverse("assessments:assessment-step", args=[self.pk, self.step])

    @property
    def is_complete(self) -> bool:
        return self.status == self.Status.COMPLETED

    @property
    def scored_date(self) -> Any:
        return self.completed_at or self.created_at


class ReportCache(models.Model):
    """A rendered PDF, keyed by everything that shapes it, so several app servers share one cache."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="reports")
    key = models.CharField(max_length=64, unique=True)
    size = models.CharField(max_length=10, default="a4")
    pdf = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Report {self.key[:12]} for assessment {self.assessment_id}"
