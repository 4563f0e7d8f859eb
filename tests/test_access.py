"""Every URL that names an owned object: the owner sees it, another user gets 404, a visitor must log in."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import AssessmentFactory, OrganisationFactory, completed_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def owned(alice) -> dict[str, Any]:
    organisation = OrganisationFactory(owner=alice, name="Alice Corp")
    first = completed_assessment(organisation=organisation)
    second = completed_assessment(organisation=organisation)
    draft = AssessmentFactory(organisation=organisation)
    return {"organisation": organisation, "completed": first, "second": second, "draft": draft}


# name -> (HTTP method, how to build the URL args from the owned objects, the owner's expected status)
CASES: dict[str, tuple[str, Callable[[dict[str, Any]], list[Any]], int]] = {
    "assessments:organisation-detail": ("get", lambda o: [o["organisation"].pk], 200),
    "assessments:organisation-edit": ("get", lambda o: [o["organisation"].pk], 200),
    "assessments:organisation-delete": ("get", lambda o: [o["organisation"].pk], 200),
    "assessments:assessment-start": ("post", lambda o: [o["organisation"].pk], 302),
    "assessments:assessment-compare": ("get", lambda o: [o["organisation"].pk], 200),
    "assessments:assessment-detail": ("get", lambda o: [o["completed"].pk], 302),
    "assessments:assessment-step": ("get", lambda o: [o["draft"].pk, "footprint"], 200),
    "assessments:assessment-review": ("get", lambda o: [o["draft"].pk], 200),
    "assessments:assessment-results": ("get", lambda o: [o["completed"].pk], 200),
    "assessments:assessment-rescore": ("post", lambda o: [o["completed"].pk], 302),
    "assessments:assessment-delete": ("get", lambda o: [o["completed"].pk], 200),
    "assessments:assessment-export": ("get", lambda o: [o["completed"].pk], 200),
    "assessments:report-pdf": ("get", lambda o: [o["completed"].pk], 200),
}


def _request(client: Any, name: str, owned: dict[str, Any]) -> Any:
    method, args, _status = CASES[name]
    return getattr(client, method)(reverse(name, args=args(owned)))


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_owner_can_use_the_url(alice_client, owned, name):
    assert _request(alice_client, name, owned).status_code == CASES[name][2]


@pytest.mark.parametrize("name", sorted(CASES))
def test_other_users_get_404(bob_client, owned, name):
    assert _request(bob_client, name, owned).status_code == 404


@pytest.mark.parametrize("name", sorted(CASES))
def test_anonymous_visitors_are_sent_to_log_in(client, owned, name):
    response = _request(client, name, owned)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def _named_patterns(resolver: URLResolver, prefix: str = "") -> list[tuple[str, str]]:
    found = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            found += [(name, f"{entry.pattern}{route}") for name, route in _named_patterns(entry, namespace)]
        elif isinstance(entry, URLPattern) and entry.name:
            found.append((f"{prefix}{entry.name}", str(entry.pattern)))
    return found


def test_every_url_with_an_object_id_has_an_access_test():
    with_ids = {
        name
        for name, route in _named_patterns(get_resolver())
        if "<int:" in route and not name.startswith("admin:")
    }
    assert with_ids, "the walker found no URLs at all"
    assert with_ids - set(CASES) == set(), "add these URLs to CASES in tests/test_access.py"


def test_state_changing_urls_refuse_get(alice_client, owned):
    for name in ("assessments:assessment-start", "assessments:assessment-rescore"):
        assert _request_get(alice_client, name, owned).status_code == 405


def _request_get(client: Any, name: str, owned: dict[str, Any]) -> Any:
    return client.get(reverse(name, args=CASES[name][1](owned)))


def test_the_organisation_list_shows_only_your_own(alice_client, owned, bob):
    OrganisationFactory(owner=bob, name="Bob Industries")
    text = alice_client.get("/organisations/").content.decode()
    assert "Alice Corp" in text
    assert "Bob Industries" not in text
