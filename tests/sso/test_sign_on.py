"""Single sign-on: providers from the environment, the sign-in page, LOCAL_PASSWORDS=0, domain rules, SAML."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from assessments.models import Membership
from assessments.sso import services
from assessments.sso.models import DomainRule
from caio import sso as config
from tests.factories import PASSWORD, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

OIDC = {"openid_connect": {"APPS": [{"provider_id": "corp", "name": "Corp ID", "client_id": "c", "secret": "s",
        "settings": {"server_url": "https://login.corp.example/realms/staff"}}]}}  # fmt: skip

# A self-signed certificate, only to build the service provider's metadata (no network is used).
CERT = "MIIBszCCAVmgAwIBAgIUJg4M2u1qQy3Gm4t8ZlK2R2v2hJ8wCgYIKoZIzj0EAwIwEjEQMA4GA1UEAwwHdGVzdC1pZHAwHhcNMjYwMTAxMDAwMDAw"


def test_one_provider_from_the_oidc_variables():
    apps = config.oidc_apps(
        {
            "OIDC_ISSUER_URL": "https://accounts.google.com/",
            "OIDC_CLIENT_ID": "id",
            "OIDC_CLIENT_SECRET": "x",
            "OIDC_NAME": "Google",
            "OIDC_ID": "google",
        }  # fmt: skip
    )
    assert apps == [{"provider_id": "google", "name": "Google", "client_id": "id", "secret": "x",
                     "settings": {"server_url": "https://accounts.google.com"}}]  # fmt: skip


def test_several_providers_from_oidc_providers_json():
    raw = '[{"id": "entra", "name": "Entra ID", "issuer": "https://login.microsoftonline.com/t/v2.0", ' \
          '"client_id": "a", "secret": "b"}, {"id": "kc", "issuer": "https://kc.example/realms/x", ' \
          '"client_id": "c", "secret": "d"}]'  # fmt: skip
    assert [app["provider_id"] for app in config.oidc_apps({"OIDC_PROVIDERS": raw})] == ["entra", "kc"]


@pytest.mark.parametrize(
    "env, message",
    [
        ({"OIDC_PROVIDERS": "{not json"}, "not JSON"),
        ({"OIDC_ISSUER_URL": "https://x.example"}, "lacks client_id, secret"),
        ({"OIDC_ISSUER_URL": "x.example", "OIDC_CLIENT_ID": "a", "OIDC_CLIENT_SECRET": "b"}, "http(s) URL"),
        ({"SAML_IDP_ENTITY_ID": "urn:x"}, "needs SAML_IDP_SSO_URL"),
    ],
)
def test_a_bad_provider_setting_stops_start_up_with_a_message(env, message):
    with pytest.raises(ImproperlyConfigured, match=message.replace("(", r"\(").replace(")", r"\)")):
        config.providers(env)


def test_the_login_page_offers_each_provider_and_lets_the_form_go_there(settings):
    settings.SOCIALACCOUNT_PROVIDERS = OIDC
    response = Client().get("/accounts/login/")
    text = response.content.decode()
    assert 'action="/sso/oidc/corp/login/"' in text and "Sign in with Corp ID" in text
    assert 'name="password"' in text  # local passwords still work
    assert "form-action 'self' https://login.corp.example" in response["Content-Security-Policy"]


def test_local_passwords_still_sign_in_and_axes_still_locks_out(alice, settings):
    settings.SOCIALACCOUNT_PROVIDERS = OIDC
    client = Client()
    for _ in range(4):
        assert client.post("/accounts/login/", {"username": "alice", "password": "wrong"}).status_code == 200
    assert client.post("/accounts/login/", {"username": "alice", "password": "wrong"}).status_code == 429
    assert client.post("/accounts/login/", {"username": "alice", "password": PASSWORD}).status_code == 429
    fresh = Client(REMOTE_ADDR="10.9.9.9")
    assert fresh.post("/accounts/login/", {"username": "alice", "password": PASSWORD}).status_code == 302


def test_with_local_passwords_off_only_single_sign_on_is_left(alice, settings):
    settings.SOCIALACCOUNT_PROVIDERS, settings.LOCAL_PASSWORDS = OIDC, False
    client = Client()
    page = client.get("/accounts/login/").content.decode()
    assert "Sign in with Corp ID" in page and 'name="password"' not in page
    assert client.post("/accounts/login/", {"username": "alice", "password": PASSWORD}).status_code == 403
    assert "_auth_user_id" not in client.session
    for url in ("/accounts/signup/", "/accounts/password_reset/", "/admin/login/"):
        assert client.get(url).status_code == (200 if url == "/admin/login/" else 404)
    assert client.post("/admin/login/", {"username": "alice", "password": PASSWORD}).status_code == 403


def test_a_saml_provider_publishes_its_metadata(settings):
    settings.SOCIALACCOUNT_PROVIDERS = config.providers(
        {
            "SAML_IDP_ENTITY_ID": "https://idp.example/saml",
            "SAML_IDP_SSO_URL": "https://idp.example/sso",
            "SAML_IDP_X509_CERT": CERT,
            "SAML_NAME": "Corp SAML",
            "SAML_ID": "corp",
        }  # fmt: skip
    )
    settings.ALLOWED_HOSTS = ["caio.example.com"]  # python3-saml wants a host name with a dot in its URLs
    response = Client(HTTP_HOST="caio.example.com").get("/sso/saml/corp/metadata/")
    assert response.status_code == 200
    assert b"EntityDescriptor" in response.content and b"/sso/saml/corp/acs/" in response.content
    assert (
        "Sign in with Corp SAML"
        in Client(HTTP_HOST="caio.example.com").get("/accounts/login/").content.decode()
    )


def _verified(user, email):
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)


def test_an_owner_adds_a_rule_only_for_a_domain_they_signed_in_with(alice_client, alice):
    organisation = OrganisationFactory(owner=alice)
    url = f"/organisations/{organisation.pk}/sign-on/"
    response = alice_client.post(url, {"domain": "example.com", "role": "viewer"})
    assert response.status_code == 400 and "not one of them" in response.content.decode()
    _verified(alice, "alice@example.com")
    assert alice_client.post(url, {"domain": "Example.com", "role": "editor"}).status_code == 302
    assert DomainRule.objects.get().domain == "example.com"
    assert "People from <strong>example.com</strong> join as editor" in alice_client.get(url).content.decode()
    response = alice_client.post(url, {"domain": "https://x", "role": "viewer"})
    assert "Enter a domain such as example.com" in response.content.decode()


def test_domain_rules_join_people_with_a_verified_address_once(alice):
    organisation = OrganisationFactory(owner=alice)
    DomainRule.objects.create(organisation=organisation, domain="example.com", role="viewer")
    pat, typed = UserFactory(username="pat", email="pat@example.com"), UserFactory(username="tim")
    _verified(pat, "pat@example.com")
    EmailAddress.objects.create(user=typed, email="tim@example.com", verified=False, primary=True)
    assert [m.role for m in services.apply_domain_rules(user=pat)] == ["viewer"]
    assert services.apply_domain_rules(user=pat) == []
    assert services.apply_domain_rules(user=typed) == []
    assert Membership.objects.filter(organisation=organisation).count() == 2


def test_saml_attribute_names_can_be_changed_one_by_one():
    apps = config.saml_apps(
        {"SAML_IDP_METADATA_URL": "https://idp.example/metadata", "SAML_ATTRIBUTE_EMAIL": "mail"}
    )
    mapping = apps[0]["settings"]["attribute_mapping"]
    assert mapping["email"] == "mail" and mapping["email_verified"] == [
        "http://schemas.auth0.com/email_verified"
    ]


def test_the_connections_page_offers_to_add_an_account_only_when_there_is_a_provider(alice_client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {}
    page = alice_client.get("/sso/").content.decode()
    assert "no third-party accounts connected" in page and "Add a Third-Party Account" not in page
    settings.SOCIALACCOUNT_PROVIDERS = OIDC
    page = alice_client.get("/sso/").content.decode()
    assert "Add a Third-Party Account" in page and "Corp ID" in page
