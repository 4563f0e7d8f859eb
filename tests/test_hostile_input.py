"""Hostile input never gives a 5xx: it is stored verbatim when valid and shown escaped, or refused by field."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape

from assessments.models import Assessment, Organisation
from tests.factories import NORTHWIND_ANSWERS, AssessmentFactory, OrganisationFactory, completed_assessment
from tests.hostile import PAYLOADS

pytestmark = pytest.mark.django_db

IDS = [repr(p)[:40] for p in PAYLOADS]
PROFILE = {"name": "Valid Name", "sector": "", "headcount": "", "region": "", "notes": ""}


def _assert_shown_escaped(client, organisation: Organisation, value: str, field: str) -> None:
    paths = [organisation.get_absolute_url()] + (["/organisations/"] if field in {"name", "sector"} else [])
    for path in paths:
        text = client.get(path).content.decode()
        assert escape(value) in text
        if "<" in value:
            assert value not in text


@pytest.mark.parametrize("field", ["name", "sector", "region", "notes"])
@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_organisation_form(alice_client, alice, field, payload):
    response = alice_client.post("/organisations/new/", {**PROFILE, field: payload})
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert "invalid-feedback" in response.content.decode()
        assert not Organisation.objects.exists()
        return
    organisation = Organisation.objects.get(created_by=alice)
    stored = getattr(organisation, field)
    assert stored == payload.strip() or (field != "name" and not payload.strip() and stored == "")
    if stored and field != "notes":
        _assert_shown_escaped(alice_client, organisation, stored, field)


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_every_questionnaire_field(alice_client, alice, payload):
    draft = AssessmentFactory(organisation=OrganisationFactory(owner=alice))
    for step, keys in {
        "footprint": ["employees", "annual_ai_spend_usd", "ai_headcount", "ai_use_cases"],
        "product": ["ai_product_role", "regulatory_exposure", "compliance_needs_executive"],
        "leadership": ["cto_stretched"],
    }.items():
        for key in keys:
            draft.refresh_from_db()
            response = alice_client.post(
                f"/assessments/{draft.pk}/step/{step}/",
                {key: payload, "version": draft.version, "action": "back"},
            )
            assert response.status_code in (200, 302), (step, key)
            review = alice_client.get(f"/assessments/{draft.pk}/review/")
            assert review.status_code == 200
            if "<" in payload:
                assert payload not in review.content.decode()


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_the_json_import(alice_client, alice, payload):
    documents = [
        {"schema": "caio-assessment/1", "organisation": {"name": payload}, "answers": NORTHWIND_ANSWERS},
        {"schema": "caio-assessment/1", "organisation": {"name": "Ok", "sector": payload}, "answers": NORTHWIND_ANSWERS},
        {"schema": "caio-assessment/1", "organisation": {"name": "Ok"}, "answers": {**NORTHWIND_ANSWERS, "employees": payload}},
        {"schema": "caio-assessment/1", "organisation": {"name": "Ok"}, "answers": {**NORTHWIND_ANSWERS, "ai_product_role": payload}},
    ]  # fmt: skip
    for document in documents:
        upload = SimpleUploadedFile("a.json", json.dumps(document).encode(), content_type="application/json")
        response = alice_client.post("/organisations/import/", {"file": upload})
        assert response.status_code in (302, 400)
        if response.status_code == 400:
            assert "The file was not imported" in response.content.decode()
    for assessment in Assessment.objects.select_related("organisation"):
        text = alice_client.get(f"/assessments/{assessment.pk}/results/").content.decode()
        assert escape(assessment.organisation.name) in text or assessment.organisation.name not in text
        if "<" in payload:
            assert payload not in text


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_sign_up_and_log_in(client, payload):
    response = client.post(
        "/accounts/signup/",
        {"username": payload, "email": payload, "password1": payload, "password2": payload},
    )
    assert response.status_code in (200, 302)
    response = client.post("/accounts/login/", {"username": payload, "password": payload})
    assert response.status_code in (200, 302, 429)


@pytest.mark.parametrize("payload", PAYLOADS[:20], ids=IDS[:20])
def test_compare_parameters(alice_client, alice, payload):
    organisation = OrganisationFactory(owner=alice)
    completed_assessment(organisation=organisation)
    completed_assessment(organisation=organisation)
    response = alice_client.get(f"/organisations/{organisation.pk}/compare/", {"a": payload, "b": payload})
    assert response.status_code in (200, 404)


def test_a_hostile_name_is_escaped_on_the_results_page_and_kept_verbatim_in_the_export(alice_client, alice):
    name = '<img src="file:///etc/passwd"> {{7*7}} \u202eevil'
    assessment = completed_assessment(organisation=OrganisationFactory(owner=alice, name=name))
    text = alice_client.get(f"/assessments/{assessment.pk}/results/").content.decode()
    assert escape(name) in text and name not in text and "49" not in text.split("<main")[1].split("</h1>")[0]
    exported = json.loads(alice_client.get(f"/assessments/{assessment.pk}/export.json").content)
    assert exported["assessment"]["organisation"]["name"] == name


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_the_team_forms(alice_client, alice, bob, payload):
    from assessments.models import Invitation, Rating
    from tests.factories import member

    organisation = OrganisationFactory(owner=alice)
    member(organisation, bob, "viewer")
    draft = AssessmentFactory(organisation=organisation)
    response = alice_client.post(
        f"/organisations/{organisation.pk}/members/", {"email": payload, "role": payload}
    )
    assert response.status_code in (200, 400)
    assert not Invitation.objects.exists()  # no payload is a valid email address with a valid role
    response = alice_client.post(f"/assessments/{draft.pk}/panel/", {"rater": bob.pk, "label": payload})
    assert response.status_code in (302, 400)
    rating = Rating.objects.filter(assessment=draft).first()
    if rating is not None:
        assert rating.label == payload.strip()
        text = alice_client.get(f"/assessments/{draft.pk}/panel/").content.decode()
        assert escape(rating.label) in text
        if "<" in payload:
            assert payload not in text
    for key in ("employees", "ai_product_role", "cto_stretched"):
        response = alice_client.post(
            f"/assessments/{draft.pk}/panel/settle/{key}/",
            {f"{key}-value": payload, f"{key}-version": payload},
        )
        assert response.status_code == 302
    member_pk = organisation.memberships.get(user=bob).pk
    response = alice_client.post(
        f"/organisations/{organisation.pk}/members/{member_pk}/role/", {"role": payload, "version": payload}
    )
    assert response.status_code == 302
    assert organisation.memberships.get(user=bob).role == "viewer"
