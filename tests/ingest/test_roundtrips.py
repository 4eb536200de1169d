"""Round trips for each parser (hypothesis): what a writer puts in a file, the reader gets back.

- census XML: any return written by the census writer reads back identically;
- CSV: any caseload extract, in UTF-8 (with or without BOM) or Windows-1252, with title rows
  and trailing blank rows, reads back to the same values;
- XLSX: the same, with dates as date cells or Excel serial numbers;
- the published table: every number and every marker comes back as written.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from thrive.census.record import CensusHeader, CensusReturn, WorkerRecord
from thrive.census.rules import SUPPORTED_YEARS, rules_for
from thrive.census.writer import write_return
from thrive.ingest.census_xml import read_return
from thrive.ingest.profiles import load_profile
from thrive.ingest.published_table import ID_COLUMNS, MEASURES, read_table
from thrive.ingest.rows import RowChecker
from thrive.ingest.tables import read_csv, read_xlsx
from thrive.published.markers import MARKER_REASONS

SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# Text a census element can hold: printable, no surrounding spaces (the reader strips them).
element_text = (
    st.text(
        st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x85\u2028\u2029"),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(bool)
)


@st.composite
def census_returns(draw: st.DrawFn) -> CensusReturn:
    year = draw(st.sampled_from(SUPPORTED_YEARS))
    rules = rules_for(year)
    names = list(rules.worker_names())
    workers = []
    for i in range(draw(st.integers(1, 6))):
        chosen = draw(st.lists(st.sampled_from(names), min_size=1, unique=True))
        values = {n: draw(element_text) for n in names if n in chosen}
        workers.append(WorkerRecord(i + 1, values))
    la_level = {n: draw(element_text) for n in rules.la_level_names()}
    header = CensusHeader(
        year=year,
        la_number=draw(st.from_regex(r"[0-9]{3}", fullmatch=True)),
        reference_date=date(year, 9, 30),
        software_code=draw(element_text),
        created=draw(st.datetimes(datetime(2020, 1, 1), datetime(2030, 1, 1))).replace(
            microsecond=0
        ),
    )
    return CensusReturn(header=header, la_level=la_level, workers=workers)


@SETTINGS
@given(census=census_returns())
def test_census_xml_round_trip(census: CensusReturn, tmp_path: Path) -> None:
    path = tmp_path / "return.xml"
    write_return(census, path)
    again, problems = read_return(path)
    assert problems == []
    assert again.header == census.header
    assert again.la_level == census.la_level
    assert [w.values for w in again.workers] == [w.values for w in census.workers]


caseload_rows = st.lists(
    st.tuples(
        st.from_regex(r"E[0-9]{6}", fullmatch=True),
        st.dates(date(2015, 1, 1), date(2024, 9, 30)),
        st.integers(0, 60),
        st.one_of(st.none(), st.integers(0, 80)),
        st.one_of(st.none(), st.decimals(0, 200, places=2)),
    ),
    min_size=1,
    max_size=25,
    unique_by=lambda r: (r[0], r[1]),
)


def _expected(rows: list[tuple[object, ...]]) -> list[dict[str, object]]:
    out = []
    for worker, day, cases, children, points in rows:
        values: dict[str, object] = {"worker_id": worker, "date": day, "cases": cases}
        if children is not None:
            values["children"] = children
        if points is not None:
            values["weighted_points"] = Decimal(points)
        out.append(values)
    return out


def _checked(table: object) -> list[dict[str, object]]:
    checker = RowChecker(table, "caseloads", load_profile(None), date(2025, 1, 1))  # type: ignore[arg-type]
    rows = list(checker.rows())
    assert all(r.ok for r in rows), [p.message() for r in rows for p in r.problems]
    return [r.values for r in rows]


@SETTINGS
@given(
    rows=caseload_rows,
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
    title_rows=st.integers(0, 3),
    trailing_blank=st.integers(0, 3),
    date_style=st.sampled_from(["%Y-%m-%d", "%d/%m/%Y", "serial"]),
)
def test_csv_round_trip(
    rows: list[tuple[object, ...]],
    encoding: str,
    title_rows: int,
    trailing_blank: int,
    date_style: str,
    tmp_path: Path,
) -> None:
    text = io.StringIO()
    writer = csv.writer(text)
    for n in range(title_rows):
        writer.writerow([f"Caseload report part {n}"] if n % 2 == 0 else [])
    writer.writerow(["Worker ID", "date", "Cases", "children", "weighted_points"])
    for worker, day, cases, children, points in rows:
        assert isinstance(day, date)
        shown = (
            str((day - date(1899, 12, 30)).days)
            if date_style == "serial"
            else day.strftime(date_style)
        )
        writer.writerow(
            [
                worker,
                shown,
                cases,
                "" if children is None else children,
                "" if points is None else points,
            ]
        )
    for _ in range(trailing_blank):
        writer.writerow(["", "", ""])
    path = tmp_path / "caseloads.csv"
    path.write_bytes(text.getvalue().encode(encoding))
    assert _checked(read_csv(path, "caseloads", load_profile(None))) == _expected(rows)


@SETTINGS
@given(rows=caseload_rows, serial_dates=st.booleans(), title_rows=st.integers(0, 2))
def test_xlsx_round_trip(
    rows: list[tuple[object, ...]], serial_dates: bool, title_rows: int, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for n in range(title_rows):
        sheet.append([f"Report {n}"])
    sheet.append(["worker_id", "Date", "cases", "Children", "Weighted points"])
    for worker, day, cases, children, points in rows:
        assert isinstance(day, date)
        cell_date = (day - date(1899, 12, 30)).days if serial_dates else day
        sheet.append(
            [worker, cell_date, cases, children, float(points) if points is not None else None]
        )
    path = tmp_path / "caseloads.xlsx"
    book.save(path)
    assert _checked(read_xlsx(path, "caseloads", load_profile(None))) == _expected(rows)


cells = st.one_of(
    st.sampled_from(list(MARKER_REASONS)),
    st.decimals(0, 100000, places=1).map(str),
)


@SETTINGS
@given(
    table=st.lists(
        st.lists(cells, min_size=len(MEASURES), max_size=len(MEASURES)), min_size=1, max_size=5
    )
)
def test_published_table_round_trip(table: list[list[str]], tmp_path: Path) -> None:
    header = [*ID_COLUMNS[:1], "time_identifier", *ID_COLUMNS[1:], "country_name", *MEASURES]
    lines = [",".join(header)]
    for i, measures in enumerate(table):
        ident = {
            "time_period": "2024",
            "time_identifier": "Reporting year",
            "geographic_level": "Local authority",
            "country_code": "E92000001",
            "country_name": "England",
            "region_code": "E12000009",
            "region_name": "South West",
            "old_la_code": f"{800 + i}",
            "new_la_code": f"E0600{i:04d}",
            "la_name": f"Council {i}",
        }
        lines.append(",".join([ident[h] for h in header[: -len(MEASURES)]] + measures))
    path = tmp_path / "table.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    figures, problems = read_table(path)
    assert problems == []
    got = [f.marker or str(f.value) for f in figures]
    assert got == [cell for measures in table for cell in measures]
