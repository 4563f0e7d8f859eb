"""The scenario explorer: change any answer of a result and see the advice that would follow, without saving.

A GET form, so it works without JavaScript and a scenario has a URL to share; static/js/scenario.js only
fetches the same page's fragment as the answers change. The stored result is never touched.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from assessments import services
from assessments.access import get_assessment_for_user
from assessments.engine import QUESTIONS, evaluate
from assessments.engine.questions import CONTEXT_KEYS
from assessments.models import Assessment, Role
from assessments.presenters.answers import form_initial
from assessments.presenters.results import result_blocks
from assessments.questionnaire.forms import ScenarioForm
from assessments.security import limits


def _completed(request: HttpRequest, pk: int, role: Role = Role.VIEWER) -> Assessment:
    assessment = get_assessment_for_user(request, pk, role)
    if not assessment.is_complete:
        raise Http404("Only a completed assessment has a result to explore")
    return assessment


def _with_situation(assessment: Assessment, answers: dict[str, Any]) -> dict[str, Any]:
    """The scenario's answers with the assessment's answers about laws and frameworks, which the explorer
    does not vary (they bring in obligations, not the article's tests)."""
    return {**{k: v for k, v in assessment.answers.items() if k in CONTEXT_KEYS}, **answers}


def scenario_context(assessment: Assessment, form: ScenarioForm) -> dict[str, Any]:
    """The scenario's result (scored by the engine, not stored) and which answers differ from the stored ones."""
    if not form.is_valid():
        return {"scenario": None}
    answers = form.cleaned_data["answers"]
    result = evaluate(_with_situation(assessment, answers))
    changed = [q.key for q in QUESTIONS if answers[q.key] != assessment.answers.get(q.key)]
    return {
        "scenario": {
            "answers": answers,
            "changed": changed,
            "changed_labels": [gettext(q.label) for q in QUESTIONS if q.key in changed],
        },
        **result_blocks(result),  # worded in the reader's language there
    }


@login_required
@require_GET
def scenario(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _completed(request, pk)
    form = ScenarioForm(request.GET or None, initial=form_initial(assessment.answers))
    context = {"assessment": assessment, "organisation": assessment.organisation, "form": form}
    context |= scenario_context(assessment, form)
    template = (
        "assessments/partials/_scenario_result.html"
        if request.GET.get("partial")
        else "assessments/scenario.html"
    )
    return render(request, template, context)


@login_required
@require_POST
def scenario_save(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _completed(request, pk, Role.EDITOR)
    form = ScenarioForm(request.POST)
    if not form.is_valid():
        context = {
            "assessment": assessment,
            "organisation": assessment.organisation,
            "form": form,
            "scenario": None,
        }
        return render(request, "assessments/scenario.html", context, status=400)
    if limited := limits.work_exceeded(request, organisation_id=assessment.organisation_id):
        # The scenario is shown again as it was typed, with its result: nothing the person chose is lost.
        context = {"assessment": assessment, "organisation": assessment.organisation, "form": form}
        context |= scenario_context(assessment, form) | {"paused": limits.WORK_PAUSED}
        response = render(request, "assessments/scenario.html", context, status=429)
        response["Retry-After"] = limits.retry_after(limited)
        return response
    fresh = services.save_scenario(
        assessment=assessment,
        answers=_with_situation(assessment, form.cleaned_data["answers"]),
        user=request.user,
    )
    messages.success(
        request, gettext("The scenario is saved as a new assessment; the result it started from is kept.")
    )
    return redirect(fresh)
