"""No lost updates: of many saves from the same version exactly one wins, and nothing half-saved remains."""

from __future__ import annotations

import threading
from unittest import mock

import pytest
from django.db import connection
from django.test import Client

from assessments import services
from assessments.models import Assessment, Organisation
from tests.factories import NORTHWIND_ANSWERS, AssessmentFactory, OrganisationFactory

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
def test_twenty_concurrent_profile_saves_of_one_version_have_exactly_one_winner(alice):
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
            services.import_assessment(owner=alice, document=document)
    assert not Organisation.objects.for_user(alice).exists()
