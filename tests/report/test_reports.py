"""The report is rendered by the worker as soon as its content is known; downloads serve the stored file."""

from __future__ import annotations

import io
import logging
import time
from typing import Any

import pytest
from pypdf import PdfReader

from assessments import services
from assessments.models import ReportCache, ReportStatus
from assessments.report import pdf
from assessments.report import services as reports
from assessments.team import services as teams
from tests.factories import OrganisationFactory, completed_assessment

pytestmark = pytest.mark.django_db


def url(assessment: Any, query: str = "") -> str:
    return f"/assessments/{assessment.pk}/report.pdf{query}"


def results(client: Any, assessment: Any) -> str:
    return client.get(f"/assessments/{assessment.pk}/results/").content.decode()


@pytest.fixture
def organisation(alice):
    return OrganisationFactory(owner=alice, name="Northwind Logistics")


@pytest.fixture
def ready(organisation, worker, fake_renderer):
    """A completed assessment whose report the worker has prepared."""
    with worker():
        return completed_assessment(organisation=organisation)


def test_completing_an_assessment_renders_its_report_before_anyone_asks(organisation, worker, fake_renderer):
    with worker():
        assessment = completed_assessment(organisation=organisation)
    assert fake_renderer == ["a4"]
    assert ReportCache.objects.get(assessment=assessment).status == ReportStatus.READY


def test_the_report_is_prepared_in_the_organisations_paper_size(alice, worker, fake_renderer):
    with worker():
        completed_assessment(organisation=OrganisationFactory(owner=alice, paper_size="letter"))
    assert fake_renderer == ["letter"]


def test_owner_downloads_the_stored_pdf_as_an_attachment_without_a_render(alice_client, ready, fake_renderer):
    response = alice_client.get(url(ready))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"] == (
        f'attachment; filename="northwind-logistics-caio-assessment-{ready.completed_at:%Y-%m-%d}.pdf"'
    )
    assert response.content == b"%PDF-1.7 fake a4"
    assert fake_renderer == ["a4"]  # the one render on completion


def test_a_download_before_the_render_finishes_waits_on_a_page_that_refreshes_itself(
    alice_client, organisation, django_capture_on_commit_callbacks, fake_renderer
):
    with django_capture_on_commit_callbacks() as enqueued:
        assessment = completed_assessment(organisation=organisation)
    response = alice_client.get(url(assessment))
    page = response.content.decode()
    assert response.status_code == 202 and response["Cache-Control"] == "no-store"
    assert "Preparing your report…" in page
    assert '<meta http-equiv="refresh" content="2">' in page
    assert "<script>" not in page and "unsafe-inline" not in response["Content-Security-Policy"]
    assert fake_renderer == []  # the web request did not render
    for run in enqueued:  # the worker picks the task up
        run()
    response = alice_client.get(url(assessment))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_the_other_page_size_is_prepared_on_first_request(alice_client, ready, worker, fake_renderer):
    with worker():
        assert alice_client.get(url(ready, "?size=letter")).status_code == 202
    assert alice_client.get(url(ready, "?size=letter")).content == b"%PDF-1.7 fake letter"
    assert alice_client.get(url(ready)).content == b"%PDF-1.7 fake a4"
    assert fake_renderer == ["a4", "letter"]


def test_letter_size_is_a_real_letter_page_and_anything_else_means_a4(alice_client, organisation, worker):
    with worker():
        assessment = completed_assessment(organisation=organisation)
        alice_client.get(url(assessment, "?size=letter"))
    letter = (
        PdfReader(io.BytesIO(alice_client.get(url(assessment, "?size=letter")).content)).pages[0].mediabox
    )
    assert (round(float(letter.width)), round(float(letter.height))) == (612, 792)
    assert pdf.page_size("tabloid") == pdf.page_size(None) == "a4"


def test_editing_the_profile_prepares_the_report_again_and_keeps_one_file(
    alice_client, alice, ready, worker, fake_renderer
):
    organisation = ready.organisation
    with worker():
        services.update_organisation(
            organisation=organisation,
            data={"name": "Northwind Freight"},
            expected_version=organisation.version,
            user=alice,
        )
    assert fake_renderer == ["a4", "a4"]
    response = alice_client.get(url(ready))
    assert response.status_code == 200
    assert "northwind-freight" in response["Content-Disposition"]
    assert ReportCache.objects.filter(assessment=ready).count() == 1


def test_rescoring_prepares_the_new_assessments_report(alice, alice_client, ready, worker, fake_renderer):
    with worker():
        fresh = services.rescore_assessment(assessment=ready, user=alice)
    assert alice_client.get(url(fresh)).status_code == 200
    assert fake_renderer == ["a4", "a4"]


def test_a_render_overtaken_by_an_edit_is_dropped_not_stored(alice, ready, fake_renderer):
    row = ReportCache.objects.get(assessment=ready)
    old_key = row.key
    organisation = ready.organisation
    services.update_organisation(
        organisation=organisation, data={"notes": "New"}, expected_version=organisation.version, user=alice
    )
    assert reports.render_report.call(report_id=row.pk, key=old_key) == "dropped"
    row.refresh_from_db()
    assert row.status == ReportStatus.PREPARING and row.pdf is None and row.key != old_key
    assert fake_renderer == ["a4"]  # only the render on completion


def test_a_render_whose_content_changes_while_it_runs_is_not_stored(ready, monkeypatch):
    row = ReportCache.objects.get(assessment=ready)
    request_new = ReportCache.objects.filter(pk=row.pk)

    def render_while_someone_edits(html: str, **kwargs: Any) -> bytes:
        request_new.update(key="b" * 64, status=ReportStatus.PREPARING, pdf=None)
        return b"%PDF-1.7 old content"

    monkeypatch.setattr(pdf, "render_pdf", render_while_someone_edits)
    request_new.update(status=ReportStatus.PREPARING, pdf=None)
    assert reports.render_report.call(report_id=row.pk, key=row.key) == "superseded"
    assert request_new.get().pdf is None


def test_a_failing_render_is_retried_twice_then_shown_as_failed_with_a_try_again_button(
    alice_client, organisation, worker, monkeypatch, caplog
):
    monkeypatch.setattr(pdf, "REPORT_RENDER_TIMEOUT", 0.3)
    monkeypatch.setattr(pdf, "_write_pdf", lambda html, size: time.sleep(30))
    started = time.monotonic()
    with caplog.at_level(logging.WARNING), worker():
        assessment = completed_assessment(organisation=organisation)
    assert time.monotonic() - started < 5
    messages = [r.getMessage() for r in caplog.records]
    assert sum("render attempt" in m and "took longer than 0.3 s" in m for m in messages) == 3
    assert any("gave up after 3 attempts" in m for m in messages)
    response = alice_client.get(url(assessment))
    assert response.status_code == 503
    assert "Your report could not be prepared" in response.content.decode()
    assert "Try again" in response.content.decode()
    assert "Your report could not be prepared." in results(alice_client, assessment)
    monkeypatch.undo()
    with worker():
        retry = alice_client.post(f"/assessments/{assessment.pk}/report/retry/", {"size": "a4"})
    assert retry.status_code == 302 and retry["Location"] == url(assessment, "?size=a4")
    response = alice_client.get(retry["Location"])
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_the_results_page_shows_the_report_preparing_then_ready(
    alice_client, organisation, django_capture_on_commit_callbacks, fake_renderer
):
    with django_capture_on_commit_callbacks() as enqueued:
        assessment = completed_assessment(organisation=organisation)
    assert "Preparing your report… It is usually ready within a few seconds." in results(
        alice_client, assessment
    )
    for run in enqueued:
        run()
    assert "Your report is ready to download." in results(alice_client, assessment)


def test_a_shared_link_prepares_the_anonymous_report_and_serves_it(
    alice, ready, worker, client, fake_renderer
):
    with worker():
        _link, token = teams.share(assessment=ready, user=alice, days=5)
    page = client.get(f"/shared/{token}/").content.decode()
    assert "Your report is ready to download." in page
    response = client.get(f"/shared/{token}/report.pdf")
    assert response.status_code == 200 and response["Referrer-Policy"] == "no-referrer"
    assert fake_renderer == ["a4", "a4"]  # the member's report, then the anonymous one


def test_a_shared_download_before_the_render_waits_too(alice, ready, client, fake_renderer):
    _link, token = teams.share(assessment=ready, user=alice, days=5)  # enqueued, not yet run
    response = client.get(f"/shared/{token}/report.pdf")
    assert response.status_code == 202
    assert "Preparing your report…" in response.content.decode()
    assert f'href="/shared/{token}/"' in response.content.decode()


def test_a_stored_download_makes_a_fixed_number_of_queries(alice_client, ready, django_assert_num_queries):
    # session, user, assessment + organisation, the stored report with its creator's name
    with django_assert_num_queries(4):
        assert alice_client.get(url(ready)).status_code == 200


def test_a_render_asked_for_again_after_it_was_stored_is_not_rendered_twice(ready, fake_renderer):
    row = ReportCache.objects.get(assessment=ready)
    assert reports.render_report.call(report_id=row.pk, key=row.key) == "already stored"
    assert fake_renderer == ["a4"]


# --- the results page's status updates itself ---------------------------------------------------------------


def test_the_report_status_answers_in_json_with_the_words_the_page_shows(
    alice_client, bob_client, client, organisation, django_capture_on_commit_callbacks, fake_renderer
):
    with django_capture_on_commit_callbacks() as enqueued:
        assessment = completed_assessment(organisation=organisation)
    status_url = f"/assessments/{assessment.pk}/report/status.json"
    assert f'data-status-url="{status_url}"' in results(alice_client, assessment)
    reply = alice_client.get(status_url)
    assert reply["Cache-Control"] == "no-store"
    assert reply.json()["state"] == "preparing" and "Preparing your report…" in reply.json()["html"]
    for run in enqueued:
        run()
    reply = alice_client.get(status_url, HTTP_ACCEPT_LANGUAGE="de").json()
    assert reply == {
        "state": "ready",
        "html": '<span class="text-success">Your report is ready to download.</span>',
    }
    assert bob_client.get(status_url).status_code == 404
    assert client.get(status_url).status_code == 302


def test_the_shared_report_status_does_not_count_as_opening_the_link(alice, ready, worker, client):
    with worker():
        link, token = teams.share(assessment=ready, user=alice, days=5)
    reply = client.get(f"/shared/{token}/report/status.json")
    assert reply.json()["state"] == "ready" and reply["Referrer-Policy"] == "no-referrer"
    french = client.get(f"/shared/{token}/report/status.json?lang=fr").json()  # not rendered in French yet
    assert french["html"] == "<span>Votre rapport est préparé lors de votre premier téléchargement.</span>"
    link.refresh_from_db()
    assert link.open_count == 0
    assert client.get("/shared/no-such-token/report/status.json").status_code == 404
