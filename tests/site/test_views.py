"""The pages outside any organisation (assessments/site/views.py): the home page and the friendly 404."""

from __future__ import annotations

import pytest

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
