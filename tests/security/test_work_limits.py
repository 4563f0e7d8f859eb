"""Work limits (assessments/security/limits.py's `work_exceeded`): nobody fills the shared render queue;
everything that queues a render is limited per person and organisation.

Before them, 100 re-scores in 0.8 s moved another organisation's report from ready-in-1.0 s to 51.4 s, and
each re-score stored about 100 KB for ever.
"""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from assessments.models import Assessment, ReportCache
from assessments.report import services as reports
from tests.factories import NORTHWIND_ANSWERS, OrganisationFactory, UserFactory, completed_assessment, member

pytestmark = pytest.mark.django_db
PAUSED = "A lot of work was asked for in a short time"


@pytest.fixture
def done(alice):
    return completed_assessment(organisation=OrganisationFactory(owner=alice, name="Northwind Logistics"))


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _limits(settings, *, person: str = "100/m", organisation: str = "100/m") -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "work": person, "work_organisation": organisation}


def test_a_burst_of_re_scores_stops_at_the_persons_limit_with_a_page_that_says_when(settings, alice, done):
    _limits(settings, person="3/m")
    client = _client(alice)
    statuses = [client.post(f"/assessments/{done.pk}/rescore/").status_code for _ in range(5)]
    assert statuses == [302, 302, 302, 429, 429]
    response = client.post(f"/assessments/{done.pk}/rescore/")
    assert PAUSED in response.content.decode() and response["Retry-After"] == "60"
    assert Assessment.objects.filter(rescored_from=done).count() == 3


def test_the_organisations_limit_holds_across_its_team_and_spares_other_organisations(settings, alice, done):
    _limits(settings, organisation="2/m")
    erin = UserFactory(username="erin")
    member(done.organisation, erin, "editor")
    assert _client(alice).post(f"/assessments/{done.pk}/rescore/").status_code == 302
    assert _client(erin).post(f"/assessments/{done.pk}/rescore/").status_code == 302
    assert _client(erin).post(f"/assessments/{done.pk}/rescore/").status_code == 429
    bob = UserFactory(username="bob")
    elsewhere = completed_assessment(organisation=OrganisationFactory(owner=bob))
    assert _client(bob).post(f"/assessments/{elsewhere.pk}/rescore/").status_code == 302


def test_a_scenario_saved_past_the_limit_is_shown_again_as_typed_and_not_stored(settings, alice, done):
    _limits(settings, person="1/m")
    client = _client(alice)
    answers = {
        k: ("true" if v is True else "false" if v is False else str(v)) for k, v in NORTHWIND_ANSWERS.items()
    }
    assert client.post(f"/assessments/{done.pk}/scenario/save/", answers).status_code == 302
    response = client.post(f"/assessments/{done.pk}/scenario/save/", answers | {"employees": "4321"})
    page = response.content.decode()
    assert response.status_code == 429 and PAUSED in page
    assert 'value="4321"' in page
    assert Assessment.objects.filter(rescored_from=done).count() == 1


def test_imports_count_against_the_persons_limit(settings, alice):
    _limits(settings, person="1/m")
    client = _client(alice)
    document = {
        "schema": "caio-assessment/1",
        "organisation": {"name": "Imported Ltd"},
        "answers": NORTHWIND_ANSWERS,
    }

    def upload(url: str, data: dict) -> int:
        file = SimpleUploadedFile("doc.json", json.dumps(data).encode(), content_type="application/json")
        return client.post(url, {"file": file}).status_code

    assert upload("/organisations/import/", document) == 302
    assert upload("/organisations/import/", document) == 429
    account = {"schema": "caio-account/1", "organisations": []}
    assert upload("/account/data/import/", account) == 429


def test_report_retries_count_against_the_organisations_limit(settings, alice, done):
    _limits(settings, organisation="1/m")
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "pdf": "100/m"}
    client = _client(alice)
    assert client.post(f"/assessments/{done.pk}/report/retry/", {"size": "a4"}).status_code == 302
    response = client.post(f"/assessments/{done.pk}/report/retry/", {"size": "a4"})
    assert response.status_code == 429 and PAUSED in response.content.decode()


def test_re_scores_keep_stored_reports_for_the_latest_results_only(settings, alice, done):
    _limits(settings)
    client = _client(alice)
    reports.request_report(assessment=done, size="a4")
    assert ReportCache.objects.filter(assessment=done).exists()
    for _ in range(reports.REPORTS_KEPT + 3):
        assert client.post(f"/assessments/{done.pk}/rescore/").status_code == 302
    latest = list(
        done.organisation.assessments.completed()
        .order_by("-completed_at", "-pk")
        .values_list("pk", flat=True)[: reports.REPORTS_KEPT]
    )
    stored = set(ReportCache.objects.values_list("assessment", flat=True))
    assert stored and stored <= set(latest)
    assert done.pk not in stored


def test_the_api_holds_re_scores_and_new_assessments_to_the_same_limits(settings, alice, done):
    from assessments.api import tokens

    _limits(settings, person="2/m")
    _row, token = tokens.create_token(user=alice, organisation=done.organisation, name="ci", can_write=True)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.post(f"/api/v1/assessments/{done.pk}/rescore/").status_code == 201
    assert api.post(f"/api/v1/assessments/{done.pk}/rescore/").status_code == 201
    refused = api.post(f"/api/v1/assessments/{done.pk}/rescore/")
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    assert PAUSED in refused.content.decode()
    created = api.post(
        f"/api/v1/organisations/{done.organisation_id}/assessments/",
        json.dumps(
            {"schema": "caio-assessment/1", "organisation": {"name": "N"}, "answers": NORTHWIND_ANSWERS}
        ),
        content_type="application/json",
    )
    assert created.status_code == 429


def test_a_burst_sent_across_the_end_of_a_limit_window_gets_the_limit_not_twice_it(settings, alice, done):
    # Security round 3 re-run: django-ratelimit counts in fixed windows; 20 re-scores sent across the end of one
    # were counted in two windows and 10 were accepted at 6/m.
    from tests.limit_windows import at_a_window_end

    _limits(settings, person="6/m")
    client = _client(alice)
    with at_a_window_end(str(alice.pk), 60) as clock:
        statuses = [client.post(f"/assessments/{done.pk}/rescore/").status_code for _ in range(3)]
        clock.now += 1  # three in the window that ends, the rest in the next one
        statuses += [client.post(f"/assessments/{done.pk}/rescore/").status_code for _ in range(17)]
    assert statuses.count(302) == 6 and statuses[:6] == [302] * 6
    assert Assessment.objects.filter(rescored_from=done).count() == 6
