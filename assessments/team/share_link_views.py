"""Read-only share links of a result: made and revoked by editors (the shared pages are shared_views)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from assessments.access import get_assessment_for_user
from assessments.models import Role, ShareLink
from assessments.questionnaire.forms import ShareForm
from assessments.team import services as teams


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
    messages.success(request, gettext("The link was revoked: it stops working now."))
    return redirect("assessments:share-links", pk)
