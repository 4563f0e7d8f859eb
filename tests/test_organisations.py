"""Organisations (the `organisation_*` views of assessments/views.py and their form): created, edited, listed
and deleted; names refused next to the field; profile saves limited."""

from __future__ import annotations

import pytest

from assessments.models import Assessment, Organisation
from tests.factories import AssessmentFactory, OrganisationFactory, completed_assessment

pytestmark = pytest.mark.django_db

PROFILE = {
    "name": "Northwind Logistics",
    "sector": "Logistics",
    "headcount": "1200",
    "region": "EU",
    "notes": "Hi",
}


def test_creating_an_organisation_shows_its_page(alice_client, alice):
    response = alice_client.post("/organisations/new/", PROFILE, follow=True)
    organisation = Organisation.objects.get(created_by=alice)
    assert response.redirect_chain[-1][0] == f"/organisations/{organisation.pk}/"
    assert "Northwind Logistics" in response.content.decode()
    assert "Start an assessment" in response.content.decode()


def test_a_blank_name_is_refused_next_to_the_field_and_other_fields_are_kept(alice_client):
    response = alice_client.post("/organisations/new/", {**PROFILE, "name": "   "})
    text = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_name"' in text and "is-invalid" in text
    assert "This field is required." in text
    assert 'value="Logistics"' in text
    assert not Organisation.objects.exists()


def test_an_organisation_name_with_a_line_break_is_refused_next_to_the_field(alice_client):
    response = alice_client.post("/organisations/new/", {"name": "Acme\r\nBcc: victim@example.com"})
    assert response.status_code == 200
    assert "Write this on one line: line breaks, tabs and other control characters are not allowed here." in (
        response.content.decode()
    )
    assert not Organisation.objects.filter(name__startswith="Acme").exists()


DIRECTION_MESSAGE = "Remove the invisible direction controls (such as U+202E)"


@pytest.mark.parametrize("control", ["\u202e", "\u202a", "\u2066", "\u2069", "\u200e", "\u200f", "\u061c"])
def test_an_organisation_name_with_a_direction_control_is_refused_next_to_the_field(alice_client, control):
    response = alice_client.post(
        "/organisations/new/", {"name": f"Invoice{control}gpj.exe", "paper_size": "a4"}
    )
    page = response.content.decode()
    assert response.status_code == 200 and DIRECTION_MESSAGE in page
    assert 'id="id_name"' in page and "is-invalid" in page


def test_editing_saves_and_bumps_the_version(alice_client, alice):
    organisation = OrganisationFactory(owner=alice)
    data = {**PROFILE, "name": "Renamed", "version": organisation.version}
    alice_client.post(f"/organisations/{organisation.pk}/edit/", data)
    organisation.refresh_from_db()
    assert organisation.name == "Renamed"
    assert organisation.version == 2


def test_a_save_from_a_stale_tab_is_refused_and_keeps_the_typed_input(alice_client, alice):
    organisation = OrganisationFactory(owner=alice, name="Original")
    alice_client.post(
        f"/organisations/{organisation.pk}/edit/", {**PROFILE, "name": "First tab", "version": 1}
    )
    response = alice_client.post(
        f"/organisations/{organisation.pk}/edit/", {**PROFILE, "name": "Second tab", "version": 1}
    )
    text = response.content.decode()
    assert "changed elsewhere" in text
    assert 'value="Second tab"' in text
    organisation.refresh_from_db()
    assert organisation.name == "First tab"


def test_delete_confirmation_says_what_will_be_deleted(alice_client, alice):
    organisation = OrganisationFactory(owner=alice, name="Doomed Ltd")
    completed_assessment(organisation=organisation)
    AssessmentFactory(organisation=organisation)
    text = alice_client.get(f"/organisations/{organisation.pk}/delete/").content.decode()
    assert "Doomed Ltd" in text
    assert "2 assessments" in text


def test_deleting_removes_the_organisation_and_its_assessments_only(alice_client, alice):
    doomed = OrganisationFactory(owner=alice)
    kept = OrganisationFactory(owner=alice)
    completed_assessment(organisation=doomed)
    kept_assessment = completed_assessment(organisation=kept)
    response = alice_client.post(f"/organisations/{doomed.pk}/delete/", follow=True)
    assert response.redirect_chain[-1][0] == "/organisations/"
    assert list(Organisation.objects.all()) == [kept]
    assert list(Assessment.objects.all()) == [kept_assessment]


def test_the_list_shows_the_latest_recommendation_and_date(alice_client, alice):
    organisation = OrganisationFactory(owner=alice, name="Listed Co")
    assessment = completed_assessment(organisation=organisation)
    text = alice_client.get("/organisations/").content.decode()
    assert "Listed Co" in text
    assert "Dedicated CAIO reporting to the CTO" in text  # the method's own wording, as on the results
    assert assessment.completed_at.strftime("%-d %b %Y") in text


def test_the_list_offers_to_resume_a_draft(alice_client, alice):
    draft = AssessmentFactory(organisation=OrganisationFactory(owner=alice))
    assert f'href="/assessments/{draft.pk}/"' in alice_client.get("/organisations/").content.decode()


def test_the_list_is_paginated(alice_client, alice):
    for n in range(27):
        OrganisationFactory(owner=alice, name=f"Org {n:02d}")
    first = alice_client.get("/organisations/").content.decode()
    assert "Org 00" in first and "Org 26" not in first and "Page 1 of 2" in first
    assert "Org 26" in alice_client.get("/organisations/?page=2").content.decode()


def test_profile_saves_are_limited_per_person_and_the_refused_save_keeps_the_typed_input(
    alice_client, alice, settings
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "profile": "2/m"}
    organisation = OrganisationFactory(owner=alice)
    edit = f"/organisations/{organisation.pk}/edit/"
    for n in (1, 2):
        assert alice_client.post(edit, {**PROFILE, "name": f"Save {n}", "version": n}).status_code == 302
    response = alice_client.post(edit, {**PROFILE, "name": "Save 3", "version": 3})
    assert response.status_code == 429 and response["Retry-After"] == "60"
    text = response.content.decode()
    assert "saved this profile many times in a short time" in text and 'value="Save 3"' in text
    organisation.refresh_from_db()
    assert organisation.name == "Save 2"


def test_a_burst_of_profile_saves_across_a_window_end_gets_the_limit_and_a_minute_later_more(
    alice_client, alice, settings
):
    from tests.limit_windows import at_a_window_end

    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "profile": "2/m"}
    organisation = OrganisationFactory(owner=alice)
    edit = f"/organisations/{organisation.pk}/edit/"

    def save(n: int):
        organisation.refresh_from_db()
        return alice_client.post(edit, {**PROFILE, "name": f"Save {n}", "version": organisation.version})

    with at_a_window_end(str(alice.pk), 60) as clock:
        replies = [save(1)]  # the last second of a window
        clock.now += 1  # the next window
        replies += [save(n) for n in range(2, 6)]
        assert [reply.status_code for reply in replies] == [302, 302, 429, 429, 429]
        assert replies[-1]["Retry-After"] == "60"
        assert 'value="Save 5"' in replies[-1].content.decode()
        organisation.refresh_from_db()
        assert organisation.name == "Save 2"
        clock.now += 60
        assert save(6).status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Save 6"


def test_an_empty_organisation_list_leads_with_creating_the_first_one(alice_client):
    text = alice_client.get("/organisations/").content.decode()
    assert text.index("Create your first organisation") < text.index("caio-assessment")
    assert '<h2 class="h5">Create your first organisation</h2>' in text
    assert "Or import an assessment you already have" in text


@pytest.mark.parametrize(("headcount", "words"), [(1, "1 employee"), (1200, "1,200 employees")])
def test_the_organisation_page_counts_employees_in_plain_english(alice_client, alice, headcount, words):
    organisation = OrganisationFactory(owner=alice, headcount=headcount)
    text = alice_client.get(f"/organisations/{organisation.pk}/").content.decode()
    assert f" · {words} · " in text


def test_the_profile_reads_employees_as_the_questionnaire_does_and_shows_them_the_readers_way(
    alice_client, alice
):
    organisation = OrganisationFactory(owner=alice, name="Acme")
    data = {"name": "Acme", "headcount": "1 200", "paper_size": "a4", "version": organisation.version}
    assert alice_client.post(f"/organisations/{organisation.pk}/edit/", data).status_code == 302
    organisation.refresh_from_db()
    assert organisation.headcount == 1200
    page = alice_client.get(f"/organisations/{organisation.pk}/edit/").content.decode()
    assert 'name="headcount" value="1,200" inputmode="text"' in page
    data["headcount"] = "about a thousand"
    page = alice_client.post(f"/organisations/{organisation.pk}/edit/", data).content.decode()
    assert "Enter a whole number, like 250." in page


def test_the_main_button_resumes_an_open_draft_and_re_assesses_only_after_a_result(alice_client, alice):
    organisation = OrganisationFactory(owner=alice, name="Acme")
    url = f"/organisations/{organisation.pk}/"
    assert ">Start an assessment</button>" in alice_client.get(url).content.decode()
    AssessmentFactory(organisation=organisation)
    page = alice_client.get(url).content.decode()
    assert ">Resume draft</button>" in page and "Re-assess" not in page
    Assessment.objects.all().delete()
    completed_assessment(organisation=organisation)
    assert ">Re-assess</button>" in alice_client.get(url).content.decode()
