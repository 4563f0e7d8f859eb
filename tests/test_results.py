from __future__ import annotations

import json

import pytest
from django.utils.html import escape

from assessments import presenters
from assessments.engine import METHODOLOGY_VERSION, get_method
from assessments.models import Assessment
from tests.factories import AssessmentFactory, OrganisationFactory, completed_assessment

pytestmark = pytest.mark.django_db

MERIDIAN = {
    "employees": 12_000, "annual_ai_spend_usd": 40_000_000, "ai_headcount": 150, "ai_use_cases": 12,
    "ai_product_role": "core_product", "regulatory_exposure": "high",
    "compliance_needs_executive": True, "cto_stretched": True,
}  # fmt: skip


@pytest.fixture
def assessment(alice):
    return completed_assessment(organisation=OrganisationFactory(owner=alice, name="Northwind Logistics"))


def test_results_show_recommendation_score_chart_criteria_matrix_and_what_if(alice_client, assessment):
    result = assessment.result
    text = alice_client.get(f"/assessments/{assessment.pk}/results/").content.decode()
    assert escape(result["recommendation_label"]) in text
    assert escape(result["reporting_line"]) in text
    assert f"CAIO need score: {result['score']} out of 100" in text
    assert "Recommended structure:" in text
    for criterion in result["criteria"]:
        assert escape(criterion["label"]) in text
    for row in result["matrix"]["rows"]:
        assert escape(row["title"]) in text
    assert text.count("Shared governance") >= 4
    for item in result["what_if"]:
        assert escape(item["change"]) in text
    assert f"method version {METHODOLOGY_VERSION}" in text


def test_results_page_is_rendered_from_the_snapshot_not_re_scored(alice_client, assessment):
    result = dict(assessment.result, headline="Headline kept from the day it was scored")
    Assessment.objects.filter(pk=assessment.pk).update(result=result)
    assert (
        "Headline kept from the day it was scored"
        in alice_client.get(f"/assessments/{assessment.pk}/results/").content.decode()
    )


def test_a_ceo_level_result_draws_both_roles_under_the_ceo(alice_client, alice):
    assessment = completed_assessment(MERIDIAN, organisation=OrganisationFactory(owner=alice))
    assert assessment.recommendation == "caio_reports_to_ceo"
    text = alice_client.get(f"/assessments/{assessment.pk}/results/").content.decode()
    assert "The CTO and the CAIO both report directly to the CEO." in text


def test_a_draft_has_no_results_page_yet(alice_client, alice):
    draft = AssessmentFactory(organisation=OrganisationFactory(owner=alice))
    response = alice_client.get(f"/assessments/{draft.pk}/results/")
    assert response["Location"] == f"/assessments/{draft.pk}/step/footprint/"


def test_an_older_method_version_is_flagged_and_offers_re_scoring(alice_client, assessment):
    Assessment.objects.filter(pk=assessment.pk).update(methodology_version="2025.01")
    text = alice_client.get(f"/assessments/{assessment.pk}/results/").content.decode()
    assert "scored with method version <strong>2025.01</strong>" in text
    assert f"Re-score under {METHODOLOGY_VERSION} and compare" in text


def test_re_scoring_keeps_the_old_result_and_shows_both_side_by_side(alice_client, assessment):
    old_result = dict(assessment.result, methodology_version="2025.01", headline="Old headline")
    Assessment.objects.filter(pk=assessment.pk).update(methodology_version="2025.01", result=old_result)
    response = alice_client.post(f"/assessments/{assessment.pk}/rescore/", follow=True)
    fresh = Assessment.objects.exclude(pk=assessment.pk).get()
    assert fresh.rescored_from_id == assessment.pk
    assert fresh.methodology_version == METHODOLOGY_VERSION
    assessment.refresh_from_db()
    assert assessment.result["headline"] == "Old headline"
    text = response.content.decode()
    assert "What moved between two assessments" in text
    assert "2025.01" in text and METHODOLOGY_VERSION in text


def test_export_gives_the_canonical_document_and_the_result(alice_client, assessment):
    response = alice_client.get(f"/assessments/{assessment.pk}/export.json")
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="northwind-logistics-caio-assessment-'
    )
    payload = json.loads(response.content)
    assert payload["assessment"]["schema"] == "caio-assessment/1"
    assert payload["assessment"]["answers"] == assessment.answers
    assert payload["result"]["schema"] == "caio-result/1"


def test_deleting_an_assessment_touches_nothing_else(alice_client, assessment):
    other = completed_assessment(organisation=assessment.organisation)
    response = alice_client.post(f"/assessments/{assessment.pk}/delete/", follow=True)
    assert "The assessment was deleted" in response.content.decode()
    assert list(Assessment.objects.all()) == [other]
    assert assessment.organisation.__class__.objects.filter(pk=assessment.organisation_id).exists()


def test_org_chart_has_a_text_alternative_for_each_recommendation():
    for recommendation in get_method().labels:
        chart = presenters.org_chart(recommendation)
        assert chart["alt"]
        assert {box["label"] for box in chart["boxes"]} >= {"CEO", "CTO"}


def test_the_cached_results_follow_any_change_to_the_assessment(alice_client, assessment):
    from assessments import services

    url = f"/assessments/{assessment.pk}/results/"
    assert "Where the raters disagreed" not in alice_client.get(url).content.decode()
    panel = {**assessment.result, "reasons": ["A reason added after the first view"]}
    services.save_if_unchanged(
        Assessment, pk=assessment.pk, expected_version=assessment.version, result=panel
    )
    assert "A reason added after the first view" in alice_client.get(url).content.decode()
