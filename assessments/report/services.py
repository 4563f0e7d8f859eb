"""The PDF report's life: asked for when its content is known, rendered by the worker (`render_report`, a
background task run by `manage.py db_worker`), stored, served.

A web request never renders: it reads the stored file, or asks for a render and shows a page that waits.
Each variant is one paper size, private or shared, in one language (English, French or German); the
language is part of the content key, so each is rendered and stored on its own.
"""

from __future__ import annotations

import functools
import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.functions import Coalesce, Concat, NullIf, Trim
from django.utils import timezone
from django_tasks import task

from assessments import languages
from assessments.models import Assessment, Organisation, ReportCache, ReportStatus
from assessments.queue import enqueue_later
from assessments.report import pdf
from assessments.webhooks import service as webhooks

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3  # the first render and at most two retries
RETRY_DELAYS = (5, 30)  # seconds before the second and the third attempt


def _language(language: str | None) -> str:
    """A known language for a report: `language` if it is one of ours, else the one in force now."""
    return languages.supported(language) or languages.active()


# The creator's name as the report prints it (people.display_name, in SQL): a change of name prepares it again.
CREATOR_NAME = Coalesce(
    NullIf(
        Trim(Concat("assessment__created_by__first_name", Value(" "), "assessment__created_by__last_name")),
        Value(""),
    ),
    "assessment__created_by__username",
    output_field=CharField(),
)


def _variant(assessment: Assessment, *, size: str, public: bool, language: str) -> ReportCache | None:
    # The creator's username rides along, so checking the key costs no extra query.
    return (
        ReportCache.objects.filter(assessment=assessment, size=size, public=public, language=language)
        .annotate(assessed_by=CREATOR_NAME)
        .first()
    )


def _is_current(row: ReportCache, assessment: Assessment) -> bool:
    key = pdf.report_cache_key(
        assessment,
        size=row.size,
        public=row.public,
        language=row.language,
        assessed_by=getattr(row, "assessed_by", None),
    )
    return row.key == key


def _abandoned(row: ReportCache) -> bool:
    # Preparing for longer than a worker's lease: the enqueue was lost (say, the server died after commit).
    lease = timedelta(seconds=settings.TASK_LEASE_SECONDS)
    return row.status == ReportStatus.PREPARING and row.updated_at < timezone.now() - lease


def report_for_download(
    *, assessment: Assessment, size: str, public: bool = False, language: str | None = None
) -> ReportCache:
    """The variant as it stands: ready (with its PDF), preparing, or failed; asks for a render if needed."""
    language = _language(language)
    row = _variant(assessment, size=size, public=public, language=language)
    if row is not None and _is_current(row, assessment) and not _abandoned(row):
        return row
    return request_report(assessment=assessment, size=size, public=public, language=language)


def request_report(
    *,
    assessment: Assessment,
    size: str,
    public: bool = False,
    language: str | None = None,
    retry: bool = False,
    settle: float = 0,
) -> ReportCache:
    """Make sure the current version of this variant is stored or on its way; enqueue a render after commit.

    `retry` asks again for a report whose render failed ("try again"). `settle` waits that many seconds
    before rendering, so a burst of edits renders once: each edit moves the key, and the render queued by
    an earlier edit finds its key outdated and is dropped before it costs anything. `language` defaults to the
    one in force (the reader's, in a request).
    """
    language = _language(language)
    key = pdf.report_cache_key(assessment, size=size, public=public, language=language)
    with transaction.atomic():
        row, created = ReportCache.objects.select_for_update().get_or_create(
            assessment=assessment, size=size, public=public, language=language, defaults={"key": key}
        )
        unchanged = row.key == key and not _abandoned(row)
        if not created and unchanged and (row.status != ReportStatus.FAILED or not retry):
            return row
        if not created:
            row.key, row.status, row.pdf, row.attempts, row.error = key, ReportStatus.PREPARING, None, 0, ""
            row.save()
        transaction.on_commit(
            functools.partial(enqueue_later, render_report, delay=settle, report_id=row.pk, key=key)
        )
    return row


def refresh_reports(*, assessment: Assessment, settle: float = 0) -> None:
    """After anything the report shows changed: prepare the organisation's size in the language in force (the
    person's who changed it) and every variant asked for before."""
    if not assessment.is_complete:
        return
    variants = {(assessment.organisation.paper_size, False, languages.active())}
    variants |= set(assessment.reports.values_list("size", "public", "language"))
    for size, public, language in sorted(variants):
        request_report(assessment=assessment, size=size, public=public, language=language, settle=settle)


def after_scoring(*, assessment: Assessment, added: bool) -> None:
    """On `hooks.SCORED`: prepare the new result's reports; a result added beside the others may push an old
    one's stored files out."""
    refresh_reports(assessment=assessment)
    if added:
        prune_old_reports(organisation=assessment.organisation)


# Profile edits come in bursts (a person fixing the notes, or a script looping): render once they settle.
PROFILE_EDIT_SETTLE_SECONDS = 2.0


def refresh_organisation_reports(*, organisation: Organisation) -> None:
    """The profile is on every report: re-prepare those asked for, and the latest result's."""
    latest = organisation.assessments.completed().order_by("-completed_at", "-pk").first()
    asked = set(
        ReportCache.objects.filter(assessment__organisation=organisation).values_list("assessment", flat=True)
    )
    targets = Assessment.objects.filter(pk__in=asked | ({latest.pk} if latest else set()))
    for assessment in targets.select_related("organisation", "created_by"):
        refresh_reports(assessment=assessment, settle=PROFILE_EDIT_SETTLE_SECONDS)


# Stored report files are kept for an organisation's latest results; an older one is rendered again if
# someone asks for it. Re-scores and scenarios each add a result (and ~100 KB per stored file).
REPORTS_KEPT = 5


def prune_old_reports(*, organisation: Organisation) -> int:
    """Delete the stored reports of all but the organisation's REPORTS_KEPT latest results; returns how many."""
    latest = organisation.assessments.completed().order_by("-completed_at", "-pk").values("pk")
    keep = list(latest[:REPORTS_KEPT])
    old = ReportCache.objects.filter(assessment__organisation=organisation).exclude(
        assessment__in=[row["pk"] for row in keep]
    )
    deleted, _by_model = old.delete()
    return deleted


def store_render(*, report_id: int, key: str, data: bytes, attempt: int) -> str:
    # Conditional on the key: a render the content has moved past since is dropped, not stored.
    stored = ReportCache.objects.filter(pk=report_id, key=key).update(
        pdf=data, status=ReportStatus.READY, attempts=attempt, error="", updated_at=timezone.now()
    )
    if not stored:
        logger.info("Report %s: render of %.12s dropped, a newer version was asked for", report_id, key)
        return "superseded"
    row = ReportCache.objects.defer("pdf").select_related("assessment__organisation").get(pk=report_id)
    if not row.public:  # a share link's copy is the same report for readers without an account
        webhooks.report_ready(assessment=row.assessment, size=row.size, language=row.language)
    return "stored"


def render_failed(*, report_id: int, key: str, attempt: int, reason: str, final: bool = False) -> str:
    """Record a failed render; retry later unless this was the last attempt (or retrying cannot help)."""
    final = final or attempt >= MAX_ATTEMPTS
    changes: dict[str, Any] = {"attempts": attempt, "error": reason[:300], "updated_at": timezone.now()}
    if final:
        changes["status"] = ReportStatus.FAILED
    if not ReportCache.objects.filter(pk=report_id, key=key).update(**changes):
        return "superseded"
    if final:
        logger.error("Report %s: gave up after %d attempts: %s", report_id, attempt, reason)
        return "failed"
    enqueue_later(
        render_report,
        delay=RETRY_DELAYS[attempt - 1],
        report_id=report_id,
        key=key,
        attempt=attempt + 1,
    )
    return "retrying"


# A task takes ids, never objects, and re-reads the database: the row may have changed while it waited.
@task()
def render_report(*, report_id: int, key: str, attempt: int = 1) -> str:
    row = (
        ReportCache.objects.defer("pdf")
        .select_related("assessment__organisation", "assessment__created_by")
        .filter(pk=report_id)
        .first()
    )
    # Checked before rendering, so a render the content has moved past costs a query, not a render.
    if row is None or row.key != key:
        logger.info("Report %s: render of %.12s dropped, a newer version was asked for", report_id, key)
        return "dropped"
    assessment = row.assessment
    current = pdf.report_cache_key(assessment, size=row.size, public=row.public, language=row.language)
    if current != key:  # the content changed after the request and nobody asked again: prepare it as it is
        logger.info("Report %s: render of %.12s dropped, the content changed", report_id, key)
        request_report(assessment=assessment, size=row.size, public=row.public, language=row.language)
        return "dropped"
    if row.status == ReportStatus.READY:  # asked for twice (an edit, then its undo): stored already
        return "already stored"
    try:
        # The report's own language, whatever the worker's: its words, dates and numbers.
        with languages.writing_in(row.language):
            data = pdf.report_pdf(assessment, size=row.size, public=row.public)
    except pdf.ReportTooLong as exc:  # the same content would be as long again: no retry
        logger.warning("Report %s: refused, too long: %s", report_id, exc)
        reason = f"{pdf.TOO_LONG}: {exc}"
        return render_failed(report_id=report_id, key=key, attempt=attempt, reason=reason, final=True)
    except Exception as exc:  # a failed render is a state the user sees, not a crash of the worker
        reason = f"{type(exc).__name__}: {exc}" if not isinstance(exc, pdf.RenderError) else str(exc)
        logger.warning("Report %s: render attempt %d failed: %s", report_id, attempt, reason)
        return render_failed(report_id=report_id, key=key, attempt=attempt, reason=reason)
    return store_render(report_id=report_id, key=key, data=data, attempt=attempt)


def report_states(
    assessment: Assessment, *, public: bool = False, language: str | None = None
) -> dict[str, str]:
    """{size: "ready" | "preparing" | "failed"} for the variants asked for in `language` (default: the one in
    force); one query, no PDF bytes."""
    rows = (
        ReportCache.objects.filter(assessment=assessment, public=public, language=_language(language))
        .annotate(assessed_by=CREATOR_NAME)
        .defer("pdf")
    )
    # A stored file for content that has changed since is as good as being prepared again.
    return {
        row.size: row.status if _is_current(row, assessment) else ReportStatus.PREPARING.value for row in rows
    }
