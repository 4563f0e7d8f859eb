"""The obligations section on the results page and in the PDF, the questions that bring it in, and the sources."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils.html import escape

from assessments.engine.obligations import OBLIGATIONS, SOURCES
from assessments.languages import writing_in
from assessments.models import Assessment
from assessments.report import pdf
from tests import printed
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


def test_each_obligation_shows_its_label_reference_asks_one_accountable_executive_and_matrix_row(
    alice, alice_client
):
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


def test_a_us_federal_agency_is_told_a_rule_requires_the_role_and_what_the_article_alone_said(
    alice, alice_client
):
    text = page(alice_client, scored(alice, PROFILES["us_agency"]))
    assert '<p class="verdict-answer">Yes: a rule requires a dedicated CAIO</p>' in text
    basis = text[text.index('class="verdict-basis') :]
    assert '<span class="badge badge-regulation">Regulation</span> A rule requires the role' in basis
    assert "The article alone would have said: No: the CTO can absorb the CAIO duties" in basis
    article = page(alice_client, scored(alice, PROFILES["none"]))
    assert 'class="verdict-basis' not in article


def test_in_french_the_ai_act_is_quoted_in_its_official_french_text_and_others_are_translated(
    alice, alice_client
):
    text = page(
        alice_client, scored(alice, {**PROFILES["eu_deployer"], "ai_frameworks": "nist_ai_rmf"}), "fr"
    )
    french = dict((lang, t) for lang, t, _f in BY_ID["eu_ai_literacy"].official)["fr"]
    assert escape(french) in text
    # Article 26(2) has no checked French text here: English, with the translation beneath, marked as one.
    start = text.index('id="obligation-eu_human_oversight"')
    item = text[start : text.index("</li>", start)]
    assert f'<q lang="en">{escape(BY_ID["eu_human_oversight"].passage)}</q>' in item
    assert (
        '<span class="translation-mark">Traduction par CAIO Advisor (pas une version officielle)\xa0:</span>'
        in item
    )


def test_a_result_stored_before_obligations_shows_no_obligations_section(alice, alice_client):
    assessment = scored(alice, SMALL)
    result = dict(assessment.result)
    del result["obligations"]
    Assessment.objects.filter(pk=assessment.pk).update(result=result)
    assert "What AI laws and frameworks ask" not in page(alice_client, assessment)


def pdf_text(assessment: Assessment, language: str) -> str:
    with writing_in(language):
        data = pdf.report_pdf(assessment, timeout=180)  # the machine may be busy: the content is under test
    return "".join(printed.text(data).split())


# Every obligation the texts bring in: an EU deployer of a high-risk system that is also a US federal agency
# following both frameworks. Which profile gets which obligations is the results page's test above; the PDF lays
# out the same stored result, so one PDF with all of them per language, and one with none, pin what it prints.
EVERY = {
    **SMALL,
    "operates_in": ["eu", "us_federal"],
    "high_risk_role": "deployer",
    "ai_frameworks": "nist_and_iso",
}


@pytest.mark.parametrize("language", ["en", "fr", "de"])
def test_the_pdf_prints_each_obligation_with_its_passage_and_accountable_executive(alice, language):
    assessment = scored(alice, EVERY)
    assert {o["id"] for o in assessment.result["obligations"]["items"]} == {o.id for o in OBLIGATIONS}
    text = pdf_text(assessment, language)
    for o in OBLIGATIONS:
        shown = dict((lang, t) for lang, t, _f in o.official).get(language, o.passage)
        assert "".join(shown.split())[:60] in text, (o.id, language)
    accountable = {"en": "Accountable(A)", "fr": "Approbateur(A)", "de": "Gesamtverantwortlich(A)"}[language]
    assert text.count(accountable) == len(OBLIGATIONS)  # one accountable executive each
    if language == "de":  # the framework's English text, translated beneath
        assert "ÜbersetzungvonCAIOAdvisor(keineamtlicheFassung):" in text
    # An official German or French passage is quoted the way that language quotes (it was “…” whatever the
    # language); a passage shown in English keeps English quotes.
    if language == "de":
        assert "„DieAnbieterundBetreibervonKI-Systemen" in text and "“Deployersofhigh-risk" in text
    if language == "fr":
        assert "«Lesfournisseurs" in text


def test_a_pdf_whose_answers_bring_in_no_obligation_prints_none(alice):
    text = pdf_text(scored(alice, PROFILES["none"]), "en")
    for o in OBLIGATIONS:
        assert "".join(o.passage.split())[:60] not in text


# ---- The charter ------------------------------------------------------------------------------------------


def _charter_for(alice, alice_client, answers):
    from assessments.models import Charter

    assessment = scored(alice, answers)
    response = alice_client.post(f"/assessments/{assessment.pk}/charter/")
    assert response.status_code == 302
    return Charter.objects.get(organisation=assessment.organisation), assessment


@pytest.mark.parametrize("profile", ["eu_deployer", "us_agency", "nist_company", "none"])
def test_the_charter_has_a_row_for_each_obligation_pre_filled_with_one_a_and_an_r(
    alice, alice_client, profile
):
    charter, assessment = _charter_for(alice, alice_client, PROFILES[profile])
    rows = {row["id"]: row for row in charter.content["rows"] if row["area"] == "obligation"}
    assert set(rows) == {f"obligation-{i}" for i in EXPECTED[profile]}
    items = {f"obligation-{o['id']}": o for o in assessment.result["obligations"]["items"]}
    for rid, row in rows.items():
        holders = [role for role, cell in row["raci"].items() if "A" in cell]
        assert holders == [items[rid]["accountable"]]
        assert any("R" in cell for cell in row["raci"].values())
        assert charter.advice["raci"][rid] == row["raci"]  # the advice it is compared with
    text = alice_client.get(f"/charters/{charter.pk}/").content.decode()
    for item in items.values():
        assert escape(item["asks"]) in text


def test_the_charter_flags_an_obligation_left_without_an_accountable_person(alice, alice_client):
    from tests.charter.test_charter import form_data

    charter, _assessment = _charter_for(alice, alice_client, PROFILES["us_agency"])
    text = alice_client.get(f"/charters/{charter.pk}/").content.decode()
    assert "Obligations without an accountable person" in text
    assert text.count("no one is named as accountable") == 2  # the CEO holds both M-25-21 rows' A
    alice_client.post(
        f"/charters/{charter.pk}/edit/", form_data(charter, **{"role-CEO-holder": "Dana Reyes"})
    )
    text = alice_client.get(f"/charters/{charter.pk}/").content.decode()
    assert "Obligations without an accountable person" not in text


def test_the_charter_in_french_words_the_obligation_rows_in_french(alice, alice_client):
    alice_client.post("/language/", {"language": "fr", "next": "/"})
    charter, _assessment = _charter_for(alice, alice_client, PROFILES["eu_deployer"])
    titles = [row["title"] for row in charter.content["rows"] if row["area"] == "obligation"]
    assert all(len(title) <= 200 for title in titles)  # the editor's limit for a row title
    assert titles and all(title.startswith("Règlement sur l’IA, Article") for title in titles)


# ---- The questions and the methodology page ---------------------------------------------------------------


def test_the_methodology_page_lists_every_source_with_its_url_and_date(client):
    text = client.get("/methodology/").content.decode()
    assert 'id="sources"' in text
    for source in SOURCES:
        assert f'href="{escape(source.url)}"' in text
        assert f"Read {source.read}." in text
    assert "Sources as of 2026-12-06." in text
    assert "Digital Omnibus on AI" in text  # an amendment that could not be confirmed is named, not applied
    # The URL is the official address; the passages were checked against copies, and the page says so.
    assert (
        "with its official address, the date its passages were checked and what they were checked against"
        in text
    )
    assert "the address it was read at" not in text
    for o in OBLIGATIONS:
        assert f'id="obligation-rule-{o.id}"' in text


@pytest.mark.parametrize(
    ("language", "copies", "omnibus"),
    [
        ("en", "Checked against copies only", "reported by secondary sources"),
        ("fr", "Vérifié sur des copies seulement", "Selon des sources secondaires"),
        ("de", "Nur mit Kopien abgeglichen", "Sekundärquellen berichten"),
    ],
)
def test_the_methodology_page_says_each_source_was_checked_against_copies_not_the_official_page(
    client, language, copies, omnibus
):
    client.post("/language/", {"language": language, "next": "/"})
    text = client.get("/methodology/").content.decode()
    assert text.count('class="small source-checked"') == 3  # the AI Act, OMB M-25-21, NIST (ISO: its note)
    assert copies in text
    assert omnibus in text and "2026/1744" in text  # reported, not applied: the passages stay the 2024 text


def test_the_product_step_asks_the_three_questions_and_a_blank_answer_is_not_stated(alice, alice_client):
    from assessments.models import Assessment as Model

    org = OrganisationFactory(owner=alice, name="Harbour")
    draft = Model.objects.create(organisation=org, created_by=alice, answers=dict(SMALL))
    url = f"/assessments/{draft.pk}/step/product/"
    text = alice_client.get(url).content.decode()
    for key in ("operates_in", "high_risk_role", "ai_frameworks"):
        assert f'name="{key}"' in text
    assert "CAIO Advisor’s question, not from the article" in text
    data = {"version": draft.version, "action": "next", "ai_product_role": "internal_only",
            "regulatory_exposure": "minimal", "compliance_needs_executive": "false",
            "operates_in": ["eu", "us_federal"], "high_risk_role": "deployer"}  # fmt: skip
    assert alice_client.post(url, data).status_code == 302
    draft.refresh_from_db()
    assert (
        draft.answers["operates_in"] == ["eu", "us_federal"] and draft.answers["high_risk_role"] == "deployer"
    )
    assert "ai_frameworks" not in draft.answers
    # Unticked again: no longer stated.
    data = {**data, "version": draft.version, "operates_in": [], "high_risk_role": ""}
    assert alice_client.post(url, data).status_code == 302
    draft.refresh_from_db()
    assert "operates_in" not in draft.answers and "high_risk_role" not in draft.answers
    response = alice_client.get(f"/assessments/{draft.pk}/review/")
    assert response.status_code == 200, response.get("Location")
    review = response.content.decode()
    assert review.count("Not stated") == 3


def test_an_imported_document_keeps_the_answers_about_laws_and_frameworks(alice, alice_client):
    import json

    from django.core.files.uploadedfile import SimpleUploadedFile

    doc = {
        "schema": "caio-assessment/2",
        "organisation": {"name": "Harbour"},
        "answers": PROFILES["us_agency"],
    }
    upload = SimpleUploadedFile("a.json", json.dumps(doc).encode(), content_type="application/json")
    alice_client.post("/organisations/import/", {"file": upload})
    imported = Assessment.objects.get()
    assert imported.answers["operates_in"] == ["us_federal"]
    assert imported.result["verdicts"]["need"]["basis"] == "regulation"


def test_a_scenario_keeps_the_answers_about_laws_and_frameworks(alice, alice_client):
    done = scored(alice, PROFILES["us_agency"])
    query = {k: ("true" if v is True else "false" if v is False else str(v)) for k, v in SMALL.items()}
    query["cto_status"] = "in_post"  # method 2027.01's question: the explorer asks it
    page = alice_client.get(
        f"/assessments/{done.pk}/scenario/", {**query, "employees": "9000"}
    ).content.decode()
    # Not dropped because the explorer does not ask it: M-25-21 still requires the role.
    assert (
        "The article alone would have said: The article does not decide (CAIO Advisor's default: the CTO keeps"
        in (page.replace("&#x27;", "'"))
    )
    assert 'name="operates_in"' not in page  # the saved scenario takes it from the assessment, not the page
    response = alice_client.post(f"/assessments/{done.pk}/scenario/save/", {**query, "employees": "9000"})
    assert response.status_code == 302
    saved = Assessment.objects.exclude(pk=done.pk).get()
    assert saved.answers["operates_in"] == ["us_federal"] and saved.answers["employees"] == 9000


def test_using_the_panels_answers_keeps_the_assessments_answers_about_laws_and_frameworks(alice):
    from django.test import Client

    from tests.factories import NORTHWIND_ANSWERS, UserFactory, member
    from tests.team.test_panel import _ask, _rate

    organisation = OrganisationFactory(owner=alice, name="Harbour")
    ceo = UserFactory(username="ceo-cora")
    member(organisation, ceo, "editor")
    draft = Assessment.objects.create(
        organisation=organisation,
        created_by=alice,
        answers={"operates_in": ["eu"], "ai_frameworks": "iso_42001"},
    )
    clients = {}
    for user in (alice, ceo):
        clients[user.username] = Client()
        clients[user.username].force_login(user)
    team = {"clients": clients, "draft": draft}
    _ask(team, ceo, "CEO")
    _rate(clients["ceo-cora"], draft, "ceo-cora", NORTHWIND_ANSWERS)
    draft.refresh_from_db()
    response = clients["alice"].post(f"/assessments/{draft.pk}/panel/use/", {"version": draft.version})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.answers["operates_in"] == ["eu"] and draft.answers["ai_frameworks"] == "iso_42001"
    assert draft.answers["employees"] == NORTHWIND_ANSWERS["employees"]


def test_once_a_charter_is_agreed_the_pdf_names_its_accountable_role_for_each_obligation(alice, alice_client):
    from assessments.models import Charter
    from tests.charter.test_charter import form_data, sign

    charter, assessment = _charter_for(alice, alice_client, PROFILES["us_agency"])
    alice_client.post(
        f"/charters/{charter.pk}/edit/", form_data(charter, **{"role-CEO-holder": "Dana Reyes"})
    )
    sign(alice_client, Charter.objects.get(pk=charter.pk))  # the Sign button sends the version it shows
    assert Charter.objects.get(pk=charter.pk).is_agreed
    assessment.refresh_from_db()
    assessment.organisation.refresh_from_db()
    text = pdf_text(assessment, "en")
    assert "CEO—DanaReyes—astheagreedboundarycharterassignsit" in text


def test_once_a_charter_is_agreed_the_results_page_names_its_accountable_role_for_an_obligation(
    alice, alice_client
):
    from tests.charter.test_charter import form_data, sign

    charter, assessment = _charter_for(alice, alice_client, PROFILES["nist_company"])
    url = f"/assessments/{assessment.pk}/results/"
    assert "AI Risk Lead" not in alice_client.get(url).content.decode()  # cached before the charter
    alice_client.post(
        f"/charters/{charter.pk}/edit/",
        form_data(charter, **{"newrole-title": "AI Risk Lead", "newrole-holder": "Priya Shah"}),
    )
    charter.refresh_from_db()
    added = next(role["key"] for role in charter.content["roles"] if role["title"] == "AI Risk Lead")
    row = next(row for row in charter.content["rows"] if row["id"] == "obligation-nist_govern_2_1")
    cells = {f"cell-{row['id']}-{key}": cell.replace("A", "") for key, cell in row["raci"].items()}
    cells[f"cell-{row['id']}-{added}"] = "A"
    assert alice_client.post(f"/charters/{charter.pk}/edit/", form_data(charter, **cells)).status_code == 302
    assert sign(alice_client, charter).status_code == 302
    charter.refresh_from_db()
    assert charter.agreed_at is not None
    text = alice_client.get(url).content.decode()
    item = text[text.index('id="obligation-nist_govern_2_1"') :]
    item = item[: item.index("</li>")]
    assert "AI Risk Lead — Priya Shah" in item
    assert "as the agreed boundary charter assigns it" in item
    other = text[text.index('id="obligation-nist_govern_2_3"') :]
    assert "AI Risk Lead" not in other[: other.index("</li>")]
    # A read-only link shows the same roles (the share page promises the agreed charter and its holders).
    from assessments.team import services as teams

    _link, token = teams.share(assessment=assessment, user=alice, days=7)
    shared = Client().get(f"/shared/{token}/").content.decode()
    item = shared[shared.index('id="obligation-nist_govern_2_1"') :]
    assert "AI Risk Lead — Priya Shah" in item[: item.index("</li>")]
