from __future__ import annotations

import json

import pytest
from django.utils.html import escape

from assessments import samples
from assessments.engine import METHODOLOGY_VERSION, get_method
from assessments.models import Assessment
from assessments.presenters.results import org_chart
from tests.factories import NORTHWIND_ANSWERS, AssessmentFactory, OrganisationFactory, completed_assessment

pytestmark = pytest.mark.django_db

MERIDIAN = samples.MERIDIAN["answers"]


@pytest.fixture
def assessment(alice):
    return completed_assessment(organisation=OrganisationFactory(owner=alice, name="Northwind Logistics"))


def test_results_show_verdicts_balance_tests_matrix_and_tipping_points(alice_client, assessment):
    result = assessment.result
    text = alice_client.get(f"/assessments/{assessment.pk}/results/").content.decode()
    # The verdicts come first: the headline, then each question with its answer and confidence.
    need, line = result["verdicts"]["need"], result["verdicts"]["reporting_line"]
    order = [
        escape(result["headline"]),
        escape(need["question"]),
        '<p class="verdict-answer">Yes, probably: a dedicated CAIO <span class="badge badge-article">The article',
        '<span class="badge badge-borderline">Borderline</span> '
        "A plausible error in the answers would change this verdict, for example if the CTO were no longer "
        "stretched (one yes/no answer).",
        escape(line["question"]),
        '<p class="verdict-answer">To the CTO, to start with <span class="badge badge-article">The article',
        '<span class="badge badge-clear">Clear</span>',
        "<strong>Structure:</strong> " + escape(result["reporting_line"]),
        "<strong>Interim step:</strong> " + escape(result["interim_step"]["text"]),
        "What decided it",
        "The article’s tests",
        "Who does what: responsibility matrix",
        "What would change the advice",
        "Risks and next steps",
        "Your answers",
    ]
    positions = [text.find(part) for part in order]
    assert -1 not in positions and positions == sorted(positions), list(zip(order, positions, strict=True))
    # The balance of the article's tests, and the size band (a band that is CAIO Advisor's rule says so).
    assert escape(result["balance"]["text"]) in text
    assert 'Size: mid-market (500 to 4,999 employees). <span class="badge badge-method">' in text
    # Each of the nine tests with the answer, the line, whether it holds and the article's words.
    assert len(result["criteria"]) == 9
    for criterion in result["criteria"]:
        assert escape(criterion["label"]) in text
        assert f'<td data-label="Your answer">{escape(criterion["answer_display"])}</td>' in text
        assert f'<td data-label="Line">{escape(criterion["threshold"])}</td>' in text
        assert escape(criterion["explanation"]) in text
        assert escape(criterion["quote"]) in text
    assert text.count('<span class="badge badge-met">Holds</span>') == 1
    assert text.count('<span class="badge badge-not-met">Does not hold</span>') == 8
    for row in result["matrix"]["rows"]:
        assert escape(row["title"]) in text
    assert text.count("Shared governance") >= 5
    assert "Shared governance: the AI and data platform council." in text
    assert "Ties are broken by the CTO, who is accountable (A) for these rows in the matrix." in text
    # Tipping points per verdict, smallest first, each entry with its size and the verdict it would lead to.
    assert '<h3 class="h6 tipping-title">Whether you need a dedicated CAIO</h3>' in text
    assert '<h3 class="h6 tipping-title">Where the CAIO reports</h3>' in text
    for item in result["what_if"]:
        assert f"<strong>{escape(item['change'])}</strong> → {escape(item['outcome'])}" in text
    assert "(one yes/no answer)" in text
    # Items from CAIO Advisor's own rules say so and link to their reason; the article's are quoted.
    items = result["reasons"] + result["risks"] + result["next_steps"]
    assert {item["source"] for item in items} == {"article", "method"}
    for item in items:
        assert escape(item["text"]) in text
        assert escape(item["quote"]) in text
    marked = [item for item in items if item["source"] == "method"]
    for item in marked:
        assert (
            f'{escape(item["text"])} <span class="badge badge-method">CAIO Advisor’s rule, not from the article</span>'
            in text
        )
        assert f'href="/methodology/#rule-{item["rule"]}"' in text
    for item in items:
        assert (f'{escape(item["text"])} <span class="badge badge-method">' in text) == (
            item["source"] == "method"
        ), item["text"]
    assert "score:" not in text.lower() and "out of 100" not in text
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
    assert payload["assessment"]["schema"] == "caio-assessment/2"
    assert payload["assessment"]["answers"] == assessment.answers
    assert payload["result"]["schema"] == "caio-result/2"
    assert payload["result"] == assessment.result
    assert "score" not in payload["result"]
    assert payload["result"]["confidence"] == {"need": "borderline", "reporting_line": "clear"}
    assert payload["result"]["verdicts"]["need"]["label"] == "Yes, probably: a dedicated CAIO"


def test_deleting_an_assessment_touches_nothing_else(alice_client, assessment):
    other = completed_assessment(organisation=assessment.organisation)
    response = alice_client.post(f"/assessments/{assessment.pk}/delete/", follow=True)
    assert "The assessment was deleted" in response.content.decode()
    assert list(Assessment.objects.all()) == [other]
    assert assessment.organisation.__class__.objects.filter(pk=assessment.organisation_id).exists()


def test_org_chart_has_a_text_alternative_for_each_recommendation():
    for structure in get_method().structures.values():
        chart = org_chart(structure.as_dict())
        assert chart["alt"]
        assert {box["label"] for box in chart["boxes"]} >= {"CEO"} and len(chart["boxes"]) >= 2


def test_the_cached_results_follow_any_change_to_the_assessment(alice_client, assessment):
    from assessments import services

    url = f"/assessments/{assessment.pk}/results/"
    assert "Where the raters disagreed" not in alice_client.get(url).content.decode()
    reason = {"text": "A reason added after the first view", "source": "article", "quote": "", "rule": ""}
    panel = {**assessment.result, "reasons": [reason]}
    services.save_if_unchanged(
        Assessment, pk=assessment.pk, expected_version=assessment.version, result=panel
    )
    assert "A reason added after the first view" in alice_client.get(url).content.decode()


def test_where_the_article_does_not_decide_the_page_says_so_and_labels_the_tools_default(alice_client, alice):
    hr_software = {**NORTHWIND_ANSWERS, "employees": 3_000, "annual_ai_spend_usd": 2_000_000, "ai_headcount": 15,
                   "ai_use_cases": 4, "regulatory_exposure": "high", "cto_stretched": False}  # fmt: skip
    done = completed_assessment(hr_software, organisation=OrganisationFactory(owner=alice, name="HR Co"))
    text = alice_client.get(f"/assessments/{done.pk}/results/").content.decode()
    need = done.result["verdicts"]["need"]
    assert (need["answer"], need["basis"], need["situation"]) == ("mixed", "method", "undecided")
    assert "The article does not decide. CAIO Advisor&#x27;s default: the CTO keeps the AI duties" in text
    assert '<p class="verdict-answer">The article does not decide <span class="badge badge-method">' in text
    assert "<strong>CAIO Advisor&#x27;s default: the CTO keeps the AI duties</strong>" in text
    lists = text[text.index('<div class="article-lists') :]
    assert lists.index("Signals for a CAIO (any one):") < lists.index("CTO can absorb (all four):")
    assert lists.count("✗") == 9 and "✓" not in lists[: lists.index("</div>\n</div>")]


def test_under_a_caio_verdict_the_absorb_conditions_that_hold_are_marked_as_the_other_side(
    alice_client, alice
):
    studio = {**NORTHWIND_ANSWERS, "employees": 12, "annual_ai_spend_usd": 60_000, "ai_headcount": 1,
              "ai_use_cases": 3, "ai_product_role": "internal_only", "regulatory_exposure": "minimal",
              "cto_stretched": True}  # fmt: skip
    done = completed_assessment(studio, organisation=OrganisationFactory(owner=alice, name="Studio"))
    assert done.result["verdicts"]["need"]["situation"] == "signals"
    text = alice_client.get(f"/assessments/{done.pk}/results/").content.decode()
    why = text[text.index('id="reasons-heading"') : text.index('id="criteria-heading"')]
    assert "On the other side (a condition for the CTO to absorb the role): 12 employees is fewer than" in why
    assert "You probably need a dedicated CAIO when:" not in why
