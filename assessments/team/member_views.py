"""Members and invitations of an organisation, and its activity log (owners only)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from assessments import people
from assessments.access import get_organisation_for_user
from assessments.models import ROLE_IN_SENTENCE, Membership, Organisation, Role
from assessments.presenters.activity import activity_rows
from assessments.questionnaire.forms import InviteForm, RoleForm
from assessments.security import limits
from assessments.services import StaleEdit
from assessments.team import services as teams


@login_required
@require_http_methods(["GET", "POST"])
def members(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, pk, Role.OWNER)
    form = InviteForm(request.POST or None)
    new_link, status = None, 200
    if request.method == "POST" and form.is_valid():
        new_link, status = _invite(request, organisation, form)
        if new_link:
            form = InviteForm()
    context = {
        "organisation": organisation,
        "memberships": organisation.memberships.select_related("user").order_by("user__username"),
        "invitations": organisation.invitations.filter(accepted_at=None, revoked_at=None),
        "form": form,
        "new_link": new_link,
        "roles": Role.choices,
    }
    return render(
        request, "assessments/members.html", context, status=400 if status == 200 and form.errors else status
    )


def _invite(request: HttpRequest, organisation: Organisation, form: InviteForm) -> tuple[str | None, int]:
    """Send the invitation the form describes: (the new link, 200), or (None, status) with a form error."""
    email = form.cleaned_data["email"]
    # Sign-up is free, so an account's own limit multiplies with accounts: a new one gets a smaller limit,
    # and the organisation and the client's address one each, whoever sends.
    joined = getattr(request.user, "date_joined", None)
    new_account = joined is not None and timezone.now() - joined < timedelta(hours=settings.NEW_ACCOUNT_HOURS)
    if new_account and limits.exceeded_in_any_burst(request, "invite_new_account", limits.person):
        form.add_error(
            None,
            gettext(
                "A new account can send only a few invitations in its first {hours} hours. Try again later."
            ).format(hours=settings.NEW_ACCOUNT_HOURS),
        )
        return None, 429
    if limits.exceeded_in_any_burst(request, "invite", limits.person) or limits.exceeded_in_any_burst(
        request, "invite_ip", limits.client_ip
    ):
        form.add_error(
            None, gettext("You have sent many invitations in a short time. Wait an hour, then try again.")
        )
        return None, 429
    if limits.exceeded_in_any_burst(request, "invite_organisation", limits.fixed(f"org:{organisation.pk}")):
        form.add_error(
            None,
            gettext(
                "This organisation has sent many invitations in a short time. Wait an hour, then try again."
            ),
        )
        return None, 429
    if limits.exceeded_in_any_burst(request, "invite_recipient", limits.fixed(email.lower())):
        form.add_error(
            "email", gettext("This address has been sent several invitations recently. Try again later.")
        )
        return None, 429
    try:
        _invitation, link = teams.invite(
            organisation=organisation,
            user=request.user,
            email=email,
            role=form.cleaned_data["role"],
            link_for=lambda token: request.build_absolute_uri(reverse("invitation", args=[token])),
        )
    except teams.Refused as exc:
        form.add_error("email", str(exc))
        return None, 400
    return link, 200


def _membership(request: HttpRequest, pk: int, member_pk: int) -> Membership:
    organisation = get_organisation_for_user(request, pk, Role.OWNER)
    return get_object_or_404(organisation.memberships.select_related("user", "organisation"), pk=member_pk)


@login_required
@require_POST
def member_role(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    membership = _membership(request, pk, member_pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Choose owner, editor or viewer."))
        return redirect("assessments:members", pk)
    try:
        teams.change_role(
            membership=membership,
            role=form.cleaned_data["role"],
            user=request.user,
            expected_version=form.cleaned_data["version"],
        )
    except teams.Refused as exc:
        messages.error(request, str(exc))
    except StaleEdit:
        messages.error(
            request, gettext("That member's role was changed elsewhere meanwhile; here is the current list.")
        )
    else:
        role = ROLE_IN_SENTENCE[form.cleaned_data["role"]]
        messages.success(
            request,
            gettext("{member} is now {role}.").format(member=people.display_name(membership.user), role=role),
        )
    return redirect("assessments:members", pk)


@login_required
@require_POST
def member_remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    membership = _membership(request, pk, member_pk)
    try:
        teams.remove_member(membership=membership, user=request.user)
    except teams.Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            gettext("{member} was removed from the organisation.").format(
                member=people.display_name(membership.user)
            ),
        )
    if membership.user == request.user and membership.pk is None:
        return redirect("assessments:organisation-list")
    return redirect("assessments:members", pk)


@login_required
@require_http_methods(["GET", "POST"])
def invitation_revoke(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    """GET asks for confirmation on a page of its own (no script needed); POST withdraws."""
    organisation = get_organisation_for_user(request, pk, Role.OWNER)
    invitation = get_object_or_404(organisation.invitations, pk=invitation_pk)
    if request.method == "GET" or invitation.accepted_at or invitation.revoked_at:
        context = {"organisation": organisation, "invitation": invitation}
        return render(request, "assessments/invitation_revoke_confirm.html", context)
    teams.revoke_invitation(invitation=invitation, user=request.user)
    messages.success(
        request,
        gettext("The invitation of {email} was withdrawn; its link no longer works.").format(
            email=invitation.email
        ),
    )
    return redirect("assessments:members", pk)


@never_cache  # it shows the invited address, and its URL is the token: no cache may keep it
@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    try:
        pending = teams.pending_invitation(token)
    except teams.Refused as exc:
        return render(request, "assessments/invitation.html", {"problem": str(exc)}, status=410)
    if request.method == "POST":
        return _accept(request, token, pending.organisation)
    role = teams.current_role(pending.organisation, request.user)
    context = {
        "invitation": pending,
        "next": request.path,
        "current_role": ROLE_IN_SENTENCE[role] if role else None,
        "raises": role is not None and not Role(role).at_least(Role(pending.role)),
    }
    return render(request, "assessments/invitation.html", context)


def _accept(request: HttpRequest, token: str, organisation: Organisation) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect(f"{reverse('login')}?next={request.path}")
    try:
        membership = teams.accept(token=token, user=request.user, upgrade=request.POST.get("upgrade") == "1")
    except teams.Refused as exc:
        return render(request, "assessments/invitation.html", {"problem": str(exc)}, status=410)
    joined_as = ROLE_IN_SENTENCE[membership.role]
    messages.success(
        request, gettext("You have joined “{name}” as {role}.").format(name=organisation.name, role=joined_as)
    )
    return redirect(organisation)


@login_required
def activity(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, pk, Role.OWNER)
    events = activity_rows(organisation.events.all()[:500])
    return render(request, "assessments/activity.html", {"organisation": organisation, "events": events})
