"""Background tasks, run by `manage.py db_worker`: report renders and outgoing mail.

django-tasks is the backport of Django 6's `django.tasks`; on Django 6 the import becomes `django.tasks`.
Each task takes ids, never objects, and re-reads the database: the row may have changed while it waited.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.utils import timezone
from django_tasks import task

from assessments import languages
from assessments.models import ReportCache, ReportStatus
from assessments.report import mail, pdf
from assessments.report import services as reports

logger = logging.getLogger(__name__)


def enqueue_later(task_: Any, *, delay: float, **kwargs: Any) -> None:
    """Enqueue `task_` to run after `delay` seconds (at once on backends that cannot defer, e.g. in tests)."""
    if delay > 0 and task_.get_backend().supports_defer:
        task_ = task_.using(run_after=timezone.now() + timedelta(seconds=delay))
    task_.enqueue(**kwargs)


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
        reports.request_report(assessment=assessment, size=row.size, public=row.public, language=row.language)
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
        return reports.render_failed(report_id=report_id, key=key, attempt=attempt, reason=reason, final=True)
    except Exception as exc:  # a failed render is a state the user sees, not a crash of the worker
        reason = f"{type(exc).__name__}: {exc}" if not isinstance(exc, pdf.RenderError) else str(exc)
        logger.warning("Report %s: render attempt %d failed: %s", report_id, attempt, reason)
        return reports.render_failed(report_id=report_id, key=key, attempt=attempt, reason=reason)
    return reports.store_render(report_id=report_id, key=key, data=data, attempt=attempt)


@task()
def send_mail_task(*, delivery_id: int, attempt: int = 1) -> str:
    return mail.deliver(delivery_id=delivery_id, attempt=attempt)
