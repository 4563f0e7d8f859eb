"""The questionnaire of an assessment's own answers: its steps, autosave, review and the number echo.

The step machinery is shared with a rater's questionnaire (team/panel_views.py) and lives in steps.py.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessments import languages, services
from assessments.access import STALE_MESSAGE, get_assessment_for_user
from assessments.engine import QUESTION_BY_KEY, ValidationFailed
from assessments.models import Role
from assessments.questionnaire.forms import VersionedForm, echo_text, read_answer
from assessments.questionnaire.steps import autosave, draft_gone, review_rows, run_step, step_context


@login_required
@require_http_methods(["GET", "POST"])
def assessment_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    assessment = get_assessment_for_user(request, pk, Role.EDITOR)
    if assessment.is_complete:
        messages.info(
            request,
            gettext(
                "This assessment is complete; its answers are kept as they were scored. Re-assess to change them."
            ),
        )
        return redirect(assessment)
    return run_step(request, target=assessment, pk=pk, step=step, kind="assessment")


@login_required
@require_POST
def assessment_autosave(request: HttpRequest, pk: int, step: str) -> JsonResponse:
    try:
        assessment = get_assessment_for_user(request, pk, Role.EDITOR)
    except Http404:
        return draft_gone()
    if assessment.is_complete:
        return draft_gone(scored=True)
    return autosave(request, target=assessment, step=step, kind="assessment")


@login_required
@require_http_methods(["GET", "POST"])
def assessment_review(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request, pk, Role.EDITOR)
    if assessment.is_complete:
        return redirect(assessment)
    form = VersionedForm(request.POST or None, initial={"version": assessment.version})
    gaps = services.missing_steps(assessment)
    if request.method == "POST" and form.is_valid() and not gaps:
        try:
            services.complete_assessment(
                assessment=assessment, expected_version=form.cleaned_data["version"], user=request.user
            )
        except services.StaleEdit:
            form.add_error(None, STALE_MESSAGE)
        except ValidationFailed as exc:
            form.add_error(
                None,
                gettext("Some answers need attention: {problems}").format(
                    problems=languages.problems_text(exc)
                ),
            )
        else:
            messages.success(request, gettext("Assessment complete. Here is the recommendation."))
            return redirect(assessment)
    return render(
        request,
        "assessments/assessment_review.html",
        {
            "form": form,
            "rows": review_rows(assessment, pk, "assessment"),
            "gaps": gaps,
            "disagreements": services.disagreeing_answers(assessment),
            **step_context(assessment, pk, "review", "assessment"),
        },
    )


@login_required
@require_GET
def read_answer_view(request: HttpRequest, key: str) -> JsonResponse:
    """What a number box's text reads as, for the echo next to it; the same parser as the save."""
    question = QUESTION_BY_KEY.get(key)
    if question is None or question.kind not in {"whole", "number"}:
        raise Http404("No such number question")
    value, problem = read_answer(question, request.GET.get("text", "")[:200])
    if problem:
        return JsonResponse({"echo": "", "message": problem})
    return JsonResponse({"echo": echo_text(question, value), "message": ""})
