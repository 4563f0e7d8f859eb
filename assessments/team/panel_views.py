"""A panel of raters: asking colleagues, their own questionnaires, and settling where they disagree."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from assessments import languages, people, services
from assessments.access import (
    STALE_MESSAGE,
    get_assessment_for_user,
    get_organisation_for_user,
    get_panel_for_user,
    get_rating_for_rater,
)
from assessments.engine import PANEL_RULE, QUESTION_BY_KEY, Question, ValidationFailed
from assessments.models import Assessment, Role
from assessments.presenters.answers import form_value
from assessments.presenters.panel import SettleForm, panel_combinations, panel_rows
from assessments.questionnaire.forms import RaterForm, VersionedForm, settle_form_class
from assessments.questionnaire.steps import autosave, draft_gone, review_rows, run_step, step_context
from assessments.services import StaleEdit, disagreeing_answers, missing_steps, panel_for
from assessments.team import services as teams
from assessments.team.panel_forms import RatingsDueForm

ASKING_CLOSED = gettext_lazy("This assessment is complete, so its panel is closed. Re-assess to ask again.")
RATING_KEPT = gettext_lazy("You have submitted your rating; it is kept as you gave it.")


@login_required
@require_http_methods(["GET", "POST"])
def panel(request: HttpRequest, pk: int) -> HttpResponse:
    # Raters of any role work from here; it shows submitted ratings, never the draft's own answers.
    # Asking someone to rate (the POST) is for editors or better.
    at_least = Role.EDITOR if request.method == "POST" else Role.VIEWER
    assessment = get_panel_for_user(request, pk, at_least)
    members = get_user_model().objects.filter(memberships__organisation=assessment.organisation)
    form = RaterForm(request.POST or None, members=members.order_by("username"))
    if request.method == "POST":
        if assessment.is_complete:
            messages.error(request, ASKING_CLOSED)
            return redirect("assessments:panel", pk)
        if form.is_valid() and _ask(request, assessment, form):
            return redirect("assessments:panel", pk)
    context = _panel_context(request, assessment, form)
    return render(request, "assessments/panel.html", context, status=400 if form.errors else 200)


def _ask(request: HttpRequest, assessment: Assessment, form: RaterForm) -> bool:
    """Put the chosen member on the panel; False (with the reason on the form) when refused."""
    rater = form.cleaned_data["rater"]
    try:
        teams.request_rating(
            assessment=assessment,
            rater=rater,
            label=form.cleaned_data["label"],
            user=request.user,
            link=_rating_link(request, assessment.pk),
        )
    except teams.Refused as exc:
        form.add_error("rater", str(exc))
        return False
    messages.success(request, gettext("{rater} is asked to rate.").format(rater=people.display_name(rater)))
    return True


def _panel_context(request: HttpRequest, assessment: Assessment, form: RaterForm) -> dict[str, Any]:
    ratings = list(assessment.ratings.select_related("rater"))
    mine = next((r for r in ratings if r.rater_id == request.user.pk), None)
    can_edit = Role(assessment.role).can_edit and not assessment.is_complete
    # Raters see the others' answers only once they have submitted their own.
    reveal = mine is None or mine.is_submitted
    spread = panel_for(assessment) if reveal else None
    return {
        "assessment": assessment,
        "organisation": assessment.organisation,
        "ratings": ratings,
        "mine": mine,
        "can_edit": can_edit,
        "form": form,
        "due_form": RatingsDueForm(initial={"due_on": assessment.ratings_due_on}),
        "today": timezone.localdate(),
        "reveal": reveal,
        "panel": spread,
        "panel_rule": PANEL_RULE,
        "rows": panel_rows(spread, settle_form=_settle_form(assessment.version) if can_edit else None),
        "panel_combinations": panel_combinations(spread),
    }


def _settle_form(version: int) -> SettleForm:
    """The form an editor settles one disagreement with, at the assessment's `version`."""

    def settle_form(key: str, question: Question, consolidated: Any) -> VersionedForm:
        initial = {"version": version, "value": form_value(question, consolidated)}
        return settle_form_class(question)(initial=initial, prefix=key)

    return settle_form


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
        gettext(
            "Raters cannot be added to a completed assessment, so they rate the open draft. Ask them below."
        )
        if had_draft
        else gettext(
            "Raters cannot be added to a completed assessment, so a new assessment was started. "
            "Ask your colleagues to rate it below."
        ),
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
        messages.success(
            request,
            gettext("A reminder is on its way to {rater}.").format(rater=people.display_name(rating.rater)),
        )
    return redirect("assessments:panel", pk)


def _form_problems(form: Any) -> str:
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


@login_required
@require_POST
def panel_due(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request, pk, Role.EDITOR)
    form = RatingsDueForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, gettext("The due date was not changed. {problems}").format(problems=_form_problems(form))
        )
        return redirect("assessments:panel", pk)
    try:
        teams.set_ratings_due(assessment=assessment, due_on=form.cleaned_data["due_on"], user=request.user)
    except teams.Refused as exc:
        messages.error(request, str(exc))
        return redirect("assessments:panel", pk)
    if assessment.ratings_due_on:
        due = formats.date_format(assessment.ratings_due_on, "DATE_FORMAT")
        messages.success(
            request, gettext("Raters are now asked to submit their ratings by {date}.").format(date=due)
        )
    else:
        messages.success(request, gettext("The raters have no due date now."))
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
        messages.error(
            request,
            gettext("{question}: {problems}").format(
                question=gettext(question.label), problems=_form_problems(form)
            ),
        )
        return redirect("assessments:panel", pk)
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
        messages.success(request, gettext("Settled: {question}").format(question=gettext(question.label)))
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
    except (teams.Refused, StaleEdit) as exc:
        messages.error(request, str(exc) if isinstance(exc, teams.Refused) else STALE_MESSAGE)
        return redirect("assessments:panel", pk)
    messages.success(
        request, gettext("The panel's answers are now the assessment's answers. Check them and score.")
    )
    return redirect("assessments:assessment-review", pk)


# --- a rater's own questionnaire -----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def rating_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    rating = get_rating_for_rater(request, pk)
    if rating.assessment.is_complete:
        messages.info(
            request, gettext("This assessment is complete, so its ratings are kept as they were given.")
        )
        return redirect("assessments:panel", pk)
    if rating.is_submitted:
        messages.info(request, RATING_KEPT)
        return redirect("assessments:panel", pk)
    return run_step(request, target=rating, pk=pk, step=step, kind="rating")


@login_required
@require_POST
def rating_autosave(request: HttpRequest, pk: int, step: str) -> JsonResponse:
    try:
        rating = get_rating_for_rater(request, pk)
    except Http404:
        return draft_gone()
    if rating.assessment.is_complete:
        return draft_gone(scored=True)
    if rating.is_submitted:
        return JsonResponse({"saved": False, "message": str(RATING_KEPT)}, status=409)
    return autosave(request, target=rating, step=step, kind="rating")


@login_required
@require_http_methods(["GET", "POST"])
def rating_review(request: HttpRequest, pk: int) -> HttpResponse:
    rating = get_rating_for_rater(request, pk)
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
            form.add_error(
                None,
                gettext("Some answers need attention: {problems}").format(
                    problems=languages.problems_text(exc)
                ),
            )
        else:
            messages.success(
                request, gettext("Your rating is submitted. You can now see how the others answered.")
            )
            return redirect("assessments:panel", pk)
    context = {
        "form": form,
        "rows": review_rows(rating, pk, "rating"),
        "gaps": gaps,
        "disagreements": disagreeing_answers(rating),
        **step_context(rating, pk, "review", "rating"),
    }
    return render(request, "assessments/assessment_review.html", context)
