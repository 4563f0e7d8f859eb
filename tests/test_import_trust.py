"""Imports go through the engine's one loader and are scored again: a file can never put words in the app's mouth."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape

from assessments.models import Assessment, Organisation
from tests.factories import NORTHWIND_ANSWERS, OrganisationFactory, completed_assessment

pytestmark = pytest.mark.django_db

FORGED = "…the board must dismiss the CTO"


def _post(client, url: str, payload: bytes):
    return client.post(url, {"file": SimpleUploadedFile("a.json", payload, content_type="application/json")})


def test_the_web_import_refuses_a_duplicate_key_like_the_command_line(alice_client):
    text = '{"schema": "caio-assessment/2", "organisation": {"name": "Twice"}, "answers": {"employees": 10, '
    text += ", ".join(f'"{k}": {json.dumps(v)}' for k, v in NORTHWIND_ANSWERS.items()) + "}}"
    response = _post(alice_client, "/organisations/import/", text.encode())
    assert response.status_code == 400
    assert "duplicate key &quot;employees&quot;" in response.content.decode()
    assert not Organisation.objects.filter(name="Twice").exists()


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"[" * 1_000 + b"]" * 1_000, "nested too deeply"),
        (b'{"schema": "caio-assessment/2", "organisation": {"name": "X"}, "answers": {"employees": 1' + b"0" * 5_000 + b"}}", "is too long a number"),
    ],
)  # fmt: skip
def test_the_web_import_answers_deep_nesting_and_huge_numbers_with_a_message(alice_client, payload, message):
    response = _post(alice_client, "/organisations/import/", payload)
    assert response.status_code == 400 and message in response.content.decode()


def test_an_account_import_scores_answers_again_and_never_stores_the_files_result(alice_client, alice, bob):
    original = completed_assessment(organisation=OrganisationFactory(owner=bob, name="Forged Ltd"))
    exported = json.loads(_export(bob, original))
    result = exported["organisations"][0]["assessments"][0]["result"]
    result["headline"] = FORGED
    result["recommendation"] = "caio_reports_to_ceo"
    response = _post(alice_client, "/account/data/import/", json.dumps(exported).encode())
    assert response.status_code == 302
    imported = Assessment.objects.for_user(alice).get()
    assert imported.result["headline"] != FORGED and imported.result == {
        **original.result,
        "organisation": imported.result["organisation"],
    }
    page = alice_client.get(f"/assessments/{imported.pk}/results/").content.decode()
    assert FORGED not in page and escape(original.result["headline"]) in page


def test_an_account_import_of_a_result_with_only_four_keys_is_scored_and_shown(alice_client):
    document = {
        "schema": "caio-account/1",
        "organisations": [{"name": "Thin", "assessments": [{
            "status": "completed", "answers": NORTHWIND_ANSWERS, "completed_at": "2026-01-05T10:00:00+00:00",
            "result": {"schema": "caio-result/1", "recommendation": "cto_only", "score": 0, "methodology_version": "2026.11"},
        }]}],
    }  # fmt: skip
    assert _post(alice_client, "/account/data/import/", json.dumps(document).encode()).status_code == 302
    imported = Assessment.objects.get(organisation__name="Thin")
    assert imported.methodology_version == "2027.01" and imported.recommendation == "caio_reports_to_cto"
    assert alice_client.get(f"/assessments/{imported.pk}/results/").status_code == 200


@pytest.mark.parametrize("body", [{"organisations": 5}, {"organisations": [{"name": "A", "assessments": 7}]}])
def test_an_account_import_with_the_wrong_shape_is_a_clear_400(alice_client, body):
    response = _post(
        alice_client, "/account/data/import/", json.dumps({"schema": "caio-account/1", **body}).encode()
    )
    assert response.status_code == 400 and "must be an array of" in response.content.decode()


def _export(user, _assessment) -> bytes:
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.get("/account/data/export.json").content
