"""The boundary charter: started from the advice, edited under the rules, signed, versioned, kept true."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest
from django.test import Client
from django.utils.html import escape

from assessments.charter import services as charters
from assessments.charter.forms import CharterForm
from assessments.models import Charter
from assessments.report import pdf
from tests.factories import NORTHWIND_ANSWERS, OrganisationFactory, UserFactory, completed_assessment, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(alice) -> dict[str, Any]:
    return make_team(alice)


def make_team(alice: Any) -> dict[str, Any]:
    """Northwind Logistics: alice owns it, erin edits, vic views; each has a signed-in client."""
    organisation = OrganisationFactory(owner=alice, name="Northwind Logistics")
    erin, vic = UserFactory(username="erin"), UserFactory(username="vic")
    member(organisation, erin, "editor")
    member(organisation, vic, "viewer")
    clients = {}
    for user in (alice, erin, vic):
        clients[user.username] = Client()
        clients[user.username].force_login(user)
    assessment = completed_assessment(organisation=organisation)
    return {
        "organisation": organisation,
        "assessment": assessment,
        "clients": clients,
        "users": (alice, erin),
    }


def start(team: dict[str, Any]) -> Charter:
    response = team["clients"]["alice"].post(f"/assessments/{team['assessment'].pk}/charter/")
    charter = Charter.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/charters/{charter.pk}/edit/"
    return charter


def sign(client: Client, charter: Charter) -> Any:
    """Open the charter's page and press its Sign button (which sends the version shown)."""
    page = client.get(f"/charters/{charter.pk}/").content.decode()
    version = re.search(r'name="version" value="(\d+)"', page)
    assert version, "the sign form carries the version shown"
    return client.post(f"/charters/{charter.pk}/sign/", {"version": version.group(1)})


def form_data(charter: Charter, **changes: Any) -> dict[str, Any]:
    """What the editor posts when nothing is touched, with `changes` applied."""
    charter.refresh_from_db()
    form = CharterForm(content=charter.content, initial={"version": charter.version})
    data: dict[str, Any] = {}
    for name in form.fields:
        value = form[name].initial if name != "version" else charter.version
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def edit(team: dict[str, Any], charter: Charter, user: str = "alice", **changes: Any) -> Any:
    return team["clients"][user].post(f"/charters/{charter.pk}/edit/", form_data(charter, **changes))


def detail(team: dict[str, Any], charter: Charter, user: str = "alice") -> str:
    return team["clients"][user].get(f"/charters/{charter.pk}/").content.decode()


def test_a_charter_starts_from_the_advised_matrix_with_its_forum(team):
    charter = start(team)
    text = detail(team, charter)
    result = team["assessment"].result
    for row in result["matrix"]["rows"]:
        assert escape(row["title"]) in text
    assert len(charter.content["rows"]) == 14
    assert [r["key"] for r in charter.content["roles"]] == result["matrix"]["roles"]
    assert "Every cell follows the advice." in text
    assert "AI and data platform council" in text
    assert text.count("Governed by AI and data platform council.") == 4
    assert "Data platform investment and the other overlap areas" in text


def test_moving_an_a_marks_both_cells_with_the_advised_letters_and_counts_them(team):
    charter = start(team)
    response = edit(team, charter, **{"cell-ai_security-CTO": "R", "cell-ai_security-CAIO": "AC"})
    assert response.status_code == 302
    text = detail(team, charter)
    assert "2 cells differ from the advice; each is marked below with the advised letters." in text
    assert "The advice was AR." in text and "The advice was C." in text
    assert text.count('class="raci deviates"') == 2


def test_a_row_with_two_as_or_no_r_is_refused_with_a_message_on_that_row(team):
    charter = start(team)
    response = edit(team, charter, **{"cell-ai_strategy-CTO": "A", "cell-tech_debt-CTO": "A"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Give this row exactly one A (accountable): it has 2." in text
    assert "Give this row at least one R (responsible)." in text
    assert "Nothing was saved yet." in text
    charter.refresh_from_db()
    assert charter.content["rows"][0]["raci"]["CTO"] == "AR"


def test_a_letter_twice_in_a_cell_is_refused(team):
    charter = start(team)
    response = edit(team, charter, **{"cell-tech_debt-CEO": "CC"})
    assert response.status_code == 200
    assert "Use only the letters R, A, C and I, each at most once in a cell." in response.content.decode()


def test_the_team_adds_its_own_role_and_row_and_names_a_holder(team):
    charter = start(team)
    edit(
        team,
        charter,
        **{"newrole-title": "CISO", "newrole-holder": "Sam Ortiz", "role-CTO-holder": "Dana Lee"},
    )
    response = edit(
        team,
        charter,
        **{"row-new-title": "Model incident response", "cell-new-role1": "AR", "cell-new-CAIO": "C"},
    )
    assert response.status_code == 302
    text = detail(team, charter)
    assert "CISO — Sam Ortiz" in text and "CTO — Dana Lee" in text
    assert "Model incident response" in text
    assert "Your own row: the advice has nothing to compare it with." in text


def test_a_shared_row_must_name_its_forum(team):
    charter = start(team)
    response = edit(team, charter, **{"row-cloud_compute-forum": ""})
    assert response.status_code == 200
    assert "Name the forum that governs this shared row." in response.content.decode()


def test_a_forum_is_named_with_members_decision_tie_breaker_and_rhythm(team):
    charter = start(team)
    response = edit(
        team,
        charter,
        **{
            "forum-f1-name": "Data platform council",
            "forum-f1-members": ["CTO", "CAIO", "CEO"],
            "forum-f1-tie_breaker": "CEO",
            "forum-f1-meets": "every two weeks",
        },
    )
    assert response.status_code == 302
    text = detail(team, charter)
    assert "Data platform council" in text and "CEO, CTO, CAIO" in text
    assert "every two weeks" in text


def test_every_owner_and_editor_signs_then_it_is_agreed_and_read_only(team):
    charter = start(team)
    alice, erin = team["clients"]["alice"], team["clients"]["erin"]
    sign(alice, charter)
    text = detail(team, charter)
    assert "Signed by alice on" in text and "Still to sign: erin." in text
    sign(erin, charter)
    charter.refresh_from_db()
    assert charter.is_agreed and charter.agreed_at is not None
    text = detail(team, charter)
    assert "This charter was agreed on" in text and "Signed by erin on" in text
    assert "Edit the charter" not in text
    assert alice.get(f"/charters/{charter.pk}/edit/")["Location"] == f"/charters/{charter.pk}/"


def test_when_the_last_unsigned_editor_leaves_the_charter_is_agreed(team):
    charter = start(team)
    sign(team["clients"]["alice"], charter)
    erin = team["organisation"].memberships.get(user__username="erin")
    team["clients"]["alice"].post(f"/organisations/{team['organisation'].pk}/members/{erin.pk}/remove/")
    charter.refresh_from_db()
    assert charter.is_agreed
    assert "This charter was agreed on" in detail(team, charter)


def test_viewers_read_but_do_not_sign_or_edit(team):
    charter = start(team)
    text = detail(team, charter, user="vic")
    assert "Who does what" in text
    assert "Sign the charter" not in text and "Edit the charter" not in text and ">Delete<" not in text
    assert (
        team["clients"]["vic"].post(f"/charters/{charter.pk}/sign/", {"version": charter.version}).status_code
        == 403
    )


def test_an_edit_clears_the_signatures_given_so_far(team):
    charter = start(team)
    sign(team["clients"]["alice"], charter)
    edit(team, charter, user="erin", **{"cell-ai_security-CEO": "C"})
    text = detail(team, charter)
    assert "Nobody has signed this version yet." in text
    assert "Still to sign: alice, erin." in text


def _agree(team: dict[str, Any], charter: Charter) -> None:
    for name in ("alice", "erin"):
        sign(team["clients"][name], charter)


def test_a_new_version_starts_from_the_agreed_one_and_two_versions_compare(team):
    charter = start(team)
    _agree(team, charter)
    response = team["clients"]["erin"].post(f"/charters/{charter.pk}/new-version/")
    second = Charter.objects.get(number=2)
    assert response["Location"] == f"/charters/{second.pk}/edit/"
    assert second.content == charter.content
    edit(team, second, user="erin", **{"cell-ai_security-CTO": "R", "cell-ai_security-CAIO": "AC"})
    org = team["organisation"].pk
    text = team["clients"]["vic"].get(f"/organisations/{org}/charters/compare/?a=1&b=2").content.decode()
    assert escape("“Security considerations for AI models and data”, CTO: AR became R.") in text
    assert escape("“Security considerations for AI models and data”, CAIO: C became AC.") in text


def test_the_history_says_who_changed_what(team):
    charter = start(team)
    edit(team, charter, user="erin", **{"cell-ai_security-CEO": "C"})
    text = team["clients"]["vic"].get(f"/organisations/{team['organisation'].pk}/charters/").content.decode()
    assert "Version 1" in text
    assert (
        escape(
            "erin edited the boundary charter, version 1: “Security considerations for AI models and data”, CEO: I became C."
        )
        in text
    )  # noqa: E501
    assert "alice started the boundary charter, version 1" in text


def test_a_later_assessment_that_changes_the_advice_lists_the_agreed_rows_that_differ(team):
    charter = start(team)
    _agree(team, charter)
    # Strategic AI in a mid-market company moves the CAIO to the CEO, who then breaks ties on the overlap rows.
    answers = NORTHWIND_ANSWERS | {"ai_product_role": "core_product", "annual_ai_spend_usd": 9_000_000}
    later = completed_assessment(answers, organisation=team["organisation"])
    assert later.recommendation == "caio_reports_to_ceo"
    text = detail(team, charter)
    assert "A later assessment changed the advice" in text
    assert "CEO: agreed I, advised now A." in text
    assert "Data infrastructure quality" in text


def test_starting_again_while_a_draft_is_open_continues_it(team):
    charter = start(team)
    again = team["clients"]["erin"].post(f"/assessments/{team['assessment'].pk}/charter/")
    assert again["Location"] == f"/charters/{charter.pk}/edit/"
    assert Charter.objects.count() == 1


def test_only_owners_delete_a_version(team):
    charter = start(team)
    assert team["clients"]["erin"].post(f"/charters/{charter.pk}/delete/").status_code == 403
    response = team["clients"]["alice"].post(f"/charters/{charter.pk}/delete/")
    assert response.status_code == 302 and Charter.objects.count() == 0


# --- exports, the report and share links ------------------------------------------------------------


def test_the_xlsx_has_the_matrix_for_printing_and_the_forums(team):
    from openpyxl import load_workbook

    charter = start(team)
    edit(team, charter, **{"role-CTO-holder": "Dana Lee"})
    response = team["clients"]["vic"].get(f"/charters/{charter.pk}/charter.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    matrix, forums = book["Matrix"], book["Forums"]
    assert [c.value for c in matrix[3]] == [
        "Responsibility",
        "Shared governance",
        "Forum",
        "CEO",
        "CTO — Dana Lee",
        "CAIO",
    ]
    assert [c.value for c in matrix[4]] == [
        "Technology infrastructure and architecture decisions",
        "No",
        None,
        "I",
        "AR",
        "I",
    ]
    assert matrix.page_setup.orientation == "landscape" and matrix.print_title_rows == "$3:$3"
    assert forums["A4"].value == "AI and data platform council"
    assert forums["B4"].value == "CTO — Dana Lee; CAIO"


def test_spreadsheet_exports_keep_formulas_as_text(team):
    from openpyxl import load_workbook

    charter = start(team)
    edit(
        team,
        charter,
        **{
            "newrole-title": '=HYPERLINK("http://evil")',
            "forum-f1-name": "@SUM(A1)",
            "role-CEO-holder": "+1",
        },
    )
    client = team["clients"]["alice"]
    book = load_workbook(io.BytesIO(client.get(f"/charters/{charter.pk}/charter.xlsx").content))
    header = {c.value: c for c in book["Matrix"][3]}
    assert '=HYPERLINK("http://evil")' in header
    assert header['=HYPERLINK("http://evil")'].data_type == "s"
    assert book["Forums"]["A4"].value == "@SUM(A1)" and book["Forums"]["A4"].data_type == "s"
    csv_text = client.get(f"/charters/{charter.pk}/charter.csv").content.decode()
    assert "'=HYPERLINK" in csv_text and "'@SUM(A1)" in csv_text and "CEO — +1" in csv_text


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def test_the_charter_csv_has_a_bom_and_no_cell_starts_a_formula_whatever_the_separator(team):
    charter = start(team)
    payload = "Data;=cmd|' /C calc'!A0"
    assert (
        edit(team, charter, **{"role-CEO-holder": payload, "role-CTO-holder": "Ops, +1"}).status_code == 302
    )
    body = team["clients"]["alice"].get(f"/charters/{charter.pk}/charter.csv").content
    assert body.startswith("\ufeff".encode())
    text = body.decode("utf-8-sig")
    assert "CEO — Data;'=cmd|' /C calc'!A0" in text  # the text kept, the formula defused
    for separator in (",", ";", "\t"):
        for row in csv.reader(io.StringIO(text), delimiter=separator):
            for cell in row:
                assert not cell.lstrip().startswith(FORMULA_START), (separator, cell)


def test_the_report_prints_the_agreed_boundaries_and_is_prepared_again_when_they_are_agreed(
    team, worker, fake_renderer
):
    assessment = team["assessment"]
    before = pdf.report_cache_key(assessment, size="a4")
    charter = start(team)
    edit(team, charter, **{"role-CTO-holder": "Dana Lee"})
    with worker():
        _agree(team, charter)
    assessment.refresh_from_db()
    assessment.organisation.refresh_from_db()
    assert pdf.report_cache_key(assessment, size="a4") != before
    assert fake_renderer, "agreeing the charter asked for the report again"
    html = pdf.render_report_html(pdf.report_context(assessment))
    assert "Agreed boundaries" in html and "CTO — Dana Lee" in html and "Signed by erin" in html
    public = pdf.render_report_html(pdf.report_context(assessment, public=True))
    assert "Agreed boundaries" in public and "Signed by" not in public


def test_a_share_link_shows_the_agreed_charter_read_only_and_names_no_signer(team):
    from assessments.team import services as teams

    charter = start(team)
    edit(team, charter, **{"role-CTO-holder": "Dana Lee"})
    _link, token = teams.share(assessment=team["assessment"], user=team["users"][0], days=3)
    assert "Agreed boundaries" not in Client().get(f"/shared/{token}/").content.decode()
    _agree(team, charter)
    text = Client().get(f"/shared/{token}/").content.decode()
    assert "Agreed boundaries" in text and "CTO — Dana Lee" in text
    assert "Signed by" not in text
    assert re.search(r"\b(alice|erin)\b", text) is None
    assert "/edit/" not in text


def test_agreeing_records_the_charter_for_the_report_once(team):
    charter = start(team)
    _agree(team, charter)
    team["organisation"].refresh_from_db()
    assert team["organisation"].charter_digest == charters.content_digest(
        charters.agreed_charter(team["organisation"])
    )


# --- query counts ----------------------------------------------------------------------------------


@pytest.mark.parametrize("extra_rows", [0, 25])
def test_the_charter_page_costs_the_same_queries_whatever_its_size(
    team, django_assert_num_queries, extra_rows
):
    charter = start(team)
    for number in range(extra_rows):
        edit(team, charter, **{"row-new-title": f"Duty {number}", "cell-new-CTO": "AR"})
    sign(team["clients"]["alice"], charter)
    # session, user, charter with its organisation, the latest advice, signatures, signatories
    with django_assert_num_queries(6):
        assert team["clients"]["erin"].get(f"/charters/{charter.pk}/").status_code == 200


@pytest.mark.parametrize("versions", [1, 6])
def test_the_history_page_costs_the_same_queries_whatever_the_number_of_versions(
    team, django_assert_num_queries, versions
):
    charter = start(team)
    for _ in range(versions - 1):
        _agree(team, charter)
        charter.refresh_from_db()
        charter = charters.new_version(charter=charter, user=team["users"][0])
    # session, user, organisation, versions, history events
    with django_assert_num_queries(5):
        assert (
            team["clients"]["vic"].get(f"/organisations/{team['organisation'].pk}/charters/").status_code
            == 200
        )


def test_the_editor_page_costs_three_queries(team, django_assert_num_queries):
    charter = start(team)
    with django_assert_num_queries(3):  # session, user, charter with its organisation
        assert team["clients"]["erin"].get(f"/charters/{charter.pk}/edit/").status_code == 200


# --- hostile input ---------------------------------------------------------------------------------

HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'


def test_hostile_text_stays_inert_in_the_page_the_editor_and_the_report(team):
    charter = start(team)
    response = edit(
        team,
        charter,
        **{
            "newrole-title": HOSTILE[:60],
            "role-CTO-holder": HOSTILE[:80],
            "forum-f1-name": HOSTILE,
            "forum-f1-how": "{{ settings.SECRET_KEY }} {% debug %}",
            "notes": HOSTILE + "\nsecond line",
            "row-new-title": HOSTILE,
            "cell-new-CTO": "AR",
        },
    )
    assert response.status_code == 302
    _agree(team, charter)
    team["assessment"].organisation.refresh_from_db()
    pages = [
        detail(team, charter),
        team["clients"]["alice"].get(f"/organisations/{team['organisation'].pk}/charters/").content.decode(),
        pdf.render_report_html(pdf.report_context(team["assessment"])),
    ]
    for text in pages:
        assert "<script>alert(1)" not in text and "<img src=x" not in text
    assert escape(HOSTILE) in pages[0] and escape(HOSTILE) in pages[2]
    assert "{{ settings.SECRET_KEY }}" in pages[0]


@pytest.mark.parametrize(
    "field", ["newrole-title", "role-CTO-holder", "forum-f1-name", "forum-f1-meets", "row-new-title"]
)
def test_single_line_fields_refuse_control_characters(team, field):
    charter = start(team)
    response = edit(team, charter, **{field: "two\nlines", "cell-new-CTO": "AR"})
    assert response.status_code == 200
    assert "Write this on one line" in response.content.decode()


DIRECTION_MESSAGE = "Remove the invisible direction controls (such as U+202E)"


def test_a_charter_role_with_a_direction_control_is_refused(team):
    charter = start(team)
    response = edit(team, charter, **{"newrole-title": "CISO\u202e"})
    assert response.status_code == 200 and DIRECTION_MESSAGE in response.content.decode()


def test_a_role_removed_and_another_added_compare_as_a_removal_and_an_addition(team):
    # Security round 3, finding 12: the new role took the removed one's key and read as a rename.
    charter = start(team)
    edit(team, charter, **{"newrole-title": "CISO"})
    _agree(team, charter)
    team["clients"]["erin"].post(f"/charters/{charter.pk}/new-version/")
    second = Charter.objects.get(number=2)
    edit(team, second, user="erin", **{"role-role1-remove": "on"})
    edit(team, second, user="erin", **{"newrole-title": "Head of Marketing"})
    second.refresh_from_db()
    assert [role["key"] for role in second.content["roles"]][-1] == "role2"
    org = team["organisation"].pk
    text = team["clients"]["vic"].get(f"/organisations/{org}/charters/compare/?a=1&b=2").content.decode()
    assert "The role CISO was removed." in text and "The role Head of Marketing was added." in text
    assert "is now" not in text
