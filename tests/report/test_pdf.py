from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from pypdf import PdfReader

from assessments.engine import assess_document
from assessments.models import ReportCache
from assessments.presenters.results import results_context
from assessments.report import pdf
from tests import printed
from tests.factories import AssessmentFactory, OrganisationFactory, UserFactory, completed_assessment

pytestmark = pytest.mark.django_db

SECTIONS = [
    "Executive summary",
    "The article’s tests",
    "Who does what: responsibility matrix",
    "What would change the advice",
    "Risks and next steps",
    "Appendix: profile and answers",
]


def squash(text: str) -> str:
    return "".join(text.split())


def read(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def outline_titles(items: list[Any]) -> list[str]:
    return [t for item in items for t in (outline_titles(item) if isinstance(item, list) else [item.title])]


def url(assessment: Any, query: str = "") -> str:
    return f"/assessments/{assessment.pk}/report.pdf{query}"


@pytest.fixture(scope="module")
def northwind(django_db_setup: None, django_db_blocker: Any) -> SimpleNamespace:
    """One real render of a Northwind report, shared by the content tests (rendering takes ~0.5 s)."""
    with django_db_blocker.unblock(), transaction.atomic():
        owner = UserFactory(username="carol")
        organisation = OrganisationFactory(
            owner=owner, name="Northwind Logistics", notes="Moved AI into the product."
        )
        assessment = completed_assessment(organisation=organisation)
        data = pdf.report_pdf(assessment)
        result = assessment.result
        transaction.set_rollback(True)
    reader = read(data)
    return SimpleNamespace(data=data, reader=reader, text=printed.text(data), result=result)


@pytest.fixture
def assessment(alice: Any) -> Any:
    return completed_assessment(organisation=OrganisationFactory(owner=alice, name="Northwind Logistics"))


def test_report_opens_and_has_a_sensible_number_of_pages(northwind):
    assert 3 <= len(northwind.reader.pages) <= 5  # test_pdf_print pins the typical one to four


def test_report_text_holds_the_organisation_recommendation_and_every_responsibility_row(northwind):
    text = squash(northwind.text)
    assert squash("Northwind Logistics") in text
    assert squash(northwind.result["recommendation_label"]) in text
    for row in northwind.result["matrix"]["rows"]:
        assert squash(row["title"]) in text, row["title"]
    assert squash("Moved AI into the product.") in text


def test_every_page_is_numbered_page_x_of_y(northwind):
    texts = printed.page_texts(northwind.data)
    assert len(texts) == len(northwind.reader.pages)
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {len(texts)}" in text


def test_sections_come_in_reading_order_after_the_contents(northwind):
    # The contents and "About this report" share the first page with the cover; the sections follow on.
    # Read in the content stream's order (pypdf), the order a screen reader follows: pdftotext joins the two
    # verdict cards' lines where they stand side by side.
    text = squash("\n".join(page.extract_text() for page in northwind.reader.pages))
    body = text[text.find(squash("so the result can be checked and re-scored.")) :]
    positions = [body.find(squash(title)) for title in SECTIONS]
    assert -1 not in positions and positions == sorted(positions)
    # The executive summary opens with both verdicts, then the structure, then what decided them.
    verdicts = northwind.result["verdicts"]
    summary = [
        "Executive summary",
        verdicts["need"]["question"],
        verdicts["need"]["label"],
        verdicts["reporting_line"]["question"],
        verdicts["reporting_line"]["label"],
        "Structure: " + northwind.result["reporting_line"],
        "What decided it",
        "The article’s tests",
    ]
    positions = [body.find(squash(text)) for text in summary]
    assert -1 not in positions and positions == sorted(positions)


def test_outline_has_a_bookmark_for_each_section(northwind):
    titles = outline_titles(northwind.reader.outline)
    numbered = [f"{n} {section}" for n, section in enumerate(SECTIONS[:-1], start=1)]
    assert titles == ["Cover", "Contents", *numbered, f"A {SECTIONS[-1]}"]


def test_pdf_is_tagged_with_title_author_subject_and_language(northwind):
    catalog = northwind.reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "en"
    assert northwind.reader.metadata.title == "CAIO assessment: Northwind Logistics"
    assert northwind.reader.metadata.author == "carol"
    assert northwind.result["recommendation_label"] in northwind.reader.metadata.subject


def test_every_font_is_embedded(northwind):
    for page in northwind.reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor, font.get_object()["/BaseFont"]


def test_command_context_matches_the_results_page_context(assessment):
    page = results_context(assessment)
    document = {"organisation": {"name": assessment.organisation.name}, "answers": assessment.answers}
    context = pdf.document_report_context(
        document, assess_document(document | {"schema": "caio-assessment/1"})
    )
    for key in ("legacy", "org_chart", "answers", "verdicts", "balance", "tipping"):
        assert context[key] == page[key], key
    assert context["legacy"] is False and context["verdicts"] and context["tipping"]
    for key in ("criteria", "reasons", "risks", "next_steps", "interim_step", "matrix", "what_if"):
        assert context["result"][key] == page["result"][key], key


def test_other_users_get_404_and_anonymous_visitors_are_sent_to_log_in(client, bob_client, assessment):
    assert bob_client.get(url(assessment)).status_code == 404
    response = client.get(url(assessment))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_only_get_is_allowed(alice_client, assessment):
    assert alice_client.post(url(assessment)).status_code == 405


def test_a_draft_has_no_report(alice_client, alice):
    draft = AssessmentFactory(organisation=OrganisationFactory(owner=alice))
    assert alice_client.get(url(draft)).status_code == 404


@pytest.mark.parametrize(
    ("name", "slug"),
    [("Ünïcödé & Co / Ltd.", "unicode-co-ltd"), ("株式会社", "organisation"), ("x" * 200, "x" * 80)],
)
def test_file_name_is_safe_ascii_whatever_the_name_holds(alice, name, slug):
    assessment = completed_assessment(organisation=OrganisationFactory(owner=alice, name=name))
    expected = f"{slug}-caio-assessment-{assessment.completed_at:%Y-%m-%d}.pdf"
    assert pdf.report_filename(assessment) == expected


def test_a_failing_render_raises_render_error_with_the_reason(monkeypatch):
    def explode(html: str, size: str) -> bytes:
        raise ValueError("bad layout")

    monkeypatch.setattr(pdf, "_write_pdf", explode)
    with pytest.raises(pdf.RenderError, match="ValueError: bad layout"):
        pdf.render_pdf("<p>x</p>")


def _render_reports_scheduling(html: str, size: str) -> bytes:
    # Runs in the render child: what the scheduler sees of it, sent back as the "PDF".
    autogroup = Path("/proc/self/autogroup").read_text().split()
    return f"{os.getpriority(os.PRIO_PROCESS, 0)} {os.getsid(0)} {autogroup[-1]}".encode()


@pytest.mark.skipif(not Path("/proc/self/autogroup").exists(), reason="Linux autogroup scheduling only")
def test_the_render_runs_at_lower_cpu_priority_in_a_scheduling_group_of_its_own(monkeypatch, settings):
    settings.REPORT_RENDER_NICE = 10
    monkeypatch.setattr(pdf, "_write_pdf", _render_reports_scheduling)
    before = os.getpriority(os.PRIO_PROCESS, 0)
    priority, session, group_nice = pdf.render_pdf("<p>x</p>").decode().split()
    assert int(priority) == max(before, 10) and int(group_nice) == 10
    assert int(session) != os.getsid(0)  # its own session, so its group's nice value applies to it alone
    assert os.getpriority(os.PRIO_PROCESS, 0) == before  # the worker itself is left as it was


def test_a_nice_value_of_zero_leaves_the_render_where_it_was(monkeypatch, settings):
    settings.REPORT_RENDER_NICE = 0
    monkeypatch.setattr(pdf, "_write_pdf", lambda html, size: str(os.getsid(0)).encode())
    assert int(pdf.render_pdf("<p>x</p>")) == os.getsid(0)


def test_importing_the_view_does_not_import_weasyprint():
    code = (
        "import django, sys; django.setup(); import assessments.urls; sys.exit('weasyprint' in sys.modules)"
    )
    env = {"DJANGO_SETTINGS_MODULE": "caio.settings", "DEBUG": "1", "PATH": "/usr/bin:/bin"}
    assert subprocess.run([sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env).returncode == 0


@pytest.fixture
def trap_server() -> Iterator[tuple[int, list[str]]]:
    """A local HTTP server that counts every request it receives."""
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield server.server_address[1], hits
    server.shutdown()
    server.server_close()


def test_hostile_organisation_text_is_shown_literally_and_fetches_nothing(
    alice, alice_client, trap_server, worker
):
    port, hits = trap_server
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/probe") as probe:  # the trap does count
        assert probe.status == 200
    hostile = {
        "name": '<img src="file:///etc/passwd">',
        "notes": "<link rel=attachment href=file:///etc/passwd>",
        "sector": f"url(http://127.0.0.1:{port}/x)",
        "region": f'<img src="http://127.0.0.1:{port}/y">',
    }
    with worker():  # rendered by the worker as soon as the assessment is scored
        assessment = completed_assessment(organisation=OrganisationFactory(owner=alice, **hostile))
    response = alice_client.get(url(assessment))
    assert response.status_code == 200
    reader = read(response.content)
    text = squash(printed.text(response.content))
    for value in hostile.values():
        assert squash(value) in text, value
    assert hits == ["/probe"]
    assert "/EmbeddedFiles" not in reader.trailer["/Root"].get("/Names", {})
    for page in reader.pages:
        subtypes = [annot.get_object()["/Subtype"] for annot in page.get("/Annots", [])]
        assert "/FileAttachment" not in subtypes
    assert response["Content-Disposition"].startswith('attachment; filename="img-srcfileetcpasswd-caio')


def test_fetcher_serves_only_static_files_and_data_uris(trap_server):
    port, hits = trap_server
    css = Path(settings.BASE_DIR, "static", "css", "report.css").resolve()
    assert pdf.static_file_for_url(css.as_uri()) == str(css)
    assert pdf.static_file_for_url(pdf.STATIC_BASE_URL + "static/css/report.css") == str(css)
    for refused in [
        "file:///etc/passwd",
        css.as_uri() + "/../../../../../etc/passwd",
        f"file://{css.parent}/../../../../etc/passwd",
        pdf.STATIC_BASE_URL + "static/../../../etc/passwd",
        pdf.STATIC_BASE_URL + "static/css/missing.css",
        f"http://127.0.0.1:{port}/x",
        "https://example.com/x.css",
    ]:
        assert pdf.static_file_for_url(refused) is None, refused
    fetcher = pdf.static_only_fetcher()
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"
    assert fetcher.fetch(css.as_uri()).read() == css.read_bytes()
    with pytest.raises(ValueError, match="only use its own static files"):
        fetcher.fetch(f"http://127.0.0.1:{port}/x")
    assert hits == []


def test_even_unescaped_markup_fetches_and_attaches_nothing(trap_server):
    port, hits = trap_server
    html = (
        f'<html lang="en"><title>t</title><link rel="stylesheet" href="http://127.0.0.1:{port}/a.css">'
        '<link rel="attachment" href="file:///etc/passwd"><a rel="attachment" href="file:///etc/hosts">a</a>'
        f'<img src="http://127.0.0.1:{port}/i.png"><div style="background: url(http://127.0.0.1:{port}/b)">'
        "x</div></html>"
    )
    reader = read(pdf.render_pdf(html))
    assert hits == []
    assert "/Names" not in reader.trailer["/Root"]
    assert all("/Annots" not in page for page in reader.pages)


def test_notes_with_more_than_fifty_line_breaks_are_refused_next_to_the_field(alice_client):
    response = alice_client.post("/organisations/new/", {"name": "Longwind", "notes": "line\n" * 51 + "end"})
    assert response.status_code == 200
    assert (
        "Keep the notes to at most 51 lines: they are printed in the board report."
        in response.content.decode()
    )
    assert (
        alice_client.post("/organisations/new/", {"name": "Shortwind", "notes": "line\n" * 50}).status_code
        == 302
    )


def test_the_report_prints_at_most_fifty_one_lines_of_notes_whatever_is_stored(assessment):
    # Stored before the form's limit existed, or written around it: the report bounds it again.
    OrganisationFactory._meta.model.objects.filter(pk=assessment.organisation_id).update(notes="x\n" * 4000)
    assessment.organisation.refresh_from_db()
    notes = pdf.report_context(assessment)["organisation"]["notes"]
    assert notes.count("\n") == 50
    assert notes.endswith("x …")


def test_a_report_longer_than_the_page_cap_is_refused_with_a_clear_message(
    alice_client, alice, worker, settings
):
    settings.REPORT_MAX_PAGES = 2
    with worker():
        assessment = completed_assessment(organisation=OrganisationFactory(owner=alice, name="Long Ltd"))
    response = alice_client.get(url(assessment))
    assert response.status_code == 422
    assert "This report would have more than 2 pages, so it was not built." in response.content.decode()
    row = ReportCache.objects.get(assessment=assessment)
    assert row.pdf is None and row.status == "failed" and row.error.startswith("too long")
    assert row.attempts == 1  # refused once: the same content would be as long again


def test_one_person_can_ask_for_a_bounded_number_of_renders_a_minute(alice_client, assessment, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "pdf": "2/m"}
    retry = f"/assessments/{assessment.pk}/report/retry/"
    assert [alice_client.post(retry, {"size": "a4"}).status_code for _ in range(2)] == [302, 302]
    response = alice_client.post(retry, {"size": "letter"})
    assert response.status_code == 429 and response["Retry-After"] == "60"
    assert "You have asked for many reports in a short time. Wait a minute, then try again." in (
        response.content.decode()
    )


@pytest.mark.parametrize("through", ["the assessment's page", "a share link"])
def test_a_burst_of_renders_across_a_window_end_gets_the_limit_and_a_minute_later_more(
    through, alice, assessment, settings
):
    from django.test import Client

    from assessments.team import services as teams
    from tests.limit_windows import at_a_window_end

    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "pdf": "2/m", "work_organisation": "100/m"}
    client = Client(REMOTE_ADDR="192.0.2.20")
    if through == "a share link":  # counted per client address: nobody is signed in
        _link, token = teams.share(assessment=assessment, user=alice, days=7)
        retry, key = f"/shared/{token}/report/retry/", "192.0.2.20"
    else:
        client.force_login(alice)
        retry, key = f"/assessments/{assessment.pk}/report/retry/", str(alice.pk)
    with at_a_window_end(key, 60) as clock:
        replies = [client.post(retry, {"size": "a4"})]  # the last second of a window
        clock.now += 1  # the next window
        replies += [client.post(retry, {"size": "a4"}) for _ in range(4)]
        assert [reply.status_code for reply in replies] == [302, 302, 429, 429, 429]
        assert replies[-1]["Retry-After"] == "60"
        assert "You have asked for many reports in a short time. Wait a minute, then try again." in (
            replies[-1].content.decode()
        )
        clock.now += 60
        assert client.post(retry, {"size": "a4"}).status_code == 302


def test_the_cover_names_the_assessor_by_name_when_they_gave_one(alice):
    alice.first_name, alice.last_name = "Alice", "Moreau"
    alice.save()
    assessment = completed_assessment(organisation=OrganisationFactory(owner=alice, name="Named Ltd"))
    assert pdf.report_context(assessment)["report"]["assessed_by"] == "Alice Moreau"
    assert pdf.report_context(assessment, public=True)["report"]["assessed_by"] == "—"


def test_the_cover_labels_a_recommendation_the_article_does_not_decide_as_the_tools_own(alice):
    from tests.factories import NORTHWIND_ANSWERS

    hr_software = {**NORTHWIND_ANSWERS, "employees": 3_000, "annual_ai_spend_usd": 2_000_000, "ai_headcount": 15,
                   "ai_use_cases": 4, "regulatory_exposure": "high", "cto_stretched": False}  # fmt: skip
    done = completed_assessment(hr_software, organisation=OrganisationFactory(owner=alice, name="HR Co"))
    assert done.result["verdicts"]["need"]["basis"] == "method"
    html = pdf.render_report_html(pdf.report_context(done))
    cover = html[html.index('<p class="cover-answer-text">') :]
    cover = cover[: cover.index("</p>")]
    assert "CTO only" in cover and "CAIO Advisor’s rule, not from the article" in cover
    northwind = pdf.render_report_html(
        pdf.report_context(completed_assessment(organisation=done.organisation))
    )
    northwind_cover = northwind[northwind.index('<p class="cover-answer-text">') :]
    assert "CAIO Advisor’s rule" not in northwind_cover[: northwind_cover.index("</p>")]
