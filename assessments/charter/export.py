"""The charter as XLSX (matrix sheet set up for printing, forums sheet) and as CSV: data first, then format.

Spreadsheets run formulas: every cell is written as text, and a cell that starts like a formula
(=, +, -, @, tab or carriage return) is kept as text in XLSX and prefixed with ' in CSV (OWASP's advice).
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from django.http import HttpResponse
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext

from assessments.charter import presenters as charter_presenters
from assessments.models import Charter, CharterSignature

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def matrix_table(charter: Charter) -> tuple[list[str], list[list[str]]]:
    view = charter_presenters.matrix_view(charter.content, charter.advice)
    headers = [gettext("Responsibility"), gettext("Shared governance"), gettext("Forum"), *view["roles"]]
    rows = [
        [
            row["title"],
            gettext("Yes") if row["shared"] else gettext("No"),
            row["forum"],
            *[cell["letters"] for cell in row["cells"]],
        ]
        for row in view["rows"]
    ]
    return headers, rows


def forum_table(charter: Charter) -> tuple[list[str], list[list[str]]]:
    view = charter_presenters.matrix_view(charter.content, charter.advice)
    headers = [gettext("Forum"), gettext("Members"), gettext("What it decides"), gettext("How it decides"),
               gettext("Who breaks a tie"), gettext("How often it meets"), gettext("Rows it governs")]  # fmt: skip
    rows = [
        [
            f["name"],
            "; ".join(f["members"]),
            f["decides"],
            f["how"],
            f["tie_breaker"],
            f["meets"],
            "; ".join(f["rows"]),
        ]
        for f in view["forums"]
    ]
    return headers, rows


def _filename(charter: Charter, extension: str) -> str:
    name = slugify(charter.organisation.name)[:80].strip("-") or "organisation"
    return f"{name}-boundary-charter-v{charter.number}.{extension}"


# A spreadsheet may cut a CSV line at commas, semicolons (French and German Excel) or tabs, whichever the file
# was written with: a formula can start at the beginning of a value or right after any of these inside it.
_FORMULA_AFTER_SEPARATOR = re.compile(r"([,;\t]\s*)(?=[=+\-@\t\r])")


def csv_safe(value: str) -> str:
    """`value` as text in any spreadsheet: a ' before every place where a piece of it could start a formula.

    Quoting alone is not enough: opened with ";" as the separator, a comma-separated file's quotes no longer
    line up with the cells, and `Data;=cmd|' /C calc'!A0` would become a cell starting with "=".
    """
    value = _FORMULA_AFTER_SEPARATOR.sub(r"\1'", value)
    return "'" + value if value.startswith(FORMULA_START) else value


def csv_response(charter: Charter) -> HttpResponse:
    headers, rows = matrix_table(charter)
    # The byte order mark tells Excel the file is UTF-8 (else "—" and accents come out garbled).
    buffer = io.StringIO("\ufeff")
    buffer.seek(0, io.SEEK_END)
    # Every cell in quotes: whatever separator the spreadsheet splits at, a quoted cell stays one cell.
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
    for line in [headers, *rows]:
        writer.writerow([csv_safe(value) for value in line])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(charter, "csv")}"'
    response["Cache-Control"] = "no-store"
    return response


def _text_cell(sheet: Any, row: int, column: int, value: str) -> Any:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    cell = sheet.cell(row=row, column=column)
    cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.data_type = "s"  # openpyxl makes "=..." a formula otherwise
    if value.startswith(FORMULA_START):
        cell.quotePrefix = True  # and Excel keeps it as text when the cell is edited
    return cell


def _fill_sheet(sheet: Any, title: str, headers: list[str], rows: list[list[str]], widths: list[int]) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    _text_cell(sheet, 1, 1, title).font = Font(bold=True, size=14)
    for column, header in enumerate(headers, start=1):
        cell = _text_cell(sheet, 3, column, header)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="12304F")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.border = border
    for index, values in enumerate(rows, start=4):
        for column, value in enumerate(values, start=1):
            cell = _text_cell(sheet, index, column, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.border = border
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[sheet.cell(row=3, column=column).column_letter].width = width
    sheet.freeze_panes = "B4"
    sheet.print_title_rows = "3:3"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.gridLines = False


def xlsx_bytes(charter: Charter, signatures: list[CharterSignature]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    matrix = workbook.active
    matrix.title = gettext("Matrix")
    headers, rows = matrix_table(charter)
    if charter.agreed_at:
        status = gettext("Agreed on {date}").format(
            date=formats.date_format(timezone.localtime(charter.agreed_at), "DATE_FORMAT")
        )
    else:
        status = gettext("Draft, not yet agreed")
    title = gettext("Boundary charter of {name}, version {number}: {status}").format(
        name=charter.organisation.name, number=charter.number, status=status
    )
    _fill_sheet(matrix, title, headers, rows, [48, 12, 28] + [14] * (len(headers) - 3))
    signed = [[s.name, f"{s.signed_at:%Y-%m-%d %H:%M} UTC"] for s in signatures]
    for offset, (name, when) in enumerate(signed, start=len(rows) + 6):
        _text_cell(matrix, offset, 1, gettext("Signed by {name}").format(name=name))
        _text_cell(matrix, offset, 2, when)
    forums = workbook.create_sheet(gettext("Forums"))
    headers, rows = forum_table(charter)
    title = gettext("Forums of the boundary charter, version {number}").format(number=charter.number)
    _fill_sheet(forums, title, headers, rows,
                [28, 24, 40, 40, 18, 16, 40])  # fmt: skip
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(charter: Charter, signatures: list[CharterSignature]) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(charter, signatures), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename(charter, "xlsx")}"'
    response["Cache-Control"] = "no-store"
    return response
