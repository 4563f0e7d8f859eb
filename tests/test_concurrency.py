"""No lost updates: of many saves from the same version exactly one wins, and nothing half-saved remains."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from typing import Any
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client

from assessments import services
from assessments.models import Assessment, Membership, Organisation
from assessments.team import services as teams
from tests.factories import NORTHWIND_ANSWERS, AssessmentFactory, OrganisationFactory, member

SAVERS = 20


def _post_all_at_once(user, path: str, payloads: list[dict[str, str]]) -> list[int]:
    statuses: list[int] = []
    barrier = threading.Barrier(len(payloads))

    def save(data: dict[str, str]) -> None:
        client = Client()
        client.force_login(user)
        barrier.wait()
        try:
            statuses.append(client.post(path, data).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(data,)) for data in payloads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return statuses


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_step_saves_of_one_version_have_exactly_one_winner(alice):
    draft = AssessmentFactory(organisation=OrganisationFactory(owner=alice))
    payloads = [
        {"employees": str(100 + n), "annual_ai_spend_usd": "1", "ai_headcount": "1", "ai_use_cases": "1",
         "version": "1", "action": "next"}
        for n in range(SAVERS)
    ]  # fmt: skip
    statuses = _post_all_at_once(alice, f"/assessments/{draft.pk}/step/footprint/", payloads)
    assert sorted(statuses) == [200] * (SAVERS - 1) + [302]
    draft.refresh_from_db()
    assert draft.version == 2
    assert 100 <= draft.answers["employees"] < 100 + SAVERS


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_profile_saves_of_one_version_have_exactly_one_winner(alice, settings):
    # The version check under test, not the per-person limit on profile saves (10 a minute).
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "profile": "100/m"}
    organisation = OrganisationFactory(owner=alice)
    payloads = [{"name": f"Tab {n}", "version": "1"} for n in range(SAVERS)]
    statuses = _post_all_at_once(alice, f"/organisations/{organisation.pk}/edit/", payloads)
    assert sorted(statuses) == [200] * (SAVERS - 1) + [302]
    organisation.refresh_from_db()
    assert organisation.version == 2 and organisation.name.startswith("Tab ")


@pytest.mark.django_db(transaction=True)
def test_a_failure_after_the_row_was_written_rolls_the_whole_save_back(alice):
    draft = AssessmentFactory(organisation=OrganisationFactory(owner=alice), answers=dict(NORTHWIND_ANSWERS))
    real_save = services.save_if_unchanged

    def bump_then_fail(*args, **kwargs):
        real_save(*args, **kwargs)
        raise RuntimeError("failure after the UPDATE")

    with mock.patch.object(services, "save_if_unchanged", side_effect=bump_then_fail):
        with pytest.raises(RuntimeError):
            services.complete_assessment(assessment=draft, expected_version=draft.version)
    stored = Assessment.objects.get(pk=draft.pk)
    assert stored.status == "draft" and stored.result is None and stored.version == 1


@pytest.mark.django_db(transaction=True)
def test_an_import_that_fails_while_scoring_creates_no_organisation(alice):
    document = {
        "schema": "caio-assessment/1",
        "organisation": {"name": "Half Ltd"},
        "answers": NORTHWIND_ANSWERS,
    }
    with mock.patch.object(services, "score_answers", side_effect=RuntimeError("scorer blew up")):
        with pytest.raises(RuntimeError):
            services.import_assessment(user=alice, document=document)
    assert not Organisation.objects.for_user(alice).exists()


# --- races that only PostgreSQL has: SQLite's IMMEDIATE transactions already run writers one at a time ---

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite (IMMEDIATE transactions) serialises every write, so this race cannot happen",
)


def _all_at_once(requests: list[Callable[[Client], Any]], users: list[Any]) -> list[Any]:
    """Run each request in its own thread and connection, released together by a barrier."""
    results: list[Any] = []
    barrier = threading.Barrier(len(requests))

    def run(request: Callable[[Client], Any], user: Any) -> None:
        client = Client()
        client.force_login(user)
        barrier.wait()
        try:
            results.append(request(client))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in zip(requests, users, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def _slowly(real: Callable[..., Any]) -> Callable[..., Any]:
    # Widens the window between the check and the write, so the race shows every time it exists.
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        time.sleep(0.5)
        return real(*args, **kwargs)

    return wrapper


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_owners_demoting_each_other_at_once_leave_one_owner(alice, bob):
    organisation = OrganisationFactory(owner=alice)
    bobs = member(organisation, bob, "owner")
    alices = Membership.objects.get(organisation=organisation, user=alice)
    url = "/organisations/{}/members/{}/role/".format
    with mock.patch.object(teams, "save_if_unchanged", _slowly(teams.save_if_unchanged)):
        _all_at_once(
            [
                lambda c: c.post(url(organisation.pk, bobs.pk), {"role": "viewer", "version": "1"}),
                lambda c: c.post(url(organisation.pk, alices.pk), {"role": "viewer", "version": "1"}),
            ],
            [alice, bob],
        )
    roles = sorted(organisation.memberships.values_list("role", flat=True))
    assert roles == ["owner", "viewer"]


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_owners_removing_each_other_at_once_leave_one_owner(alice, bob):
    organisation = OrganisationFactory(owner=alice)
    bobs = member(organisation, bob, "owner")
    alices = Membership.objects.get(organisation=organisation, user=alice)
    url = "/organisations/{}/members/{}/remove/".format
    with mock.patch.object(teams, "log_event", _slowly(teams.log_event)):
        _all_at_once(
            [
                lambda c: c.post(url(organisation.pk, bobs.pk)),
                lambda c: c.post(url(organisation.pk, alices.pk)),
            ],
            [alice, bob],
        )
    assert list(organisation.memberships.values_list("role", flat=True)) == ["owner"]


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_account_imports_at_once_into_an_empty_account_import_once(alice):
    document = json.dumps(
        {"schema": "caio-account/1", "organisations": [{"name": "Imported Ltd", "assessments": []}]}
    ).encode()

    def upload(client: Client) -> int:
        file = SimpleUploadedFile("account.json", document, content_type="application/json")
        return client.post("/account/data/import/", {"file": file}).status_code

    with mock.patch.object(services, "create_organisation", _slowly(services.create_organisation)):
        statuses = _all_at_once([upload, upload], [alice, alice])
    assert sorted(statuses) == [302, 400]
    assert list(Organisation.objects.for_user(alice).values_list("name", flat=True)) == ["Imported Ltd"]


@pytest.mark.django_db(transaction=True)
def test_two_start_assessment_clicks_at_once_open_one_draft(alice):
    organisation = OrganisationFactory(owner=alice)
    start = f"/organisations/{organisation.pk}/assess/"
    with mock.patch.object(services, "_prefilled_answers", _slowly(services._prefilled_answers)):
        responses = _all_at_once([lambda c: c.post(start), lambda c: c.post(start)], [alice, alice])
    draft = Assessment.objects.get(organisation=organisation, status="draft")
    assert [r.status_code for r in responses] == [302, 302]
    assert {r["Location"] for r in responses} == {f"/assessments/{draft.pk}/step/footprint/"}
