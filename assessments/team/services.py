"""Members, invitations, panels of raters and share links: writes that involve more than one person."""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as N_

from assessments import languages, people
from assessments.charter import services as charters
from assessments.engine import QUESTION_BY_KEY, validate_answers
from assessments.engine.questions import CONTEXT_KEYS
from assessments.models import (
    ROLE_IN_SENTENCE,
    Assessment,
    Invitation,
    MailDelivery,
    Membership,
    Organisation,
    Rating,
    Role,
    ShareLink,
)
from assessments.report import mail
from assessments.report import services as reports
from assessments.services import Kind, log_event, panel_for, save_if_unchanged
from assessments.webhooks import service as webhooks

logger = logging.getLogger(__name__)

INVITATION_DAYS = 7


PANEL_CLOSED = N_("This assessment is complete, so its panel is closed. Re-assess to ask for new ratings.")


class Refused(Exception):
    """A request that is well-formed but not allowed now; the message says why, in plain words.

    Raised with an English sentence marked for translation and its values; str() is it in the active language."""

    def __init__(self, message: str, **values: Any) -> None:
        super().__init__(message)
        self.message, self.values = message, values

    def __str__(self) -> str:
        return gettext(self.message).format(**self.values)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


# --- members and invitations -----------------------------------------------------------------------


def invite(
    *, organisation: Organisation, user: Any, email: str, role: str, link_for: Any
) -> tuple[Invitation, str]:
    """Create a single-use invitation and mail it; `link_for(token)` builds the absolute URL.

    One transaction: if the mail cannot be sent, no invitation is left behind whose link nobody saw.
    """
    token, token_hash = _new_token()
    with transaction.atomic():
        # Locked, so two owners inviting the same address at once cannot both pass the check below.
        Organisation.objects.select_for_update().only("pk").get(pk=organisation.pk)
        live = Invitation.objects.filter(
            organisation=organisation, email__iexact=email, accepted_at=None, revoked_at=None
        )
        live.filter(expires_at__lte=timezone.now()).update(revoked_at=timezone.now())
        if live.exists():
            raise Refused(
                N_(
                    "{email} already has a pending invitation to this organisation. "
                    "Withdraw it below to send a new one."
                ),
                email=email,
            )
        invitation = Invitation.objects.create(
            organisation=organisation,
            email=email,
            role=role,
            token_hash=token_hash,
            invited_by=user,
            expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
        )
        link = link_for(token)
        log_event(organisation=organisation, user=user, kind=Kind.INVITED, email=email, role=role)
        _queue_invitation(organisation=organisation, user=user, email=email, role=role, link=link)
    return invitation, link


def _queue_invitation(*, organisation: Organisation, user: Any, email: str, role: str, link: str) -> None:
    # The organisation's name is chosen by whoever signs up: it stays out of the subject (a header) and is
    # quoted in the body only as data. The worker sends it, with retries; a failure shows on the members page.
    # Written in the language of the account that uses this address, if one does; else in the sender's.
    with languages.writing_in(languages.mail_language(email=email)):
        invited = gettext("{inviter} invited you to join “{name}” on CAIO Advisor as {role}.").format(
            inviter=people.display_name(user), name=organisation.name, role=ROLE_IN_SENTENCE[role]
        )
        accept = gettext("Open this link to accept (it works once, within {days} days):").format(
            days=INVITATION_DAYS
        )
        mail.queue_mail(
            kind=MailDelivery.Kind.INVITATION,
            to=email,
            subject=gettext("You are invited to join an organisation on CAIO Advisor"),
            body=f"{invited}\n\n{accept}\n{link}\n",
            organisation=organisation,
            sent_by=user,
        )


def pending_invitation(token: str) -> Invitation:
    invitation = (
        Invitation.objects.select_related("organisation").filter(token_hash=hash_token(token)).first()
    )
    if invitation is None:
        raise Refused(N_("This invitation link is not valid. Ask the organisation's owner for a new one."))
    if invitation.accepted_at is not None:
        raise Refused(USED)
    if invitation.revoked_at is not None:
        raise Refused(N_("This invitation was withdrawn by the organisation's owner."))
    if invitation.expires_at <= timezone.now():
        raise Refused(N_("This invitation has expired. Ask the organisation's owner for a new one."))
    return invitation


USED = N_("This invitation has already been used. Ask the organisation's owner for a new one.")
# Whole sentences per role, so each language words "an owner" its own way.
ALREADY = {
    Role.OWNER: N_(
        "You are already an owner of “{name}”, so this invitation would not change anything. It was left unused."
    ),
    Role.EDITOR: N_(
        "You are already an editor of “{name}”, so this invitation would not change anything. It was left unused."
    ),
    Role.VIEWER: N_(
        "You are already a viewer of “{name}”, so this invitation would not change anything. It was left unused."
    ),
}


def current_role(organisation: Organisation, user: Any) -> str | None:
    """The user's role in the organisation, or None if they are not a member (or not signed in)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Membership.objects.filter(organisation=organisation, user=user).values_list("role", flat=True).first()
    )


@transaction.atomic
def accept(*, token: str, user: Any, upgrade: bool = False) -> Membership:
    """Join with the invitation's role; a member with a lower role is raised to it only when `upgrade`."""
    invitation = pending_invitation(token)
    organisation = invitation.organisation
    membership = Membership.objects.select_for_update().filter(organisation=organisation, user=user).first()
    if membership is not None and Role(membership.role).at_least(Role(invitation.role)):
        raise Refused(ALREADY[Role(membership.role)], name=organisation.name)
    if membership is not None and not upgrade:
        raise Refused(N_("Confirm that you want to change your role before accepting this invitation."))
    # The conditional update makes the link single-use even when it is opened twice at once.
    used = Invitation.objects.filter(pk=invitation.pk, accepted_at=None).update(
        accepted_at=timezone.now(), accepted_by=user
    )
    if used != 1:
        raise Refused(USED)
    if membership is None:
        membership = Membership.objects.create(organisation=organisation, user=user, role=invitation.role)
        log_event(organisation=organisation, user=user, kind=Kind.JOINED, role=invitation.role)
        webhooks.member_joined(organisation=organisation, user=user, role=invitation.role)
    else:
        save_if_unchanged(
            Membership, pk=membership.pk, expected_version=membership.version, role=invitation.role
        )
        membership.refresh_from_db()
        log_event(
            organisation=organisation, user=user, kind=Kind.ROLE_RAISED_BY_INVITATION, role=invitation.role
        )
    return membership


def revoke_invitation(*, invitation: Invitation, user: Any) -> None:
    Invitation.objects.filter(pk=invitation.pk, accepted_at=None).update(revoked_at=timezone.now())
    log_event(
        organisation=invitation.organisation,
        user=user,
        kind=Kind.INVITATION_WITHDRAWN,
        email=invitation.email,
    )


def _refuse_if_last_owner(membership: Membership) -> None:
    """Refuse to take the owner role away from the organisation's only owner.

    The organisation row is locked first, so two owners demoting each other at once are serialised: the
    second one re-reads the roles after the first has committed. (A lock on the counted rows would not do:
    Django drops FOR UPDATE from count(), and PostgreSQL cannot lock an aggregate.)
    """
    Organisation.objects.select_for_update().only("pk").get(pk=membership.organisation_id)
    current = Membership.objects.filter(pk=membership.pk).values_list("role", flat=True).first()
    if current != Role.OWNER:
        return
    others = (
        Membership.objects.filter(organisation=membership.organisation_id, role=Role.OWNER)
        .exclude(pk=membership.pk)
        .exists()
    )
    if not others:
        raise Refused(N_("An organisation needs at least one owner: make someone else an owner first."))


@transaction.atomic
def change_role(*, membership: Membership, role: str, user: Any, expected_version: int) -> None:
    if role != Role.OWNER:
        _refuse_if_last_owner(membership)
    save_if_unchanged(Membership, pk=membership.pk, expected_version=expected_version, role=role)
    log_event(
        organisation=membership.organisation,
        user=user,
        kind=Kind.ROLE_CHANGED,
        member=people.display_name(membership.user),
        role=role,
    )
    charters.recheck_agreement(organisation=membership.organisation, user=user)


@transaction.atomic
def remove_member(*, membership: Membership, user: Any) -> None:
    _refuse_if_last_owner(membership)
    log_event(
        organisation=membership.organisation,
        user=user,
        kind=Kind.MEMBER_REMOVED,
        member=people.display_name(membership.user),
    )
    membership.delete()
    charters.recheck_agreement(organisation=membership.organisation, user=user)


# --- a panel of raters ----------------------------------------------------------------------------


def due_sentence(assessment: Assessment) -> str:
    """The sentence that tells a rater when to submit by, or "" when no date is set (active language)."""
    if assessment.ratings_due_on is None:
        return ""
    return gettext("Please submit your rating by {date}.").format(
        date=formats.date_format(assessment.ratings_due_on, "DATE_FORMAT")
    )


def _mail_rater(kind: str, *, rater: Any, label: str, assessment: Assessment, user: Any, link: str) -> None:
    """A rating request or reminder, in the rater's language. The organisation's name is in the body only:
    a subject line is the part of a mail a phishing text would use, and the name is anyone's to choose."""
    name = assessment.organisation.name
    with languages.writing_in(languages.mail_language(user=rater)):
        if kind == MailDelivery.Kind.REMINDER:
            subject = gettext("Reminder: please rate a CAIO assessment on CAIO Advisor")
            opening = gettext(
                "{sender} reminds you that your answers to the CAIO assessment of “{name}” as {label} are still "
                "awaited."
            )
        else:
            subject = gettext("Please rate a CAIO assessment on CAIO Advisor")
            opening = gettext(
                "{sender} asked you to answer the CAIO assessment of “{name}” as {label}. "
                "Nobody sees your answers until you submit them."
            )
        paragraphs = [opening.format(sender=people.display_name(user), name=name, label=label), due_sentence(assessment),
                      link]  # fmt: skip
        mail.queue_mail(
            kind=kind,
            to=rater.email,
            subject=subject,
            body="\n\n".join(p for p in paragraphs if p) + "\n",
            organisation=assessment.organisation,
            sent_by=user,
        )


def _profile_answers(organisation: Organisation) -> dict[str, Any]:
    # Like a new assessment, a rating starts from the profile's headcount; never from an earlier result,
    # which would nudge every rater towards the same answers.
    return {"employees": organisation.headcount} if organisation.headcount else {}


@transaction.atomic
def request_rating(*, assessment: Assessment, rater: Any, label: str, user: Any, link: str = "") -> Rating:
    """Put `rater` on the panel; `link` (the absolute URL of their questionnaire) is mailed to them."""
    if assessment.is_complete:
        raise Refused(PANEL_CLOSED)
    rating, created = Rating.objects.get_or_create(
        assessment=assessment,
        rater=rater,
        defaults={"label": label, "answers": _profile_answers(assessment.organisation)},
    )
    if not created:
        raise Refused(
            N_("{rater} is already on this panel (as “{label}”)."),
            rater=people.display_name(rater),
            label=rating.label,
        )
    log_event(
        organisation=assessment.organisation,
        user=user,
        kind=Kind.RATING_REQUESTED,
        rater=people.display_name(rater),
        label=label,
    )
    if rater.email:
        _mail_rater(MailDelivery.Kind.RATER_REQUEST, rater=rater, label=label, assessment=assessment, user=user,
                    link=link)  # fmt: skip
    return rating


REMINDED_TODAY = N_("{rater} was already reminded today. You can send another reminder tomorrow.")


@transaction.atomic
def remind_rater(*, rating: Rating, user: Any, link: str) -> None:
    """Mail the rater a reminder, at most once a calendar day (in the site's time zone) per rater."""
    # Locked, so two clicks at once cannot both pass the once-a-day check.
    rating = (
        Rating.objects.select_for_update()
        .select_related("assessment__organisation", "rater")
        .get(pk=rating.pk)
    )
    assessment, rater = rating.assessment, rating.rater
    if assessment.is_complete:
        raise Refused(PANEL_CLOSED)
    if rating.is_submitted:
        raise Refused(N_("{rater} has already submitted their rating."), rater=people.display_name(rater))
    if not rater.email:
        raise Refused(
            N_("{rater} has no e-mail address, so no reminder can be sent."), rater=people.display_name(rater)
        )
    now = timezone.now()
    if rating.last_reminded_at and timezone.localdate(rating.last_reminded_at) == timezone.localdate(now):
        raise Refused(REMINDED_TODAY, rater=people.display_name(rater))
    Rating.objects.filter(pk=rating.pk).update(last_reminded_at=now)
    log_event(
        organisation=assessment.organisation,
        user=user,
        kind=Kind.RATER_REMINDED,
        rater=people.display_name(rater),
        label=rating.label,
    )
    _mail_rater(MailDelivery.Kind.REMINDER, rater=rater, label=rating.label, assessment=assessment, user=user,
                link=link)  # fmt: skip


def set_ratings_due(*, assessment: Assessment, due_on: date | None, user: Any) -> None:
    if assessment.is_complete:
        raise Refused(PANEL_CLOSED)
    Assessment.objects.filter(pk=assessment.pk).update(ratings_due_on=due_on)
    assessment.ratings_due_on = due_on
    if due_on:
        log_event(organisation=assessment.organisation, user=user, kind=Kind.RATINGS_DUE_SET, due_on=due_on)
    else:
        log_event(organisation=assessment.organisation, user=user, kind=Kind.RATINGS_DUE_CLEARED)


@transaction.atomic
def submit_rating(*, rating: Rating, expected_version: int) -> None:
    if rating.pending:
        raise Refused(N_("Some answers still need correcting before you can submit."))
    answers = validate_answers(rating.answers)  # every answer, by the questionnaire's own rules
    save_if_unchanged(
        Rating,
        pk=rating.pk,
        expected_version=expected_version,
        answers=answers,
        status=Rating.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )
    log_event(
        organisation=rating.assessment.organisation,
        user=rating.rater,
        kind=Kind.RATING_SUBMITTED,
        label=rating.label,
    )


@transaction.atomic
def settle(*, assessment: Assessment, key: str, value: Any, user: Any, expected_version: int) -> None:
    if key not in QUESTION_BY_KEY:
        raise Refused(N_("There is no such question."))
    settled = {**assessment.settled, key: value}
    save_if_unchanged(Assessment, pk=assessment.pk, expected_version=expected_version, settled=settled)
    log_event(organisation=assessment.organisation, user=user, kind=Kind.ANSWER_SETTLED, key=key, value=value)
    reports.refresh_reports(assessment=assessment)


@transaction.atomic
def use_panel_answers(*, assessment: Assessment, user: Any, expected_version: int) -> None:
    panel = panel_for(assessment)
    if panel is None or not panel["complete"]:
        raise Refused(N_("The panel's answers are not complete yet: wait for a rating to be submitted."))
    save_if_unchanged(
        Assessment,
        pk=assessment.pk,
        expected_version=expected_version,
        # The raters' answers replace the article's questions; the answers about laws and frameworks stay the
        # assessment's own (the panel consolidates only what the article's tests read).
        answers={
            **{k: v for k, v in assessment.answers.items() if k in CONTEXT_KEYS},
            **panel["consolidated"],
        },
        pending={},
        step="review",
    )
    log_event(organisation=assessment.organisation, user=user, kind=Kind.PANEL_USED)
    assessment.refresh_from_db()
    reports.refresh_reports(assessment=assessment)


# --- read-only share links ------------------------------------------------------------------------


def share(*, assessment: Assessment, user: Any, days: int) -> tuple[ShareLink, str]:
    token, token_hash = _new_token()
    link = ShareLink.objects.create(
        assessment=assessment,
        token_hash=token_hash,
        created_by=user,
        expires_at=timezone.now() + timedelta(days=days),
    )
    log_event(
        organisation=assessment.organisation,
        user=user,
        kind=Kind.RESULTS_SHARED,
        date=assessment.scored_date,
        days=days,
    )
    # The shared (anonymous) variant, ready before the board member opens the link.
    reports.request_report(assessment=assessment, size=assessment.organisation.paper_size, public=True)
    return link, token


def revoke_share(*, link: ShareLink, user: Any) -> None:
    ShareLink.objects.filter(pk=link.pk, revoked_at=None).update(revoked_at=timezone.now())
    log_event(
        organisation=link.assessment.organisation,
        user=user,
        kind=Kind.SHARE_REVOKED,
        date=link.assessment.scored_date,
    )


def open_share(token: str, *, record_visit: bool = True) -> ShareLink | None:
    """The live link for `token` (recording the visit), or None if it is unknown, revoked or expired."""
    now = timezone.now()
    link = (
        ShareLink.objects.select_related("assessment__organisation")
        .filter(token_hash=hash_token(token), revoked_at=None, expires_at__gt=now)
        .first()
    )
    if link is not None and record_visit:
        ShareLink.objects.filter(pk=link.pk).update(last_opened_at=now, open_count=F("open_count") + 1)
    return link
