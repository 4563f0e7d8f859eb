"""Writes to boundary charters: start from the advice, edit, sign, agree, start a new version, delete."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone

from assessments import hooks, languages, people, services
from assessments.charter import rules as charter_rules
from assessments.engine import localise, translate
from assessments.models import Assessment, Charter, CharterSignature, Membership, Organisation, Role
from assessments.services import Kind, log_event
from assessments.webhooks import service as webhooks

SIGNING_ROLES = Role.editors()
MAX_LOGGED_CHANGES = 30  # one activity line per change; a bigger edit says how many more there were


class CharterLocked(Exception):
    """The charter is agreed (read-only): start a new version to change it."""


class CharterNotReady(Exception):
    """A row breaks a rule, so the charter cannot be signed yet."""


def draft_charter(organisation: Organisation) -> Charter | None:
    return organisation.charters.filter(status=Charter.Status.DRAFT).first()


def agreed_charter(organisation: Organisation) -> Charter | None:
    return organisation.charters.agreed().order_by("-number").first()


def signatories(organisation: Organisation) -> list[Membership]:
    """Everyone who signs: the organisation's owners and editors."""
    return list(
        organisation.memberships.filter(role__in=SIGNING_ROLES)
        .select_related("user")
        .order_by("user__username")
    )


def _next_number(organisation: Organisation) -> int:
    # The organisation row is the lock: two new versions at once cannot take the same number.
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    return (organisation.charters.aggregate(top=Max("number"))["top"] or 0) + 1


def _create(
    *, organisation: Organisation, user: Any, started: tuple[Kind, dict[str, Any]], **fields: Any
) -> Charter:
    """The organisation's draft, or a new one; `started` is the log line's kind and facts (the number added)."""
    existing = draft_charter(organisation)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            number = _next_number(organisation)
            charter = Charter.objects.create(
                organisation=organisation, number=number, created_by=user, **fields
            )
            kind, facts = started
            log_event(organisation=organisation, user=user, kind=kind, number=number, **facts)
    except IntegrityError:
        # Someone started one at the same moment; the database keeps one draft, so carry on with it.
        existing = draft_charter(organisation)
        if existing is None:
            raise
        return existing
    return charter


def start_charter(*, assessment: Assessment, user: Any) -> Charter:
    """The organisation's draft charter, or a new one pre-filled with this assessment's advised matrix."""
    # The content is the team's from now on: worded in the language of whoever starts it.
    wording = languages.wording()
    worded = localise(assessment.result or {}, wording)
    obligations = (worded.get("obligations") or {}).get("items", [])
    content, advice = charter_rules.from_matrix(
        worded["matrix"],
        how=translate(charter_rules.DEFAULT_HOW, wording),
        obligations=obligations,
        wording=wording,
    )
    return _create(
        organisation=assessment.organisation,
        user=user,
        started=(Kind.CHARTER_STARTED, {"date": assessment.scored_date}),
        content=content,
        advice=advice,
        source_assessment=assessment,
    )


def new_version(*, charter: Charter, user: Any) -> Charter:
    """A draft copied from an agreed charter, compared with the organisation's latest advice."""
    if not charter.is_agreed:
        raise CharterLocked
    organisation = charter.organisation
    latest = organisation.assessments.completed().order_by("-completed_at", "-pk").first()
    source, advice = charter.source_assessment_id, charter.advice
    if latest is not None and "matrix" in (latest.result or {}):
        obligations = latest.result.get("obligations", {}).get("items", [])  # type: ignore[union-attr]
        matrix = latest.result["matrix"]  # type: ignore[index]
        source, advice = latest.pk, charter_rules.from_matrix(matrix, obligations=obligations)[1]
    return _create(
        organisation=organisation,
        user=user,
        started=(Kind.CHARTER_VERSION_STARTED, {"parent": charter.number}),
        content=charter_rules.copy_content(charter.content),
        advice=advice,
        source_assessment_id=source,
        parent=charter,
    )


@transaction.atomic
def update_charter(
    *, charter: Charter, content: dict[str, Any], expected_version: int, user: Any
) -> list[charter_rules.Change]:
    """Save an edited draft; any change clears the signatures given so far. Returns what changed (facts).

    StaleEdit when the charter is no longer at the version the editor saw; CharterLocked once it is agreed.
    """
    # Read again under the row lock: the `charter` the view loaded may be a draft that a signature has agreed
    # since. Signing takes the same lock, so a save and the last signature run one after the other.
    locked = Charter.objects.select_for_update().get(pk=charter.pk)
    if locked.is_agreed:
        raise CharterLocked
    if locked.version != expected_version:
        raise services.StaleEdit
    changes = charter_rules.changes(locked.content, content)
    # The database-level guard: the UPDATE itself says "only a draft, only at the version seen". A CHECK
    # constraint cannot compare a row with its previous state, so this condition is where the database
    # refuses to write new content into an agreed charter, even for a writer that skipped the lock above.
    updated = Charter.objects.filter(
        pk=locked.pk, status=Charter.Status.DRAFT, version=expected_version
    ).update(content=content, version=F("version") + 1, updated_at=timezone.now())
    if updated != 1:
        raise services.StaleEdit
    charter.refresh_from_db()
    if changes:
        charter.signatures.all().delete()  # they signed a text that no longer exists
    organisation, number = charter.organisation, charter.number
    for change in changes[:MAX_LOGGED_CHANGES]:
        log_event(
            organisation=organisation, user=user, kind=Kind.CHARTER_EDITED, number=number, change=change
        )
    if len(changes) > MAX_LOGGED_CHANGES:
        more = len(changes) - MAX_LOGGED_CHANGES
        log_event(
            organisation=organisation, user=user, kind=Kind.CHARTER_MORE_CHANGES, number=number, count=more
        )
    return changes


def content_digest(charter: Charter | None) -> str:
    if charter is None:
        return ""
    shape = {"number": charter.number, "content": charter.content, "agreed_at": str(charter.agreed_at)}
    shape["signatures"] = [[s.name, str(s.signed_at)] for s in charter.signatures.all()]
    canonical = json.dumps(shape, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _refresh_digest(organisation: Organisation) -> None:
    """The report prints the latest agreed charter: when it changes, the reports are prepared again."""
    digest = content_digest(agreed_charter(organisation))
    if digest != organisation.charter_digest:
        Organisation.objects.filter(pk=organisation.pk).update(charter_digest=digest)
        organisation.charter_digest = digest
        hooks.organisation_changed(organisation=organisation)


@transaction.atomic
def sign_charter(*, charter: Charter, user: Any, seen_version: int) -> bool:
    """Sign as `user` the text they saw (`seen_version`); returns True when this signature made it agreed.

    StaleEdit when the charter changed since the signer opened it: a signature is only ever on that text.
    """
    locked = Charter.objects.select_for_update().get(pk=charter.pk)
    if locked.is_agreed:
        raise CharterLocked
    if locked.version != seen_version:
        raise services.StaleEdit
    if charter_rules.problems(locked.content):
        raise CharterNotReady
    name = people.display_name(user)
    _signature, created = CharterSignature.objects.get_or_create(
        charter=locked, user=user, defaults={"name": name}
    )
    if created:
        log_event(
            organisation=charter.organisation, user=user, kind=Kind.CHARTER_SIGNED, number=locked.number
        )
        webhooks.charter_signed(charter=locked, name=name)
    if not _agree_if_all_signed(locked, user):
        return False
    charter.refresh_from_db()
    return True


def recheck_agreement(*, organisation: Organisation, user: Any) -> None:
    """After a member leaves or loses the editor role: the open charter may now have every signature."""
    charter = organisation.charters.filter(status=Charter.Status.DRAFT).select_for_update().first()
    if charter is not None and charter.signatures.exists() and not charter_rules.problems(charter.content):
        _agree_if_all_signed(charter, user)


def _agree_if_all_signed(locked: Charter, user: Any) -> bool:
    """Agree `locked` (read under its row lock in this transaction) if every signatory has signed it."""
    signed = set(locked.signatures.values_list("user_id", flat=True))
    if not {m.user_id for m in signatories(locked.organisation)} <= signed:
        return False
    # Agreeing bumps the version, so a save or a signature from the page as it was before is refused; the
    # condition on the version read under the lock keeps agreement to exactly the text that was signed.
    agreed = Charter.objects.filter(pk=locked.pk, status=Charter.Status.DRAFT, version=locked.version).update(
        status=Charter.Status.AGREED, agreed_at=timezone.now(), version=F("version") + 1
    )
    if agreed != 1:
        raise services.StaleEdit
    charter = locked
    charter.refresh_from_db()
    log_event(organisation=charter.organisation, user=user, kind=Kind.CHARTER_AGREED, number=charter.number)
    webhooks.charter_agreed(charter)
    _refresh_digest(charter.organisation)
    return True


@transaction.atomic
def delete_charter(*, charter: Charter, user: Any) -> None:
    organisation = charter.organisation
    log_event(organisation=organisation, user=user, kind=Kind.CHARTER_DELETED, number=charter.number)
    charter.delete()
    _refresh_digest(organisation)
