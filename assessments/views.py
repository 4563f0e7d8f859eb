from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from assessments import languages, services
from assessments.access import STALE_MESSAGE, get_assessment_for_user, get_organisation_for_user
from assessments.charter import presenters as charter_presenters
from assessments.engine import (
    METHODOLOGY_VERSION,
    ValidationFailed,
    get_method,
    is_legacy,
)
from assessments.models import Assessment, Organisation, PaperSize, Role
from assessments.presenters.answers import form_initial
from assessments.presenters.history import compare_url, comparison, score_history_chart
from assessments.presenters.methodology import methodology_context
from assessments.presenters.results import results_parts
from assessments.questionnaire.forms import AssessmentNameForm, ImportForm, OrganisationForm, ScenarioForm
from assessments.security import limits


def methodology(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "assessments/methodology.html",
        methodology_context(get_method(METHODOLOGY_VERSION)),
    )


LIST_PAGE_SIZE = 25


def _organisation_page(request: HttpRequest) -> Any:
    organisations = (
        Organisation.objects.for_user(request.user)
        .with_latest_result()
        .with_my_rating(request.user)
        .order_by("name", "pk")
    )
    return Paginator(organisations, LIST_PAGE_SIZE).get_page(request.GET.get("page"))


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "assessments/organisation_list.html",
        {"page": _organisation_page(request), "import_form": ImportForm()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = {field: form.cleaned_data[field] for field in OrganisationForm.Meta.fields}
        organisation = services.create_organisation(user=request.user, **fields)
        messages.success(
            request,
            gettext("“{name}” created. Start its first assessment when you are ready.").format(
                name=organisation.name
            ),
        )
        return redirect(organisation)
    return render(request, "assessments/organisation_form.html", {"form": form})


PROFILE_SAVES_PAUSED = gettext_lazy(
    "You have saved this profile many times in a short time. Your changes are still on this page: wait a "
    "minute, then save again."
)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, pk, Role.EDITOR)
    form = OrganisationForm(
        request.POST or None, instance=organisation, initial={"version": organisation.version}
    )
    limited = False
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data[field] for field in OrganisationForm.Meta.fields}
        # Every save renders the organisation's reports again: a bounded number per person and minute.
        if limited := limits.exceeded_in_any_burst(request, "profile", limits.person):
            form.add_error(None, PROFILE_SAVES_PAUSED)
        else:
            try:
                services.update_organisation(
                    organisation=organisation,
                    data=data,
                    expected_version=form.cleaned_data["version"] or 0,
                    user=request.user,
                )
            except services.StaleEdit:
                form.add_error(None, STALE_MESSAGE)
            else:
                messages.success(request, gettext("Organisation profile saved."))
                return redirect(organisation)
    context = {"form": form, "organisation": organisation}
    response = render(request, "assessments/organisation_form.html", context, status=429 if limited else 200)
    if limited:
        response["Retry-After"] = limits.retry_after("profile")
    return response


@login_required
@require_http_methods(["GET", "POST"])
def organisation_delete(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, pk, Role.OWNER)
    if request.method == "POST":
        name = organisation.name
        services.delete_organisation(organisation=organisation, user=request.user)
        messages.success(request, gettext("“{name}” and its assessments were deleted.").format(name=name))
        return redirect("assessments:organisation-list")
    counts = organisation.assessments.aggregate(total=Count("pk"))
    return render(
        request, "assessments/organisation_confirm_delete.html", {"organisation": organisation, **counts}
    )


HISTORY_PAGE_SIZE = 25
CHART_POINTS = 24  # the score-over-time chart and the compare menus show the latest completed ones


@login_required
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, pk)
    # The history table shows none of the JSON documents, so they are not loaded.
    rows = organisation.assessments.defer("answers", "pending", "result", "settled").order_by(
        "-created_at", "-pk"
    )
    page = Paginator(rows, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    recent = list(
        rows.filter(status=Assessment.Status.COMPLETED).order_by("-completed_at", "-pk")[:CHART_POINTS]
    )
    return render(
        request,
        "assessments/organisation_detail.html",
        {
            "organisation": organisation,
            "page": page,
            "recent": recent,
            # The main button opens the one open draft when there is one (services.start_assessment).
            "has_draft": rows.filter(status=Assessment.Status.DRAFT).exists(),
            "chart": score_history_chart(recent),
            "chart_points": CHART_POINTS,
            "current_version": METHODOLOGY_VERSION,
        },
    )


@login_required
@require_POST
def assessment_start(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, pk, Role.EDITOR)
    assessment = services.start_assessment(organisation=organisation, user=request.user)
    return redirect("assessments:assessment-step", assessment.pk, assessment.step)


@login_required
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request, pk, draft_at_least=Role.VIEWER)  # only redirects
    if not assessment.is_complete and not Role(assessment.role).can_edit:
        messages.info(
            request, gettext("That assessment is still a draft; its results appear here once it is scored.")
        )
        return redirect(assessment.organisation)
    return redirect(assessment)


@login_required
def assessment_results(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request, pk)
    if not assessment.is_complete:
        messages.info(request, gettext("This assessment is not finished yet; carry on where you left off."))
        return redirect(assessment)
    context = {
        "assessment": assessment,
        "organisation": assessment.organisation,
        "result": assessment.result,
        # Once a charter is agreed, each obligation names the charter's accountable role (as the PDF does).
        "results": results_parts(
            assessment, adjust=charter_presenters.agreed_charter_roles(assessment.organisation)
        ),
        "paper_sizes": PaperSize.choices,
        "form": ScenarioForm(initial=form_initial(assessment.answers)),
        "outdated": assessment.methodology_version != METHODOLOGY_VERSION,
        "current_version": METHODOLOGY_VERSION,
        # A retired method's stored texts are not in the catalogues: the page says they stay in English.
        "legacy_in_english": is_legacy(assessment.result or {}) and languages.active() != "en",
    }
    return render(request, "assessments/assessment_results.html", context)


@login_required
@require_POST
def assessment_rescore(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request, pk, Role.EDITOR)
    if not assessment.is_complete:
        raise Http404("Only a completed assessment can be re-scored")
    if limited := limits.work_exceeded(request, organisation_id=assessment.organisation_id):
        return limits.too_many(request, limits.WORK_PAUSED, limit=limited)
    fresh = services.rescore_assessment(assessment=assessment, user=request.user)
    messages.success(
        request,
        gettext("Re-scored under method version {version}; the earlier result is kept.").format(
            version=fresh.methodology_version
        ),
    )
    return redirect(compare_url(assessment.organisation_id, assessment.pk, fresh.pk))


@login_required
@require_http_methods(["GET", "POST"])
def assessment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request, pk, Role.EDITOR)
    if request.method == "POST":
        organisation = assessment.organisation
        services.delete_assessment(assessment=assessment, user=request.user)
        messages.success(
            request,
            gettext("The assessment was deleted. The organisation and its other assessments are unchanged."),
        )
        return redirect(organisation)
    return render(request, "assessments/assessment_confirm_delete.html", {"assessment": assessment})


@login_required
def assessment_export(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request, pk)
    payload = services.export_document(assessment)
    name = slugify(assessment.organisation.name) or "organisation"
    response = JsonResponse(payload, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = (
        f'attachment; filename="{name}-caio-assessment-{assessment.scored_date:%Y-%m-%d}.json"'
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def assessment_import(request: HttpRequest) -> HttpResponse:
    if limited := limits.work_exceeded(request):
        return limits.too_many(request, limits.WORK_PAUSED, limit=limited)
    form = ImportForm(request.POST, request.FILES)
    errors: list[Any] = []
    if form.is_valid():
        try:
            document = services.load_document(form.cleaned_data["file"])
        except ValidationFailed as exc:
            errors = exc.errors
        else:
            assessment = services.import_assessment(user=request.user, document=document)
            messages.success(
                request,
                gettext("Imported an assessment for “{name}”.").format(name=assessment.organisation.name),
            )
            return redirect(assessment)
    return render(
        request,
        "assessments/organisation_list.html",
        {"page": _organisation_page(request), "import_form": form, "import_errors": errors},
        status=400,
    )


@login_required
def assessment_compare(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, pk)
    completed = list(organisation.assessments.completed().order_by("completed_at", "pk"))
    if len(completed) < 2:
        messages.info(request, gettext("Comparison needs two completed assessments of this organisation."))
        return redirect(organisation)
    by_id = {a.pk: a for a in completed}
    try:
        chosen = [by_id[int(request.GET.get("a", completed[-2].pk))]]
        chosen.append(by_id[int(request.GET.get("b", completed[-1].pk))])
    except (KeyError, ValueError):
        raise Http404("Choose two completed assessments of this organisation") from None
    # "Earlier" and "later" follow the dates, whichever menu each was picked in.
    first, second = sorted(chosen, key=lambda a: (a.scored_date, a.pk))
    context = {"organisation": organisation, "completed": completed, "first": first, "second": second}
    if first.pk == second.pk:
        return render(request, "assessments/assessment_compare.html", {**context, "same": True})
    return render(request, "assessments/assessment_compare.html", {**context, **comparison(first, second)})


@login_required
@require_http_methods(["GET", "POST"])
def assessment_rename(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request, pk, Role.EDITOR)
    form = AssessmentNameForm(request.POST or None, instance=assessment)
    if request.method == "POST" and form.is_valid():
        services.rename_assessment(assessment=assessment, name=form.cleaned_data["name"], user=request.user)
        messages.success(request, gettext("Name saved.") if assessment.name else gettext("Name removed."))
        return redirect(assessment.organisation)
    return render(request, "assessments/assessment_rename.html", {"form": form, "assessment": assessment})
