"""Downloads everywhere: every table a page shows comes as CSV and XLSX, in the viewer's scope,
with the page's suppression and no cell a spreadsheet would run."""

from __future__ import annotations

import csv
import io
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import html as lxml_html
from openpyxl import load_workbook

from small_children import add_children
from thrive.safe_cells import unescape
from thrive.summaries import formatting
from thrive.web.models import AuditEvent
from thrive.web.page_tables import read_tables
from thrive.workforce import models

pytestmark = pytest.mark.django_db

PAGES = (
    "/overview/",
    "/workforce/",
    "/careers/",
    "/leavers/",
    "/retention/",
    "/forecast/",
    "/children/",
    "/teams/",
    "/teams/{team}/",
    "/teams/{team}/allocation-plan/",
    "/workers/{worker}/",
    "/retention/at-risk/",
    "/recruitment/",
    "/feedback/",
    "/next-year/",
    "/audit/",
)
WITHHELD_ON_PAGE = re.compile(r"(fewer than \d+( [a-z]+)?|not shown)")


def _page_tables(page: bytes) -> list[list[list[str]]]:
    """The body rows of each table, read straight from the HTML (its text content as shown)."""
    document = lxml_html.fromstring(page)
    tables = []
    for table in document.iter("table"):
        rows = table.xpath("./tbody/tr | ./tr")
        if not table.xpath("./thead") and rows and all(c.tag == "th" for c in rows[0]):
            rows = rows[1:]
        tables.append([[" ".join(cell.text_content().split()) for cell in row] for row in rows])
    return tables


def _same(download: str, shown: str) -> bool:
    """A downloaded cell (as CSV text) says what the page's cell shows."""
    download = unescape(download)
    if download == "c":
        return bool(WITHHELD_ON_PAGE.fullmatch(shown))
    if download == "x":
        return shown in ("–", "-", "—")
    if not re.fullmatch(r"-?\d+(\.\d+)?", download):
        joined = "".join(shown.split())  # text_content() runs lines together
        return all(word in joined for word in download.split())
    number = float(download)
    digits = re.fullmatch(r"([+\-−]?) ?£?([\d,]+(?:\.\d+)?)[^\d]*", shown)
    assert digits, (download, shown)
    value = float(digits.group(2).replace(",", ""))
    return number == (-value if digits.group(1) in "-−" and digits.group(1) else value)


def _csv(client, url: str, number: int) -> list[list[str]]:
    response = client.get(url, {"download": "csv", "table": number})
    assert response.status_code == 200, (url, number)
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize("who", ["hr", "lead", "svc", "tm"])
def test_every_table_downloads_as_the_page_shows_it(council, signed_in, ranking_trusted, who):
    add_children(council)  # the Children page's tables: a small band, a small service
    client = signed_in(who)
    team, worker = council.teams["CPN"].pk, council.pseudonyms["CPN"][1]
    checked = pages = numbers = 0
    for path in PAGES:
        url = path.format(team=team, worker=worker)
        page = client.get(url)
        if page.status_code in (302, 403):  # a team manager's Teams page is their own team's
            continue
        assert page.status_code == 200, url
        shown = _page_tables(page.content)
        assert page.content.count(b'class="govuk-body-s thrive-downloads"') == len(shown), url
        book = client.get(url, {"download": "xlsx"})
        if not shown:  # nothing to take away (a team page for leadership has no table)
            assert book.status_code == 400, url
            continue
        assert book.status_code == 200, url
        sheets = load_workbook(io.BytesIO(book.content)).worksheets
        assert len(sheets) == len(shown), url
        for number, (rows, sheet) in enumerate(zip(shown, sheets, strict=True), start=1):
            written = _csv(client, url, number)
            body = written[1:] if len(written) > len(rows) else written
            assert len(body) == len(rows), (url, number)
            cells = [
                list(r)[: len(rows[0]) if rows else 0] for r in sheet.iter_rows(values_only=True)
            ]
            sheet_body = cells[len(cells) - 2 - len(rows) : len(cells) - 2]
            for csv_row, page_row, sheet_row in zip(body, rows, sheet_body, strict=True):
                assert len(csv_row) == len(page_row), (url, number, csv_row, page_row)
                for got, expected, in_sheet in zip(csv_row, page_row, sheet_row, strict=False):
                    assert _same(got, expected), (who, url, number, got, expected)
                    if re.fullmatch(r"-?\d+(\.\d+)?", got):  # a figure: a number in the sheet
                        assert isinstance(in_sheet, int | float), (url, number, got, in_sheet)
                        assert float(got) == in_sheet, (url, number, got, in_sheet)
                        numbers += 1
                    else:
                        assert (in_sheet or "") == got, (url, number, got, in_sheet)
                    checked += 1
        pages += 1
    assert checked > 200 and pages >= 6 and numbers > 100


def test_leadership_downloads_carry_the_pages_suppression(council, signed_in):
    lead, hr = signed_in("lead"), signed_in("hr")
    url = "/leavers/"
    tables = _page_tables(lead.get(url).content)
    withheld = [
        (number, r, c)
        for number, rows in enumerate(tables, start=1)
        for r, row in enumerate(rows)
        for c, cell in enumerate(row)
        if WITHHELD_ON_PAGE.fullmatch(cell)
    ]
    assert withheld, "the small council's one leaver is withheld from leadership"
    for number, r, c in withheld:
        assert _csv(lead, url, number)[1 + r][c] == "c"
    # HR sees the figures the leadership download withholds
    number, r, c = withheld[0]
    hr_table = read_tables(hr.get(url).content)[number - 1]
    assert hr_table.rows[r][c] != "c"
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.DOWNLOAD).exists()


def test_a_formula_looking_team_name_is_escaped(council, signed_in):
    formula = '=HYPERLINK("http://example.org/x","Click")'
    models.Team.objects.filter(pk=council.teams["CPN"].pk).update(name=formula)
    client = signed_in("hr")
    written = _csv(client, "/teams/", 1)
    assert any(row[0].startswith("'" + formula) for row in written)
    book = client.get("/teams/", {"download": "xlsx"})
    values = [c for row in load_workbook(io.BytesIO(book.content)).active.values for c in row]
    assert any(isinstance(v, str) and v.startswith("'" + formula) for v in values)
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)


def test_a_download_of_named_workers_is_audited_with_them(council, signed_in):
    client = signed_in("tm")
    url = f"/teams/{council.teams['CPN'].pk}/"
    response = client.get(url, {"download": "csv"})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    event = AuditEvent.objects.get(action=AuditEvent.Action.DOWNLOAD)
    assert event.username == "tm" and event.workers and ".csv" in event.subject
    assert set(council.pseudonyms["CPN"][1:]) <= set(event.workers)


@pytest.mark.parametrize(
    "query",
    [
        {"download": "pdf"},
        {"download": ""},
        {"download": "csv", "table": "0"},
        {"download": "csv", "table": "99"},
        {"download": "csv", "table": "two"},
        {"table": "1"},
    ],
)
def test_a_bad_download_is_refused_with_the_400_page(council, signed_in, query):
    response = signed_in("hr").get("/workforce/", query)
    assert response.status_code == 400
    said = response.content.decode()
    assert (
        "csv or xlsx" in said
        or "not one of the choices: csv, xlsx" in said
        or (
            "table" in said
            and any(
                w in said for w in ("not a table number", "is not on this page", "without download")
            )
        )
    )


def test_a_page_without_tables_offers_no_download(council, signed_in):
    assert signed_in("hr").get("/reports/", {"download": "csv"}).status_code == 400


UNITS = ["%", "FTE", "people", "cases", "working days", "£", "years"]


@given(
    values=st.lists(
        st.floats(min_value=-1e7, max_value=1e7, allow_nan=False), min_size=1, max_size=6
    ),
    unit=st.sampled_from(UNITS),
)
def test_figures_read_back_as_the_numbers_the_page_rounded(values, unit):
    shown = [formatting.number(v, unit) for v in values]
    cells = "".join(f"<tr><td>row</td><td>{text}</td></tr>" for text in shown)
    table = read_tables(f"<table><tr><th>Name</th><th>Figure</th></tr>{cells}</table>")[0]
    places = {"%": 1, "FTE": 1, "people": 0, "£": 0, "cases": 0}.get(unit, 1)
    for value, row in zip(values, table.rows, strict=True):
        assert isinstance(row[1], int | float)
        assert row[1] == pytest.approx(round(value, places), abs=10 ** -(places + 1))
