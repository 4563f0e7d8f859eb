"""The API's access table: every endpoint, for every kind of caller, gets the status the pages' rules give.

Callers: owner, editor, viewer (each with a read/write token for the organisation), a non-member, an anonymous
caller, the owner's token for another organisation, and the owner's read-only token.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from assessments.api import tokens
from tests.db import module_rows
from tests.factories import OrganisationFactory
from tests.test_access import _owned

pytestmark = pytest.mark.django_db

owned = module_rows(_owned)

NORTHWIND = (Path(__file__).parents[2] / "examples" / "northwind.json").read_text()

Args = Callable[[dict[str, Any]], list[Any]]
NONE: Args = lambda o: []  # noqa: E731
ORG: Args = lambda o: [o["organisation"].pk]  # noqa: E731
DONE: Args = lambda o: [o["completed"].pk]  # noqa: E731
DRAFT: Args = lambda o: [o["draft"].pk]  # noqa: E731
CHARTER: Args = lambda o: [o["draft_charter"].pk]  # noqa: E731

CALLERS = ["owner", "editor", "viewer", "non-member", "anonymous", "wrong-org token", "read-only token"]

# (URL name, method, what) -> (URL args, JSON body, expected status per caller in CALLERS order)
API_CASES: dict[tuple[str, str, str], tuple[Args, str | None, tuple[int, ...]]] = {
    ("api:organisation-list", "get", ""): (NONE, None, (200, 200, 200, 200, 401, 200, 200)),
    ("api:organisation-detail", "get", ""): (ORG, None, (200, 200, 200, 404, 401, 404, 200)),
    ("api:assessment-list", "get", ""): (ORG, None, (200, 200, 200, 404, 401, 404, 200)),
    ("api:assessment-list", "post", "create"): (ORG, NORTHWIND, (201, 201, 403, 404, 401, 404, 403)),
    ("api:charter-list", "get", ""): (ORG, None, (200, 200, 200, 404, 401, 404, 200)),
    ("api:assessment-detail", "get", "completed"): (DONE, None, (200, 200, 200, 404, 401, 404, 200)),
    # A draft's answers are for editors and owners, as on the pages.
    ("api:assessment-detail", "get", "draft"): (DRAFT, None, (200, 200, 403, 404, 401, 404, 200)),
    ("api:assessment-rescore", "post", ""): (DONE, None, (201, 201, 403, 404, 401, 404, 403)),
    ("api:report", "get", ""): (DONE, None, (200, 200, 200, 404, 401, 404, 200)),
    # Every member may ask for a render again, as with the page's "Try again"; a read-only token may not.
    ("api:report", "post", ""): (DONE, None, (202, 202, 202, 404, 401, 404, 403)),
    ("api:report-pdf", "get", ""): (DONE, None, (202, 202, 202, 404, 401, 404, 202)),
    ("api:charter-detail", "get", ""): (CHARTER, None, (200, 200, 200, 404, 401, 404, 200)),
    ("api:method", "get", ""): (NONE, None, (200, 200, 200, 200, 200, 200, 200)),
}
API_NAMES = {name for name, _method, _what in API_CASES}


def _clients(owned: dict[str, Any]) -> dict[str, Client]:
    users, organisation = owned["users"], owned["organisation"]
    made: dict[str, Client] = {"anonymous": Client()}

    def bearer(user: Any, org: Any, can_write: bool = True) -> Client:
        _row, token = tokens.create_token(user=user, organisation=org, name="t", can_write=can_write)
        return Client(HTTP_AUTHORIZATION=f"Bearer {token}")

    for who in ("owner", "editor", "viewer"):
        made[who] = bearer(users[who], organisation)
    nora = users["non-member"]
    made["non-member"] = bearer(nora, OrganisationFactory(owner=nora, name="Nora's own"))
    made["wrong-org token"] = bearer(
        users["owner"], OrganisationFactory(owner=users["owner"], name="Alice Two")
    )
    made["read-only token"] = bearer(users["owner"], organisation, can_write=False)
    return made


def _answers(owned: dict[str, Any], who: str) -> dict[tuple[str, str, str], tuple[int, bytes]]:
    client = _clients(owned)[who]
    answers = {}
    for key, (args, body, _expected) in API_CASES.items():
        name, method, _what = key
        with transaction.atomic():
            url = reverse(name, args=args(owned))
            response = getattr(client, method)(url, body or "", content_type="application/json")
            transaction.set_rollback(True)
        answers[key] = (response.status_code, response.content)
    return answers


@pytest.mark.parametrize("who", CALLERS)
def test_each_caller_gets_what_the_pages_rules_allow(owned, who):
    with transaction.atomic():
        answers = _answers(owned, who)
        transaction.set_rollback(True)
    expected = {key: case[2][CALLERS.index(who)] for key, case in API_CASES.items()}
    assert {key: status for key, (status, _body) in answers.items()} == expected


@pytest.mark.parametrize("who", ["non-member", "wrong-org token", "anonymous", "viewer", "read-only token"])
def test_refusals_leak_nothing_about_the_organisation(owned, who):
    with transaction.atomic():
        answers = _answers(owned, who)
        transaction.set_rollback(True)
    refused = {key: body for key, (status, body) in answers.items() if status in (401, 403, 404)}
    assert refused, "nothing was refused"
    for key, body in refused.items():
        assert b"Alice Corp" not in body and b"alice" not in body, key
        assert body in (
            b'{"errors":[{"field":null,"message":"Not found."}]}',
            b'{"errors":[{"field":null,"message":"Authentication credentials were not provided."}]}',
            b'{"errors":[{"field":null,"message":"You do not have permission to perform this action."}]}',
        ), key


def test_no_api_response_may_be_stored_by_a_cache(owned):
    client = _clients(owned)["owner"]
    for (name, method, _what), (args, _body, _expected) in API_CASES.items():
        if method == "get" and name != "api:method":
            response = client.get(reverse(name, args=args(owned)))
            assert "no-store" in response["Cache-Control"], name
