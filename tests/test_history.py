from __future__ import annotations

import pytest

from tests.factories import NORTHWIND_ANSWERS, OrganisationFactory, completed_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation(alice):
    return OrganisationFactory(owner=alice, name="Northwind Logistics")


def test_history_lists_assessments_with_status_recommendation_and_a_caio_signals_chart(
    alice_client, organisation
):
    first = completed_assessment({**NORTHWIND_ANSWERS, "cto_stretched": False}, organisation=organisation)
    second = completed_assessment(organisation=organisation)
    assert (first.caio_signals, second.caio_signals) == (0, 1)
    text = alice_client.get(f"/organisations/{organisation.pk}/").content.decode()
    assert text.count("Completed") >= 2
    assert f"/assessments/{first.pk}/results/" in text and f"/assessments/{second.pk}/results/" in text
    # The evidence column counts the article's tests; no score is shown for the new method.
    assert "0 of 5 CAIO signals; 0 of 4 absorb conditions" in text
    assert "1 of 5 CAIO signals; 0 of 4 absorb conditions" in text
    assert "Score " not in text
    # The chart: titled, both axes labelled, one point per assessment, oldest first.
    assert "CAIO signals over time" in text
    assert "How many of the article's five CAIO signals held in each completed assessment" in text
    assert ">CAIO signals (of 5)</text>" in text
    assert ">Assessment date, oldest first</text>" in text
    assert text.count('<circle cx="') == 2
    earlier = text.index(f"0 of 5 CAIO signals — {first.get_recommendation_display()}")
    later = text.index(f"1 of 5 CAIO signals — {second.get_recommendation_display()}")
    assert earlier < later


def test_compare_shows_changed_answers_flipped_criteria_and_moved_recommendation(alice_client, organisation):
    before = completed_assessment({**NORTHWIND_ANSWERS, "cto_stretched": False}, organisation=organisation)
    after = completed_assessment(
        {**NORTHWIND_ANSWERS, "annual_ai_spend_usd": 6_000_000}, organisation=organisation
    )
    response = alice_client.get(f"/organisations/{organisation.pk}/compare/?a={before.pk}&b={after.pk}")
    text = response.content.decode()
    assert "Answers (2 changed)" in text
    # Spend over $5M now holds; the CTO is stretched again.
    assert text.count("did not hold, now does") == 2
    assert "AI spending exceeds $5M a year</strong>: did not hold, now does" in text
    assert before.result["recommendation_label"] in text and after.result["recommendation_label"] in text
    # Verdicts with their confidence, and the evidence, in place of a score.
    assert '<th scope="row">Need a dedicated CAIO?</th>' in text
    assert "The article does not decide (borderline)" in text
    assert "Yes, probably: a dedicated CAIO (borderline)" in text
    assert (
        '<th scope="row">Where the CAIO reports</th><td>—</td><td>To the CTO, to start with (borderline)</td>'
        in text
    )
    assert '<th scope="row">Evidence</th><td>0 of 5 CAIO signals; 0 of 4 absorb conditions</td>' in text
    assert "2 of 5 CAIO signals; 0 of 4 absorb conditions" in text
    assert "Score" not in text
    assert before.recommendation != after.recommendation
    assert "How the responsibility matrix moved" in text
    assert "The responsibility matrix is the same in both." not in text


def test_compare_rejects_assessments_of_another_organisation(alice_client, organisation, alice):
    mine = completed_assessment(organisation=organisation)
    completed_assessment(organisation=organisation)
    elsewhere = completed_assessment(organisation=OrganisationFactory(owner=alice))
    assert (
        alice_client.get(
            f"/organisations/{organisation.pk}/compare/?a={mine.pk}&b={elsewhere.pk}"
        ).status_code
        == 404
    )


def test_compare_with_fewer_than_two_results_explains_why(alice_client, organisation):
    completed_assessment(organisation=organisation)
    response = alice_client.get(f"/organisations/{organisation.pk}/compare/", follow=True)
    assert "Comparison needs two completed assessments" in response.content.decode()


def test_a_long_history_is_paginated_and_the_chart_shows_the_latest(alice_client, organisation):
    # An organisation has one open draft at most, so the long history is of completed assessments.
    oldest = completed_assessment(organisation=organisation)
    for _ in range(29):
        completed_assessment(organisation=organisation)
    completed = [completed_assessment(organisation=organisation) for _ in range(3)]
    first = alice_client.get(f"/organisations/{organisation.pk}/").content.decode()
    assert "Page 1 of 2" in first and 'href="?page=2"' in first
    assert all(f"/assessments/{a.pk}/results/" in first for a in completed)
    assert f"/assessments/{oldest.pk}/results/" not in first
    second = alice_client.get(f"/organisations/{organisation.pk}/?page=2").content.decode()
    assert "Page 2 of 2" in second and f"/assessments/{oldest.pk}/results/" in second
    assert alice_client.get(f"/organisations/{organisation.pk}/?page=99").status_code == 200


# --- history order, a result saved twice, assessment names ---------------------------------------


def test_compare_puts_the_earlier_date_first_whichever_menu_it_was_picked_in(alice_client, organisation):
    before = completed_assessment({**NORTHWIND_ANSWERS, "cto_stretched": False}, organisation=organisation)
    after = completed_assessment(organisation=organisation)
    text = alice_client.get(
        f"/organisations/{organisation.pk}/compare/?a={after.pk}&b={before.pk}"
    ).content.decode()
    assert text.index(f"Earlier: {before.completed_at:%-d %b %Y}") < text.index("Later: ")
    # The later assessment's verdict (the CTO is stretched again) is in the "after" column.
    assert (
        '<th scope="row">Need a dedicated CAIO?</th><td>The article does not decide (borderline)</td>'
        "<td>Yes, probably: a dedicated CAIO (borderline)</td>"
    ) in text
    answers = text[text.index("compare-answers") :]
    assert "<td>No</td><td>Yes</td>" in answers


def test_comparing_an_assessment_with_itself_says_so(alice_client, organisation):
    one = completed_assessment(organisation=organisation)
    completed_assessment(organisation=organisation)
    text = alice_client.get(
        f"/organisations/{organisation.pk}/compare/?a={one.pk}&b={one.pk}"
    ).content.decode()
    assert "You chose the same assessment twice" in text
    assert "so there is nothing to compare. Go back and choose two different assessments." in text
    assert "Answers (" not in text


def test_a_named_assessment_shows_its_name_in_history_compare_and_the_report(alice_client, organisation):
    from assessments.report import pdf

    first = completed_assessment(organisation=organisation)
    second = completed_assessment(organisation=organisation)
    key_before = pdf.report_cache_key(first, size="a4")
    response = alice_client.post(f"/assessments/{first.pk}/name/", {"name": "  After the Q3 reorg "})
    assert response["Location"] == f"/organisations/{organisation.pk}/"
    first.refresh_from_db()
    assert first.name == "After the Q3 reorg"
    assert pdf.report_cache_key(first, size="a4") != key_before
    history = alice_client.get(f"/organisations/{organisation.pk}/").content.decode()
    assert '<span class="assessment-name fw-semibold">After the Q3 reorg</span>' in history
    assert "— After the Q3 reorg — " in history  # in both compare menus
    compare = alice_client.get(
        f"/organisations/{organisation.pk}/compare/?a={first.pk}&b={second.pk}"
    ).content.decode()
    assert '<span class="assessment-name">After the Q3 reorg</span>' in compare
    cover = pdf.render_report_html(pdf.report_context(first))
    assert '<tr><th scope="row">Assessment</th><td>After the Q3 reorg</td></tr>' in cover


def test_a_name_with_a_line_break_is_refused_and_viewers_cannot_rename(
    alice_client, bob_client, organisation
):
    one = completed_assessment(organisation=organisation)
    text = alice_client.post(f"/assessments/{one.pk}/name/", {"name": "Q3\nreorg"}).content.decode()
    assert "is-invalid" in text
    assert bob_client.post(f"/assessments/{one.pk}/name/", {"name": "Mine"}).status_code == 404
    one.refresh_from_db()
    assert one.name == ""
