"""Writes that span objects. Keyword-only, so call sites read as sentences."""

from __future__ import annotations

import logging
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from assessments import hooks, people
from assessments.engine import (
    METHODOLOGY_VERSION,
    QUESTIONS,
    SCHEMA,
    STEP_SLUGS,
    ValidationFailed,
    answers_that_disagree,
    evaluate,
    get_method,
    load_json,
    review_panel,
    validate_answers,
    validate_document,
)
from assessments.engine.questions import ALL_QUESTIONS, CONTEXT_QUESTIONS
from assessments.models import ActivityEvent, Assessment, Membership, Organisation, Rating, Role
from assessments.validators import single_line_errors

# Who deleted what, where it outlives the deletion: an organisation's own activity log goes with it.
audit = logging.getLogger("caio.audit")


class StaleEdit(Exception):
    """The object changed in another tab or by another person since the form was loaded."""


def save_if_unchanged(model: type[Any], *, pk: int, expected_version: int, **changes: Any) -> None:
    """Apply `changes` only if the row is still at `expected_version`, else raise StaleEdit."""
    # A conditional UPDATE is the lock: of two saves from the same version exactly one matches.
    if any(field.name == "updated_at" for field in model._meta.get_fields()):
        changes["updated_at"] = timezone.now()
    updated = model.objects.filter(pk=pk, version=expected_version).update(
        version=F("version") + 1, **changes
    )
    if updated != 1:
        raise StaleEdit


Kind = ActivityEvent.Kind


def log_event(*, organisation: Organisation, user: Any, kind: Kind, **facts: Any) -> None:
    """One line of the activity log: what `user` did and its facts (names, dates, codes), worded when shown."""
    known = getattr(user, "pk", None) is not None
    ActivityEvent.objects.create(
        organisation=organisation,
        actor=user if known else None,
        actor_name=people.display_name(user) if known else "someone",
        kind=kind,
        facts=facts,
    )


@transaction.atomic
def create_organisation(*, user: Any, **fields: Any) -> Organisation:
    """A new organisation with its creator as owner."""
    organisation = Organisation.objects.create(created_by=user, **fields)
    Membership.objects.create(organisation=organisation, user=user, role=Role.OWNER)
    log_event(organisation=organisation, user=user, kind=Kind.ORGANISATION_CREATED, name=organisation.name)
    return organisation


@transaction.atomic
def update_organisation(
    *, organisation: Organisation, data: dict[str, Any], expected_version: int, user: Any = None
) -> None:
    save_if_unchanged(Organisation, pk=organisation.pk, expected_version=expected_version, **data)
    organisation.refresh_from_db()
    log_event(organisation=organisation, user=user, kind=Kind.ORGANISATION_EDITED)
    hooks.organisation_changed(organisation=organisation)


@transaction.atomic
def delete_organisation(*, organisation: Organisation, user: Any) -> None:
    """Delete the organisation and everything in it (assessments, charters, members, its activity log)."""
    audit.info(
        "organisation deleted organisation=%s assessments=%s user=%s",
        organisation.pk,
        organisation.assessments.count(),
        user.get_username(),
    )
    organisation.delete()


def _open_draft(organisation: Organisation) -> Assessment | None:
    return organisation.assessments.filter(status=Assessment.Status.DRAFT).first()


def _prefilled_answers(organisation: Organisation) -> dict[str, Any]:
    latest = organisation.assessments.completed().order_by("-completed_at", "-pk").first()
    answers: dict[str, Any] = dict(latest.answers) if latest else {}
    if organisation.headcount and "employees" not in answers:
        answers["employees"] = organisation.headcount
    return answers


def start_assessment(*, organisation: Organisation, user: Any) -> Assessment:
    """The organisation's open draft, or a new one pre-filled from the latest result, else the profile."""
    draft = _open_draft(organisation)
    if draft is not None:
        return draft
    answers = _prefilled_answers(organisation)
    try:
        with transaction.atomic():
            assessment = Assessment.objects.create(
                organisation=organisation, created_by=user, answers=answers
            )
            log_event(organisation=organisation, user=user, kind=Kind.ASSESSMENT_STARTED)
    except IntegrityError:
        # Someone started one at the same moment; the database keeps one open draft, so carry on with it.
        existing = _open_draft(organisation)
        if existing is None:
            raise
        return existing
    return assessment


def save_step(
    *,
    assessment: Assessment | Rating,
    step: str,
    values: dict[str, Any],
    pending: dict[str, str],
    next_step: str,
    expected_version: int,
) -> None:
    step_keys = {q.key for q in ALL_QUESTIONS if q.step == step}
    # An optional answer (laws and frameworks) left blank on its step is no longer stated.
    cleared = {q.key for q in CONTEXT_QUESTIONS if q.step == step and q.key not in values}
    answers = {k: v for k, v in assessment.answers.items() if k not in pending and k not in cleared}
    answers.update(values)
    kept_pending = {k: v for k, v in assessment.pending.items() if k not in step_keys}
    kept_pending.update(pending)
    save_if_unchanged(
        type(assessment),
        pk=assessment.pk,
        expected_version=expected_version,
        answers=answers,
        pending=kept_pending,
        step=next_step,
    )
    assessment.refresh_from_db()


def disagreeing_answers(assessment: Assessment | Rating) -> list[dict[str, Any]]:
    """Answers that cannot all be true, once every answer is in (shown on the review step)."""
    if missing_steps(assessment):
        return []
    return answers_that_disagree(assessment.answers)


def missing_steps(assessment: Assessment | Rating) -> list[str]:
    """Steps with an answer still missing or typed but invalid, in questionnaire order. A question added later
    with a default ("cto_status": in post) is not missing from answers saved before it: like a document
    without it, they mean the default."""
    answers = assessment.answers
    gaps = {
        q.step
        for q in QUESTIONS
        if (q.key not in answers and q.default is None) or q.key in assessment.pending
    }
    return [slug for slug in STEP_SLUGS if slug in gaps]


def panel_for(assessment: Assessment) -> dict[str, Any] | None:
    """The panel's spread and consolidated answers, or None when nobody has submitted a rating."""
    ratings = [(r.label, r.answers) for r in assessment.ratings.filter(status=Rating.Status.SUBMITTED)]
    if not ratings:
        return None
    return review_panel(ratings, settled=assessment.settled)


def score_answers(answers: dict[str, Any], *, version: str = METHODOLOGY_VERSION) -> dict[str, Any]:
    return evaluate(validate_answers(answers), method=get_method(version))


def _organisation_doc(organisation: Organisation) -> dict[str, str]:
    doc = {"name": organisation.name}
    if organisation.sector:
        doc["sector"] = organisation.sector
    if organisation.region:
        doc["region"] = organisation.region
    return doc


def apply_result(assessment: Assessment, result: dict[str, Any]) -> None:
    """Copy a fresh engine result onto the assessment (not saved): the snapshot and its indexed fields."""
    result["organisation"] = _organisation_doc(assessment.organisation)
    assessment.result = result
    assessment.answers = result["answers"]
    assessment.pending = {}
    assessment.status = Assessment.Status.COMPLETED
    assessment.methodology_version = result["methodology_version"]
    assessment.recommendation = result["recommendation"]
    assessment.score = None
    assessment.caio_signals = result["balance"]["signals"]
    assessment.absorb_conditions = result["balance"]["conditions"]
    assessment.need_confidence = result["confidence"]["need"]
    assessment.completed_at = timezone.now()
    assessment.step = "review"


@transaction.atomic
def complete_assessment(*, assessment: Assessment, expected_version: int, user: Any = None) -> Assessment:
    """Validate every answer with the engine's validator, score, and keep the result as a snapshot."""
    result = score_answers(assessment.answers)
    panel = panel_for(assessment)
    if panel is not None:
        # Kept in the snapshot: where the raters disagreed, and whether it would change the advice.
        result["panel"] = panel
    apply_result(assessment, result)
    save_if_unchanged(
        Assessment,
        pk=assessment.pk,
        expected_version=expected_version,
        result=assessment.result,
        answers=assessment.answers,
        pending={},
        status=assessment.status,
        methodology_version=assessment.methodology_version,
        recommendation=assessment.recommendation,
        score=assessment.score,
        caio_signals=assessment.caio_signals,
        absorb_conditions=assessment.absorb_conditions,
        need_confidence=assessment.need_confidence,
        completed_at=assessment.completed_at,
        step=assessment.step,
    )
    assessment.refresh_from_db()
    log_event(
        organisation=assessment.organisation,
        user=user,
        kind=Kind.ASSESSMENT_SCORED,
        recommendation=assessment.recommendation,
    )
    hooks.scored(assessment=assessment, added=False)
    return assessment


@transaction.atomic
def rescore_assessment(*, assessment: Assessment, user: Any) -> Assessment:
    """Score the same answers under the current method as a new assessment; the old result stays."""
    fresh = Assessment(organisation=assessment.organisation, created_by=user, rescored_from=assessment)
    apply_result(fresh, score_answers(assessment.answers))
    fresh.save()
    log_event(
        organisation=assessment.organisation,
        user=user,
        kind=Kind.ASSESSMENT_RESCORED,
        version=fresh.methodology_version,
    )
    hooks.scored(assessment=fresh, added=True)
    return fresh


@transaction.atomic
def import_assessment(*, user: Any, document: dict[str, Any]) -> Assessment:
    """Create a completed assessment from a validated caio-assessment document.

    It joins an organisation of that name where the user may edit, or creates one they own.
    """
    org_doc = document["organisation"]
    organisation = (
        Organisation.objects.for_user(user, roles=Role.editors())
        .filter(name=org_doc["name"])
        .order_by("pk")
        .first()
    )
    if organisation is None:
        organisation = create_organisation(
            user=user,
            name=org_doc["name"],
            sector=org_doc.get("sector", ""),
            region=org_doc.get("region", ""),
            headcount=document["answers"]["employees"],
        )
    return add_assessment(
        organisation=organisation, user=user, document=document, kind=Kind.ASSESSMENT_IMPORTED
    )


@transaction.atomic
def add_assessment(
    *, organisation: Organisation, user: Any, document: dict[str, Any], kind: Kind = Kind.ASSESSMENT_SCORED
) -> Assessment:
    """A completed assessment of `organisation`, scored from a validated caio-assessment document's answers."""
    assessment = Assessment(organisation=organisation, created_by=user)
    apply_result(assessment, score_answers(document["answers"]))
    assessment.save()
    facts = {"recommendation": assessment.recommendation} if kind == Kind.ASSESSMENT_SCORED else {}
    log_event(organisation=organisation, user=user, kind=kind, **facts)
    hooks.scored(assessment=assessment, added=True)
    return assessment


@transaction.atomic
def rename_assessment(*, assessment: Assessment, name: str, user: Any) -> None:
    # Not a versioned edit: a name never changes answers, so it must not make an open tab's save stale.
    Assessment.objects.filter(pk=assessment.pk).update(name=name, updated_at=timezone.now())
    assessment.name = name
    if name:
        log_event(
            organisation=assessment.organisation,
            user=user,
            kind=Kind.ASSESSMENT_RENAMED,
            date=assessment.scored_date,
            name=name,
        )
    else:
        log_event(
            organisation=assessment.organisation,
            user=user,
            kind=Kind.ASSESSMENT_NAME_REMOVED,
            date=assessment.scored_date,
        )


@transaction.atomic
def delete_assessment(*, assessment: Assessment, user: Any) -> None:
    log_event(
        organisation=assessment.organisation,
        user=user,
        kind=Kind.ASSESSMENT_DELETED,
        status=assessment.status,
        date=assessment.scored_date,
    )
    assessment.delete()


EXPORT_SCHEMA = "caio-export/1"  # one assessment as exported: its caio-assessment document and its result


def load_document(data: bytes) -> dict[str, Any]:
    """A caio-assessment document from JSON bytes (an upload, an API request), or ValidationFailed.

    The engine's loader and validator, as `assess` uses them: duplicate keys, nesting and huge numbers are
    refused, and every problem is one FieldError named after its field."""
    parsed = load_json(data)
    if isinstance(parsed, dict) and parsed.get("schema") == EXPORT_SCHEMA:
        parsed = parsed.get("assessment")
    document = validate_document(parsed)
    problems = single_line_errors(document["organisation"], ("name", "sector", "region"), "organisation")
    if problems:
        raise ValidationFailed(problems)
    return document


def export_document(assessment: Assessment) -> dict[str, Any]:
    """The caio-export document: the caio-assessment document, plus the stored result when there is one."""
    document: dict[str, Any] = {
        "schema": SCHEMA,
        "organisation": _organisation_doc(assessment.organisation),
        "answers": dict(assessment.answers),
    }
    return {"schema": EXPORT_SCHEMA, "assessment": document, "result": assessment.result}


@transaction.atomic
def save_scenario(*, assessment: Assessment, answers: dict[str, Any], user: Any) -> Assessment:
    """A scenario the team explored, kept as a new completed assessment; the one it started from stays."""
    fresh = Assessment(organisation=assessment.organisation, created_by=user, rescored_from=assessment)
    apply_result(fresh, score_answers(answers))
    fresh.save()
    log_event(organisation=assessment.organisation, user=user, kind=Kind.SCENARIO_SAVED)
    hooks.scored(assessment=fresh, added=True)
    return fresh
