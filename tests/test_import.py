from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments.models import Assessment, Organisation
from tests.factories import NORTHWIND_ANSWERS, OrganisationFactory, completed_assessment

pytestmark = pytest.mark.django_db

DOCUMENT = {
    "schema": "caio-assessment/1",
    "organisation": {"name": "Imported Ltd"},
    "answers": NORTHWIND_ANSWERS,
}


def _upload(client, payload: bytes):
    return client.post(
        "/organisations/import/",
        {"file": SimpleUploadedFile("a.json", payload, content_type="application/json")},
    )


def test_importing_a_document_creates_an_organisation_and_a_scored_assessment(alice_client, alice):
    response = _upload(alice_client, json.dumps(DOCUMENT).encode())
    assessment = Assessment.objects.get()
    assert response["Location"] == f"/assessments/{assessment.pk}/results/"
    assert assessment.organisation.name == "Imported Ltd"
    assert assessment.organisation.created_by == alice
    assert assessment.organisation.memberships.get().user == alice
    assert assessment.answers == NORTHWIND_ANSWERS


def test_an_exported_file_imports_back_into_the_same_organisation(alice_client, alice):
    original = completed_assessment(organisation=OrganisationFactory(owner=alice, name="Round Trip"))
    exported = alice_client.get(f"/assessments/{original.pk}/export.json").content
    _upload(alice_client, exported)
    assert Organisation.objects.count() == 1
    copies = Assessment.objects.exclude(pk=original.pk)
    assert [a.answers for a in copies] == [original.answers]


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"{not json", "not valid JSON"),
        (
            json.dumps({**DOCUMENT, "answers": {**NORTHWIND_ANSWERS, "employees": -5}}).encode(),
            "must be a whole number",
        ),
        (json.dumps({**DOCUMENT, "answers": {**NORTHWIND_ANSWERS, "employes": 3}}).encode(), "unknown key"),
        (json.dumps({**DOCUMENT, "schema": "other/9"}).encode(), "schema"),
        (b"\xff\xfe", "not valid JSON (line 1, column 1"),
    ],
)
def test_a_bad_file_is_refused_with_errors_by_field_and_nothing_saved(alice_client, payload, message):
    response = _upload(alice_client, payload)
    assert response.status_code == 400
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not Assessment.objects.exists()
    assert not Organisation.objects.exists()


def test_every_error_in_a_file_is_listed(alice_client):
    bad = {**DOCUMENT, "answers": {**NORTHWIND_ANSWERS, "employees": 0, "ai_product_role": "robots"}}
    text = _upload(alice_client, json.dumps(bad).encode()).content.decode()
    assert "<code>employees</code>" in text
    assert "<code>ai_product_role</code>" in text


def test_an_imported_organisation_name_with_a_line_break_is_refused(alice_client, alice):
    document = {**DOCUMENT, "organisation": {"name": "Acme\r\nBcc: victim@example.com"}}
    response = _upload(alice_client, json.dumps(document).encode())
    assert response.status_code == 400
    assert "must not contain control characters such as line breaks or tabs" in response.content.decode()
    assert not Organisation.objects.exists()
