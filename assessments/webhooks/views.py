"""An organisation's webhooks (owners only): register, read the secret and the delivery log, delete."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from assessments.access import get_organisation_for_user
from assessments.models import Organisation, Role
from assessments.webhooks import registry, service
from assessments.webhooks.forms import WebhookForm
from assessments.webhooks.models import Attempt, Event, Webhook

LOG_PAGE_SIZE = 50


def _webhook(request: HttpRequest, pk: int, hook_pk: int) -> tuple[Organisation, Webhook]:
    organisation = get_organisation_for_user(request, pk, Role.OWNER)
    return organisation, get_object_or_404(Webhook, organisation=organisation, pk=hook_pk)


@login_required
@require_http_methods(["GET", "POST"])
def webhook_list(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, pk, Role.OWNER)
    form = WebhookForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        hook = registry.create_webhook(
            organisation=organisation,
            user=request.user,
            url=form.cleaned_data["url"],
            events=form.cleaned_data["events"],
        )
        messages.success(request, gettext("Webhook added. Its signing secret is on this page."))
        return redirect("assessments:webhook-detail", organisation.pk, hook.pk)
    context = {
        "organisation": organisation,
        "webhooks": organisation.webhooks.all(),
        "form": form,
        "events": dict(Event.choices),
    }
    return render(request, "assessments/webhook_list.html", context, status=400 if form.errors else 200)


@login_required
def webhook_detail(request: HttpRequest, pk: int, hook_pk: int) -> HttpResponse:
    organisation, hook = _webhook(request, pk, hook_pk)
    attempts = (
        Attempt.objects.filter(delivery__webhook=hook).select_related("delivery").order_by("-sent_at", "-pk")
    )
    page = Paginator(attempts, LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    queued = hook.deliveries.filter(status="queued", attempts__isnull=True).count()
    context = {
        "organisation": organisation,
        "webhook": hook,
        "page": page,
        "queued": queued,
        "events": dict(Event.choices),
        "max_attempts": service.MAX_ATTEMPTS,
    }
    return render(request, "assessments/webhook_detail.html", context)


@login_required
@require_POST
def webhook_delete(request: HttpRequest, pk: int, hook_pk: int) -> HttpResponse:
    organisation, hook = _webhook(request, pk, hook_pk)
    registry.delete_webhook(webhook=hook, user=request.user)
    messages.success(request, gettext("The webhook was deleted; nothing more is sent to it."))
    return redirect("assessments:webhook-list", organisation.pk)
