"""Members, invitations, raters, share links and the activity log."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import dateformat, timezone
from django.views.decorators.http import require_http_methods, require_POST

from assessments import services, teams
from assessments.access import STALE_MESSAGE, get_assessment_for_user, get_organisation_for_user
from assessments.engine import PANEL_RULE, QUESTION_BY_KEY, ValidationFailed
from assessments.forms import InviteForm, RaterForm, RoleForm, ShareForm, VersionedForm, settle_form_class
from assessments.models import ROLE_RANK, Assessment, Membership, Organisation, Rating, Role, ShareLink
from assessments.panel_forms import RatingsDueForm
from assessments.presenters.activity import activity_rows
from assessments.presenters.panel import panel_combinations, panel_rows
from assessments.questionnaire_views import draft_gone, review_rows, run_step, step_context
from assessments.services import StaleEdit, disagreeing_answers, missing_steps, panel_for
from caio import limits


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
    if limits.exceeded(request, "invite", "user"):
        form.add_error(None, "You have sent many invitations in a short time. Wait an hour, then try again.")
        return None, 429
    if limits.exceeded(request, "invite_recipient", limits.fixed(email.lower())):
        form.add_error("email", "This address has been sent several invitations recently. Try again later.")
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
        messages.error(request, "Choose owner, editor or viewer.")
    else:
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
                request, "That member's role was changed elsewhere meanwhile; here is the current list."
            )
        else:
            messages.success(request, f"{membership.user.get_username()} is now {form.cleaned_data['role']}.")
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
        messages.success(request, f"{membership.user.get_username()} was removed from the organisation.")
    if membership.user == request.user and membership.pk is None:
        return redirect("assessments:organisation-list")
    return redirect("assessments:members", pk)


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, pk, Role.OWNER)
    invitation = get_object_or_404(organisation.invitations, pk=invitation_pk)
    teams.revoke_invitation(invitation=invitation, user=request.user)
    messages.success(
        request, f"The invitation of {invitation.email} was withdrawn; its link no longer works."
    )
    return redirect("assessments:members", pk)


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    try:
        pending = teams.pending_invitation(token)
    except teams.Refused as exc:
        return render(request, "assessments/invitation.html", {"problem": str(exc)}, status=410)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('login')}?next={request.path}")
        try:
            membership = teams.accept(
                token=token, user=request.user, upgrade=request.POST.get("upgrade") == "1"
            )
        except teams.Refused as exc:
            return render(request, "assessments/invitation.html", {"problem": str(exc)}, status=410)
        name, joined_as = pending.organisation.name, membership.get_role_display().lower()
        messages.success(request, f"You have joined “{name}” as {joined_as}.")
        return redirect(pending.organisation)
    role = teams.current_role(pending.organisation, request.user)
    context = {
        "invitation": pending,
        "next": request.path,
        "current_role": Role(role).label.lower() if role else None,
        "raises": role is not None and ROLE_RANK[Role(pending.role)] > ROLE_RANK[Role(role)],
    }
    return render(request, "assessments/invitation.html", context)


@login_required
def activity(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, pk, Role.OWNER)
    events = activity_rows(organisation.events.all()[:500])
    return render(request, "assessments/activity.html", {"organisation": organisation, "events": events})


# --- the panel of raters ----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def panel(request: HttpRequest, pk: int) -> HttpResponse:
    # Raters of any role work from here; it shows submitted ratings, never the draft's own answers.
    assessment = get_assessment_for_user(request, pk, draft_at_least=Role.VIEWER)
    ratings = list(assessment.ratings.select_related("rater"))
    mine = next((r for r in ratings if r.rater_id == request.user.pk), None)
    can_edit = assessment.role in {Role.OWNER, Role.EDITOR}
    members = (
        get_user_model()
        .objects.filter(memberships__organisation=assessment.organisation)
        .order_by("username")
    )
    form = RaterForm(request.POST or None, members=members)
    if request.method == "POST":
        if not can_edit:
            return HttpResponse(status=403)
        if assessment.is_complete:
            messages.error(
                request, "This assessment is complete, so its panel is closed. Re-assess to ask again."
            )
            return redirect("assessments:panel", pk)
        if form.is_valid():
            try:
                teams.request_rating(
                    assessment=assessment,
                    rater=form.cleaned_data["rater"],
                    label=form.cleaned_data["label"],
                    user=request.user,
                    link=_rating_link(request, pk),
                )
            except teams.Refused as exc:
                form.add_error("rater", str(exc))
            else:
                messages.success(request, f"{form.cleaned_data['rater'].get_username()} is asked to rate.")
                return redirect("assessments:panel", pk)
    # Raters see the others' answers only once they have submitted their own.
    reveal = mine is None or mine.is_submitted
    spread = panel_for(assessment) if reveal else None
    context = {
        "assessment": assessment,
        "organisation": assessment.organisation,
        "ratings": ratings,
        "mine": mine,
        "can_edit": can_edit and not assessment.is_complete,
        "form": form,
        "due_form": RatingsDueForm(initial={"due_on": assessment.ratings_due_on}),
        "today": timezone.localdate(),
        "reveal": reveal,
        "panel": spread,
        "panel_rule": PANEL_RULE,
        "rows": panel_rows(
            spread, settle_forms=can_edit and not assessment.is_complete, version=assessment.version
        )
        if spread
        else [],
        "panel_combinations": panel_combinations(spread),
    }
    return render(request, "assessments/panel.html", context, status=400 if form.errors else 200)


def _rating_link(request: HttpRequest, pk: int) -> str:
    return request.build_absolute_uri(reverse("assessments:rating-step", args=[pk, "footprint"]))


@login_required
@require_POST
def panel_start(request: HttpRequest, pk: int) -> HttpResponse:
    """From a result: start (or reopen) the draft re-assessment and go to its panel to ask colleagues."""
    organisation = get_organisation_for_user(request, pk, Role.EDITOR)
    had_draft = organisation.assessments.filter(status=Assessment.Status.DRAFT).exists()
    assessment = services.start_assessment(organisation=organisation, user=request.user)
    messages.info(
        request,
        "Raters cannot be added to a completed assessment, so they rate the open draft. Ask them below."
        if had_draft
        else "Raters cannot be added to a completed assessment, so a new assessment was started. "
        "Ask your colleagues to rate it below.",
    )
    return redirect("assessments:panel", assessment.pk)


@login_required
@require_POST
def panel_remind(request: HttpRequest, pk: int, rating_pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request, pk, Role.EDITOR)
    rating = get_object_or_404(assessment.ratings.select_related("rater"), pk=rating_pk)
    try:
        teams.remind_rater(rating=rating, user=request.user, link=_rating_link(request, pk))
    except teams.Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"A reminder is on its way to {rating.rater.get_username()}.")
    return redirect("assessments:panel", pk)


@login_required
@require_POST
def panel_due(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request, pk, Role.EDITOR)
    form = RatingsDueForm(request.POST)
    if not form.is_valid():
        problems = " ".join(str(error) for errors in form.errors.values() for error in errors)
        messages.error(request, f"The due date was not changed. {problems}")
        return redirect("assessments:panel", pk)
    try:
        teams.set_ratings_due(assessment=assessment, due_on=form.cleaned_data["due_on"], user=request.user)
    except teams.Refused as exc:
        messages.error(request, str(exc))
        return redirect("assessments:panel", pk)
    if assessment.ratings_due_on:
        due = dateformat.format(assessment.ratings_due_on, "j F Y")
        messages.success(request, f"Raters are now asked to submit their ratings by {due}.")
    else:
        messages.success(request, "The raters have no due date now.")
    return redirect("assessments:panel", pk)


@login_required
@require_POST
def panel_settle(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    assessment = get_assessment_for_user(request, pk, Role.EDITOR)
    question = QUESTION_BY_KEY.get(key)
    if question is None or assessment.is_complete:
        raise Http404("No such question to settle")
    form = settle_form_class(question)(request.POST, prefix=key)
    if not form.is_valid():
        problems = " ".join(str(error) for errors in form.errors.values() for error in errors)
        messages.error(request, f"{question.label}: {problems}")
    else:
        try:
            teams.settle(
                assessment=assessment,
                key=key,
                value=form.cleaned_data["value"],
                user=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except StaleEdit:
            messages.error(request, STALE_MESSAGE)
        else:
            messages.success(request, f"Settled: {question.label}")
    return redirect("assessments:panel", pk)


@login_required
@require_POST
def panel_use(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request, pk, Role.EDITOR)
    form = VersionedForm(request.POST)
    if assessment.is_complete or not form.is_valid():
        raise Http404("Nothing to apply")
    try:
        teams.use_panel_answers(
            assessment=assessment, user=request.user, expected_version=form.cleaned_data["version"]
        )
    except teams.Refused as exc:
        messages.error(request, str(exc))
        return redirect("assessments:panel", pk)
    except StaleEdit:
        messages.error(request, STALE_MESSAGE)
        return redirect("assessments:panel", pk)
    messages.success(request, "The panel's answers are now the assessment's answers. Check them and score.")
    return redirect("assessments:assessment-review", pk)


def _get_rating_for_rater(request: HttpRequest, pk: int) -> Rating:
    # A rater must still be a member: removing someone from the organisation ends their access here too.
    user = request.user
    assert user.is_authenticated  # login_required
    return get_object_or_404(
        Rating.objects.select_related("assessment__organisation").filter(
            rater=user, assessment__organisation__memberships__user=user
        ),
        assessment_id=pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def rating_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    try:
        rating = _get_rating_for_rater(request, pk)
    except Http404:
        if gone := draft_gone(request):
            return gone
        raise
    if rating.assessment.is_complete:
        if gone := draft_gone(request):
            return gone
        messages.info(request, "This assessment is complete, so its ratings are kept as they were given.")
        return redirect("assessments:panel", pk)
    if rating.is_submitted:
        messages.info(request, "You have submitted your rating; it is kept as you gave it.")
        return redirect("assessments:panel", pk)
    return run_step(request, target=rating, pk=pk, step=step, kind="rating")


@login_required
@require_http_methods(["GET", "POST"])
def rating_review(request: HttpRequest, pk: int) -> HttpResponse:
    rating = _get_rating_for_rater(request, pk)
    if rating.is_submitted or rating.assessment.is_complete:
        return redirect("assessments:panel", pk)
    form = VersionedForm(request.POST or None, initial={"version": rating.version})
    gaps = missing_steps(rating)
    if request.method == "POST" and form.is_valid() and not gaps:
        try:
            teams.submit_rating(rating=rating, expected_version=form.cleaned_data["version"])
        except StaleEdit:
            form.add_error(None, STALE_MESSAGE)
        except (teams.Refused, ValidationFailed) as exc:
            form.add_error(None, f"Some answers need attention: {exc}")
        else:
            messages.success(request, "Your rating is submitted. You can now see how the others answered.")
            return redirect("assessments:panel", pk)
    context = {
        "form": form,
        "rows": review_rows(rating, pk, "rating"),
        "gaps": gaps,
        "disagreements": disagreeing_answers(rating),
        **step_context(rating, pk, "review", "rating"),
    }
    return render(request, "assessments/assessment_review.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def share_links(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request, pk, Role.EDITOR)
    if not assessment.is_complete:
        raise Http404("Only results can be shared")
    form = ShareForm(request.POST or None)
    new_link = None
    if request.method == "POST" and form.is_valid():
        _link, token = teams.share(assessment=assessment, user=request.user, days=form.cleaned_data["days"])
        new_link = request.build_absolute_uri(reverse("shared-results", args=[token]))
        form = ShareForm()
    context = {
        "assessment": assessment,
        "organisation": assessment.organisation,
        "links": assessment.share_links.select_related("created_by"),
        # A link outlives its creator's membership: the page says whose links those are.
        "member_ids": set(assessment.organisation.memberships.values_list("user_id", flat=True)),
        "now": timezone.now(),
        "form": form,
        "new_link": new_link,
    }
    return render(request, "assessments/share_links.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def share_revoke(request: HttpRequest, pk: int, link_pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request, pk, Role.EDITOR)
    link = get_object_or_404(
        ShareLink.objects.select_related("assessment__organisation", "created_by"),
        pk=link_pk,
        assessment=assessment,
    )
    if request.method == "GET":
        # Asked first, on a page of its own, so it works without JavaScript: a revoked link cannot come back.
        return render(
            request, "assessments/share_revoke_confirm.html", {"assessment": assessment, "link": link}
        )
    teams.revoke_share(link=link, user=request.user)
    messages.success(request, "The link was revoked: it stops working now.")
    return redirect("assessments:share-links", pk)
