"""The boundary charter: start from the advice, edit, sign, compare versions, export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from assessments import languages, services
from assessments.access import (
    STALE_MESSAGE,
    get_assessment_for_user,
    get_charter_for_user,
    get_organisation_for_user,
)
from assessments.charter import export as charter_export
from assessments.charter import forms as charter_forms
from assessments.charter import presenters as charter_presenters
from assessments.charter import rules as charter_rules
from assessments.charter import services as charters
from assessments.models import Role
from assessments.presenters.activity import activity_rows
from assessments.security.limits import allows_form_fields

AGREED_MESSAGE = gettext_lazy("This charter is agreed and read-only. Start a new version to change it.")
SIGN_STALE_MESSAGE = gettext_lazy(
    "The charter changed since you opened it, so nothing was signed. Read this version, then sign it."
)


@login_required
@require_POST
def charter_start(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request, pk, Role.EDITOR)
    if not assessment.is_complete or "matrix" not in (assessment.result or {}):
        raise Http404("Only a completed assessment with a responsibility matrix starts a charter")
    charter = charters.start_charter(assessment=assessment, user=request.user)
    if charter.source_assessment_id != assessment.pk:
        messages.info(request, gettext("A draft charter was already open, so you are continuing it."))
    return redirect("assessments:charter-edit", charter.pk)


@login_required
def charter_list(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, pk)
    versions = list(organisation.charters.order_by("-number"))
    events = activity_rows(organisation.events.about_charters()[:200])
    context = {"organisation": organisation, "versions": versions, "events": events}
    return render(request, "assessments/charter_list.html", context)


@login_required
def charter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    charter = get_charter_for_user(request, pk)
    organisation = charter.organisation
    latest = (
        organisation.assessments.completed()
        .only("pk", "organisation", "result")
        .order_by("-completed_at", "-pk")
        .first()
    )
    signatures = list(charter.signatures.all())
    context = {
        "charter": charter,
        "organisation": organisation,
        "matrix": charter_presenters.matrix_view(charter.content, charter.advice),
        "drift": charter_presenters.drift(charter, latest),
        **charter_presenters.signing_state(
            charter, signatures, charters.signatories(organisation), request.user
        ),
    }
    return render(request, "assessments/charter_detail.html", context)


@allows_form_fields(charter_forms.FORM_FIELDS_LIMIT)  # one input per cell, up to the largest charter
@login_required
@require_http_methods(["GET", "POST"])
def charter_edit(request: HttpRequest, pk: int) -> HttpResponse:
    charter = get_charter_for_user(request, pk, Role.EDITOR)
    if charter.is_agreed:
        messages.info(request, AGREED_MESSAGE)
        return redirect(charter)
    form = charter_forms.CharterForm(
        request.POST or None, content=charter.content, initial={"version": charter.version}
    )
    if request.method == "POST" and form.is_valid():
        try:
            changes = charters.update_charter(
                charter=charter,
                content=form.new_content,
                expected_version=form.cleaned_data["version"],
                user=request.user,
            )
        except services.StaleEdit:
            form.add_error(None, STALE_MESSAGE)
        except charters.CharterLocked:
            messages.info(request, AGREED_MESSAGE)
            return redirect(charter)
        else:
            messages.success(request, charter_presenters.saved_message(len(changes)))
            return redirect(charter)
    grid = charter_presenters.editor_grid(form, charter.advice)
    context = {"charter": charter, "organisation": charter.organisation, "form": form, "grid": grid}
    context["limits"] = {
        "roles": charter_forms.MAX_ROLES, "rows": charter_forms.MAX_ROWS, "forums": charter_forms.MAX_FORUMS
    }  # fmt: skip
    context["messages_live"] = {  # the rules' own sentences, for the live check as people type ({count} kept)
        "no_a": gettext(charter_rules.MSG_NO_A), "many_a": gettext(charter_rules.MSG_MANY_A),
        "no_r": gettext(charter_rules.MSG_NO_R), "letters": gettext(charter_rules.MSG_LETTERS),
    }  # fmt: skip
    context |= charter_presenters.editor_sections(form)
    return render(request, "assessments/charter_edit.html", context)


@login_required
@require_POST
def charter_sign(request: HttpRequest, pk: int) -> HttpResponse:
    charter = get_charter_for_user(request, pk, Role.EDITOR)
    try:
        seen_version = int(request.POST.get("version", ""))
    except ValueError:
        seen_version = 0  # a form without the version signs nothing: the text seen is unknown
    try:
        agreed = charters.sign_charter(charter=charter, user=request.user, seen_version=seen_version)
    except services.StaleEdit:
        messages.error(request, SIGN_STALE_MESSAGE)
    except charters.CharterLocked:
        messages.info(request, gettext("This charter was already agreed; your signature is not needed."))
    except charters.CharterNotReady:
        messages.error(
            request, gettext("Some rows break a rule, so the charter cannot be signed yet. Edit it first.")
        )
    else:
        messages.success(request, charter_presenters.signed_message(agreed))
    return redirect(charter)


@login_required
@require_POST
def charter_new_version(request: HttpRequest, pk: int) -> HttpResponse:
    charter = get_charter_for_user(request, pk, Role.EDITOR)
    try:
        draft = charters.new_version(charter=charter, user=request.user)
    except charters.CharterLocked:
        messages.info(
            request, gettext("Only an agreed charter starts a new version; this one is still a draft.")
        )
        return redirect(charter)
    return redirect("assessments:charter-edit", draft.pk)


@login_required
@require_http_methods(["GET", "POST"])
def charter_delete(request: HttpRequest, pk: int) -> HttpResponse:
    charter = get_charter_for_user(request, pk, Role.OWNER)
    organisation = charter.organisation
    if request.method == "POST":
        charters.delete_charter(charter=charter, user=request.user)
        messages.success(
            request,
            gettext("Version {number} of the boundary charter was deleted.").format(number=charter.number),
        )
        return redirect("assessments:charter-list", organisation.pk)
    return render(
        request, "assessments/charter_confirm_delete.html", {"charter": charter, "organisation": organisation}
    )


@login_required
def charter_compare(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, pk)
    versions = list(organisation.charters.order_by("number"))
    if len(versions) < 2:
        messages.info(request, gettext("Comparing needs two versions of the boundary charter."))
        return redirect("assessments:charter-list", organisation.pk)
    by_number = {charter.number: charter for charter in versions}
    try:
        first = by_number[int(request.GET.get("a", versions[-2].number))]
        second = by_number[int(request.GET.get("b", versions[-1].number))]
    except (KeyError, ValueError):
        raise Http404("Choose two versions of this organisation's charter") from None
    changes = charter_rules.compare(first.content, second.content, languages.wording())
    context = {
        "organisation": organisation,
        "versions": versions,
        "first": first,
        "second": second,
        "changes": changes,
    }
    return render(request, "assessments/charter_compare.html", context)


@login_required
def charter_export_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    charter = get_charter_for_user(request, pk)
    return charter_export.xlsx_response(charter, list(charter.signatures.all()))


@login_required
def charter_export_csv(request: HttpRequest, pk: int) -> HttpResponse:
    charter = get_charter_for_user(request, pk)
    return charter_export.csv_response(charter)
