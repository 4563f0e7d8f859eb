from __future__ import annotations

import html
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils.html import strip_tags

from assessments.models import Assessment, Organisation
from tests.factories import AssessmentFactory, OrganisationFactory, UserFactory, completed_assessment

pytestmark = pytest.mark.django_db


def _upload(client: Client, payload: bytes):
    upload = SimpleUploadedFile("account.json", payload, content_type="application/json")
    return client.post("/account/data/import/", {"file": upload})


def _snapshot(user) -> list:
    return [
        (
            a.organisation.name, a.organisation.sector, a.organisation.headcount, a.organisation.region,
            a.organisation.notes, a.status, a.step, a.answers, a.pending, a.result, a.methodology_version,
            a.recommendation, a.score, a.caio_signals, a.absorb_conditions, a.need_confidence, a.created_at,
            a.completed_at,
        )
        for a in Assessment.objects.for_user(user).select_related("organisation").order_by("organisation__name", "created_at")
    ]  # fmt: skip


def test_export_then_import_into_an_empty_account_loses_nothing(alice_client, alice):
    first = OrganisationFactory(owner=alice, name="Alpha", notes="Line one\nLine two <b>bold</b>")
    completed_assessment(organisation=first)
    completed_assessment(
        {**completed_assessment(organisation=first).answers, "cto_stretched": False}, organisation=first
    )
    AssessmentFactory(
        organisation=first, answers={"employees": 5}, pending={"ai_headcount": "lots"}, step="footprint"
    )
    OrganisationFactory(owner=alice, name="Beta", headcount=None, sector="")
    exported = alice_client.get("/account/data/export.json")
    assert exported["Content-Disposition"].startswith('attachment; filename="caio-advisor-account-')

    newcomer = UserFactory(username="newcomer")
    client = Client()
    client.force_login(newcomer)
    response = _upload(client, exported.content)
    assert response.status_code == 302
    assert _snapshot(newcomer) == _snapshot(alice)
    assert sorted(Organisation.objects.for_user(newcomer).values_list("name", flat=True)) == ["Alpha", "Beta"]


def test_import_into_an_account_that_has_data_is_refused(alice_client, alice):
    OrganisationFactory(owner=alice)
    response = _upload(alice_client, json.dumps({"schema": "caio-account/1", "organisations": []}).encode())
    assert response.status_code == 400
    assert "already has organisations" in response.content.decode()


def test_a_broken_account_file_imports_nothing_and_says_where(alice_client, alice):
    bad = {
        "schema": "caio-account/1",
        "organisations": [
            {"name": "Fine", "assessments": []},
            {
                "name": "Broken",
                "assessments": [{"status": "completed", "answers": {"employees": -1}, "result": None}],
            },
        ],
    }
    response = _upload(alice_client, json.dumps(bad).encode())
    text = response.content.decode()
    assert response.status_code == 400
    assert "organisations[1].assessments[0].answers.employees" in text
    assert not Organisation.objects.for_user(alice).exists()


def test_not_json_is_refused(alice_client):
    assert "not valid JSON" in _upload(alice_client, b"{nope").content.decode()


def test_an_account_file_with_two_drafts_of_one_organisation_is_refused_not_a_server_error(
    alice_client, alice
):
    draft = {"status": "draft", "answers": {}, "created_at": None, "completed_at": None}
    document = {
        "schema": "caio-account/1",
        "organisations": [{"name": "Twice", "assessments": [draft, draft]}],
    }
    response = _upload(alice_client, json.dumps(document).encode())
    assert response.status_code == 400
    assert "organisations[0].assessments[1].status: is a second draft" in response.content.decode()
    assert not Organisation.objects.for_user(alice).exists()


def test_an_account_file_with_a_control_character_in_a_name_is_refused(alice_client, alice):
    document = {"schema": "caio-account/1", "organisations": [{"name": "Tab\there", "region": "EU\u2028x"}]}
    response = _upload(alice_client, json.dumps(document).encode())
    text = response.content.decode()
    assert response.status_code == 400
    assert "organisations[0].name: Write this on one line" in text
    assert "organisations[0].region: Write this on one line" in text
    assert not Organisation.objects.for_user(alice).exists()


def test_an_account_files_errors_spell_its_values_as_json_does(alice_client, alice):
    draft = {"status": "draft", "answers": {"employees": True}, "created_at": ["2026"], "completed_at": None}
    document = {
        "schema": "caio-account/1",
        "organisations": [{"name": "A", "assessments": [{"status": 1}, draft]}],
    }
    response = _upload(alice_client, json.dumps(document).encode())
    text = " ".join(html.unescape(strip_tags(response.content.decode())).split())
    assert response.status_code == 400
    assert 'organisations[0].assessments[0].status: must be "draft" or "completed"' in text
    assert "organisations[0].assessments[1].answers.employees: must be a whole number, got true" in text
    assert "organisations[0].assessments[1].created_at: must be an ISO 8601 date-time, got an array" in text
    wrong_schema = _upload(alice_client, json.dumps({"schema": "caio-account/2"}).encode())
    assert 'schema: must be "caio-account/1"' in html.unescape(strip_tags(wrong_schema.content.decode()))


# --- the import goes through the profile page's form and limits ---------------------------------------------


@pytest.mark.parametrize(
    ("organisation", "expected"),
    [
        ({"name": 123}, "organisations[0].name: must be a string, got 123"),
        ({"name": ["Evil"]}, "organisations[0].name: must be a string, got an array"),
        (
            {"name": "Fine", "headcount": "12"},
            "organisations[0].headcount: must be a whole number, got &quot;12&quot;",
        ),
        ({"name": "Fine", "ceo": "x"}, "organisations[0]: unknown key &quot;ceo&quot;"),
        ({"name": "x" * 201}, "organisations[0].name: Ensure this value has at most 200 characters"),
        ({"name": "  "}, "organisations[0].name: This field is required."),
    ],
)
def test_an_organisation_the_profile_form_would_refuse_is_refused(
    alice_client, alice, organisation, expected
):
    document = {"schema": "caio-account/1", "organisations": [organisation]}
    response = _upload(alice_client, json.dumps(document).encode())
    assert response.status_code == 400
    assert expected in response.content.decode()
    assert not Organisation.objects.for_user(alice).exists()


def test_pending_text_is_capped_and_unknown_keys_refused_with_a_few_lines_not_a_thousand(alice_client, alice):
    draft = {"status": "draft", "answers": {}, "pending": {"employees": "9" * 100_000}}
    extra = {f"key{n}": n for n in range(1000)}
    document = {
        "schema": "caio-account/1",
        "organisations": [
            {"name": "A", "assessments": [draft]},
            {"name": "B", "assessments": [{**draft, **extra}]},
        ],
    }
    response = _upload(alice_client, json.dumps(document).encode())
    text = response.content.decode()
    assert response.status_code == 400
    assert (
        "organisations[0].assessments[0].pending: must map answer keys to typed text of at most 100 characters"
        in text
    )
    assert text.count("unknown key") == 5
    assert not Organisation.objects.for_user(alice).exists()


def test_pending_text_for_a_question_that_does_not_exist_is_refused(alice_client, alice):
    draft = {"status": "draft", "answers": {}, "pending": {"not_a_question": "x"}}
    document = {"schema": "caio-account/1", "organisations": [{"name": "A", "assessments": [draft]}]}
    assert _upload(alice_client, json.dumps(document).encode()).status_code == 400
    assert not Organisation.objects.for_user(alice).exists()
