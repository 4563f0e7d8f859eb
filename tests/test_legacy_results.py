"""Results stored by method 2026.11 stay as they were scored, and can be re-scored side by side."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.utils import timezone
from django.utils.html import escape

from assessments.models import Assessment
from tests.factories import AssessmentFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

# A real caio-result/1 snapshot, made by the 2026.11 engine (git 4b75924) for the Northwind answers.
OLD = json.loads((Path(__file__).parent / "data/result-2026.11.json").read_text())


@pytest.fixture
def old_assessment(alice):
    organisation = OrganisationFactory(owner=alice, name="Northwind Logistics")
    return AssessmentFactory(
        organisation=organisation, answers=OLD["answers"], result=OLD, status=Assessment.Status.COMPLETED,
        methodology_version="2026.11", recommendation=OLD["recommendation"], score=OLD["score"],
        caio_signals=1, absorb_conditions=0, completed_at=timezone.now(),
    )  # fmt: skip


def test_an_old_result_is_shown_exactly_as_scored_with_an_offer_to_re_score(alice_client, old_assessment):
    page = alice_client.get(f"/assessments/{old_assessment.pk}/results/").content.decode()
    assert OLD["headline"] in page and f"{OLD['score']}</span> / 100 CAIO need score" in page
    assert "scored with method version <strong>2026.11</strong>" in page
    assert "Re-score under 2027.01 and compare" in page
    history = alice_client.get(f"/organisations/{old_assessment.organisation_id}/").content.decode()
    assert f"Score {OLD['score']:g} of 100 (method 2026.11)" in history


def test_an_old_result_still_makes_its_pdf(alice_client, old_assessment, worker):
    with worker():  # the first request asks the worker for it
        assert alice_client.get(f"/assessments/{old_assessment.pk}/report.pdf").status_code == 202
    response = alice_client.get(f"/assessments/{old_assessment.pk}/report.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_re_scoring_an_old_result_keeps_it_and_adds_a_2027_01_result(alice_client, old_assessment):
    response = alice_client.post(f"/assessments/{old_assessment.pk}/rescore/")
    fresh = Assessment.objects.exclude(pk=old_assessment.pk).get()
    assert fresh.methodology_version == "2027.01" and fresh.rescored_from == old_assessment
    assert fresh.result["verdicts"]["need"]["label"] == "Yes, probably: a dedicated CAIO"
    old_assessment.refresh_from_db()
    assert old_assessment.result == OLD
    assert response.status_code == 302


# A real caio-result/2 snapshot made by the 2026.12 engine (main at b6a4fa7) for the Northwind answers.
DECEMBER = json.loads((Path(__file__).parent / "data/result-2026.12.json").read_text())


@pytest.fixture
def december_assessment(alice):
    organisation = OrganisationFactory(owner=alice, name="Northwind Logistics")
    return AssessmentFactory(
        organisation=organisation, answers=DECEMBER["answers"], result=DECEMBER,
        status=Assessment.Status.COMPLETED, methodology_version="2026.12",
        recommendation=DECEMBER["recommendation"], caio_signals=1, absorb_conditions=0, completed_at=timezone.now(),
    )  # fmt: skip


def test_a_2026_12_result_is_shown_as_scored_in_english_and_french(alice_client, december_assessment):
    url = f"/assessments/{december_assessment.pk}/results/"
    page = alice_client.get(url).content.decode()
    assert escape(DECEMBER["headline"]) in page and "Re-score under 2027.01 and compare" in page
    assert (
        escape(DECEMBER["verdicts"]["need"]["confidence_reason"]) in page
    )  # its own words, "one notch" and all
    assert "Whether you need a dedicated CAIO: one change away" in page
    assert "Signals for a CAIO (any one):" not in page  # no part 2027.01 adds
    alice_client.post("/language/", {"language": "fr", "next": url})
    french = alice_client.get(url).content.decode()
    assert (
        escape("Vous avez probablement besoin d'un Chief AI Officer dédié, rattaché au CTO pour commencer.")
        in french
    )


def test_re_scoring_a_2026_12_result_adds_a_2027_01_result_beside_it(alice_client, december_assessment):
    alice_client.post(f"/assessments/{december_assessment.pk}/rescore/")
    fresh = Assessment.objects.exclude(pk=december_assessment.pk).get()
    assert fresh.methodology_version == "2027.01" and fresh.rescored_from == december_assessment
    need = fresh.result["verdicts"]["need"]
    assert (need["answer"], need["basis"], need["situation"]) == ("caio", "article", "signals")
    assert fresh.result["answers"]["cto_status"] == "in_post"  # stored without the question: a CTO in post
