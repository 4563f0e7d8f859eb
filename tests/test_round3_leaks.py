"""Security round 3, the small leaks (findings 6–14): each test fails if its finding comes back."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client

from tests.charter.test_charter import edit, make_team, start

pytestmark = pytest.mark.django_db
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def team(alice) -> dict[str, Any]:
    return make_team(alice)


# --- 6. CSV for any separator -------------------------------------------------------------------------------


def test_the_charter_csv_has_a_bom_and_no_cell_starts_a_formula_whatever_the_separator(team):
    charter = start(team)
    payload = "Data;=cmd|' /C calc'!A0"
    assert (
        edit(team, charter, **{"role-CEO-holder": payload, "role-CTO-holder": "Ops, +1"}).status_code == 302
    )
    body = team["clients"]["alice"].get(f"/charters/{charter.pk}/charter.csv").content
    assert body.startswith("\ufeff".encode())
    text = body.decode("utf-8-sig")
    assert "CEO — Data;'=cmd|' /C calc'!A0" in text  # the text kept, the formula defused
    for separator in (",", ";", "\t"):
        for row in csv.reader(io.StringIO(text), delimiter=separator):
            for cell in row:
                assert not cell.lstrip().startswith(FORMULA_START), (separator, cell)


# --- 14. bidirectional controls in names ---------------------------------------------------------------------

DIRECTION_MESSAGE = "Remove the invisible direction controls (such as U+202E)"


@pytest.mark.parametrize("control", ["\u202e", "\u202a", "\u2066", "\u2069", "\u200e", "\u200f", "\u061c"])
def test_an_organisation_name_with_a_direction_control_is_refused_next_to_the_field(alice_client, control):
    response = alice_client.post(
        "/organisations/new/", {"name": f"Invoice{control}gpj.exe", "paper_size": "a4"}
    )
    page = response.content.decode()
    assert response.status_code == 200 and DIRECTION_MESSAGE in page
    assert 'id="id_name"' in page and "is-invalid" in page


def test_a_charter_role_with_a_direction_control_is_refused(team):
    charter = start(team)
    response = edit(team, charter, **{"newrole-title": "CISO\u202e"})
    assert response.status_code == 200 and DIRECTION_MESSAGE in response.content.decode()


# --- 9. no-store where a token or an address shows, CSP on every response -------------------------------------


def _invitation_url(alice) -> str:
    from assessments.team import services as teams
    from tests.factories import OrganisationFactory

    organisation = OrganisationFactory(owner=alice)
    _invitation, url = teams.invite(
        organisation=organisation, user=alice, email="new@example.com", role="viewer",
        link_for=lambda token: f"/invitations/{token}/",
    )  # fmt: skip
    return url


def test_anonymous_invitation_pages_and_the_prefilled_sign_up_are_not_cacheable(alice):
    url = _invitation_url(alice)
    anonymous = Client()
    pages = [
        anonymous.get(url),
        anonymous.get("/invitations/not-a-real-token/"),
        anonymous.get("/accounts/signup/", {"next": url}),
    ]
    assert [page.status_code for page in pages] == [200, 410, 200]
    assert "new@example.com" in pages[2].content.decode()  # the pre-filled address
    for page in pages:
        assert "no-store" in page["Cache-Control"]


def test_a_bare_400_for_a_bad_host_has_the_content_security_policy():
    response = Client().get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "default-src 'self'" in response["Content-Security-Policy"]
