"""Security round 3, the small leaks (findings 6–14): each test fails if its finding comes back."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client

from tests.test_charter import edit, make_team, start

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
