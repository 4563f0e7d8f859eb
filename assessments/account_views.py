from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from assessments import account_data, languages, people
from assessments.engine import METHODOLOGY_VERSION, ValidationFailed, load_json
from assessments.forms import AccountForm, ImportForm


@login_required
def account_settings(request: HttpRequest) -> HttpResponse:
    """The account: the name colleagues see, with the way to the password and to the account's data."""
    user: Any = request.user  # signed in (login_required)
    form = AccountForm(request.POST or None, initial={"full_name": user.get_full_name()})
    if request.method == "POST" and form.is_valid():
        people.set_full_name(user=user, full_name=form.cleaned_data["full_name"])
        messages.success(request, gettext("Your name is saved."))
        return redirect("assessments:account")
    return render(request, "assessments/account.html", {"form": form})


@login_required
def account_data_page(request: HttpRequest) -> HttpResponse:
    return render(request, "assessments/account_data.html", {"form": ImportForm()})


@login_required
def account_export(request: HttpRequest) -> HttpResponse:
    response = JsonResponse(account_data.export_account(request.user), json_dumps_params={"indent": 2})
    stamp = timezone.now().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="caio-advisor-account-{stamp}.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def account_import(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST, request.FILES)
    errors: list[str] = []
    if form.is_valid():
        try:
            count = account_data.import_account(
                user=request.user, document=load_json(form.cleaned_data["file"])
            )
        except account_data.ImportRefused as exc:
            errors = [gettext(str(exc))]
        except ValidationFailed as exc:
            errors = [f"{e.field}: {languages.error_text(e)}" for e in exc.errors]
        else:
            messages.success(
                request,
                ngettext(
                    "Imported your data ({count} assessment in all). Completed assessments were scored again "
                    "from their answers under method {version}; results stored in the file are not used.",
                    "Imported your data ({count} assessments in all). Completed assessments were scored again "
                    "from their answers under method {version}; results stored in the file are not used.",
                    count,
                ).format(count=count, version=METHODOLOGY_VERSION),
            )
            return redirect("assessments:organisation-list")
    return render(request, "assessments/account_data.html", {"form": form, "errors": errors}, status=400)
