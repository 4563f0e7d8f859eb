"""Hypothesis over every form: valid data saves and reloads identically; any data never gives a 5xx."""

from __future__ import annotations

import pytest
from django import forms
from django.core.cache import caches
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import from_form

from assessments.engine import QUESTION_BY_KEY, QUESTIONS
from assessments.forms import AnswerStepForm, InviteForm, OrganisationForm, ShareForm, initial_for_step
from assessments.models import Assessment, Invitation, Organisation, ShareLink
from caio.views import SignupForm
from tests.factories import AssessmentFactory, OrganisationFactory, completed_assessment

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


@FIXTURE_OK
@given(form=from_form(OrganisationForm, name=one_line, sector=one_line, region=one_line))
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
    assert {f: reloaded.initial[f] for f in OrganisationForm.Meta.fields} == {
        f: form.cleaned_data[f] for f in OrganisationForm.Meta.fields
    }


@FIXTURE_OK
@given(data=any_post)
def test_any_organisation_post_is_answered_without_a_server_error(alice_client, alice, data):
    assert alice_client.post("/organisations/new/", data).status_code < 500
    organisation = OrganisationFactory(owner=alice)
    assert alice_client.post(f"/organisations/{organisation.pk}/edit/", data).status_code < 500


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
@given(data=any_post)
def test_any_step_post_is_answered_without_a_server_error(alice_client, alice, data):
    draft = AssessmentFactory(organisation=OrganisationFactory(owner=alice))
    for step in ("footprint", "product", "leadership"):
        assert alice_client.post(f"/assessments/{draft.pk}/step/{step}/", data).status_code < 500
    assert alice_client.post(f"/assessments/{draft.pk}/review/", data).status_code < 500
    assert Assessment.objects.filter(pk=draft.pk, status="draft").exists()


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


@FIXTURE_OK
@given(data=any_post)
def test_any_team_post_is_answered_without_a_server_error(alice_client, alice, bob, data):
    organisation = OrganisationFactory(owner=alice)
    assessment = completed_assessment(organisation=organisation)
    draft = AssessmentFactory(organisation=organisation)
    membership = organisation.memberships.get(user=alice)
    for url in (
        f"/organisations/{organisation.pk}/members/",
        f"/organisations/{organisation.pk}/members/{membership.pk}/role/",
        f"/assessments/{assessment.pk}/share/",
        f"/assessments/{draft.pk}/panel/",
        f"/assessments/{draft.pk}/panel/settle/employees/",
        f"/assessments/{draft.pk}/panel/use/",
        "/organisations/import/",
        "/account/data/import/",
    ):
        assert alice_client.post(url, data).status_code < 500, url


@FIXTURE_OK
@given(form=from_form(SignupForm))
def test_any_sign_up_is_answered_without_a_server_error(client, form):
    assert client.post("/accounts/signup/", form.data).status_code < 500


def test_every_single_line_text_field_of_every_form_refuses_control_characters():
    from assessments.forms import RaterForm
    from assessments.validators import single_line

    all_forms = [
        OrganisationForm(),
        InviteForm(),
        SignupForm(),
        RaterForm(members=Organisation.objects.none()),
    ]
    # A model form runs its model field's validators too.
    single_line_fields = {
        f"{type(form).__name__}.{name}": field.validators
        + (form._meta.model._meta.get_field(name).validators if isinstance(form, forms.ModelForm) else [])
        for form in all_forms
        for name, field in form.fields.items()
        if isinstance(field, forms.CharField)
        and not isinstance(field.widget, forms.Textarea | forms.PasswordInput | forms.HiddenInput)
    }
    # Usernames have Django's own stricter validator (letters, digits and @.+-_ only).
    single_line_fields.pop("SignupForm.username")
    assert sorted(single_line_fields) == [
        "InviteForm.email", "OrganisationForm.name", "OrganisationForm.region", "OrganisationForm.sector",
        "RaterForm.label", "SignupForm.email",
    ]  # fmt: skip
    without = [name for name, validators in single_line_fields.items() if single_line not in validators]
    assert without == []
