"""Everything a user owns as one JSON document, and back: for their own backups and moving accounts."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.dateparse import parse_datetime

from assessments import services
from assessments.engine import N_, QUESTIONS, FieldError, ValidationFailed, validate_answers
from assessments.engine.validation import REQUIRED, error, json_value
from assessments.models import Assessment, Organisation, PaperSize, Role
from assessments.questionnaire.forms import PENDING_MAX_LENGTH, OrganisationForm

SCHEMA = "caio-account/1"
_PROFILE = ("name", "sector", "headcount", "region", "notes")
_STEPS = {"footprint", "product", "leadership", "review"}
# What an exported file holds; anything else is refused, as the engine refuses unknown keys in answers.
_ORGANISATION_KEYS = frozenset({*_PROFILE, "created_at", "assessments"})
_ASSESSMENT_KEYS = frozenset({"status", "step", "answers", "pending", "result", "created_at", "completed_at"})
_QUESTION_KEYS = frozenset(q.key for q in QUESTIONS)
MAX_REPORTED_UNKNOWN = 5  # a file with a thousand unknown keys gets five lines, not a thousand


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
        if not isinstance(org_doc, dict):
            errors.append(error(where, N_("must be an object, got {value}"), value=json_value(org_doc)))
            continue
        fields = _profile(org_doc, where, errors)
        if fields is None:
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


def _unknown_keys(
    document: dict[Any, Any], allowed: frozenset[str], where: str, errors: list[FieldError]
) -> bool:
    unknown = [key for key in document if key not in allowed]
    for key in unknown[:MAX_REPORTED_UNKNOWN]:
        errors.append(error(where, N_("unknown key {key}"), key=json_value(key)))
    return bool(unknown)


def _profile(org_doc: dict[str, Any], where: str, errors: list[FieldError]) -> dict[str, Any] | None:
    """The organisation's profile as the profile page's form takes it, or None (with the errors added)."""
    problems: list[FieldError] = []
    _unknown_keys(org_doc, _ORGANISATION_KEYS, where, problems)
    for field in _PROFILE:
        value = org_doc.get(field)
        if field == "headcount":
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                problems.append(
                    error(
                        f"{where}.{field}", N_("must be a whole number, got {value}"), value=json_value(value)
                    )
                )
        elif value is not None and not isinstance(value, str):
            problems.append(
                error(f"{where}.{field}", N_("must be a string, got {value}"), value=json_value(value))
            )
    if problems:
        errors += problems
        return None
    data = {field: org_doc.get(field) for field in _PROFILE} | {"paper_size": PaperSize.A4}
    form = OrganisationForm(data={k: "" if v is None else v for k, v in data.items()})
    if not form.is_valid():
        errors += [
            FieldError(f"{where}.{field}", " ".join(map(str, texts))) for field, texts in form.errors.items()
        ]
        return None
    return {field: form.cleaned_data[field] for field in _PROFILE}


def _pending_problem(pending: object) -> bool:
    """True unless `pending` maps known questions to text a person could have typed in their boxes."""
    if not isinstance(pending, dict):
        return True
    return any(
        key not in _QUESTION_KEYS or not isinstance(value, str) or len(value) > PENDING_MAX_LENGTH
        for key, value in pending.items()
    )


def _import_assessment(org: Organisation, user: Any, a_doc: Any, where: str, errors: list[FieldError]) -> int:
    if not isinstance(a_doc, dict) or a_doc.get("status") not in Assessment.Status.values:
        errors.append(error(f"{where}.status", N_('must be "draft" or "completed"')))
        return 0
    if _unknown_keys(a_doc, _ASSESSMENT_KEYS, where, errors):
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
    if _pending_problem(pending):
        errors.append(
            error(
                f"{where}.pending",
                N_("must map answer keys to typed text of at most {count} characters"),
                count=str(PENDING_MAX_LENGTH),
            )
        )
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
