"""Downloads everywhere: any table a page shows, as CSV or XLSX, from the page's own address.

``?download=csv&table=2`` gives the page's second table as CSV (the first without ``table``);
``?download=xlsx`` gives every table on the page, a sheet each (or one with ``table``). The
file is read from the page as rendered for this viewer (:mod:`thrive.web.page_tables`), so it
holds their scope and the page's suppression; every text cell is escaped so no spreadsheet
runs it (:mod:`thrive.safe_cells`). Under each table a page offers the two links
(:func:`with_links`), hidden when the page is printed.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from html import escape as html_escape
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import Font

from thrive.safe_cells import escape, escape_row, sheet_name
from thrive.web import inputs
from thrive.web.page_tables import MARKS_KEY, PageTable, read_tables

# The query parameters every page with tables accepts (add to its ``accepts``).
DOWNLOADS = ("download", "table")
FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_TABLE_END = re.compile(r"</table>", re.IGNORECASE)


def asked_for(request: HttpRequest) -> tuple[str, int | None] | None:
    """The format and table number asked for (None: the page itself); a bad one is a 400."""
    if request.method != "GET" or "download" not in request.GET:
        if "table" in request.GET and request.method == "GET":
            raise inputs.BadInputError("table is given without download=csv or download=xlsx")
        return None
    form = inputs.choice(request, "download", FORMATS, "")
    if not form:
        raise inputs.BadInputError("download is empty: give csv or xlsx")
    if "table" not in request.GET:
        return form, None
    number = inputs.text(request, "table", max_length=4)
    if not number.isascii() or not number.isdigit() or int(number) < 1:
        raise inputs.BadInputError(
            f"table {number[:20]!r} is not a table number: the page's tables are 1, 2, 3..."
        )
    return form, int(number)


def respond(
    request: HttpRequest, page_html: bytes, *, page: str, authority: str, as_at: date
) -> tuple[HttpResponse, str]:
    """The file asked for, read from ``page_html``, and a line saying what it held (for the
    audit log)."""
    wanted = asked_for(request)
    assert wanted is not None
    form, number = wanted
    tables = read_tables(page_html)
    if not tables:
        raise inputs.BadInputError("This page has no tables to download")
    if number is not None and number > len(tables):
        raise inputs.BadInputError(
            f"table {number} is not on this page: it has {len(tables)} "
            f"table{'s' if len(tables) != 1 else ''}"
        )
    one = form == "csv" or number is not None
    chosen = [tables[(number or 1) - 1]] if one else tables
    stem = "-".join(
        part
        for part in (slugify(page.replace("_", "-")), slugify(authority), as_at.isoformat())
        if part
    )
    if number is not None:
        stem += f"-table-{number}"
    content = to_csv(chosen[0]) if form == "csv" else to_xlsx(chosen, authority, as_at)
    response = HttpResponse(content, content_type=CONTENT_TYPES[form])
    response["Content-Disposition"] = f'attachment; filename="{stem}.{form}"'
    names = "; ".join(t.name for t in chosen[:3]) + ("..." if len(chosen) > 3 else "")
    return response, f"{stem}.{form} ({names})"[:250]


def to_csv(table: PageTable) -> bytes:
    """One table as CSV (UTF-8 with a byte-order mark, so Excel reads the £ and dashes)."""
    out = io.StringIO()
    writer = csv.writer(out)
    if table.headers:
        writer.writerow(escape_row(table.headers))
    for row in table.rows:
        writer.writerow(escape_row(row))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(tables: list[PageTable], authority: str, as_at: date) -> bytes:
    """The tables as a workbook, a sheet each: its name, its headings, then its rows, with
    figures as numbers and the marks as text."""
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    used: set[str] = set()
    for table in tables:
        sheet = book.create_sheet(sheet_name(table.name, used))
        sheet.append([escape(table.name)])
        sheet["A1"].font = Font(bold=True)
        if table.headers:
            sheet.append(escape_row(table.headers))
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append(escape_row(row))
        sheet.append([])
        sheet.append([escape(f"{authority}, as at {as_at:%-d %B %Y}. {MARKS_KEY}")])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def without_download(request: HttpRequest) -> str:
    """The page's own address, without the download parameters."""
    kept = [(k, v) for k, v in request.GET.items() if k not in DOWNLOADS]
    return request.path + (f"?{urlencode(kept)}" if kept else "")


def with_links(request: HttpRequest, page_html: str) -> str:
    """The page with "Download this table: CSV | XLSX" under each of its tables."""
    kept = [(k, v) for k, v in request.GET.items() if k not in DOWNLOADS]
    count = 0

    def links(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        hrefs = {
            form: html_escape(
                f"{request.path}?{urlencode([*kept, ('download', form), ('table', str(count))])}"
            )
            for form in FORMATS
        }
        hidden = f'<span class="govuk-visually-hidden"> of table {count}</span>'
        return (
            f'{match.group(0)}<p class="govuk-body-s thrive-downloads">Download this table: '
            f'<a class="govuk-link" href="{hrefs["csv"]}">CSV{hidden}</a> | '
            f'<a class="govuk-link" href="{hrefs["xlsx"]}">XLSX{hidden}</a></p>'
        )

    return _TABLE_END.sub(links, page_html)
