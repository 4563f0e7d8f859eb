"""The pages outside any organisation (assessments/site/views.py and its templates): the home page, the friendly
403 and 404, and the description each public page gives search engines."""

from __future__ import annotations

import pytest

from tests.factories import OrganisationFactory, member

pytestmark = pytest.mark.django_db


def test_landing_page_explains_the_decision_and_offers_to_start(client):
    response = client.get("/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Do you need a Chief AI Officer, a CTO alone, or both?" in text
    assert "AI spending above $5M a year" in text
    assert "Start an assessment" in text
    assert 'href="/accounts/signup/"' in text


def test_landing_page_start_button_goes_to_new_organisation_when_signed_in(alice_client):
    assert 'href="/organisations/new/"' in alice_client.get("/").content.decode()


def test_unknown_page_shows_the_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_a_viewer_refused_an_owners_page_reads_why_in_the_sites_own_page(bob, bob_client):
    organisation = OrganisationFactory(name="Refusing Ltd")
    member(organisation, bob, "viewer")
    response = bob_client.get(f"/organisations/{organisation.pk}/edit/")
    assert response.status_code == 403
    text = response.content.decode()
    assert "<h1>Not allowed</h1>" in text
    assert "Your role in this organisation does not allow this." in text
    assert '<meta name="description"' in text


def test_the_benchmarks_yardstick_is_not_served_in_production(client):
    assert client.get("/bench/reference").status_code == 404


@pytest.mark.parametrize("language", ["en", "fr", "de"])
def test_every_public_page_describes_itself_to_search_engines_in_its_language(client, language):
    import re as _re

    found = {}
    for path in ("/", "/methodology/", "/accounts/login/", "/accounts/signup/", "/accounts/password_reset/"):
        page = client.get(path, HTTP_ACCEPT_LANGUAGE=language).content.decode()
        (description,) = _re.findall(r'<meta name="description" content="([^"]{50,})">', page)
        found[path] = description
    assert len(set(found.values())) == len(found)  # each page its own
    if language != "en":
        assert "Chief AI Officer" in found["/"] and "Answer eight questions" not in found["/"]
