"""The exporters write each value as the importers read it back (hypothesis round trips)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from thrive.ingest.applicant_fields import BY_NAME as APPLICANT_FIELDS
from thrive.ingest.cells import convert
from thrive.ingest.fields import FIELDS
from thrive.ingest.profiles import DEFAULT_DATE_FORMATS
from thrive.ingest.record_rows import cell

SPECS = {s.name: s for s in FIELDS["staff"]} | {s.name: s for s in FIELDS["caseloads"]}


def read_back(name: str, value: object) -> object:
    spec = APPLICANT_FIELDS.get(name) if name not in SPECS else SPECS[name]
    assert spec is not None
    return convert(spec, cell(value), DEFAULT_DATE_FORMATS)


def test_values_are_written_plainly() -> None:
    assert cell(Decimal("0.800000")) == "0.8"
    assert cell(Decimal("450.00")) == "450"
    assert cell(Decimal("100")) == "100"
    assert cell(None) == ""
    assert (cell(True), cell(False)) == ("yes", "no")
    assert cell(date(2024, 9, 30)) == "2024-09-30"
    assert cell(5) == "5"


@given(st.integers(min_value=1, max_value=1_000_000))
def test_an_fte_as_stored_reads_back_equal(micro: int) -> None:
    stored = Decimal(micro).scaleb(-6).quantize(Decimal("0.000001"))  # 6 places, as the store
    assert read_back("fte", stored) == stored


@given(st.decimals(min_value=0, max_value=1_000, places=2))  # in both fields' ranges
def test_money_and_points_read_back_equal(stored: Decimal) -> None:
    assert read_back("day_rate", stored) == stored
    assert read_back("weighted_points", stored) == stored


@given(st.dates(min_value=date(1927, 1, 1), max_value=date(2119, 12, 31)))
def test_dates_read_back_equal(day: date) -> None:
    assert read_back("start_date", day) == day


@given(st.booleans())
def test_yes_and_no_read_back(answer: bool) -> None:
    assert (str(read_back("young_people_on_panel", answer)).casefold() in {"yes"}) == answer
