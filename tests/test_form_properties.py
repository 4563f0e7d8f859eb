"""Hypothesis over every form: valid data saves and reloads identically; any data never gives a 5xx.

The one fuzzer (`test_no_form_or_import_gives_a_server_error_whatever_is_sent`) posts random fields to every
form, and to both JSON imports documents of every wrong shape: a valid document with values replaced by any
JSON value or removed, cut short, or random bytes. Named hostile payloads: tests/test_hostile_input.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django import forms
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import from_form

from assessments.account.forms import AccountForm, SignupForm
from assessments.charter import services as charters
from assessments.engine import QUESTION_BY_KEY, QUESTIONS
from assessments.models import Assessment, Invitation, Organisation, Rating, ShareLink
from assessments.questionnaire.amounts import parse_count
from assessments.questionnaire.forms import (
    AnswerStepForm,
    InviteForm,
    OrganisationForm,
    ShareForm,
    initial_for_step,
)
from tests.factories import (
    NORTHWIND_ANSWERS,
    AssessmentFactory,
    OrganisationFactory,
    UserFactory,
    completed_assessment,
    member,
)

pytestmark = pytest.mark.django_db

# The logged-in client fixture is reused across examples on purpose: each example makes its own rows.
FIXTURE_OK = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
text = st.text(max_size=300)
# Each question's own bounds (the engine checks them; the form fields carry only the type).
IN_BOUNDS = {
    q.key: st.integers(min_value=q.minimum, max_value=q.maximum)
    if q.kind == "whole"
    else st.decimals(min_value=q.minimum, max_value=q.maximum, places=2)
    for q in QUESTIONS
    if q.kind in ("whole", "number")
}
# Real field names most of the time, so random values reach the validators, plus a few stray keys.
FIELDS = [q.key for q in QUESTIONS] + [
    "name", "sector", "headcount", "region", "notes", "version", "action", "email", "role", "rater", "label",
    "days", "employees-value", "employees-version", "owner", "status", "score", "file",
]  # fmt: skip
any_post = st.dictionaries(
    st.one_of(st.sampled_from(FIELDS), st.text(max_size=10)),
    st.one_of(
        text, st.integers().map(str), st.floats().map(str), st.sampled_from(["true", "next", "back", "1"])
    ),
    max_size=14,
)


# Single-line fields refuse control characters; drawing without them keeps assume() from discarding most examples.
one_line = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=100)


# The headcount box reads what people write (questionnaire._ReadField): drawn as the digits a person types.
headcount = st.one_of(st.just(""), st.integers(min_value=0, max_value=10**6).map(str))


@FIXTURE_OK
@given(form=from_form(OrganisationForm, name=one_line, sector=one_line, region=one_line, headcount=headcount))
def test_a_valid_organisation_saves_and_reloads_identically(alice_client, alice, form):
    # from_form can draw data the form's own cleaning refuses (a blank name); assume() fails the test
    # through Hypothesis' health check if that left too few valid examples.
    assume(form.is_valid())
    data = {k: "" if v is None else v for k, v in form.data.items()}
    response = alice_client.post("/organisations/new/", data)
    assert response.status_code == 302
    saved = Organisation.objects.get(pk=int(response["Location"].strip("/").split("/")[-1]))
    for field in OrganisationForm.Meta.fields:
        assert getattr(saved, field) == form.cleaned_data[field]
    reloaded = OrganisationForm(instance=saved)
    shown = {f: reloaded.initial.get(f) for f in OrganisationForm.Meta.fields}
    if shown["headcount"] is not None:  # written the reader's way ("1,200"), read back by the same parser
        shown["headcount"] = parse_count(shown["headcount"])
    assert shown == {f: form.cleaned_data[f] for f in OrganisationForm.Meta.fields}


@pytest.mark.parametrize("step", ["footprint", "product", "leadership"])
def test_a_valid_step_saves_and_reloads_identically(alice_client, alice, step):
    bounds = {key: strategy for key, strategy in IN_BOUNDS.items() if QUESTION_BY_KEY[key].step == step}

    @FIXTURE_OK
    @given(form=from_form(AnswerStepForm, form_kwargs={"step": step, "known_answers": {}}, **bounds))
    def check(form):
        assume(form.is_valid())
        # A fresh organisation each time: an organisation has one open draft at most.
        draft = AssessmentFactory(organisation=OrganisationFactory(owner=alice))
        data = {**{k: str(v).lower() if isinstance(v, bool) else v for k, v in form.data.items()}}
        data.update(version=draft.version, action="next")
        assert alice_client.post(f"/assessments/{draft.pk}/step/{step}/", data).status_code == 302
        draft.refresh_from_db()
        assert draft.answers == form.valid_answers()
        reloaded = initial_for_step(step, draft.answers, draft.pending)
        again = AnswerStepForm({**reloaded, "version": 1}, step=step, known_answers={})
        assert again.is_valid() and again.valid_answers() == draft.answers

    check()


@FIXTURE_OK
@given(form=from_form(InviteForm))
def test_a_valid_invitation_is_stored_as_given(alice_client, alice, form):
    assume(form.is_valid())
    caches["shared"].clear()  # each example is a fresh start, not the next of many invitations in a minute
    organisation = OrganisationFactory(owner=alice)
    assert alice_client.post(f"/organisations/{organisation.pk}/members/", form.data).status_code == 200
    invitation = Invitation.objects.get(organisation=organisation)
    assert (invitation.email, invitation.role) == (form.cleaned_data["email"], form.cleaned_data["role"])


@FIXTURE_OK
@given(form=from_form(ShareForm))
def test_a_valid_share_link_lasts_as_long_as_asked(alice_client, alice, form):
    assume(form.is_valid())
    assessment = completed_assessment(organisation=OrganisationFactory(owner=alice))
    assert alice_client.post(f"/assessments/{assessment.pk}/share/", form.data).status_code == 200
    link = ShareLink.objects.get(assessment=assessment)
    assert (link.expires_at - link.created_at).days in (
        form.cleaned_data["days"],
        form.cleaned_data["days"] - 1,
    )


def test_every_single_line_text_field_of_every_form_refuses_control_characters():
    from assessments.questionnaire.forms import RaterForm
    from assessments.validators import single_line

    all_forms = [
        OrganisationForm(),
        InviteForm(),
        SignupForm(),
        AccountForm(),
        RaterForm(members=Organisation.objects.none()),
    ]
    # A model form runs its model field's validators too.
    single_line_fields = {
        f"{type(form).__name__}.{name}": field.validators
        + (
            form._meta.model._meta.get_field(name).validators
            # the sign-up's full name is a form field of its own (User.first_name holds it whole)
            if isinstance(form, forms.ModelForm) and name != "full_name"
            else []
        )
        for form in all_forms
        for name, field in form.fields.items()
        if isinstance(field, forms.CharField)
        and not isinstance(field.widget, forms.Textarea | forms.PasswordInput | forms.HiddenInput)
    }
    # Usernames have Django's own stricter validator (letters, digits and @.+-_ only).
    single_line_fields.pop("SignupForm.username")
    assert sorted(single_line_fields) == [
        "AccountForm.full_name", "InviteForm.email", "OrganisationForm.name", "OrganisationForm.region",
        "OrganisationForm.sector", "RaterForm.label", "SignupForm.email", "SignupForm.full_name",
    ]  # fmt: skip
    without = [name for name, validators in single_line_fields.items() if single_line not in validators]
    assert without == []


# --- the fuzzer --------------------------------------------------------------------------------------------

ASSESSMENT = {
    "schema": "caio-assessment/1",
    "organisation": {"name": "Fuzz Ltd", "sector": "Logistics", "region": None},
    "answers": NORTHWIND_ANSWERS,
}
WHEN = "2026-01-05T10:00:00+00:00"
ACCOUNT = {
    "schema": "caio-account/1",
    "organisations": [
        {
            "name": "Fuzz Ltd", "sector": "", "headcount": 1200, "region": "", "notes": "", "created_at": WHEN,
            "assessments": [
                {"status": "completed", "step": "review", "answers": NORTHWIND_ANSWERS, "pending": {},
                 "result": {}, "created_at": WHEN, "completed_at": WHEN},
                {"status": "draft", "step": "product", "answers": {"employees": 10}, "pending": {"ai_headcount": "x"},
                 "result": None, "created_at": WHEN, "completed_at": None},
            ],
        }
    ],
}  # fmt: skip
DROP = object()
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3),
    max_leaves=8,
)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    children = (
        value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    )
    return [path] + [p for key, child in children for p in _paths(child, (*path, key))]


def _at(value: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        value = value[key]
    return value


def _replaced(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return {} if new is DROP else new
    copy = dict(value) if isinstance(value, dict) else list(value)
    key, rest = path[0], path[1:]
    if rest or new is not DROP:
        copy[key] = _replaced(value[key], rest, new)
    else:
        del copy[key]
    return copy


@st.composite
def reshaped(draw: Callable[..., Any], document: dict[str, Any]) -> bytes:
    """The document with one to three values anywhere in it replaced by any JSON value, or removed. Objects
    and lists, whose shape the import must check before it iterates them, are picked three times in four."""
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(document)
        containers = [p for p in paths if isinstance(_at(document, p), dict | list)]
        path = draw(
            st.sampled_from(containers) if containers and draw(st.integers(0, 3)) else st.sampled_from(paths)
        )
        document = _replaced(document, path, DROP if draw(st.integers(0, 3)) == 0 else draw(json_values))
    return json.dumps(document).encode()


def documents(valid: dict[str, Any]) -> st.SearchStrategy[bytes]:
    encoded = json.dumps(valid).encode()
    return st.one_of(
        reshaped(valid), st.integers(0, len(encoded) - 1).map(lambda n: encoded[:n]), st.binary(max_size=64)
    )


@pytest.fixture
def objects(alice: Any, bob: Any) -> dict[str, Any]:
    """One of everything a form can change, and a person with an empty account (account imports need one)."""
    organisation = OrganisationFactory(owner=alice)
    member(organisation, bob, "viewer")
    completed = completed_assessment(organisation=organisation)
    draft = AssessmentFactory(organisation=organisation)
    Rating.objects.create(assessment=draft, rater=alice, label="CEO")  # the rater's own steps and autosave
    newcomer = Client()
    newcomer.force_login(UserFactory(username="newcomer"))
    return {
        "org": organisation.pk, "completed": completed.pk, "draft": draft.pk,
        "membership": organisation.memberships.get(user=bob).pk,
        "charter": charters.start_charter(assessment=completed, user=alice).pk,
        "newcomer": newcomer,
    }  # fmt: skip


FORMS = [
    "/organisations/new/", "/organisations/{org}/edit/", "/assessments/{draft}/step/footprint/",
    "/assessments/{draft}/step/product/", "/assessments/{draft}/step/leadership/", "/assessments/{draft}/review/",
    "/assessments/{draft}/step/footprint/autosave/", "/assessments/{draft}/step/leadership/autosave/",
    "/assessments/{draft}/rating/step/product/", "/assessments/{draft}/rating/step/product/autosave/",
    "/assessments/{completed}/name/", "/assessments/{completed}/scenario/save/", "/assessments/{completed}/share/",
    "/organisations/{org}/members/", "/organisations/{org}/members/{membership}/role/",
    "/assessments/{draft}/panel/", "/assessments/{draft}/panel/settle/employees/", "/assessments/{draft}/panel/use/",
    "/assessments/{draft}/panel/due/", "/charters/{charter}/edit/",
]  # fmt: skip
IMPORTS = {"/organisations/import/": ASSESSMENT, "/account/data/import/": ACCOUNT}
sent = st.one_of(
    st.tuples(st.sampled_from(FORMS), any_post),
    st.tuples(st.just("/accounts/signup/"), st.one_of(any_post, from_form(SignupForm).map(lambda f: f.data))),
    *(st.tuples(st.just(url), documents(valid)) for url, valid in IMPORTS.items()),
)


@settings(FIXTURE_OK, max_examples=200)
@given(request=sent)
def test_no_form_or_import_gives_a_server_error_whatever_is_sent(alice_client, objects, request):
    url, data = request
    with transaction.atomic():  # each example starts from the same rows, with no rate limit used up
        if isinstance(data, bytes):
            client = objects["newcomer"] if url.startswith("/account/") else alice_client
            before = Organisation.objects.count()
            response = client.post(url, {"file": SimpleUploadedFile("a.json", data)})
            assert response.status_code in (302, 400), response.status_code
            if response.status_code == 400:
                assert Organisation.objects.count() == before, "a refused import stored something"
            for assessment in Assessment.objects.filter(organisation__name="Fuzz Ltd", status="completed"):
                assert client.get(f"/assessments/{assessment.pk}/results/").status_code == 200
        else:
            client = Client() if url == "/accounts/signup/" else alice_client
            assert client.post(url.format(**objects), data).status_code < 500, url
        transaction.set_rollback(True)


def test_the_fuzzers_documents_start_from_ones_that_import(alice_client, objects):
    for url, valid in IMPORTS.items():
        client = objects["newcomer"] if url.startswith("/account/") else alice_client
        response = client.post(url, {"file": SimpleUploadedFile("a.json", json.dumps(valid).encode())})
        assert response.status_code == 302, response.content.decode()[:2000]
    assert Assessment.objects.filter(organisation__name="Fuzz Ltd").count() == 3
