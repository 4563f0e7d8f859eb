"""A stored result carries what its pages show; older snapshots are completed by the engine, never re-scored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assessments.engine import complete_result, evaluate, get_method
from assessments.models import Assessment
from assessments.presenters import results
from tests.factories import NORTHWIND_ANSWERS, OrganisationFactory, completed_assessment

pytestmark = pytest.mark.django_db

OLD = json.loads((Path(__file__).parent / "data/result-2026.11.json").read_text())


def test_a_result_stores_the_structure_it_advises():
    structure = evaluate(NORTHWIND_ANSWERS)["structure"]
    assert [(p["role"], p["reports_to"]) for p in structure["posts"]] == [
        ("CEO", ""),
        ("CTO", "CEO"),
        ("CAIO", "CTO"),
    ]
    assert structure["text"] == "The CTO reports to the CEO; the CAIO reports to the CTO."


@pytest.mark.parametrize("recommendation", sorted(get_method().structures))
def test_each_post_is_drawn_one_level_below_the_post_it_reports_to(recommendation):
    structure = get_method().structures[recommendation].as_dict()
    chart = results.org_chart(structure)
    box = {b["label"]: b for b in chart["boxes"]}
    for post in structure["posts"]:
        if post["reports_to"]:
            above = box[post["reports_to"]]
            assert box[post["role"]]["y"] == above["y"] + 90
            assert any(x1 == above["tx"] and y1 == above["y"] + 40 for x1, y1, _x2, _y2 in chart["lines"])
    assert chart["height"] == max(b["y"] for b in chart["boxes"]) + 50


def test_a_result_stored_before_the_structure_was_kept_still_draws_it(alice_client, alice):
    assessment = completed_assessment(organisation=OrganisationFactory(owner=alice))
    older = {k: v for k, v in assessment.result.items() if k != "structure"}
    Assessment.objects.filter(pk=assessment.pk).update(result=older)
    text = alice_client.get(f"/assessments/{assessment.pk}/results/").content.decode()
    assert "Recommended structure: The CTO reports to the CEO; the CAIO reports to the CTO." in text
    assessment.refresh_from_db()
    assert "structure" not in assessment.result  # shown completed, stored as it was


def test_a_2026_11_result_is_completed_from_the_engine_and_left_as_stored():
    completed = complete_result(OLD)
    assert completed["score_scale"]["threshold"] == 50
    assert completed["criteria"][0]["answer_display"] == "$2,500,000"
    assert [row["value"] for row in completed["answers_display"]][-1] == "Yes"
    assert "score_scale" not in OLD and "answer_display" not in OLD["criteria"][0]


def test_the_results_body_is_rendered_once_per_version_of_the_assessment(alice_client, alice, monkeypatch):
    assessment = completed_assessment(organisation=OrganisationFactory(owner=alice))
    rendered = []
    render = results._render_results_body
    monkeypatch.setattr(results, "_render_results_body", lambda *args: rendered.append(args) or render(*args))
    url = f"/assessments/{assessment.pk}/results/"
    alice_client.get(url)
    alice_client.get(url)
    assert len(rendered) == 1
    alice_client.post(f"/assessments/{assessment.pk}/name/", {"name": "After the reorg"})
    alice_client.get(url)
    assert len(rendered) == 2
