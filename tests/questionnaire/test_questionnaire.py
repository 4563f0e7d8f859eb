from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone
from django.utils.html import escape

from assessments.models import Assessment
from assessments.questionnaire.steps import DRAFT_GONE
from tests.factories import NORTHWIND_ANSWERS, AssessmentFactory, OrganisationFactory, completed_assessment

pytestmark = pytest.mark.django_db

FOOTPRINT = {"employees": "1200", "annual_ai_spend_usd": "2500000", "ai_headcount": "12", "ai_use_cases": "3"}
PRODUCT = {
    "ai_product_role": "product_feature",
    "regulatory_exposure": "moderate",
    "compliance_needs_executive": "false",
}
LEADERSHIP = {"cto_stretched": "true", "cto_status": "in_post"}


def _post_step(
    client: Any, assessment: Assessment, step: str, data: dict[str, str], action: str = "next"
) -> Any:
    assessment.refresh_from_db()
    if action == "autosave":  # the page's script posts to the step's own autosave URL
        return client.post(
            f"/assessments/{assessment.pk}/step/{step}/autosave/", {**data, "version": assessment.version}
        )
    return client.post(
        f"/assessments/{assessment.pk}/step/{step}/",
        {**data, "version": assessment.version, "action": action},
    )


@pytest.fixture
def organisation(alice):
    return OrganisationFactory(owner=alice, headcount=850)


def test_starting_creates_a_draft_prefilled_from_the_profile(alice_client, organisation):
    response = alice_client.post(f"/organisations/{organisation.pk}/assess/")
    draft = Assessment.objects.get(organisation=organisation)
    assert response["Location"] == f"/assessments/{draft.pk}/step/footprint/"
    assert draft.answers == {"employees": 850}
    assert 'value="850"' in alice_client.get(response["Location"]).content.decode()


def test_starting_again_resumes_the_existing_draft(alice_client, organisation):
    draft = AssessmentFactory(organisation=organisation, step="product")
    response = alice_client.post(f"/organisations/{organisation.pk}/assess/")
    assert response["Location"] == f"/assessments/{draft.pk}/step/product/"
    assert Assessment.objects.count() == 1


def test_reassessing_prefills_from_the_latest_completed_answers(alice_client, organisation):
    completed_assessment(organisation=organisation)
    alice_client.post(f"/organisations/{organisation.pk}/assess/")
    draft = Assessment.objects.get(organisation=organisation, status="draft")
    assert draft.answers == NORTHWIND_ANSWERS


def test_each_question_shows_help_and_the_article_sentence(alice_client, organisation):
    draft = AssessmentFactory(organisation=organisation)
    text = alice_client.get(f"/assessments/{draft.pk}/step/footprint/").content.decode()
    assert "From the article: <q>AI spending exceeds $5M annually.</q>" in text
    assert 'aria-current="step"' in text
    assert "Step 1 of 4" in text


def test_next_saves_the_step_and_resumes_at_the_following_step(alice_client, organisation):
    draft = AssessmentFactory(organisation=organisation)
    response = _post_step(alice_client, draft, "footprint", FOOTPRINT)
    assert response["Location"] == f"/assessments/{draft.pk}/step/product/"
    draft.refresh_from_db()
    assert draft.answers == {
        "employees": 1200,
        "annual_ai_spend_usd": 2500000,
        "ai_headcount": 12,
        "ai_use_cases": 3,
    }
    assert draft.step == "product"
    # Coming back later (any device) goes to where they left off.
    assert (
        alice_client.get(f"/assessments/{draft.pk}/")["Location"] == f"/assessments/{draft.pk}/step/product/"
    )


def test_a_validation_error_is_shown_next_to_its_field_and_other_answers_are_kept(alice_client, organisation):
    draft = AssessmentFactory(organisation=organisation)
    response = _post_step(alice_client, draft, "footprint", {**FOOTPRINT, "employees": "-5"})
    text = response.content.decode()
    assert response.status_code == 200
    error = '<p id="error_1_id_employees"><strong>Enter 1 or more.</strong></p>'
    assert error in text
    # Next to its field: inside the employees field's own error block, which the input points to.
    assert 'aria-describedby="id_employees_helptext id_employees_error"' in text
    assert text.index('<div id="id_employees_error"') < text.index(error) < text.index('id="div_id_annual')
    assert 'value="2500000"' in text and 'value="12"' in text
    draft.refresh_from_db()
    assert draft.step == "footprint"


def test_text_in_a_number_field_gets_a_plain_words_error(alice_client, organisation):
    draft = AssessmentFactory(organisation=organisation)
    text = _post_step(
        alice_client, draft, "footprint", {**FOOTPRINT, "ai_headcount": "twelve"}
    ).content.decode()
    assert "Enter a whole number, like 250." in text


def test_back_saves_valid_answers_and_keeps_invalid_ones_as_typed(alice_client, organisation):
    draft = AssessmentFactory(organisation=organisation, answers={"employees": 1200}, step="product")
    response = _post_step(alice_client, draft, "product", {"ai_product_role": "core_product"}, action="back")
    assert response["Location"] == f"/assessments/{draft.pk}/step/footprint/"
    draft.refresh_from_db()
    assert draft.answers["ai_product_role"] == "core_product"
    # An invalid typed value survives a Back and is shown again.
    _post_step(alice_client, draft, "footprint", {**FOOTPRINT, "ai_headcount": "-3"}, action="back")
    draft.refresh_from_db()
    assert draft.pending == {"ai_headcount": "-3"}
    assert 'value="-3"' in alice_client.get(f"/assessments/{draft.pk}/step/footprint/").content.decode()


def test_a_stale_step_save_is_refused_and_the_input_kept(alice_client, organisation):
    draft = AssessmentFactory(organisation=organisation)
    alice_client.post(
        f"/assessments/{draft.pk}/step/footprint/", {**FOOTPRINT, "version": 1, "action": "next"}
    )
    response = alice_client.post(
        f"/assessments/{draft.pk}/step/footprint/",
        {**FOOTPRINT, "employees": "77", "version": 1, "action": "next"},
    )
    text = response.content.decode()
    assert "changed elsewhere" in text
    assert 'value="77"' in text
    draft.refresh_from_db()
    assert draft.answers["employees"] == 1200


def test_review_lists_every_answer_with_links_to_edit(alice_client, organisation):
    draft = AssessmentFactory(organisation=organisation, answers=dict(NORTHWIND_ANSWERS), step="review")
    text = alice_client.get(f"/assessments/{draft.pk}/review/").content.decode()
    assert "$2,500,000" in text and "A feature of the product" in text
    for step in ("footprint", "product", "leadership"):
        assert f'href="/assessments/{draft.pk}/step/{step}/"' in text


def test_review_will_not_complete_with_missing_answers(alice_client, organisation):
    draft = AssessmentFactory(organisation=organisation, answers={"employees": 10})
    response = alice_client.post(f"/assessments/{draft.pk}/review/", {"version": draft.version})
    assert "Some answers are missing" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_the_whole_questionnaire_ends_with_a_stored_result(alice_client, organisation):
    draft = AssessmentFactory(organisation=organisation)
    _post_step(alice_client, draft, "footprint", FOOTPRINT)
    _post_step(alice_client, draft, "product", PRODUCT)
    response = _post_step(alice_client, draft, "leadership", LEADERSHIP)
    assert response["Location"] == f"/assessments/{draft.pk}/review/"
    draft.refresh_from_db()
    response = alice_client.post(f"/assessments/{draft.pk}/review/", {"version": draft.version}, follow=True)
    draft.refresh_from_db()
    assert draft.status == "completed"
    assert draft.result["schema"] == "caio-result/2"
    assert draft.recommendation == draft.result["recommendation"] == "caio_reports_to_cto"
    # The evidence is stored beside the snapshot; the new method has no score.
    assert draft.score is None and "score" not in draft.result
    assert (draft.caio_signals, draft.absorb_conditions) == (1, 0)
    assert draft.need_confidence == draft.result["confidence"]["need"] == "borderline"
    # The results page opens with the verdicts.
    text = response.content.decode()
    assert response.redirect_chain[-1][0] == f"/assessments/{draft.pk}/results/"
    assert escape(draft.result["headline"]) in text
    assert (
        '<p class="verdict-answer">Yes, probably: a dedicated CAIO <span class="badge badge-article">' in text
    )
    assert '<p class="verdict-answer">To the CTO, to start with <span class="badge badge-article">' in text


def test_a_completed_assessment_cannot_be_edited_through_its_steps(alice_client, organisation):
    assessment = completed_assessment(organisation=organisation)
    response = alice_client.post(
        f"/assessments/{assessment.pk}/step/footprint/",
        {**FOOTPRINT, "employees": "3", "version": assessment.version},
    )
    assert response["Location"] == f"/assessments/{assessment.pk}/results/"
    assessment.refresh_from_db()
    assert assessment.answers["employees"] == 1200


def test_an_unknown_step_is_404(alice_client, organisation):
    draft = AssessmentFactory(organisation=organisation)
    assert alice_client.get(f"/assessments/{draft.pk}/step/nope/").status_code == 404


def test_autosave_keeps_the_step_and_returns_the_new_version(alice_client, organisation):
    draft = AssessmentFactory(organisation=organisation)
    response = _post_step(
        alice_client, draft, "footprint", {"employees": "40", "ai_headcount": "x"}, "autosave"
    )
    assert response.json() == {
        "saved": True,
        "version": 2,
        "saved_at": timezone.localtime().strftime("%H:%M"),
    }
    draft.refresh_from_db()
    assert draft.step == "footprint"
    assert draft.answers == {"employees": 40}
    assert draft.pending == {"ai_headcount": "x"}


def test_autosave_from_a_stale_tab_is_refused(alice_client, organisation):
    draft = AssessmentFactory(organisation=organisation)
    _post_step(alice_client, draft, "footprint", {"employees": "40"}, "autosave")
    response = alice_client.post(
        f"/assessments/{draft.pk}/step/footprint/autosave/", {"employees": "41", "version": 1}
    )
    assert response.status_code == 409
    assert "changed elsewhere" in response.json()["message"]
    draft.refresh_from_db()
    assert draft.answers == {"employees": 40}


def test_autosave_after_the_draft_was_deleted_says_so(alice_client, organisation):
    draft = AssessmentFactory(organisation=organisation)
    url = f"/assessments/{draft.pk}/step/footprint/autosave/"
    draft.delete()
    response = alice_client.post(url, {"employees": "41", "version": 1})
    assert response.status_code == 404
    assert response.json() == {"saved": False, "message": DRAFT_GONE}
    assert DRAFT_GONE.startswith("This draft no longer exists")


def test_a_very_long_answer_is_refused_and_not_kept(alice_client, organisation):
    draft = AssessmentFactory(organisation=organisation)
    response = _post_step(alice_client, draft, "footprint", {"employees": "9" * 10_000}, "next")
    assert response.status_code == 200
    assert "That is too long for this answer: use at most 100 characters." in response.content.decode()
    _post_step(alice_client, draft, "footprint", {"employees": "9" * 10_000}, "autosave")
    draft.refresh_from_db()
    assert draft.pending == {"employees": "9" * 100}


def test_autosave_pauses_after_many_saves_of_one_draft(alice_client, organisation, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "autosave": "2/m"}
    draft = AssessmentFactory(organisation=organisation)
    for version in (1, 2):
        data = {"employees": "40", "version": version}
        assert alice_client.post(f"/assessments/{draft.pk}/step/footprint/autosave/", data).status_code == 200
    data = {"employees": "41", "version": 3}
    response = alice_client.post(f"/assessments/{draft.pk}/step/footprint/autosave/", data)
    assert response.status_code == 429
    assert response.json()["message"].startswith(
        "Autosave is paused for a moment after many saves in a minute."
    )
    draft.refresh_from_db()
    assert draft.answers == {"employees": 40}


# --- what people type, two tabs, plain words ---------------------------------------------------


def test_money_and_counts_are_saved_as_written_and_echoed(alice_client, organisation):
    draft = AssessmentFactory(organisation=organisation)
    data = {**FOOTPRINT, "annual_ai_spend_usd": "$5M", "employees": "1 200", "ai_headcount": "1,050"}
    assert _post_step(alice_client, draft, "footprint", data).status_code == 302
    draft.refresh_from_db()
    assert draft.answers["annual_ai_spend_usd"] == 5_000_000
    assert (draft.answers["employees"], draft.answers["ai_headcount"]) == (1200, 1050)
    text = alice_client.get(f"/assessments/{draft.pk}/step/footprint/").content.decode()
    assert 'type="text" name="annual_ai_spend_usd" value="$5,000,000"' in text
    assert 'name="employees" value="1,200"' in text
    # A phone keyboard with letters, for "$5M" and "750k": no digits-only keyboard on any box.
    assert 'value="$5,000,000" inputmode="text"' in text
    assert 'inputmode="decimal"' not in text and 'inputmode="numeric"' not in text
    assert "= $5,000,000 a year</p>" in text
    assert "= 1,200 people</p>" in text


def test_money_in_another_currency_is_refused_next_to_the_field_and_kept(alice_client, organisation):
    draft = AssessmentFactory(organisation=organisation)
    response = _post_step(alice_client, draft, "footprint", {**FOOTPRINT, "annual_ai_spend_usd": "€4.5m"})
    text = response.content.decode()
    assert '<p id="error_1_id_annual_ai_spend_usd"><strong>Enter the amount in US dollars' in text
    assert 'value="€4.5m"' in text
    draft.refresh_from_db()
    assert "annual_ai_spend_usd" not in draft.answers
    # Autosave keeps it as typed, never as a changed number.
    _post_step(alice_client, draft, "footprint", {**FOOTPRINT, "annual_ai_spend_usd": "€4.5m"}, "autosave")
    draft.refresh_from_db()
    assert "annual_ai_spend_usd" not in draft.answers
    assert draft.pending == {"annual_ai_spend_usd": "€4.5m"}


def test_the_echo_reads_with_the_same_parser_as_the_save(alice_client):
    def read(key: str, text: str) -> dict[str, str]:
        return alice_client.get(f"/answers/{key}/read/", {"text": text}).json()

    assert read("annual_ai_spend_usd", "$5M") == {"echo": "= $5,000,000 a year", "message": ""}
    assert read("annual_ai_spend_usd", "5.000.000")["message"].startswith("Could not read that")
    assert read("ai_use_cases", "1") == {"echo": "= 1 use case", "message": ""}
    assert read("ai_headcount", "1") == {"echo": "= 1 person", "message": ""}
    assert read("employees", "0") == {"echo": "", "message": "Enter 1 or more."}
    assert alice_client.get("/answers/cto_stretched/read/", {"text": "1"}).status_code == 404


def test_engine_range_messages_read_as_plain_english(alice_client, organisation):
    draft = AssessmentFactory(organisation=organisation)
    text = _post_step(
        alice_client, draft, "footprint", {**FOOTPRINT, "ai_use_cases": "-5", "ai_headcount": "12.5"}
    ).content.decode()
    assert "<strong>Enter 0 or more.</strong>" in text
    assert "<strong>Enter a whole number, like 250.</strong>" in text
    assert "got -5" not in text
    text = _post_step(
        alice_client, draft, "footprint", {**FOOTPRINT, "employees": "10", "ai_headcount": "11"}
    ).content.decode()
    assert "This cannot be more than the number of employees (10). Check both answers." in text


def test_a_stale_tab_sees_the_saved_answers_beside_its_own_and_its_next_save_goes_through(
    alice_client, organisation
):
    draft = AssessmentFactory(organisation=organisation)
    url = f"/assessments/{draft.pk}/step/footprint/"
    alice_client.post(f"{url}autosave/", {**FOOTPRINT, "version": 1})  # tab A
    tab_b = {**FOOTPRINT, "employees": "77", "ai_headcount": "5", "version": 1, "action": "next"}
    text = alice_client.post(url, tab_b).content.decode()
    assert "This step was changed elsewhere" in text
    assert "Saved elsewhere meanwhile: <strong>1,200</strong>" in text
    assert "Saved elsewhere meanwhile: <strong>12</strong>" in text
    assert 'value="77"' in text
    assert 'name="version" value="2"' in text
    # Tab B keeps its employees and takes tab A's people on AI; the save goes through.
    response = alice_client.post(
        url, {**tab_b, "version": 2, "keep-employees": "mine", "keep-ai_headcount": "saved"}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.answers["employees"], draft.answers["ai_headcount"]) == (77, 12)


def test_the_progress_note_names_the_buttons_there_are(alice_client, organisation):
    draft = AssessmentFactory(organisation=organisation)
    first = alice_client.get(f"/assessments/{draft.pk}/step/footprint/").content.decode()
    assert (
        "Your answers are saved as you type, and when you press Save and continue or Save and leave." in first
    )
    second = alice_client.get(f"/assessments/{draft.pk}/step/product/").content.decode()
    assert "Your answers are saved as you type, and when you press Save and continue or Back." in second
    assert "Next or Back" not in first + second


def test_the_regulation_question_has_a_labelled_note_for_the_region(alice_client, alice):
    organisation = OrganisationFactory(owner=alice, region="Germany and Austria")
    draft = AssessmentFactory(organisation=organisation)
    text = alice_client.get(f"/assessments/{draft.pk}/step/product/").content.decode()
    assert "<strong>AI-specific laws for Germany and Austria</strong>" in text
    assert "CAIO Advisor's guidance, not from the article" in text
    assert "The EU AI Act applies to AI systems placed on the EU market" in text


def test_the_regulation_note_covers_every_jurisdiction_its_heading_names(alice_client, organisation):
    organisation.region = "EU and US"
    organisation.save()
    draft = AssessmentFactory(organisation=organisation)
    text = alice_client.get(f"/assessments/{draft.pk}/step/product/").content.decode()
    assert "AI-specific laws for EU and US" in text
    assert "The EU AI Act applies to AI systems" in text
    assert "The United States has no single federal AI law" in text


def test_the_step_url_pauses_after_as_many_saves_as_autosave_and_keeps_what_was_typed(
    alice_client, organisation, settings
):
    # Security round 3, finding 10: the step URL saved without the autosave limit (100 saves in 0.8 s).
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "autosave": "2/m"}
    draft = AssessmentFactory(organisation=organisation)
    url = f"/assessments/{draft.pk}/step/footprint/"
    for version in (1, 2):
        data = {"employees": str(40 + version), "version": version, "action": "back"}
        assert alice_client.post(url, data).status_code == 302
    response = alice_client.post(url, {"employees": "4242", "version": 3, "action": "back"})
    page = response.content.decode()
    assert response.status_code == 429 and "Many saves in a minute, so this one was not saved." in page
    assert 'value="4242"' in page
    draft.refresh_from_db()
    assert draft.answers == {"employees": 42}


def test_a_draft_saved_before_the_cto_question_reads_as_a_cto_in_post_and_completes(
    alice_client, organisation
):
    before = {key: value for key, value in NORTHWIND_ANSWERS.items() if key != "cto_status"}
    draft = AssessmentFactory(organisation=organisation, answers=before, step="review")
    review = alice_client.get(f"/assessments/{draft.pk}/review/").content.decode()
    assert "Does the company have a CTO in post?" in review and "Not answered yet" not in review
    step = alice_client.get(f"/assessments/{draft.pk}/step/leadership/").content.decode()
    # the rest of the radio's tag (the hidden was-cto_status field before it holds the same value)
    in_post = step.split('name="cto_status" value="in_post"')[1].split(">")[0]
    assert "checked" in in_post
    alice_client.post(f"/assessments/{draft.pk}/review/", {"version": draft.version})
    draft.refresh_from_db()
    assert draft.status == "completed" and draft.result["answers"]["cto_status"] == "in_post"


def test_a_burst_of_step_saves_across_the_end_of_a_limit_window_gets_the_limit_not_twice_it(
    alice_client, organisation, settings
):
    # Security round 3 re-run: the autosave rate counts in fixed windows; 40 step saves sent across the end of
    # one were all saved at 30/m on the production-like deployment.
    import zlib
    from unittest import mock

    import django_ratelimit.core

    from assessments.security import limits

    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "autosave": "3/m"}
    draft = AssessmentFactory(organisation=organisation)
    key = f"step:assessment:{draft.pk}"
    end = 1_800_000_000 - 1_800_000_000 % 60 + zlib.crc32(key.encode()) % 60  # django-ratelimit's window end
    now = [float(end)]
    clock = mock.Mock(time=lambda: now[0])
    url = f"/assessments/{draft.pk}/step/footprint/"
    statuses = []
    with mock.patch.object(django_ratelimit.core, "time", clock), mock.patch.object(limits, "time", clock):
        for n in range(8):
            now[0] = end + (0 if n < 2 else 1)  # two in the window that ends, the rest in the next one
            draft.refresh_from_db()
            data = {"employees": str(40 + n), "version": draft.version, "action": "back"}
            statuses.append(alice_client.post(url, data).status_code)
    assert statuses == [302, 302, 302, 429, 429, 429, 429, 429]


def test_a_save_racing_its_own_autosave_goes_through_without_a_conflict(alice_client, organisation):
    # The page's autosave saved these answers (version 1 -> 2) while "Save and continue" was already on its way
    # with the version the page had loaded: the same answers, so nothing changed elsewhere that the person
    # must see.
    draft = AssessmentFactory(organisation=organisation)
    typed = {**FOOTPRINT, "annual_ai_spend_usd": "2,500,000"}
    assert alice_client.post(
        f"/assessments/{draft.pk}/step/footprint/autosave/", {**typed, "version": 1}
    ).json()["saved"]
    response = alice_client.post(
        f"/assessments/{draft.pk}/step/footprint/", {**typed, "version": 1, "action": "next"}
    )
    assert response.status_code == 302 and response["Location"].endswith("/step/product/")
    draft.refresh_from_db()
    assert draft.answers["annual_ai_spend_usd"] == 2_500_000 and draft.step == "product"
