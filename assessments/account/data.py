"""Everything a user owns as one JSON document, and back: for their own backups and moving accounts."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.dateparse import parse_datetime

from assessments import services
from assessments.engine import N_, FieldError, ValidationFailed, validate_answers
from assessments.engine.validation import REQUIRED, error, json_value
from assessments.models import Assessment, Organisation, Role

SCHEMA = "caio-account/1"
_PROFILE = ("name", "sector", "headcount", "region", "notes")
_STEPS = {"footprint", "product", "leadership", "review"}


def export_account(user: Any) -> dict[str, Any]:
    organisations = (
        Organisation.objects.for_user(user, roles=[Role.OWNER]).prefetch_related("assessments").order_by("pk")
    )
    return {
        "schema": SCHEMA,
        "organisations": [
            {
                **{field: getattr(org, field) for field in _PROFILE},
                "created_at": org.created_at.isoformat(),
                "assessments": [_assessment(a) for a in sorted(org.assessments.all(), key=lambda a: a.pk)],
            }
            for org in organisations
        ],
    }


def _assessment(a: Assessment) -> dict[str, Any]:
    return {
        "status": a.status,
        "step": a.step,
        "answers": a.answers,
        "pending": a.pending,
        "result": a.result,
        "created_at": a.created_at.isoformat(),
        "completed_at": a.completed_at.isoformat() if a.completed_at else None,
    }


class ImportRefused(Exception):
    pass


def _when(value: object, field: str, errors: list[FieldError]) -> datetime | None:
    parsed = parse_datetime(value) if isinstance(value, str) else None
    if value is not None and parsed is None:
        errors.append(error(field, N_("must be an ISO 8601 date-time, got {value}"), value=json_value(value)))
    return parsed


def _check_answers(answers: object, field: str, *, complete: bool, errors: list[FieldError]) -> None:
    try:
        validate_answers(answers)
    except ValidationFailed as exc:
        for problem in exc.errors:
            if complete or problem.message != REQUIRED:
                errors.append(FieldError(f"{field}.{problem.field}", problem.message, problem.msg))


@transaction.atomic
def import_account(*, user: Any, document: object) -> int:
    """Recreate exported organisations and assessments in an empty account.

    Completed assessments are scored again from their answers under the current method: a result in the
    file is never stored, so an edited file cannot put words in the app's mouth.
    """
    # Lock the user's row: "the account is empty" finds no rows to lock, so two imports at once would both
    # pass the check. With the lock, the second waits and then sees the first one's organisations.
    get_user_model().objects.select_for_update().only("pk").get(pk=user.pk)
    if Organisation.objects.for_user(user).exists():
        raise ImportRefused(N_("Your account already has organisations; import into an empty account."))
    if not isinstance(document, dict) or document.get("schema") != SCHEMA:
        raise ValidationFailed([error("schema", N_("must be {schema}"), schema=json.dumps(SCHEMA))])
    errors: list[FieldError] = []
    created = 0
    organisations = document.get("organisations") or []
    if not isinstance(organisations, list):
        raise ValidationFailed([error("organisations", N_("must be an array of organisations"))])
    for n, org_doc in enumerate(organisations):
        where = f"organisations[{n}]"
        if not isinstance(org_doc, dict) or not str(org_doc.get("name", "")).strip():
            errors.append(error(f"{where}.name", REQUIRED))
            continue
        fields = {f: org_doc.get(f) or ("" if f != "headcount" else None) for f in _PROFILE}
        try:
            Organisation(**fields).full_clean(exclude=["created_by"])
        except DjangoValidationError as exc:
            errors += [FieldError(f"{where}.{f}", "; ".join(m)) for f, m in exc.message_dict.items()]
            continue
        assessments = org_doc.get("assessments") or []
        if not isinstance(assessments, list):
            errors.append(error(f"{where}.assessments", N_("must be an array of assessments")))
            continue
        org = services.create_organisation(user=user, **fields)
        for m, a_doc in enumerate(assessments):
            created += _import_assessment(org, user, a_doc, f"{where}.assessments[{m}]", errors)
    if errors:
        raise ValidationFailed(errors)
    return created


def _import_assessment(org: Organisation, user: Any, a_doc: Any, where: str, errors: list[FieldError]) -> int:
    if not isinstance(a_doc, dict) or a_doc.get("status") not in Assessment.Status.values:
        errors.append(error(f"{where}.status", N_('must be "draft" or "completed"')))
        return 0
    complete = a_doc["status"] == Assessment.Status.COMPLETED
    if not complete and org.assessments.filter(status=Assessment.Status.DRAFT).exists():
        errors.append(
            error(f"{where}.status", N_("is a second draft; an organisation has one draft at most"))
        )
        return 0
    _check_answers(a_doc.get("answers"), f"{where}.answers", complete=complete, errors=errors)
    created_at = _when(a_doc.get("created_at"), f"{where}.created_at", errors)
    completed_at = _when(a_doc.get("completed_at"), f"{where}.completed_at", errors)
    if complete and completed_at is None:
        errors.append(error(f"{where}.completed_at", N_("is required for a completed assessment")))
    pending = a_doc.get("pending") or {}
    if not (isinstance(pending, dict) and all(isinstance(v, str) for v in pending.values())):
        errors.append(error(f"{where}.pending", N_("must map answer keys to typed text")))
    if errors:
        return 0
    step = a_doc.get("step")
    assessment = Assessment(
        organisation=org,
        created_by=user,
        step=step if isinstance(step, str) and step in _STEPS else "footprint",
        answers=a_doc.get("answers") or {},
        pending=pending,
    )
    if complete:
        services.apply_result(assessment, services.score_answers(assessment.answers))
        assessment.completed_at = completed_at
    assessment.save()
    if created_at:
        Assessment.objects.filter(pk=assessment.pk).update(created_at=created_at)
    return 1
