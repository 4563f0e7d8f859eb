"""An organisation's domain rules, for its owners."""

from __future__ import annotations

import re

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.validators import RegexValidator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from assessments.access import get_organisation_for_user
from assessments.models import Role
from assessments.sso import services
from assessments.sso.models import DomainRule
from assessments.team.services import Refused

DOMAIN = RegexValidator(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$",
    gettext_lazy("Enter a domain such as example.com, without @ or https://."),
    flags=re.IGNORECASE,
)


class DomainRuleForm(forms.Form):
    domain = forms.CharField(label=gettext_lazy("E-mail domain"), max_length=253, validators=[DOMAIN])
    role = forms.ChoiceField(
        label=gettext_lazy("Joins as"),
        choices=[(Role.VIEWER, Role.VIEWER.label), (Role.EDITOR, Role.EDITOR.label)],
    )

    def clean_domain(self) -> str:
        return self.cleaned_data["domain"].strip().lower().removeprefix("@")


@login_required
@require_http_methods(["GET", "POST"])
def domain_rules(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, pk, Role.OWNER)
    form = DomainRuleForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.add_rule(organisation=organisation, user=request.user, **form.cleaned_data)
        except Refused as exc:
            form.add_error("domain", str(exc))
            status = 400
        else:
            messages.success(request, gettext("The rule was added."))
            return redirect("sso:domain-rules", pk=organisation.pk)
    elif request.method == "POST":
        status = 400
    context = {
        "organisation": organisation,
        "rules": DomainRule.objects.filter(organisation=organisation),
        "form": form,
        "domains": sorted(services.verified_domains(request.user)),
    }
    return render(request, "sso/domain_rules.html", context, status=status)


@login_required
@require_POST
def domain_rule_delete(request: HttpRequest, pk: int, rule_pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, pk, Role.OWNER)
    get_object_or_404(DomainRule, organisation=organisation, pk=rule_pk).delete()
    messages.success(request, gettext("The rule was removed."))
    return redirect("sso:domain-rules", pk=organisation.pk)
