"""The questionnaire's steps, their autosave and review rows: one machinery for an assessment's own answers
(questionnaire/views.py) and a rater's (team/panel_views.py), so both follow the same form and rules."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext, gettext_lazy

from assessments import services
from assessments.engine import PAGES, QUESTIONS, STEP_SLUGS
from assessments.models import Assessment, Rating
from assessments.presenters.answers import answer_text
from assessments.questionnaire.forms import AnswerStepForm, initial_for_step, read_answer
from assessments.questionnaire.guidance import regulation_note
from assessments.questionnaire.presenters import NOT_ANSWERED, answer_rows, progress
from assessments.security import limits


def _step_url(kind: str, pk: int, step: str) -> str:
    """The URL of a questionnaire step of an assessment ("assessment") or of one rater's answers ("rating")."""
    if step == "review":
        return reverse(f"assessments:{kind}-review", args=[pk])
    return reverse(f"assessments:{kind}-step", args=[pk, step])


def step_context(target: Assessment | Rating, pk: int, current: str, kind: str) -> dict[str, Any]:
    assessment = target.assessment if isinstance(target, Rating) else target
    return {
        "assessment": assessment,
        "rating": target if isinstance(target, Rating) else None,
        "steps": progress(current, lambda slug: _step_url(kind, pk, slug)),
        "current_step": current,
        "autosave_url": reverse(f"assessments:{kind}-autosave", args=[pk, current])
        if current != "review"
        else "",
        "regulation_note": regulation_note(assessment.organisation.region),
    }


def review_rows(target: Assessment | Rating, pk: int, kind: str) -> list[dict[str, Any]]:
    rows = answer_rows(target.answers, target.pending)
    return [{**row, "edit_url": _step_url(kind, pk, row["question"].step)} for row in rows]


def _step_target(step: str, action: str) -> str:
    """Where a step's button leads: Back to the previous step (or stays on the first), else onward."""
    index = PAGES.index(step)
    if action == "back":
        return PAGES[max(index - 1, 0)]
    return PAGES[index + 1]


AUTOSAVE_PAUSED = gettext_lazy(
    "Autosave is paused for a moment after many saves in a minute. Your answers are still on this page; "
    "press Save and continue to save them now."
)
STEP_PAUSED = gettext_lazy(
    "Many saves in a minute, so this one was not saved. Your answers are still on this page: wait a minute, "
    "then save again."
)
DRAFT_GONE = gettext_lazy(
    "This draft no longer exists: it was deleted or scored meanwhile. Your answers are still on this page; "
    "copy anything you need before leaving."
)
AUTOSAVE_STALE = gettext_lazy(
    "This draft was changed elsewhere (another tab or device), so autosave stopped. Your answers are still "
    "on this page: press Save and continue to see the saved answers beside yours and choose."
)
CONFLICT_MESSAGE = gettext_lazy(
    "This step was changed elsewhere (another tab or device) since you opened it. Where the saved answer "
    "differs from yours, both are shown: choose which to keep for each, then save again."
)
STALE_SAME_MESSAGE = gettext_lazy(
    "This draft was changed elsewhere (another tab or device) since you opened it, but no answer on this "
    "step differs from yours. Save again to keep them."
)


def draft_gone(*, scored: bool = False) -> JsonResponse:
    """What autosave answers when its draft is gone: 410 once it was scored, else 404 like any unknown draft."""
    return JsonResponse({"saved": False, "message": str(DRAFT_GONE)}, status=410 if scored else 404)


def _posted_version(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return 0  # matches no row, so the save is refused as stale rather than applied blindly


def _saved_text(target: Assessment | Rating, question: Any) -> str | None:
    """What the step's box would hold for the saved answer (None when there is none)."""
    if question.key in target.pending:
        return str(target.pending[question.key])
    if question.key not in target.answers:
        return None
    return str(initial_for_step(question.step, target.answers, {})[question.key])


def _with_choices(data: QueryDict, target: Assessment | Rating, step: str) -> QueryDict:
    """The posted answers, with the saved answer in place of the typed one wherever the person chose it."""
    data = data.copy()
    for question in QUESTIONS:
        if question.step == step and data.get(f"keep-{question.key}") == "saved":
            saved = _saved_text(target, question)
            if saved is None:
                data.pop(question.key, None)
            else:
                data[question.key] = saved
    return data


def _same(question: Any, one: str, other: str) -> bool:
    """Two box texts that mean the same answer ("$4,200,000" and "4200000" do)."""
    if one.strip() == other.strip():
        return True
    if question.kind in {"whole", "number"}:
        first, second = read_answer(question, one)[0], read_answer(question, other)[0]
        return first is not None and first == second
    return False


def _conflict_form(data: QueryDict, target: Assessment | Rating, step: str) -> AnswerStepForm:
    """After a save from a stale tab: the person's input, the saved answers beside it, the current version.

    Three texts per answer: as this page loaded it (`was-<key>`), as the person left it, as saved now. Only an
    answer changed both elsewhere and here, differently, is a conflict; one changed only elsewhere is taken
    as saved, one changed only here is kept.
    """
    target.refresh_from_db()
    data = data.copy()
    data["version"] = str(target.version)
    baseline: dict[str, str] = {}
    contested = set()
    for question in QUESTIONS:
        if question.step != step:
            continue
        saved, was = _saved_text(target, question) or "", data.get(f"was-{question.key}")
        mine = str(data.get(question.key, ""))
        baseline[question.key] = saved
        if was is None:  # a page from before the loaded texts were sent: compare with the saved answer only
            contested.add(question.key)
        elif not _same(question, saved, was) and _same(question, mine, was):
            if saved:
                data[question.key] = saved  # changed elsewhere only: take it
            else:
                data.pop(question.key, None)
        elif not _same(question, saved, was):
            contested.add(question.key)
    form = AnswerStepForm(data, step=step, known_answers=target.answers)
    form.loaded = baseline
    form.is_valid()
    typed = form.valid_answers()
    for question in form.questions:
        if question.key not in contested:
            continue
        if question.key in typed and question.key in target.answers:
            differs = typed[question.key] != target.answers[question.key]
        else:
            differs = baseline[question.key] != str(data.get(question.key, "")).strip()
        if differs:
            form.conflicts[question.key] = _saved_words(target, question)
    form.add_error(None, CONFLICT_MESSAGE if form.conflicts else STALE_SAME_MESSAGE)
    return form


def _saved_words(target: Assessment | Rating, question: Any) -> str:
    if question.key in target.pending:
        return str(target.pending[question.key])
    if question.key in target.answers:
        return answer_text(question.key, target.answers[question.key])
    return str(NOT_ANSWERED)


def _step_form(request: HttpRequest, target: Assessment | Rating, step: str) -> AnswerStepForm:
    if step not in STEP_SLUGS:
        raise Http404("No such step")
    return AnswerStepForm(
        _with_choices(request.POST, target, step) if request.method == "POST" else None,
        step=step,
        known_answers=target.answers,
        initial={"version": target.version, **initial_for_step(step, target.answers, target.pending)},
    )


def _save(
    request: HttpRequest,
    target: Assessment | Rating,
    step: str,
    form: AnswerStepForm,
    next_step: str,
    version: int | None = None,
) -> None:
    """Save the step's valid answers and keep the rest as typed; StaleEdit if it changed elsewhere (since the
    posted version, or `version`)."""
    services.save_step(
        assessment=target,
        step=step,
        values=form.valid_answers(),
        pending=form.pending_values(),
        next_step=next_step,
        expected_version=_posted_version(request) if version is None else version,
    )


def _saved_is_mine(data: Mapping[str, Any], target: Assessment | Rating, step: str) -> bool:
    """Whether the step as saved now already holds every answer this page sends. Then the change "elsewhere"
    was this page's own autosave, still on its way when the person pressed Save (or another tab typing the
    same): there is nothing to choose between, so the save goes through."""
    target.refresh_from_db()
    return all(
        _same(question, _saved_text(target, question) or "", str(data.get(question.key, "")))
        for question in QUESTIONS
        if question.step == step
    )


def run_step(
    request: HttpRequest, *, target: Assessment | Rating, pk: int, step: str, kind: str
) -> HttpResponse:
    """One questionnaire step, for an assessment's own answers or for one rater's: same form, same rules."""
    form = _step_form(request, target, step)
    action = request.POST.get("action", "next")
    # The same rate as autosave, counted apart: a person told autosave is paused can still press Save.
    if request.method == "POST" and limits.exceeded_in_any_burst(
        request, "autosave", limits.fixed(f"step:{kind}:{target.pk}")
    ):
        form.is_valid()
        form.add_error(None, STEP_PAUSED)
        context = {"form": form, **step_context(target, pk, step, kind)}
        response = render(request, "assessments/assessment_step.html", context, status=429)
        response["Retry-After"] = limits.retry_after("autosave")
        return response
    # Back never loses input: valid answers are saved, the rest is kept as typed.
    if request.method == "POST" and (form.is_valid() or action == "back"):
        next_step = _step_target(step, action)
        try:
            try:
                _save(request, target, step, form, next_step)
            except services.StaleEdit:
                if not _saved_is_mine(form.data, target, step):
                    raise
                _save(request, target, step, form, next_step, version=target.version)
        except services.StaleEdit:
            form = _conflict_form(request.POST, target, step)
        else:
            if action == "back" and next_step == step:
                messages.info(request, gettext("Saved. Resume any time from the organisation page."))
                assessment = target.assessment if isinstance(target, Rating) else target
                return redirect("assessments:organisation-detail", assessment.organisation_id)
            return redirect(_step_url(kind, pk, next_step))
    return render(
        request, "assessments/assessment_step.html", {"form": form, **step_context(target, pk, step, kind)}
    )


def autosave(request: HttpRequest, *, target: Assessment | Rating, step: str, kind: str) -> JsonResponse:
    """The step as it stands, saved for the page's script: valid answers saved, the rest kept as typed."""
    form = _step_form(request, target, step)
    if limits.exceeded_in_any_burst(request, "autosave", limits.fixed(f"{kind}:{target.pk}")):
        paused = JsonResponse({"saved": False, "message": str(AUTOSAVE_PAUSED)}, status=429)
        paused["Retry-After"] = "60"
        return paused
    form.is_valid()
    try:
        _save(request, target, step, form, step)
    except services.StaleEdit:
        return JsonResponse({"saved": False, "message": str(AUTOSAVE_STALE)}, status=409)
    # The time as the page writes times (formats.py: "H:i" in all three languages), in the site's time zone.
    saved_at = formats.time_format(timezone.localtime(), "H:i")
    return JsonResponse({"saved": True, "version": target.version, "saved_at": saved_at})
