from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy, ngettext, pgettext_lazy

from assessments import engine
from assessments.audited import AuditedModel, AuditedQuerySet
from assessments.engine import get_method
from assessments.validators import NOTES_MAX_LENGTH, few_line_breaks, single_line

ASSESSMENT_NAME_MAX_LENGTH = 80


_METHOD = get_method()
_LABELS = _METHOD.labels  # one wording for the three structures: the method's (translated as it is)


class Recommendation(models.TextChoices):
    CTO_ONLY = engine.CTO_ONLY, gettext_lazy(_LABELS[engine.CTO_ONLY])
    CAIO_REPORTS_TO_CTO = engine.CAIO_REPORTS_TO_CTO, gettext_lazy(_LABELS[engine.CAIO_REPORTS_TO_CTO])
    CAIO_REPORTS_TO_CEO = engine.CAIO_REPORTS_TO_CEO, gettext_lazy(_LABELS[engine.CAIO_REPORTS_TO_CEO])


class Role(models.TextChoices):
    OWNER = "owner", pgettext_lazy("role", "Owner")
    EDITOR = "editor", pgettext_lazy("role", "Editor")
    VIEWER = "viewer", pgettext_lazy("role", "Viewer")

    def at_least(self, other: Role) -> bool:
        """A role can do everything the roles below it can."""
        return ROLE_RANK[self] >= ROLE_RANK[other]

    @property
    def can_edit(self) -> bool:
        """Editor or better: changes answers, profiles and charters; viewers only read and download."""
        return self.at_least(Role.EDITOR)

    @classmethod
    def editors(cls) -> tuple[Role, ...]:
        """The roles that can edit, for queries (`role__in=Role.editors()`)."""
        return tuple(role for role in cls if role.can_edit)


# A role inside a sentence ("joined as editor"): lower case in English and French, a noun in German.
ROLE_IN_SENTENCE = {
    "owner": pgettext_lazy("role, inside a sentence", "owner"),
    "editor": pgettext_lazy("role, inside a sentence", "editor"),
    "viewer": pgettext_lazy("role, inside a sentence", "viewer"),
}


class PaperSize(models.TextChoices):
    A4 = "a4", "A4"
    LETTER = "letter", gettext_lazy("US Letter")


# What each role may do, highest first; a role can do everything the roles below it can.
ROLE_RANK = {Role.VIEWER: 0, Role.EDITOR: 1, Role.OWNER: 2}


class OrganisationQuerySet(AuditedQuerySet["Organisation"]):
    def for_user(self, user: Any, *, roles: Iterable[str] = ()) -> OrganisationQuerySet:
        """The organisations `user` is a member of (with one of `roles`, if given), annotated with `role`."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        # One filter() call, so the role test and the annotation use the user's own membership row.
        lookups: dict[str, Any] = {"memberships__user": user}
        if roles:
            lookups["memberships__role__in"] = list(roles)
        # django-stubs adds `role` from annotate() and sees the class attribute below as a redefinition.
        return self.filter(**lookups).annotate(role=F("memberships__role"))  # type: ignore[no-redef]

    def with_latest_result(self) -> OrganisationQuerySet:
        latest = Assessment.objects.filter(
            organisation=OuterRef("pk"), status=Assessment.Status.COMPLETED
        ).order_by("-completed_at", "-pk")
        return self.annotate(
            latest_recommendation=Subquery(latest.values("recommendation")[:1]),
            latest_signals=Subquery(latest.values("caio_signals")[:1]),
            latest_completed_at=Subquery(latest.values("completed_at")[:1]),
            draft_id=Subquery(
                Assessment.objects.filter(organisation=OuterRef("pk"), status=Assessment.Status.DRAFT)
                .order_by("-updated_at")
                .values("pk")[:1]
            ),
        )

    def with_my_rating(self, user: Any) -> OrganisationQuerySet:
        """Annotate the draft `user` is asked to rate and has not submitted yet, with the step they are at."""
        mine = Rating.objects.filter(
            rater=user,
            status=Rating.Status.REQUESTED,
            assessment__organisation=OuterRef("pk"),
            assessment__status=Assessment.Status.DRAFT,
        ).order_by("-created_at", "-pk")
        return self.annotate(
            my_rating_assessment_id=Subquery(mine.values("assessment_id")[:1]),
            my_rating_step=Subquery(mine.values("step")[:1]),
        )


class Organisation(AuditedModel):
    # The viewing user's role, annotated by Organisation.objects.for_user() (django-stubs knows it from
    # annotate() on querysets but not on objects fetched with get_object_or_404).
    role: str
    # Who created it; access and roles come from Membership, so this may outlive the account.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    name = models.CharField(max_length=200, validators=[single_line])
    sector = models.CharField(max_length=100, blank=True, validators=[single_line])
    headcount = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10_000_000)],
        help_text=gettext_lazy("Number of employees, if you know it. It pre-fills the questionnaire."),
    )
    region = models.CharField(max_length=100, blank=True, validators=[single_line])
    notes = models.TextField(max_length=NOTES_MAX_LENGTH, blank=True, validators=[few_line_breaks])
    paper_size = models.CharField(
        gettext_lazy("report paper size"),
        max_length=10,
        choices=PaperSize.choices,
        default=PaperSize.A4,
        help_text=gettext_lazy("The PDF report is prepared in this size as soon as an assessment is scored."),
    )
    # Bumped on every save; a form carries the version it was loaded with so a stale save is refused.
    version = models.PositiveIntegerField(default=1)
    # sha256 of the agreed boundary charter the report prints ("" when none): part of the report's cache key.
    charter_digest = models.CharField(max_length=64, blank=True, editable=False)
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


class AssessmentQuerySet(AuditedQuerySet["Assessment"]):
    def for_user(self, user: Any) -> AssessmentQuerySet:
        """Assessments of organisations `user` belongs to, annotated with the user's `role` there."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(organisation__memberships__user=user).annotate(
            role=F("organisation__memberships__role")  # type: ignore[no-redef]
        )

    def completed(self) -> AssessmentQuerySet:
        return self.filter(status=Assessment.Status.COMPLETED)


class Assessment(AuditedModel):
    role: str  # the viewing user's role, annotated by Assessment.objects.for_user()

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("assessment status", "Draft")
        COMPLETED = "completed", pgettext_lazy("assessment status", "Completed")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="assessments")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    # A name the team gives it ("After the Q3 reorg"), shown in history, compare and the PDF.
    name = models.CharField(max_length=ASSESSMENT_NAME_MAX_LENGTH, blank=True, validators=[single_line])
    step = models.CharField(max_length=20, default="footprint")
    # Canonical answer values that passed validation; a draft may hold only some keys.
    answers = models.JSONField(default=dict, blank=True)
    # What was typed but did not validate, kept so nothing a person typed is lost.
    pending = models.JSONField(default=dict, blank=True)
    # Answers an owner or editor settled by hand where the panel of raters disagreed.
    settled = models.JSONField(default=dict, blank=True)
    # The caio-result snapshot; results are never recomputed when they are shown.
    result = models.JSONField(null=True, blank=True)
    methodology_version = models.CharField(max_length=20, blank=True)
    recommendation = models.CharField(max_length=30, choices=Recommendation.choices, blank=True)
    # Method 2026.11 scored 0-100; later methods keep the score empty and count the article's tests instead.
    score = models.FloatField(null=True, blank=True)
    caio_signals = models.PositiveSmallIntegerField(null=True, blank=True)
    absorb_conditions = models.PositiveSmallIntegerField(null=True, blank=True)
    need_confidence = models.CharField(max_length=10, blank=True)
    rescored_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    # The day the panel's raters are asked to submit by; shown to them, never enforced.
    ratings_due_on = models.DateField(gettext_lazy("ratings due on"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The history page (newest first) and the latest completed result per organisation.
            models.Index(fields=["organisation", "-created_at"], name="assessment_history"),
            models.Index(fields=["organisation", "status", "-completed_at"], name="assessment_latest"),
        ]
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
            # Two "Start assessment" clicks at once must not make two drafts to answer.
            models.UniqueConstraint(
                fields=["organisation"], condition=models.Q(status="draft"), name="one_draft_per_organisation"
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

    @property
    def evidence(self) -> str:
        """The stored evidence in a few words, for lists: the test counts, or a 2026.11 score."""
        if self.score is not None:
            scale = engine.SCORE_SCALE_2026_11["maximum"]
            return gettext("Score {score} of {maximum} (method {version})").format(
                score=f"{self.score:g}", maximum=scale, version=self.methodology_version
            )
        if self.caio_signals is None:
            return "—"
        # Each count its own plural ("1 signal sur 5" in French, "2 signaux sur 5").
        signals = ngettext(
            # English says "1 of 5 CAIO signals" either way; French and German decline by the first count.
            "{signals} of {signals_of} CAIO signals",
            "{signals} of {signals_of} CAIO signals",
            self.caio_signals,
        ).format(signals=self.caio_signals, signals_of=len(_METHOD.criteria_on("caio")))
        conditions = ngettext(
            "{conditions} of {conditions_of} absorb conditions",
            "{conditions} of {conditions_of} absorb conditions",
            self.absorb_conditions or 0,
        ).format(conditions=self.absorb_conditions, conditions_of=len(_METHOD.criteria_on("cto")))
        return gettext("{signals}; {conditions}").format(signals=signals, conditions=conditions)


class Profile(models.Model):
    """What a person chooses for themselves, whatever organisation they work in: the language of their pages
    and of the mail sent to them. Made on first use (see assessments.languages)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, blank=True)

    def __str__(self) -> str:
        return f"Profile of {self.user}"


class ReportStatus(models.TextChoices):
    PREPARING = "preparing", pgettext_lazy("report status", "Preparing")
    READY = "ready", pgettext_lazy("report status", "Ready")
    FAILED = "failed", pgettext_lazy("report status", "Failed")


class ReportCache(models.Model):
    """One variant (page size, private or shared, language) of an assessment's PDF: its state and, once rendered, the file.

    `key` is the sha256 of everything that shapes the PDF when the render was asked for; a render whose key is
    no longer the row's key was superseded and is dropped. The database is the cache several servers share.
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="reports")
    key = models.CharField(max_length=64, unique=True)
    size = models.CharField(max_length=10, choices=PaperSize.choices, default=PaperSize.A4)
    public = models.BooleanField(default=False)  # the anonymous variant served through share links
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, default="en")
    status = models.CharField(max_length=10, choices=ReportStatus.choices, default=ReportStatus.PREPARING)
    pdf = models.BinaryField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)  # why the last render failed, for the logs and admin
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "size", "public", "language"], name="one_report_per_variant"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="ready") | models.Q(pdf__isnull=False), name="ready_report_has_pdf"
            ),
        ]

    def __str__(self) -> str:
        return f"Report {self.key[:12]} for assessment {self.assessment_id} ({self.status})"

    @property
    def is_ready(self) -> bool:
        return self.status == ReportStatus.READY

    @property
    def is_failed(self) -> bool:
        return self.status == ReportStatus.FAILED


class MailDelivery(models.Model):
    """One e-mail handed to the worker, so a failed send is visible to whoever caused it."""

    class Kind(models.TextChoices):
        INVITATION = "invitation", gettext_lazy("Invitation")
        RATER_REQUEST = "rater_request", gettext_lazy("Request to rate")
        REMINDER = "reminder", gettext_lazy("Reminder")
        PASSWORD_RESET = "password_reset", gettext_lazy("Password reset")

    class Status(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("mail status", "Queued")
        SENT = "sent", pgettext_lazy("mail status", "Sent")
        FAILED = "failed", pgettext_lazy("mail status", "Failed")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="mail_deliveries"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    to = models.EmailField()
    subject = models.CharField(max_length=200)
    # The message may carry a one-time link (invitation, password reset): it is blanked once the mail is sent
    # or has finally failed, so the link lives in the database only while it waits in the queue.
    body = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "mail deliveries"
        indexes = [models.Index(fields=["organisation", "status"], name="mail_by_org_status")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.to} ({self.status})"


class Membership(AuditedModel):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AuditedQuerySet["Membership"].as_manager()

    class Meta:
        ordering = ["organisation", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="one_membership_per_user"),
            models.CheckConstraint(condition=models.Q(role__in=Role.values), name="membership_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} of {self.organisation}"


class Invitation(AuditedModel):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    role = models.CharField(max_length=10, choices=Role.choices)
    # Only a hash is stored: the link itself is shown once and e-mailed, like a password reset.
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = AuditedQuerySet["Invitation"].as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # One live invitation per address and organisation: a second would mean a second e-mail.
            models.UniqueConstraint(
                Lower("email"),
                "organisation",
                condition=models.Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="one_pending_invitation_per_address",
            ),
        ]

    def __str__(self) -> str:
        return f"Invitation of {self.email} to {self.organisation}"


class Rating(AuditedModel):
    """One member's own answers to an assessment's questions, for a panel of raters."""

    class Status(models.TextChoices):
        REQUESTED = "requested", pgettext_lazy("rating status", "Requested")
        SUBMITTED = "submitted", pgettext_lazy("rating status", "Submitted")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="ratings")
    rater = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ratings")
    label = models.CharField(
        max_length=60,
        validators=[single_line],
        help_text=gettext_lazy("The rater's role on the panel, e.g. CEO or Head of Legal."),
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REQUESTED)
    step = models.CharField(max_length=20, default="footprint")
    answers = models.JSONField(default=dict, blank=True)
    pending = models.JSONField(default=dict, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # A rater is reminded at most once a day: the last reminder is kept to refuse a second one.
    last_reminded_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AuditedQuerySet["Rating"].as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "rater"], name="one_rating_per_rater"),
        ]

    def __str__(self) -> str:
        return f"{self.label} rating of assessment {self.assessment_id}"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


class ShareLink(AuditedModel):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="share_links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_opened_at = models.DateTimeField(null=True, blank=True)
    open_count = models.PositiveIntegerField(default=0)

    objects = AuditedQuerySet["ShareLink"].as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Share link for assessment {self.assessment_id}"


class ActivityEventQuerySet(models.QuerySet["ActivityEvent"]):
    def about_charters(self) -> ActivityEventQuerySet:
        kinds = [kind for kind in ActivityEvent.Kind if kind.startswith("charter_")]
        # Lines logged as words before `kind` existed are told apart by their wording.
        worded = models.Q(kind="", description__startswith="the boundary charter")
        return self.filter(models.Q(kind__in=kinds) | worded)


class ActivityEvent(models.Model):
    """One line of an organisation's activity log: what happened (`kind`) and its facts, worded when shown
    (assessments.presenters.activity), so dates, roles and answers read as the page shows them."""

    class Kind(models.TextChoices):
        ORGANISATION_CREATED = "organisation_created", "Organisation created"
        ORGANISATION_EDITED = "organisation_edited", "Organisation profile edited"
        ASSESSMENT_STARTED = "assessment_started", "Assessment started"
        ASSESSMENT_SCORED = "assessment_scored", "Assessment scored"
        ASSESSMENT_RESCORED = "assessment_rescored", "Assessment re-scored"
        ASSESSMENT_IMPORTED = "assessment_imported", "Assessment imported"
        ASSESSMENT_RENAMED = "assessment_renamed", "Assessment renamed"
        ASSESSMENT_NAME_REMOVED = "assessment_name_removed", "Assessment name removed"
        ASSESSMENT_DELETED = "assessment_deleted", "Assessment deleted"
        SCENARIO_SAVED = "scenario_saved", "Scenario saved"
        INVITED = "invited", "Invitation sent"
        INVITATION_WITHDRAWN = "invitation_withdrawn", "Invitation withdrawn"
        JOINED = "joined", "Member joined"
        ROLE_RAISED_BY_INVITATION = "role_raised_by_invitation", "Role changed by invitation"
        ROLE_CHANGED = "role_changed", "Role changed"
        MEMBER_REMOVED = "member_removed", "Member removed"
        RATING_REQUESTED = "rating_requested", "Rating requested"
        RATER_REMINDED = "rater_reminded", "Rater reminded"
        RATINGS_DUE_SET = "ratings_due_set", "Ratings' due date set"
        RATINGS_DUE_CLEARED = "ratings_due_cleared", "Ratings' due date removed"
        RATING_SUBMITTED = "rating_submitted", "Rating submitted"
        ANSWER_SETTLED = "answer_settled", "Answer settled"
        PANEL_USED = "panel_used", "Panel's answers used"
        RESULTS_SHARED = "results_shared", "Results shared"
        SHARE_REVOKED = "share_revoked", "Share link revoked"
        CHARTER_STARTED = "charter_started", "Charter started"
        CHARTER_VERSION_STARTED = "charter_version_started", "Charter version started"
        CHARTER_EDITED = "charter_edited", "Charter edited"
        CHARTER_MORE_CHANGES = "charter_more_changes", "Charter edited (more changes)"
        CHARTER_SIGNED = "charter_signed", "Charter signed"
        CHARTER_AGREED = "charter_agreed", "Charter agreed"
        CHARTER_DELETED = "charter_deleted", "Charter deleted"
        WEBHOOK_ADDED = "webhook_added", "Webhook added"
        WEBHOOK_DELETED = "webhook_deleted", "Webhook deleted"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Kept as text so the log still says who did it after the person is removed or deleted.
    actor_name = models.CharField(max_length=150)
    kind = models.CharField(max_length=30, choices=Kind.choices, blank=True)
    # The names, dates (ISO 8601), codes and answers the line is about, as data.
    facts = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    # Lines logged before `kind` and `facts`: their wording, kept as it was written.
    verb = models.CharField(max_length=30, blank=True)
    description = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ActivityEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.actor_name}: {self.kind or self.verb}"


class CharterQuerySet(AuditedQuerySet["Charter"]):
    def for_user(self, user: Any) -> CharterQuerySet:
        """Charters of organisations `user` belongs to, annotated with the user's `role` there."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(organisation__memberships__user=user).annotate(
            role=F("organisation__memberships__role")  # type: ignore[no-redef]
        )

    def agreed(self) -> CharterQuerySet:
        return self.filter(status=Charter.Status.AGREED)


class Charter(AuditedModel):
    """One version of an organisation's boundary charter: the agreed split of work, from the advised matrix.

    The content is one JSON document (assessments.charter.rules); a draft is edited, signed by every owner
    and editor, then agreed and read-only. A new version starts as a copy of an agreed one.
    """

    role: str  # the viewing user's role, annotated by Charter.objects.for_user()

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("charter status", "Draft")
        AGREED = "agreed", pgettext_lazy("charter status", "Agreed")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="charters")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    # The assessment whose advice the charter is compared with (its deviations are from this advice).
    source_assessment = models.ForeignKey(
        Assessment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    parent = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    content = models.JSONField()
    advice = models.JSONField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    agreed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CharterQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "number"], name="one_charter_per_number"),
            # Two people starting a charter at once must not make two drafts to sign.
            models.UniqueConstraint(
                fields=["organisation"], condition=models.Q(status="draft"), name="one_draft_charter"
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(agreed_at__isnull=False),
                name="agreed_charter_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"Boundary charter {self.number} of {self.organisation}"

    def get_absolute_url(self) -> str:
        return reverse("assessments:charter-detail", args=[self.pk])

    @property
    def is_agreed(self) -> bool:
        return self.status == self.Status.AGREED


class CharterSignature(AuditedModel):
    charter = models.ForeignKey(Charter, on_delete=models.CASCADE, related_name="signatures")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    # Kept as text so the charter still says who signed after the account is gone.
    name = models.CharField(max_length=150)
    signed_at = models.DateTimeField(auto_now_add=True)

    objects = AuditedQuerySet["CharterSignature"].as_manager()

    class Meta:
        ordering = ["signed_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["charter", "user"], name="one_signature_per_member")]

    def __str__(self) -> str:
        return f"{self.name} signed charter {self.charter_id}"
