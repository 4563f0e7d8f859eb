from __future__ import annotations

from unittest import mock

import pytest
from django.db import DatabaseError
from django.utils.html import escape

from assessments.engine import METHODOLOGY_VERSION, PANEL_RULE, get_method

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


def test_health_check_says_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_health_check_says_503_when_the_database_does_not_answer(client):
    with mock.patch("caio.views.connection.cursor", side_effect=DatabaseError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503


def test_unknown_page_shows_the_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_methodology_page_lists_every_criterion_rule_and_matrix_row_from_the_engine(client):
    method = get_method()
    text = client.get("/methodology/").content.decode()
    assert f"Method version <strong>{METHODOLOGY_VERSION}</strong>" in text
    for criterion in method.criteria:
        assert f'id="criterion-{criterion.id}"' in text
        assert criterion.threshold in text
    for rule in method.rules:
        assert rule.title in text
    for definition in method.definitions:
        assert definition.term in text
    assert escape(PANEL_RULE) in text
    for row in method.matrix_rows:
        assert text.count(row.title) >= len(method.raci)
