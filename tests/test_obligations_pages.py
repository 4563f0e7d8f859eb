"""The obligations section on the results page and in the PDF, the questions that bring it in, and the sources."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.utils.html import escape
from pypdf import PdfReader

from assessments import pdf
from assessments.engine.obligations import OBLIGATIONS, SOURCES
from assessments.languages import writing_in
from assessments.models import Assessment
from tests.factories import OrganisationFactory, completed_assessment

pytestmark = pytest.mark.django_db

SMALL = {
    "employees": 140, "annual_ai_spend_usd": 300_000, "ai_headcount": 3, "ai_use_cases": 2,
    "ai_product_role": "internal_only", "regulatory_exposure": "minimal", "compliance_needs_executive": False,
    "cto_stretched": False,
}  # fmt: skip
PROFILES = {
    "eu_deployer": {**SMALL, "operates_in": ["eu"], "high_risk_role": "deployer", "ai_frameworks": "no_framework"},
    "us_agency": {**SMALL, "operates_in": ["us_federal"], "high_risk_role": "no_high_risk"},
    "nist_company": {**SMALL, "operates_in": ["other_region"], "ai_frameworks": "nist_ai_rmf"},
    "none": {**SMALL, "operates_in": ["other_region"], "high_risk_role": "no_high_risk", "ai_frameworks": "no_framework"},
}  # fmt: skip
EXPECTED = {
    "eu_deployer": {"eu_ai_literacy", "eu_deployer_instructions", "eu_human_oversight"},
    "us_agency": {"us_caio_designate", "us_caio_position"},
    "nist_company": {"nist_govern_2_1", "nist_govern_2_3"},
    "none": set(),
}
BY_ID = {o.id: o for o in OBLIGATIONS}


def scored(owner: Any, answers: dict[str, Any]) -> Assessment:
    return completed_assessment(answers, organisation=OrganisationFactory(owner=owner, name="Harbour"))


def page(client: Any, assessment: Assessment, language: str = "en") -> str:
    if language != "en":
        client.post("/language/", {"language": language, "next": "/"})
    return client.get(f"/assessments/{assessment.pk}/results/").content.decode()


@pytest.mark.parametrize("profile", list(PROFILES))
def test_the_results_page_lists_the_obligations_that_apply_and_no_others(alice, alice_client, profile):
    text = page(alice_client, scored(alice, PROFILES[profile]))
    assert "What AI laws and frameworks ask, and who is accountable" in text
    for o in OBLIGATIONS:
        if o.id in EXPECTED[profile]:
            assert f'id="obligation-{o.id}"' in text
            assert escape(o.passage) in text
        else:
            assert f'id="obligation-{o.id}"' not in text
    if not EXPECTED[profile]:
        assert "None of the obligations CAIO Advisor covers apply to the answers given." in text


def test_each_obligation_shows_its_label_reference_asks_one_accountable_executive_and_matrix_row(alice, alice_client):
    text = page(alice_client, scored(alice, PROFILES["eu_deployer"]))
    start = text.index('id="obligation-eu_human_oversight"')
    item = text[start : text.index("</li>", start)]
    assert '<span class="badge badge-regulation">Regulation</span>' in item
    assert "Regulation (EU) 2024/1689 (the AI Act), Article 26(2)" in item
    assert "Name the people who oversee each high-risk AI system" in item
    assert item.count('class="obligation-accountable"') == 1
    assert '<strong class="obligation-accountable">CTO</strong>' in item  # the CTO holds the A: CTO only
    assert "Model governance, bias monitoring, and compliance with AI regulations" in item
    assert "https://eur-lex.europa.eu/eli/reg/2024/1689/oj" in item
    framework = page(alice_client, scored(alice, PROFILES["nist_company"]))
    assert '<span class="badge badge-framework">Framework</span>' in framework


def test_a_us_federal_agency_is_told_a_rule_requires_the_role_and_what_the_article_alone_said(alice, alice_client):
    text = page(alice_client, scored(alice, PROFILES["us_agency"]))
    assert '<p class="verdict-answer">Yes, probably: a dedicated CAIO</p>' in text
    basis = text[text.index('class="verdict-basis') :]
    assert '<span class="badge badge-regulation">Regulation</span> A rule requires the role' in basis
    assert "The article alone would have said: No: the CTO can absorb the CAIO duties" in basis
    article = page(alice_client, scored(alice, PROFILES["none"]))
    assert 'class="verdict-basis' not in article


def test_in_french_the_ai_act_is_quoted_in_its_official_french_text_and_others_are_translated(alice, alice_client):
    text = page(alice_client, scored(alice, {**PROFILES["eu_deployer"], "ai_frameworks": "nist_ai_rmf"}), "fr")
    french = dict((lang, t) for lang, t, _f in BY_ID["eu_ai_literacy"].official)["fr"]
    assert escape(french) in text
    # Article 26(2) has no checked French text here: English, with the translation beneath, marked as one.
    start = text.index('id="obligation-eu_human_oversight"')
    item = text[start : text.index("</li>", start)]
    assert f'<q lang="en">{escape(BY_ID["eu_human_oversight"].passage)}</q>' in item
    assert '<span class="translation-mark">Traduction :</span>' in item


def test_a_result_stored_before_obligations_shows_no_obligations_section(alice, alice_client):
    assessment = scored(alice, SMALL)
    result = dict(assessment.result)
    del result["obligations"]
    Assessment.objects.filter(pk=assessment.pk).update(result=result)
    assert "What AI laws and frameworks ask" not in page(alice_client, assessment)


def pdf_text(assessment: Assessment, language: str) -> str:
    with writing_in(language):
        data = pdf.report_pdf(assessment)
    reader = PdfReader(io.BytesIO(data))
    return "".join("\n".join(p.extract_text() for p in reader.pages).split())


@pytest.mark.parametrize("language", ["en", "fr", "de"])
@pytest.mark.parametrize("profile", ["eu_deployer", "us_agency", "nist_company", "none"])
def test_the_pdf_prints_each_obligation_with_its_passage_and_accountable_executive(alice, profile, language):
    assessment = scored(alice, PROFILES[profile])
    text = pdf_text(assessment, language)
    result = assessment.result["obligations"]
    assert {o["id"] for o in result["items"]} == EXPECTED[profile]
    for o in OBLIGATIONS:
        official = dict((lang, t) for lang, t, _f in o.official)
        shown = official.get(language, o.passage)
        squashed = "".join(shown.split())
        if o.id in EXPECTED[profile]:
            assert squashed[:60] in text, (o.id, language)
        else:
            assert "".join(o.passage.split())[:60] not in text
