"""The pages scripts/lighthouse.sh measures, one per page type, on a database built as the browser tests' world
(tests/e2e/world.py): writes `<name> <who> <path>` rows (who: the demo owner, cora a viewer, rhea a rater who
has not answered, or nobody) and each person's session cookie. Run through `manage.py shell`, on a throwaway
database only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from assessments.models import Assessment, Charter, Invitation, Membership, Role, ShareLink
from assessments.team.services import request_rating
from assessments.webhooks.models import Webhook
from tests.e2e.world import build


def _cookie(username: str) -> str:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def pages(world: dict[str, Any]) -> list[tuple[str, str, str]]:
    org, latest, user = world["organisation"], world["latest"], world["user"]
    draft = Assessment.objects.get(organisation=org, completed_at__isnull=True)
    charter_draft = Charter.objects.filter(organisation=org).latest("number")
    hook = Webhook.objects.get(organisation=org)
    link = ShareLink.objects.filter(assessment=latest).first()
    invitation = Invitation.objects.filter(organisation=org).first()
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    o, a = f"/organisations/{org.pk}", f"/assessments/{latest.pk}"
    return [
        ("api-docs", "-", "/api/docs/"),
        ("audit-trail", "demo", f"{o}/audit/"),
        ("webhooks", "demo", f"{o}/webhooks/"),
        ("webhook-deliveries", "demo", f"{o}/webhooks/{hook.pk}/"),
        ("sign-on-rules", "demo", f"{o}/sign-on/"),
        ("results-obligations", "demo", world["obligations_path"]),
        ("account-data-tokens", "demo", "/account/data/"),
        ("organisation-new", "demo", "/organisations/new/"),
        ("organisation-edit", "demo", f"{o}/edit/"),
        ("organisation-delete", "demo", f"{o}/delete/"),
        ("review", "demo", f"/assessments/{draft.pk}/review/"),
        ("scenario", "demo", f"{a}/scenario/"),
        ("rename", "demo", f"{a}/name/"),
        ("assessment-delete", "demo", f"{a}/delete/"),
        ("charter-list", "demo", f"{o}/charters/"),
        ("charter-compare", "demo", f"{o}/charters/compare/"),
        ("charter-delete", "demo", f"/charters/{charter_draft.pk}/delete/"),
        ("share-revoke", "demo", f"{a}/share/{link.pk}/revoke/"),
        ("invitation-withdraw", "demo", f"{o}/invitations/{invitation.pk}/withdraw/"),
        ("invitation", "-", world["invitation_path"]),
        ("rating-step", "rhea", f"/assessments/{draft.pk}/rating/step/footprint/"),
        ("rating-review", "rhea", f"/assessments/{draft.pk}/rating/review/"),
        ("password-change", "demo", "/accounts/password_change/"),
        ("password-change-done", "demo", "/accounts/password_change/done/"),
        ("password-reset", "-", "/accounts/password_reset/"),
        ("password-reset-done", "-", "/accounts/password_reset/done/"),
        ("password-reset-confirm", "-", f"/accounts/reset/{uid}/{default_token_generator.make_token(user)}/"),
        ("password-reset-bad-link", "-", f"/accounts/reset/{uid}/0-0/"),
        ("password-reset-complete", "-", "/accounts/reset/done/"),
        ("sso-connections", "demo", "/sso/"),
        ("sso-cancelled", "-", "/sso/login/cancelled/"),
        ("error-401-sso", "-", "/sso/login/error/"),
        ("error-404-shared", "-", "/shared/no-such-token/"),
        ("error-404", "demo", "/no-such-page/"),
        ("error-403", "cora", f"{o}/edit/"),
    ]


def _rater(world: dict[str, Any]) -> None:
    """Rhea, a viewer asked to rate the draft who has not answered yet (the demo's raters have)."""
    rhea = get_user_model().objects.create_user(username="rhea", email="rhea@example.com", first_name="Rhea")
    Membership.objects.create(organisation=world["organisation"], user=rhea, role=Role.VIEWER)
    draft = Assessment.objects.get(organisation=world["organisation"], completed_at__isnull=True)
    request_rating(assessment=draft, rater=rhea, label="COO", user=world["user"])


def write(path: str) -> None:
    world = build()
    _rater(world)
    here = Path(path).parent
    (here / "cookies.tsv").write_text(
        "".join(f"{name}\t{_cookie(name)}\n" for name in ("demo", "cora", "rhea"))
    )
    Path(path).write_text("".join("\t".join(row) + "\n" for row in pages(world)))
