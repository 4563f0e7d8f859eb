"""Every URL that names an organisation's object, for every role: owner, editor, viewer, non-member, visitor."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from assessments.api import tokens
from assessments.charter import services as charters
from assessments.models import Membership, Rating
from assessments.sso.models import DomainRule
from assessments.team import services as teams
from assessments.webhooks.models import Webhook
from tests.db import module_rows
from tests.factories import AssessmentFactory, OrganisationFactory, UserFactory, completed_assessment, member

pytestmark = pytest.mark.django_db


def _owned() -> dict[str, Any]:
    alice = UserFactory(username="alice")
    organisation = OrganisationFactory(owner=alice, name="Alice Corp")
    editor, viewer = UserFactory(username="erin"), UserFactory(username="vic")
    member(organisation, editor, "editor")
    viewer_membership = member(organisation, viewer, "viewer")
    draft = AssessmentFactory(organisation=organisation)
    completed = completed_assessment(organisation=organisation)
    link, _token = teams.share(assessment=completed, user=alice, days=5)
    invitation, _url = teams.invite(
        organisation=organisation, user=alice, email="new@example.com", role="viewer", link_for=str
    )
    agreed = charters.start_charter(assessment=completed, user=alice)
    for signer in (alice, editor):
        charters.sign_charter(charter=agreed, user=signer, seen_version=agreed.version)
    return {
        "organisation": organisation,
        "agreed_charter": agreed,
        "draft_charter": charters.new_version(charter=agreed, user=editor),
        "users": {
            "owner": alice,
            "editor": editor,
            "viewer": viewer,
            "non-member": UserFactory(username="nora"),
        },
        "completed": completed,
        "second": completed_assessment(organisation=organisation),
        "draft": draft,
        "viewer_membership": viewer_membership,
        "rating": Rating.objects.create(assessment=draft, rater=viewer, label="CEO"),
        "link": link,
        "invitation": invitation,
        "domain_rule": DomainRule.objects.create(
            organisation=organisation, domain="alice.example", role="viewer"
        ),
        "webhook": Webhook.objects.create(
            organisation=organisation,
            url="https://hooks.example.com/caio",
            secret="whsec_AAAA",
            events=["report.ready"],
        ),
        "api_token": tokens.create_token(user=alice, organisation=organisation, name="ci", can_write=False)[
            0
        ],
    }


# Made once for the module: every test here only reads them, or changes them inside its own transaction.
owned = module_rows(_owned)


Args = Callable[[dict[str, Any]], list[Any]]
ORG: Args = lambda o: [o["organisation"].pk]  # noqa: E731
DONE: Args = lambda o: [o["completed"].pk]  # noqa: E731
DRAFT: Args = lambda o: [o["draft"].pk]  # noqa: E731
CHARTER: Args = lambda o: [o["draft_charter"].pk]  # noqa: E731
AGREED: Args = lambda o: [o["agreed_charter"].pk]  # noqa: E731

# name -> (method, URL args, POST data, expected status for owner / editor / viewer)
CASES: dict[str, tuple[str, Args, dict[str, Any], tuple[int, int, int]]] = {
    "assessments:organisation-detail": ("get", ORG, {}, (200, 200, 200)),
    "assessments:organisation-edit": ("get", ORG, {}, (200, 200, 403)),
    "assessments:organisation-delete": ("get", ORG, {}, (200, 403, 403)),
    "assessments:assessment-start": ("post", ORG, {}, (302, 302, 403)),
    "assessments:assessment-compare": ("get", ORG, {}, (200, 200, 200)),
    "assessments:assessment-detail": ("get", DONE, {}, (302, 302, 302)),
    "assessments:assessment-step": ("get", lambda o: [o["draft"].pk, "footprint"], {}, (200, 200, 403)),
    # The step page's script saves here as people type; a non-member's autosave is a 404 like any page's.
    "assessments:assessment-autosave": (
        "post",
        lambda o: [o["draft"].pk, "footprint"],
        {"employees": "40", "version": 1},
        (200, 200, 403),
    ),  # fmt: skip
    "assessments:assessment-review": ("get", DRAFT, {}, (200, 200, 403)),
    "assessments:assessment-results": ("get", DONE, {}, (200, 200, 200)),
    "assessments:assessment-rescore": ("post", DONE, {}, (302, 302, 403)),
    # Exploring a scenario only reads; saving one writes a new assessment.
    "assessments:scenario": ("get", DONE, {}, (200, 200, 200)),
    "assessments:scenario-save": ("post", DONE, {"employees": "10"}, (400, 400, 403)),
    "assessments:assessment-delete": ("get", DONE, {}, (200, 200, 403)),
    "assessments:assessment-rename": ("get", DONE, {}, (200, 200, 403)),
    "assessments:assessment-export": ("get", DONE, {}, (200, 200, 200)),
    # 202: the report is still being prepared here (the worker never ran); every member may download it.
    "assessments:report-pdf": ("get", DONE, {}, (202, 202, 202)),
    "assessments:report-retry": ("post", DONE, {}, (302, 302, 302)),
    "assessments:report-status": ("get", DONE, {}, (200, 200, 200)),
    "assessments:members": ("get", ORG, {}, (200, 403, 403)),
    "assessments:member-role": (
        "post",
        lambda o: [o["organisation"].pk, o["viewer_membership"].pk],
        {"role": "editor", "version": 1},
        (302, 403, 403),
    ),  # fmt: skip
    "assessments:member-remove": (
        "post",
        lambda o: [o["organisation"].pk, o["viewer_membership"].pk],
        {},
        (302, 403, 403),
    ),  # fmt: skip
    # GET: the confirmation page; the POST that withdraws goes through the same owner-only check.
    "assessments:invitation-revoke": (
        "get",
        lambda o: [o["organisation"].pk, o["invitation"].pk],
        {},
        (200, 403, 403),
    ),  # fmt: skip
    "assessments:activity": ("get", ORG, {}, (200, 403, 403)),
    "audit:trail": ("get", ORG, {}, (200, 403, 403)),
    "sso:domain-rules": ("get", ORG, {}, (200, 403, 403)),
    "sso:domain-rule-delete": (
        "post",
        lambda o: [o["organisation"].pk, o["domain_rule"].pk],
        {},
        (302, 403, 403),
    ),  # fmt: skip
    "audit:trail-csv": ("get", ORG, {}, (200, 403, 403)),
    "audit:trail-json": ("get", ORG, {}, (200, 403, 403)),
    "assessments:panel": ("get", DRAFT, {}, (200, 200, 200)),
    "assessments:panel-settle": (
        "post",
        lambda o: [o["draft"].pk, "cto_stretched"],
        {"cto_stretched-value": "true", "cto_stretched-version": 1},
        (302, 302, 403),
    ),  # fmt: skip
    "assessments:panel-use": ("post", DRAFT, {"version": 1}, (302, 302, 403)),
    "assessments:panel-due": ("post", DRAFT, {"due_on": ""}, (302, 302, 403)),
    "assessments:panel-remind": ("post", lambda o: [o["draft"].pk, o["rating"].pk], {}, (302, 302, 403)),
    "assessments:panel-start": ("post", ORG, {}, (302, 302, 403)),
    # Only the rater (here the viewer) answers their own rating.
    "assessments:rating-step": ("get", lambda o: [o["draft"].pk, "footprint"], {}, (404, 404, 200)),
    "assessments:rating-review": ("get", DRAFT, {}, (404, 404, 200)),
    "assessments:rating-autosave": (
        "post",
        lambda o: [o["draft"].pk, "footprint"],
        {"employees": "40", "version": 1},
        (404, 404, 200),
    ),  # fmt: skip
    "assessments:share-links": ("get", DONE, {}, (200, 200, 403)),
    # GET asks first (a confirmation page); the POST that revokes goes through the same access check.
    "assessments:share-revoke": ("get", lambda o: [o["completed"].pk, o["link"].pk], {}, (200, 200, 403)),
    # The boundary charter: viewers read and export, owners and editors edit and sign, owners delete.
    "assessments:charter-start": ("post", DONE, {}, (302, 302, 403)),
    "assessments:charter-list": ("get", ORG, {}, (200, 200, 200)),
    "assessments:charter-compare": ("get", ORG, {}, (200, 200, 200)),
    "assessments:charter-detail": ("get", CHARTER, {}, (200, 200, 200)),
    "assessments:charter-edit": ("get", CHARTER, {}, (200, 200, 403)),
    "assessments:charter-sign": ("post", CHARTER, {}, (302, 302, 403)),
    "assessments:charter-new-version": ("post", AGREED, {}, (302, 302, 403)),
    "assessments:charter-delete": ("get", CHARTER, {}, (200, 403, 403)),
    "assessments:charter-xlsx": ("get", AGREED, {}, (200, 200, 200)),
    "assessments:charter-csv": ("get", AGREED, {}, (200, 200, 200)),
    # Webhooks carry a signing secret: owners only.
    "assessments:webhook-list": ("get", ORG, {}, (200, 403, 403)),
    "assessments:webhook-detail": (
        "get",
        lambda o: [o["organisation"].pk, o["webhook"].pk],
        {},
        (200, 403, 403),
    ),
    "assessments:webhook-delete": (
        "post",
        lambda o: [o["organisation"].pk, o["webhook"].pk],
        {},
        (302, 403, 403),
    ),
    # A personal API token is its maker's alone (here the owner's): nobody else can even find it.
    "assessments:token-revoke": ("post", lambda o: [o["api_token"].pk], {}, (302, 404, 404)),
}
ROLES = ["owner", "editor", "viewer"]


def _request(client: Client, name: str, owned: dict[str, Any]) -> Any:
    method, args, data, _expected = CASES[name]
    return getattr(client, method)(reverse(name, args=args(owned)), data)


def _answers(owned: dict[str, Any], who: str) -> dict[str, Any]:
    """What every URL in CASES answers this person: the status, and where a redirect points."""
    client = Client()
    if who != "visitor":
        client.force_login(owned["users"][who])
    answers = {}
    for name in CASES:
        with transaction.atomic():  # each request sees the rows as made, whatever the one before changed
            response = _request(client, name, owned)
            transaction.set_rollback(True)
        login = response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")
        answers[name] = "log in" if login else response.status_code
    return answers


@pytest.mark.parametrize("who", ROLES)
def test_each_role_gets_what_it_may(owned, who):
    assert _answers(owned, who) == {name: case[3][ROLES.index(who)] for name, case in CASES.items()}


def test_non_members_get_404(owned):
    assert _answers(owned, "non-member") == dict.fromkeys(CASES, 404)


def test_anonymous_visitors_are_sent_to_log_in(owned):
    assert _answers(owned, "visitor") == dict.fromkeys(CASES, "log in")


def _named_patterns(resolver: URLResolver, prefix: str = "") -> list[tuple[str, str]]:
    found = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            found += [(name, f"{entry.pattern}{route}") for name, route in _named_patterns(entry, namespace)]
        elif isinstance(entry, URLPattern) and entry.name:
            found.append((f"{prefix}{entry.name}", str(entry.pattern)))
    return found


# Public by design, each with tests of its own: invitation and share links are opened by their token.
TOKEN_URLS = {"invitation", "shared-results", "shared-pdf", "shared-report-retry", "shared-report-status"}
# django-allauth's single sign-on steps: their <str:> is a configured provider's id, not anyone's data.
PROVIDER_URLS = {
    "openid_connect_login", "openid_connect_callback", "saml_acs", "saml_finish_acs", "saml_sls", "saml_metadata",
    "saml_login",
}  # fmt: skip


def test_every_url_with_an_object_id_has_an_access_test():
    from tests.api.test_api_access import API_NAMES

    with_ids = {
        name
        for name, route in _named_patterns(get_resolver())
        if ("<int:" in route or "<str:" in route) and not name.startswith("admin:")
    }
    assert with_ids, "the walker found no URLs at all"
    assert with_ids - set(CASES) - TOKEN_URLS - API_NAMES - PROVIDER_URLS == set(), (
        "add these URLs to CASES in tests/test_access.py"
    )


def test_every_api_url_has_an_access_test():
    """The API's table is in tests.api.test_api_access.py: every caller (tokens too) for every endpoint."""
    from tests.api.test_api_access import API_NAMES

    api = {name for name, _route in _named_patterns(get_resolver()) if name.startswith("api:")}
    assert api, "the walker found no API URLs"
    assert api - API_NAMES == set(), "add these URLs to API_CASES in tests.api.test_api_access.py"


def test_state_changing_urls_refuse_get(alice_client, owned):
    for name, (method, args, _data, _expected) in CASES.items():
        if method == "post":
            assert alice_client.get(reverse(name, args=args(owned))).status_code == 405, name


def test_viewers_see_no_edit_buttons(owned):
    client = Client()
    client.force_login(owned["users"]["viewer"])
    detail = client.get(
        reverse("assessments:organisation-detail", args=[owned["organisation"].pk])
    ).content.decode()
    results = client.get(
        reverse("assessments:assessment-results", args=[owned["completed"].pk])
    ).content.decode()
    for text in (detail, results):
        assert "Re-assess" not in text and "Edit profile" not in text and ">Delete<" not in text
        assert "/share/" not in text
    assert "Download PDF" in results


def test_the_organisation_list_shows_only_your_own(alice_client, owned, bob):
    OrganisationFactory(owner=bob, name="Bob Industries")
    text = alice_client.get("/organisations/").content.decode()
    assert "Alice Corp" in text
    assert "Bob Industries" not in text


def test_a_removed_member_loses_access_at_once(owned):
    client = Client()
    client.force_login(owned["users"]["viewer"])
    url = reverse("assessments:assessment-results", args=[owned["completed"].pk])
    assert client.get(url).status_code == 200
    Membership.objects.filter(pk=owned["viewer_membership"].pk).delete()
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(("role", "status"), [("owner", 200), ("editor", 200), ("viewer", 403)])
def test_a_drafts_answers_are_for_editors_in_every_representation(owned, role, status):
    client = Client()
    client.force_login(owned["users"][role])
    draft = owned["draft"].pk
    export = client.get(reverse("assessments:assessment-export", args=[draft]))
    step = client.get(reverse("assessments:assessment-step", args=[draft, "footprint"]))
    review = client.get(reverse("assessments:assessment-review", args=[draft]))
    assert (export.status_code, step.status_code, review.status_code) == (status, status, status)


def test_no_page_with_organisation_data_may_be_stored_by_a_cache(alice_client, owned):
    pages = [name for name, (method, *_rest) in CASES.items() if method == "get"]
    cache_control = {name: _request(alice_client, name, owned).get("Cache-Control", "") for name in pages}
    assert [name for name, value in cache_control.items() if "no-store" not in value] == []


def test_the_organisation_list_and_the_members_page_are_not_stored_by_a_cache(alice_client, owned):
    members = reverse("assessments:members", args=[owned["organisation"].pk])
    for path in ("/organisations/", members, "/account/data/"):
        assert "no-store" in alice_client.get(path)["Cache-Control"], path
