"""The HTTP API: tokens, the same validation as `assess`, stored snapshots, ETags, reports, charters, method."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.test import Client

from assessments.api import tokens
from assessments.api.models import ApiToken
from assessments.engine import METHODOLOGY_VERSION, assess_json
from assessments.engine.cli import CliError, run
from assessments.models import Assessment, ReportCache
from tests.factories import OrganisationFactory, UserFactory, completed_assessment, member

pytestmark = pytest.mark.django_db

NORTHWIND = (Path(__file__).parents[2] / "examples" / "northwind.json").read_bytes()


def _client(user, organisation, *, can_write=True) -> Client:
    _row, token = tokens.create_token(user=user, organisation=organisation, name="ci", can_write=can_write)
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


@pytest.fixture
def org(alice):
    return OrganisationFactory(owner=alice, name="Northwind Logistics")


@pytest.fixture
def api(alice, org) -> Client:
    return _client(alice, org)


def test_a_token_is_stored_only_as_its_hash(alice, org):
    row, token = tokens.create_token(user=alice, organisation=org, name="ci", can_write=False)
    stored = ApiToken.objects.get(pk=row.pk)
    assert token.startswith(stored.prefix) and token not in (stored.token_hash, stored.prefix)
    assert stored.token_hash == tokens.token_hash(token) and len(token) > 40


def test_without_a_token_the_api_answers_401_with_a_bearer_challenge():
    response = Client().get("/api/v1/organisations/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json() == {
        "errors": [{"field": None, "message": "Authentication credentials were not provided."}]
    }


def test_a_revoked_token_no_longer_works(alice, org):
    row, token = tokens.create_token(user=alice, organisation=org, name="ci", can_write=False)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert client.get("/api/v1/organisations/").status_code == 200
    tokens.revoke_token(token=row)
    response = client.get("/api/v1/organisations/")
    assert response.status_code == 401
    assert response.json()["errors"][0]["message"] == "This API token is unknown or was revoked."


def test_the_organisation_list_shows_only_the_tokens_organisation(alice, org, api):
    OrganisationFactory(owner=alice, name="Other Corp")
    body = api.get("/api/v1/organisations/").json()
    assert body["count"] == 1
    assert [o["name"] for o in body["results"]] == ["Northwind Logistics"]
    assert body["results"][0]["role"] == "owner"


def test_creating_an_assessment_from_a_document_stores_what_assess_prints(api, org):
    response = api.post(
        f"/api/v1/organisations/{org.pk}/assessments/", NORTHWIND, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    created = Assessment.objects.get(pk=response.json()["id"])
    assert response["Location"].endswith(f"/api/v1/assessments/{created.pk}/")
    expected = assess_json(NORTHWIND)
    assert created.organisation == org and created.is_complete
    assert response.json()["recommendation"] == expected["recommendation"]
    assert response.json()["result"]["balance"] == expected["balance"]


def test_a_bad_document_gets_one_error_per_problem_named_by_field_in_assess_wording(api, org):
    document = json.loads(NORTHWIND)
    document["answers"]["employees"] = "many"
    del document["answers"]["cto_stretched"]
    document["answers"]["colour"] = "blue"
    response = api.post(
        f"/api/v1/organisations/{org.pk}/assessments/", document, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            {"field": "employees", "message": 'must be a whole number, got "many"'},
            {"field": "cto_stretched", "message": "is required"},
            {"field": "answers", "message": 'unknown key "colour"'},
        ]
    }
    assert _one_line(response) == _assess_says(json.dumps(document).encode())
    assert not Assessment.objects.exists()


def _one_line(response) -> str:
    return "; ".join(f"{e['field']}: {e['message']}" for e in response.json()["errors"])


def _assess_says(document: bytes) -> str:
    """What `manage.py assess` prints for the same document (its one-line error)."""
    with pytest.raises(CliError) as refused:
        run("-", "json", False, METHODOLOGY_VERSION, io.BytesIO(document), io.BytesIO())
    return str(refused.value)


def test_duplicate_keys_are_refused_by_the_same_loader_as_assess(api, org):
    body = NORTHWIND.replace(b'"employees": 1200', b'"employees": 1200, "employees": 12')
    response = api.post(f"/api/v1/organisations/{org.pk}/assessments/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"] == [{"field": "document", "message": 'duplicate key "employees"'}]
    assert _one_line(response) == _assess_says(body)


def test_errors_are_worded_in_the_requests_language(api, org):
    document = json.loads(NORTHWIND)
    del document["answers"]["cto_stretched"]
    response = api.post(
        f"/api/v1/organisations/{org.pk}/assessments/", document, content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="fr",
    )  # fmt: skip
    assert response.json()["errors"] == [{"field": "cto_stretched", "message": "est obligatoire"}]


def test_the_result_is_the_stored_snapshot_with_an_etag(api, org):
    assessment = completed_assessment(organisation=org)
    Assessment.objects.filter(pk=assessment.pk).update(result={**assessment.result, "marker": "as stored"})
    response = api.get(f"/api/v1/assessments/{assessment.pk}/")
    assert response.status_code == 200
    assert response.json()["result"]["marker"] == "as stored"
    etag = response["ETag"]
    again = api.get(f"/api/v1/assessments/{assessment.pk}/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assessment.name = "Renamed"
    assessment.save()
    changed = api.get(f"/api/v1/assessments/{assessment.pk}/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_history_is_paginated_newest_first(api, org, django_assert_num_queries):
    made = [completed_assessment(organisation=org) for _ in range(22)]
    with django_assert_num_queries(5):  # token, its last use, organisation, count, page
        first = api.get(f"/api/v1/organisations/{org.pk}/assessments/").json()
    assert first["count"] == 22 and len(first["results"]) == 20
    assert first["results"][0]["id"] == made[-1].pk
    second = api.get(first["next"].replace("http://testserver", "")).json()
    assert [a["id"] for a in second["results"]] == [made[1].pk, made[0].pk]


def test_rescoring_makes_a_new_assessment_and_keeps_the_old(api, org):
    old = completed_assessment(organisation=org)
    response = api.post(f"/api/v1/assessments/{old.pk}/rescore/")
    assert response.status_code == 201
    assert response.json()["rescored_from"] == old.pk
    assert Assessment.objects.filter(organisation=org).count() == 2


def test_the_report_is_prepared_then_downloaded(api, org, worker, fake_renderer):
    with worker():
        assessment = completed_assessment(organisation=org)
    status = api.get(f"/api/v1/assessments/{assessment.pk}/report/").json()
    assert status["status"] == "ready" and status["size"] == "a4" and status["language"] == "en"
    pdf = api.get(status["download"].replace("http://testserver", ""))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_a_report_being_prepared_answers_202_with_retry_after(api, org):
    assessment = completed_assessment(organisation=org)  # the worker never runs here
    response = api.get(f"/api/v1/assessments/{assessment.pk}/report.pdf?size=letter&lang=de")
    assert response.status_code == 202 and response["Retry-After"] == "2"
    assert response.json()["status"] == "preparing" and response.json()["language"] == "de"
    assert ReportCache.objects.filter(assessment=assessment, size="letter", language="de").exists()


def test_asking_for_reports_is_rate_limited_as_on_the_pages(api, org, settings):
    # Per hour, so that a counting window ending between two requests cannot reset the count mid-test.
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "pdf": "2/h"}
    assessment = completed_assessment(organisation=org)
    codes = [api.post(f"/api/v1/assessments/{assessment.pk}/report/").status_code for _ in range(3)]
    assert codes == [202, 202, 429]
    refused = api.post(f"/api/v1/assessments/{assessment.pk}/report/")
    assert refused["Retry-After"] == "3600"
    assert "many reports" in refused.json()["errors"][0]["message"]


def test_a_burst_of_report_requests_across_a_window_end_gets_the_limit_and_an_hour_later_more(
    alice, api, org, settings
):
    from tests.limit_windows import at_a_window_end

    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "pdf": "2/h", "work_organisation": "100/m"}
    report = f"/api/v1/assessments/{completed_assessment(organisation=org).pk}/report/"
    with at_a_window_end(str(alice.pk), 3_600) as clock:
        codes = [api.post(report).status_code]  # the last second of a window
        clock.now += 1  # the next window
        codes += [api.post(report).status_code for _ in range(3)]
        refused = api.post(report)
        assert codes == [202, 202, 429, 429] and refused.status_code == 429
        assert refused["Retry-After"] == "3600" and "many reports" in refused.json()["errors"][0]["message"]
        clock.now += 3_600
        assert api.post(report).status_code == 202


def test_charters_are_read_with_their_signatures(alice, api, org):
    from assessments.charter import services as charters

    charter = charters.start_charter(assessment=completed_assessment(organisation=org), user=alice)
    charters.sign_charter(charter=charter, user=alice, seen_version=charter.version)
    listed = api.get(f"/api/v1/organisations/{org.pk}/charters/").json()
    assert [c["number"] for c in listed["results"]] == [1]
    body = api.get(f"/api/v1/charters/{charter.pk}/").json()
    assert body["status"] == "agreed" and [s["name"] for s in body["signatures"]] == ["alice"]
    assert body["content"] == charter.content


def test_the_method_is_public_and_lists_questions_and_thresholds():
    body = Client().get("/api/v1/method/").json()
    assert body["version"] == "2027.01"
    spend = next(t for t in body["tests"] if t["id"] == "ai_spend_over_5m")
    assert spend["condition"] == {"answer": "annual_ai_spend_usd", "op": "gt", "value": 5_000_000}
    assert "employees" in [q["key"] for q in body["questions"]]
    cto = next(q for q in body["questions"] if q["key"] == "cto_status")
    assert [c["value"] for c in cto["choices"]] == ["in_post", "vacant", "none"]


def test_a_member_removed_from_the_organisation_loses_the_api_too(api, org):
    bob = UserFactory(username="bobby")
    membership = member(org, bob, "viewer")
    client = _client(bob, org, can_write=False)
    assert client.get(f"/api/v1/organisations/{org.pk}/").status_code == 200
    membership.delete()
    assert client.get(f"/api/v1/organisations/{org.pk}/").status_code == 404


def test_reading_costs_the_same_queries_however_much_there_is(alice, api, org, django_assert_num_queries):
    from assessments.charter import services as charters

    for _ in range(3):
        assessment = completed_assessment(organisation=org)
    charter = charters.start_charter(assessment=assessment, user=alice)
    charters.sign_charter(charter=charter, user=alice, seen_version=charter.version)
    OrganisationFactory(owner=alice)
    api.get("/api/v1/organisations/")  # the token's first use is recorded once
    # the token, the object (with the role), then a list's count and page, or the charter's signatures
    for url, queries in [
        ("/api/v1/organisations/", 3),
        (f"/api/v1/organisations/{org.pk}/", 2),
        (f"/api/v1/organisations/{org.pk}/charters/", 4),
        (f"/api/v1/assessments/{assessment.pk}/", 2),
        (f"/api/v1/charters/{charter.pk}/", 3),
    ]:
        with django_assert_num_queries(queries):
            assert api.get(url).status_code == 200, url


def test_the_method_is_worded_in_the_requests_language():
    body = Client().get("/api/v1/method/", HTTP_ACCEPT_LANGUAGE="de").json()
    employees = next(q for q in body["questions"] if q["key"] == "employees")
    assert employees["label"] == "Wie viele Personen beschäftigt das Unternehmen?"


def test_a_document_over_the_size_limit_is_refused_in_assess_words(api, org):
    body = b'{"schema": "caio-assessment/2", "notes": "' + b"x" * 2_000_000 + b'"}'
    response = api.post(f"/api/v1/organisations/{org.pk}/assessments/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "document", "message": "is too large (2,000,044 bytes); the most allowed is 1,000,000"}
    ]
    assert _one_line(response) == _assess_says(body)
