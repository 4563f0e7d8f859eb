"""The charter editor's size limits (assessments/charter/forms.py, its view's `allows_form_fields`): a charter of
any size up to the stated maximum saves; past it, a message next to the field keeps the edit.

The editor posts one input per cell: at 10 roles that passed DATA_UPLOAD_MAX_NUMBER_FIELDS (200), and Django
answered a bare "Bad Request (400)" that lost the edit.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client

from assessments.charter.forms import FORM_FIELDS_LIMIT, MAX_FORUMS, MAX_ROLES, MAX_ROWS
from assessments.models import Charter
from tests.charter.test_charter import detail, form_data, make_team, start

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(alice) -> dict[str, Any]:
    return make_team(alice)


def _grow(charter: Charter, *, roles: int, rows: int, forums: int) -> Charter:
    """`charter` with the team's own roles, rows and forums added up to these numbers, every member ticked."""
    content = charter.content
    for number in range(len(content["roles"]) + 1, roles + 1):
        content["roles"].append(
            {"key": f"role{number}", "title": f"Role {number}", "holder": "", "own": True}
        )
    keys = [role["key"] for role in content["roles"]]
    for number in range(len(content["rows"]) + 1, rows + 1):
        content["rows"].append(
            {"id": f"own{number}", "title": f"Duty {number}", "area": "own", "own": True,
             "shared_governance": False, "forum": "", "raci": {}}
        )  # fmt: skip
    for row in content["rows"]:
        row["raci"] = {key: row["raci"].get(key, "") for key in keys}
        if row.get("own"):
            row["raci"][keys[0]] = "AR"
    for number in range(len(content["forums"]) + 1, forums + 1):
        content["forums"].append(
            {"id": f"f{number}", "name": f"Forum {number}", "members": [], "decides": "Budgets",
             "how": "By consensus", "tie_breaker": "", "meets": "monthly"}
        )  # fmt: skip
    for forum in content["forums"]:
        forum["members"] = keys
    Charter.objects.filter(pk=charter.pk).update(content=content)
    charter.refresh_from_db()
    return charter


def _every_box_ticked(charter: Charter, **changes: Any) -> dict[str, Any]:
    data = form_data(charter, **changes)
    for role in charter.content["roles"]:
        if role.get("own"):
            data.setdefault(f"role-{role['key']}-remove", "")
    for row in charter.content["rows"]:
        data.setdefault(f"row-{row['id']}-shared", "")
        if row.get("own"):
            data.setdefault(f"row-{row['id']}-remove", "")
    for forum in charter.content["forums"]:
        data.setdefault(f"forum-{forum['id']}-remove", "")
    return data


def _post(client: Client, charter: Charter, data: dict[str, Any]) -> Any:
    """Post as a browser posts the editor's form: url-encoded (the test client's default is multipart)."""
    body = urlencode(data, doseq=True)
    return client.post(
        f"/charters/{charter.pk}/edit/", body, content_type="application/x-www-form-urlencoded"
    )


def _fields(data: dict[str, Any]) -> int:
    return urlencode({"csrfmiddlewaretoken": "x", **data}, doseq=True).count("&") + 1


def test_a_ten_role_charter_saves_and_so_does_removing_one_of_its_roles(team):
    charter = _grow(start(team), roles=10, rows=14, forums=1)
    data = form_data(charter, **{"role-role10-remove": "on", "role-role9-holder": "Sam Ortiz"})
    assert _fields(data) > settings.DATA_UPLOAD_MAX_NUMBER_FIELDS  # the size that used to answer 400
    response = _post(team["clients"]["alice"], charter, data)
    assert response.status_code == 302
    charter.refresh_from_db()
    assert [r["key"] for r in charter.content["roles"]][-1] == "role9"
    assert "Role 9 — Sam Ortiz" in detail(team, charter)


def test_the_largest_charter_with_every_box_ticked_fits_what_the_editor_takes(team):
    charter = _grow(start(team), roles=MAX_ROLES, rows=MAX_ROWS, forums=MAX_FORUMS)
    data = _every_box_ticked(charter, **{"row-own40-title": "Last duty, renamed"})
    for name in [name for name in data if name.endswith("-remove")]:
        data[name] = ""  # ticked boxes post "on"; an empty value is the same field, removing nothing
    assert _fields(data) <= FORM_FIELDS_LIMIT
    response = _post(team["clients"]["alice"], charter, data)
    assert response.status_code == 302
    charter.refresh_from_db()
    assert charter.content["rows"][-1]["title"] == "Last duty, renamed"


@pytest.mark.parametrize(
    ("grow", "typed", "message"),
    [
        ({"roles": MAX_ROLES}, {"newrole-title": "Head of Marketing"}, f"at most {MAX_ROLES} roles"),
        ({"rows": MAX_ROWS}, {"row-new-title": "One duty too many"}, f"at most {MAX_ROWS} rows"),
        ({"forums": MAX_FORUMS}, {"newforum-name": "One forum too many"}, f"at most {MAX_FORUMS} forums"),
    ],
)
def test_one_more_than_the_maximum_is_refused_next_to_its_field_and_the_edit_stays(
    team, grow, typed, message
):
    sizes = {"roles": 3, "rows": 14, "forums": 1} | grow
    charter = _grow(start(team), **sizes)
    before = charter.content
    data = form_data(charter, **typed, notes="Our notes, typed before the refusal")
    response = _post(team["clients"]["alice"], charter, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page and "nothing was saved yet" in page
    assert f'value="{next(iter(typed.values()))}"' in page and "Our notes, typed before the refusal" in page
    charter.refresh_from_db()
    assert charter.content == before


def test_the_editor_states_the_maximum(team):
    charter = start(team)
    page = team["clients"]["alice"].get(f"/charters/{charter.pk}/edit/").content.decode()
    assert f"A charter holds at most {MAX_ROLES} roles, {MAX_ROWS} rows and {MAX_FORUMS} forums." in page


def test_other_pages_keep_the_ordinary_limit_on_fields(team):
    organisation = team["organisation"]
    data = {f"extra{number}": "x" for number in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    body = urlencode(data)
    response = team["clients"]["alice"].post(
        f"/organisations/{organisation.pk}/edit/", body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400


def test_an_anonymous_post_to_the_editor_keeps_the_ordinary_limit(team):
    charter = start(team)
    data = {f"extra{number}": "x" for number in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    anonymous = Client(enforce_csrf_checks=True)
    anonymous.get("/accounts/login/")  # a CSRF cookie, so that the check goes on to read the form
    assert _post(anonymous, charter, data).status_code == 400
