"""Personal API tokens on the account page: made with a name, organisation and access, shown once, revoked."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from assessments.api import tokens
from assessments.api.models import ApiToken
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def org(alice):
    return OrganisationFactory(owner=alice, name="Northwind Logistics")


def _make(client, org, access="read", name="Board dashboard"):
    return client.post("/account/tokens/", {"name": name, "organisation": org.pk, "access": access})


def test_a_new_token_is_shown_once_and_works(alice_client, org):
    response = _make(alice_client, org, access="write")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    token = re.search(r'id="new-token">([^<]+)<', response.content.decode()).group(1)
    assert "shown only this once" in response.content.decode()
    row = ApiToken.objects.get()
    assert row.can_write and row.organisation == org and row.token_hash == tokens.token_hash(token)
    page = alice_client.get("/account/data/").content.decode()
    assert token not in page and row.prefix in page and "Board dashboard" in page
    assert 'href="/api/docs/"' in page
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.get(f"/api/v1/organisations/{org.pk}/").json()["name"] == "Northwind Logistics"


def test_a_token_only_for_an_organisation_you_belong_to(alice_client, org, bob):
    bobs = OrganisationFactory(owner=bob, name="Bob Industries")
    response = _make(alice_client, bobs)
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_token_needs_a_name(alice_client, org):
    response = _make(alice_client, org, name="  ")
    assert response.status_code == 400 and "This field is required" in response.content.decode()


def test_revoking_a_token_stops_it_at_once(alice_client, alice, org):
    row, token = tokens.create_token(user=alice, organisation=org, name="ci", can_write=False)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.get("/api/v1/organisations/").status_code == 200
    response = alice_client.post(f"/account/tokens/{row.pk}/revoke/", follow=True)
    assert "The token “ci” was revoked." in response.content.decode()
    assert api.get("/api/v1/organisations/").status_code == 401
    assert "You have no API tokens." in alice_client.get("/account/data/").content.decode()


def test_someone_elses_token_cannot_be_revoked(bob_client, alice, org):
    row, _token = tokens.create_token(user=alice, organisation=org, name="ci", can_write=False)
    assert bob_client.post(f"/account/tokens/{row.pk}/revoke/").status_code == 404
    assert ApiToken.objects.live().filter(pk=row.pk).exists()


def test_the_token_section_is_translated(alice, org):
    from assessments import languages

    languages.remember(user=alice, language="de")
    client = Client()
    client.force_login(alice)
    page = client.get("/account/data/").content.decode()
    assert "API-Token" in page and "Token erstellen" in page
