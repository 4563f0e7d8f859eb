"""A person signs in through a real OpenID Connect provider (tests/idp, its own process) and is audited."""

from __future__ import annotations

import json
from typing import Any

from django.test import override_settings
from playwright.sync_api import expect

from assessments.audit.models import ACCOUNT_CHAIN, AuditEntry
from assessments.models import Membership
from assessments.sso.models import DomainRule
from tests.e2e.conftest import assert_accessible
from tests.factories import OrganisationFactory, UserFactory
from tests.sso.provider import running_provider


def _providers(issuer: str, client_id: str, secret: str) -> dict[str, Any]:
    app = {"provider_id": "test-idp", "name": "Test Identity", "client_id": client_id, "secret": secret,
           "settings": {"server_url": issuer}}  # fmt: skip
    return {"openid_connect": {"APPS": [app], "OAUTH_PKCE_ENABLED": True}}


def test_a_person_signs_in_with_the_provider_joins_by_domain_and_is_in_the_audit_trail(
    page, live_server, tmp_path
):
    organisation = OrganisationFactory(name="Northwind Logistics")
    DomainRule.objects.create(organisation=organisation, domain="example.com", role="viewer")
    callback = f"{live_server.url}/sso/oidc/test-idp/login/callback/"
    with (
        running_provider(tmp_path, redirect_uri=callback) as idp,
        override_settings(SOCIALACCOUNT_PROVIDERS=_providers(idp.issuer, idp.client_id, idp.secret)),
    ):
        page.goto(f"{live_server.url}/accounts/login/")
        assert_accessible(page)
        page.get_by_role("button", name="Sign in with Test Identity").click()
        # Now at the provider, on its own sign-in page.
        page.wait_for_url(f"{idp.issuer}/**")
        page.locator("input[name=login]").fill(idp.username)
        page.locator("input[name=password]").fill(idp.password)
        page.locator("form button[type=submit]").last.click()
        page.wait_for_url(f"{live_server.url}/organisations/**")
        expect(page.get_by_role("heading", name="Organisations")).to_be_visible()
        expect(page.get_by_text("Northwind Logistics")).to_be_visible()

    membership = Membership.objects.get(organisation=organisation, user__username=idp.username)
    assert membership.user.email == idp.email and membership.role == "viewer"
    sign_in = AuditEntry.objects.get(chain=ACCOUNT_CHAIN, action="signed_in")
    assert sign_in.actor_id == membership.user_id
    assert json.loads(sign_in.changes)["method"][1] == "single sign-on: Test Identity (test-idp)"
    joined = AuditEntry.objects.get(
        chain=organisation.pk,
        action="created",
        object_type="assessments.membership",
        object_label=idp.username,
    )
    assert json.loads(joined.changes)["role"] == [None, "viewer"] and joined.actor_id == membership.user_id


def test_a_provider_asserting_a_local_accounts_address_does_not_sign_into_that_account(
    page, live_server, tmp_path
):
    local = UserFactory(username="patricia", email="pat@example.com")
    callback = f"{live_server.url}/sso/oidc/test-idp/login/callback/"
    with (
        running_provider(tmp_path, redirect_uri=callback) as idp,
        override_settings(SOCIALACCOUNT_PROVIDERS=_providers(idp.issuer, idp.client_id, idp.secret)),
    ):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_role("button", name="Sign in with Test Identity").click()
        page.wait_for_url(f"{idp.issuer}/**")
        page.locator("input[name=login]").fill(idp.username)
        page.locator("input[name=password]").fill(idp.password)
        page.locator("form button[type=submit]").last.click()
        page.wait_for_url(f"{live_server.url}/sso/signup/")
        # Asked for an account of their own, in the app's layout; the local account stays its owner's.
        expect(page.get_by_role("link", name="CAIO Advisor").first).to_be_visible()
        expect(page.get_by_label("Email")).to_have_value(idp.email)
        assert_accessible(page)
        page.get_by_label("Email").fill("pat.sso@example.org")
        page.get_by_role("button", name="Sign Up").click()
        page.wait_for_url(f"{live_server.url}/organisations/**")
    assert not AuditEntry.objects.filter(action="signed_in", actor_id=local.pk).exists()
    assert AuditEntry.objects.get(action="signed_in").object_label == "pat"
