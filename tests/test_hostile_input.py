"""Hostile input: one payload per behaviour, followed to where it is stored and where it is shown.

NUL, control characters, unpaired surrogates, over-long text, markup, non-numbers, huge numbers and nesting.
Each test asserts what was stored, or the error shown next to the field, and that a stored value is escaped
wherever a page shows it. Hypothesis' fuzzer over the same forms and imports is tests/test_form_properties.py.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils.html import escape

from assessments.models import Assessment, Invitation, Organisation, Rating
from assessments.validators import SINGLE_LINE_MESSAGE
from tests.factories import (
    NORTHWIND_ANSWERS,
    AssessmentFactory,
    OrganisationFactory,
    completed_assessment,
    member,
)

pytestmark = pytest.mark.django_db

NUL = "Acme\x00Corp"  # PostgreSQL cannot store it in text
CONTROL = "Acme\r\nBcc: victim@example.com"  # a line break starts a new mail header or log line
SURROGATE = "Acme \ud800"  # only a JSON escape can carry it; it cannot be written out as UTF-8
MARKUP = '"><img src=x onerror=alert(1)> {{ 7|add:7 }}'  # HTML and Django template syntax
NON_NUMBER = "twelve"
HUGE = "9" * 40  # past 64 bits and past decimal's default 28 digits
NESTED = b"[" * 1_000 + b"]" * 1_000  # past the JSON parser's recursion limit


def field_errors(response: Any) -> dict[str, list[str]]:
    """The errors shown next to each field (crispy-bootstrap5 puts them in the field's error block)."""
    errors: dict[str, list[str]] = {}
    text = response.content.decode()
    for field, message in re.findall(r'<p id="error_\d+_id_([\w-]+)"><strong>(.*?)</strong></p>', text):
        errors.setdefault(field, []).append(html.unescape(message))
    return errors


def upload(client: Client, url: str, document: Any) -> Any:
    payload = document if isinstance(document, bytes) else json.dumps(document).encode()
    return client.post(url, {"file": SimpleUploadedFile("a.json", payload, content_type="application/json")})


def assessment_document(name: str = "Imported Ltd", **answers: Any) -> dict[str, Any]:
    return {
        "schema": "caio-assessment/1",
        "organisation": {"name": name},
        "answers": {**NORTHWIND_ANSWERS, **answers},
    }


def account_document(**organisation: Any) -> dict[str, Any]:
    return {"schema": "caio-account/1", "organisations": [{"name": "Imported Ltd", **organisation}]}


# --- the organisation profile --------------------------------------------------------------------------


def test_markup_is_stored_verbatim_in_every_profile_field_and_shown_escaped(alice_client, alice):
    typed = {"name": MARKUP, "sector": "<b>Logistics</b>", "region": "<script>alert(1)</script>"}
    notes = MARKUP + "\r\nsecond line"  # notes may hold line breaks; they are shown as <br>
    response = alice_client.post("/organisations/new/", {**typed, "notes": notes})
    assert response.status_code == 302
    organisation = Organisation.objects.get(created_by=alice)
    assert (organisation.name, organisation.sector, organisation.region) == tuple(typed.values())
    assert organisation.notes == notes
    detail = alice_client.get(organisation.get_absolute_url()).content.decode()
    listing = alice_client.get("/organisations/").content.decode()
    for page, shown in ((detail, typed.values()), (listing, [MARKUP, "<b>Logistics</b>"])):
        for value in shown:
            assert escape(value) in page and value not in page
    assert escape(MARKUP) + "<br>second line" in detail
    assert "14" not in detail.split("<main")[1].split("</h1>")[0]  # the template syntax was not run


def test_nul_and_control_characters_are_refused_next_to_their_fields(alice_client):
    response = alice_client.post(
        "/organisations/new/", {"name": NUL, "sector": CONTROL, "region": "North\tEast", "notes": NUL}
    )
    assert field_errors(response) == {
        "name": ["Null characters are not allowed."],
        "sector": [SINGLE_LINE_MESSAGE],
        "region": [SINGLE_LINE_MESSAGE],
        "notes": ["Null characters are not allowed."],
    }
    assert not Organisation.objects.exists()


def test_over_long_text_is_refused_with_the_limit_and_text_at_the_limit_is_kept(alice_client):
    response = alice_client.post("/organisations/new/", {"name": "x" * 201, "region": "y" * 101})
    assert field_errors(response) == {
        "name": ["Ensure this value has at most 200 characters (it has 201)."],
        "region": ["Ensure this value has at most 100 characters (it has 101)."],
    }
    assert (
        alice_client.post("/organisations/new/", {"name": "x" * 200, "region": "y" * 100}).status_code == 302
    )
    assert Organisation.objects.values_list("name", "region").get() == ("x" * 200, "y" * 100)


# --- the questionnaire -----------------------------------------------------------------------------------


@pytest.fixture
def draft(alice) -> Assessment:
    return AssessmentFactory(organisation=OrganisationFactory(owner=alice))


def post_step(client: Client, draft: Assessment, step: str, data: dict[str, str], action: str) -> Any:
    draft.refresh_from_db()
    return client.post(
        f"/assessments/{draft.pk}/step/{step}/", {**data, "version": draft.version, "action": action}
    )


def test_number_answers_refuse_words_markup_and_huge_numbers_and_echo_them_escaped(alice_client, draft):
    typed = {
        "employees": MARKUP,
        "annual_ai_spend_usd": HUGE,
        "ai_headcount": NON_NUMBER,
        "ai_use_cases": HUGE,
    }
    response = post_step(alice_client, draft, "footprint", typed, action="next")
    assert field_errors(response) == {
        "employees": ["Enter a whole number, like 250."],
        "annual_ai_spend_usd": ["Enter 10,000,000,000,000 or less."],  # was a 500 (decimal.InvalidOperation)
        "ai_headcount": ["Enter a whole number, like 250."],
        "ai_use_cases": ["Enter 100,000 or less."],
    }
    text = response.content.decode()
    assert f'value="{escape(MARKUP)}"' in text and MARKUP not in text
    draft.refresh_from_db()
    assert draft.answers == {} and draft.step == "footprint"


def test_back_keeps_typed_markup_as_typed_and_shows_it_escaped_but_drops_nul(alice_client, draft):
    response = post_step(
        alice_client, draft, "footprint", {"employees": MARKUP, "ai_headcount": "12\x00"}, action="back"
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    # PostgreSQL's jsonb cannot hold NUL: what was typed around it is kept.
    assert draft.pending == {"employees": MARKUP, "ai_headcount": "12"}
    text = alice_client.get(f"/assessments/{draft.pk}/step/footprint/").content.decode()
    assert f'value="{escape(MARKUP)}"' in text and MARKUP not in text


def test_choices_refuse_anything_not_offered(alice_client, draft):
    typed = {"ai_product_role": MARKUP, "regulatory_exposure": NUL, "compliance_needs_executive": "yes"}
    response = post_step(alice_client, draft, "product", typed, action="next")
    assert field_errors(response) == {
        "ai_product_role": ["Choose one of the options shown."],
        "regulatory_exposure": ["Choose one of the options shown."],
        "compliance_needs_executive": ["Answer yes or no."],
    }
    assert MARKUP not in response.content.decode()


# --- the two JSON imports -------------------------------------------------------------------------------


def test_an_imported_name_with_markup_is_stored_verbatim_and_shown_escaped(alice_client):
    response = upload(alice_client, "/organisations/import/", assessment_document(name=MARKUP))
    assert response.status_code == 302
    assessment = Assessment.objects.get()
    assert assessment.organisation.name == MARKUP
    results = alice_client.get(f"/assessments/{assessment.pk}/results/").content.decode()
    assert escape(MARKUP) in results and MARKUP not in results


@pytest.mark.parametrize(
    ("name", "error"),
    [
        (NUL, "must not contain control characters such as line breaks or tabs"),
        (CONTROL, "must not contain control characters such as line breaks or tabs"),
        (SURROGATE, "must be valid Unicode text (it contains an unpaired surrogate)"),
        ("x" * 201, "must be at most 200 characters, got &quot;xxxx"),
    ],
    ids=["nul", "control", "surrogate", "over-long"],
)
def test_an_imported_name_that_cannot_be_one_line_of_text_is_refused(alice_client, name, error):
    response = upload(alice_client, "/organisations/import/", assessment_document(name=name))
    assert response.status_code == 400
    assert f"<code>organisation.name</code>: {error}" in response.content.decode()
    assert not Organisation.objects.exists()


def test_imported_answers_that_are_not_numbers_or_too_long_are_refused_and_echoed_escaped(alice_client):
    document = assessment_document(employees=MARKUP, ai_headcount=NON_NUMBER)
    del document["answers"]["ai_use_cases"]
    text = json.dumps(document)[:-2] + f', "ai_use_cases": {HUGE}}}}}'  # a JSON number, not a string
    response = upload(alice_client, "/organisations/import/", text.encode())
    page = response.content.decode()
    assert response.status_code == 400
    assert f"<code>employees</code>: must be a whole number, got {escape(json.dumps(MARKUP))}" in page
    assert "<code>ai_headcount</code>: must be a whole number, got &quot;twelve&quot;" in page
    assert "<code>ai_use_cases</code>: is too long a number (a number of 40 digits)" in page
    assert MARKUP not in page
    assert not Assessment.objects.exists()


def test_an_account_import_keeps_markup_verbatim_and_shows_it_escaped(alice, alice_client, bob_client):
    response = upload(bob_client, "/account/data/import/", account_document(name=MARKUP, sector="<b>IT</b>"))
    assert response.status_code == 302
    organisation = Organisation.objects.get()
    assert (organisation.name, organisation.sector) == (MARKUP, "<b>IT</b>")
    detail = bob_client.get(organisation.get_absolute_url()).content.decode()
    for value in (MARKUP, "<b>IT</b>"):
        assert escape(value) in detail and value not in detail


@pytest.mark.parametrize(
    ("document", "error"),
    [
        # The profile page's own form, as on the page (security round 3, finding 10).
        (account_document(name=NUL), "organisations[0].name: Null characters are not allowed."),
        (account_document(name=SURROGATE), f"organisations[0].name: {SINGLE_LINE_MESSAGE}"),
        (
            account_document(name="x" * 201),
            "organisations[0].name: Ensure this value has at most 200 characters",
        ),
        (
            account_document(headcount=NON_NUMBER),
            'organisations[0].headcount: must be a whole number, got "twelve"',
        ),
        (NESTED, "document: not valid JSON (nested too deeply)"),
    ],
    ids=["nul", "surrogate", "over-long", "non-number", "nesting"],
)
def test_an_account_import_refuses_what_cannot_be_stored_with_a_message(bob_client, document, error):
    response = upload(bob_client, "/account/data/import/", document)
    assert response.status_code == 400
    assert escape(error) in response.content.decode()
    assert not Organisation.objects.exists()


# --- accounts and the team ------------------------------------------------------------------------------


def test_sign_up_refuses_markup_and_control_characters_and_echoes_the_name_escaped(client):
    password = "a-long-enough-passphrase-42"
    response = client.post(
        "/accounts/signup/",
        {"username": MARKUP, "email": CONTROL, "password1": password, "password2": password},
    )
    errors = field_errors(response)
    assert errors["username"] == [
        "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters."
    ]
    assert SINGLE_LINE_MESSAGE in errors["email"]
    text = response.content.decode()
    assert f'value="{escape(MARKUP)}"' in text and MARKUP not in text
    assert client.post("/accounts/login/", {"username": MARKUP, "password": password}).status_code == 200


def test_a_rater_label_with_markup_is_stored_verbatim_and_shown_escaped(alice, alice_client, bob, draft):
    member(draft.organisation, bob, "viewer")
    url = f"/assessments/{draft.pk}/panel/"
    assert field_errors(alice_client.post(url, {"rater": bob.pk, "label": CONTROL})) == {
        "label": [SINGLE_LINE_MESSAGE]
    }
    assert alice_client.post(url, {"rater": bob.pk, "label": MARKUP}).status_code == 302
    assert Rating.objects.get(assessment=draft).label == MARKUP
    text = alice_client.get(url).content.decode()
    assert escape(MARKUP) in text and MARKUP not in text


def test_an_invitation_to_a_hostile_address_or_role_is_refused(alice, alice_client):
    organisation = OrganisationFactory(owner=alice)
    url = f"/organisations/{organisation.pk}/members/"
    response = alice_client.post(url, {"email": f"{MARKUP}@example.com", "role": "viewer"})
    assert field_errors(response) == {"email": ["Enter a valid email address."]}
    response = alice_client.post(url, {"email": "new@example.com", "role": MARKUP})
    assert "role" in field_errors(response)
    assert not Invitation.objects.exists()


def test_compare_answers_404_for_ids_that_are_words_markup_or_huge(alice, alice_client):
    organisation = OrganisationFactory(owner=alice)
    completed_assessment(organisation=organisation)
    completed_assessment(organisation=organisation)
    for value in (NON_NUMBER, MARKUP, HUGE, "-1"):
        response = alice_client.get(f"/organisations/{organisation.pk}/compare/", {"a": value, "b": value})
        assert response.status_code == 404, value
