"""Who may see and do what: every view that touches an organisation's data loads it through here."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy

from assessments.models import Assessment, Charter, Organisation, OrganisationQuerySet, Rating, Role

STALE_MESSAGE = gettext_lazy(
    "This was changed elsewhere (another tab or device) since you opened it. Your input is still below: "
    "check the current values and save again."
)


def _require(role: str, at_least: Role, request: HttpRequest | None = None) -> None:
    # Members who may look but not do get 403; non-members never learn the object exists (404).
    if not Role(role).at_least(at_least):
        raise PermissionDenied
    # An API call with a read-only token reads, whatever its user's role.
    token = _token(request)
    if token is not None and not token.can_write and request is not None and request.method not in SAFE:
        raise PermissionDenied


SAFE = ("GET", "HEAD", "OPTIONS")


@runtime_checkable
class Token(Protocol):
    """What access needs of a personal API token (assessments.api.models.ApiToken). A protocol, not the model:
    the API's views import this module, so this module imports nothing of the API."""

    organisation_id: int
    can_write: bool


def _token(request: HttpRequest | None) -> Token | None:
    """The personal API token a request was authenticated with (REST framework sets `auth`), else None."""
    token = getattr(request, "auth", None)
    return token if isinstance(token, Token) else None


def _in_scope(request: HttpRequest, organisation_id: int) -> None:
    # A token acts as its user within one organisation: the others do not exist for it.
    token = _token(request)
    if token is not None and token.organisation_id != organisation_id:
        raise Http404("Outside the token's organisation")


def organisations_for(request: HttpRequest) -> OrganisationQuerySet:
    """The organisations the request may see: the user's, and for an API token only its own."""
    organisations = Organisation.objects.for_user(request.user)
    token = _token(request)
    return organisations if token is None else organisations.filter(pk=token.organisation_id)


def get_organisation_for_user(request: HttpRequest, pk: int, at_least: Role = Role.VIEWER) -> Organisation:
    organisation = get_object_or_404(Organisation.objects.for_user(request.user), pk=pk)
    _in_scope(request, organisation.pk)
    _require(organisation.role, at_least, request)
    return organisation


# A draft is work in progress: only those who may edit it see its answers, in every form (the questionnaire,
# the JSON export). Viewers see an assessment once it is scored.
DRAFT_READER = Role.EDITOR


def get_assessment_for_user(
    request: HttpRequest, pk: int, at_least: Role = Role.VIEWER, *, draft_at_least: Role = DRAFT_READER
) -> Assessment:
    """The assessment if the user's role allows `at_least`, and `draft_at_least` while it is a draft.

    Only views that show no draft answers pass a lower `draft_at_least` (the panel, through
    get_panel_for_user, and the detail URL, which only redirects).
    """
    assessment = get_object_or_404(
        Assessment.objects.for_user(request.user).select_related("organisation"), pk=pk
    )
    _in_scope(request, assessment.organisation_id)
    _require(assessment.role, at_least, request)
    if not assessment.is_complete:
        _require(assessment.role, draft_at_least)
    # Templates ask the organisation what the user may do, on every page alike.
    assessment.organisation.role = assessment.role
    return assessment


def get_panel_for_user(request: HttpRequest, pk: int, at_least: Role = Role.VIEWER) -> Assessment:
    """The assessment whose panel of raters the user may open: a draft's panel shows its raters' answers, so
    it is for editors and owners, and for the raters on it (whatever their role); a completed one's for all."""
    assessment = get_assessment_for_user(request, pk, at_least, draft_at_least=Role.VIEWER)
    if (
        not assessment.is_complete
        and not Role(assessment.role).at_least(DRAFT_READER)
        and not assessment.ratings.filter(rater_id=request.user.pk).exists()
    ):
        raise PermissionDenied
    return assessment


def get_charter_for_user(request: HttpRequest, pk: int, at_least: Role = Role.VIEWER) -> Charter:
    charter = get_object_or_404(Charter.objects.for_user(request.user).select_related("organisation"), pk=pk)
    _in_scope(request, charter.organisation_id)
    _require(charter.role, at_least, request)
    charter.organisation.role = charter.role
    return charter


def get_rating_for_rater(request: HttpRequest, pk: int) -> Rating:
    """The signed-in user's own rating of assessment `pk`; 404 for anyone else."""
    # A rater must still be a member: removing someone from the organisation ends their access here too.
    user = request.user
    if not user.is_authenticated:
        raise Http404("No rating")
    return get_object_or_404(
        Rating.objects.select_related("assessment__organisation").filter(
            rater=user, assessment__organisation__memberships__user=user
        ),
        assessment_id=pk,
    )
