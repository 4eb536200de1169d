"""The one definition of "in post on a date" and "overlaps a period", against a plain reading."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from thrive.frames.dates import in_post_on, overlaps

DAYS = st.dates(min_value=date(2015, 1, 1), max_value=date(2026, 12, 31))


@st.composite
def records(draw: st.DrawFn) -> list[tuple[date, date | None]]:
    rows = []
    for _ in range(draw(st.integers(min_value=0, max_value=12))):
        start = draw(DAYS)
        length = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=2000)))
        rows.append((start, None if length is None else start + timedelta(days=length)))
    return rows


def _frame(rows: list[tuple[date, date | None]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema={"start_date": pl.Date, "end_date": pl.Date}, orient="row")


@given(records(), DAYS)
def test_in_post_on_is_start_on_or_before_and_no_end_before(
    rows: list[tuple[date, date | None]], day: date
) -> None:
    expected = [(s, e) for s, e in rows if s <= day and (e is None or e >= day)]
    assert _frame(rows).filter(in_post_on(day)).rows() == expected


@given(records(), DAYS, DAYS)
def test_overlaps_is_any_day_in_common(
    rows: list[tuple[date, date | None]], one: date, other: date
) -> None:
    first, last = min(one, other), max(one, other)
    expected = [(s, e) for s, e in rows if s <= last and (e is None or e >= first)]
    assert _frame(rows).filter(overlaps(first, last)).rows() == expected


def test_a_record_ending_on_the_day_is_in_post_that_day_and_not_the_next() -> None:
    frame = _frame([(date(2024, 10, 1), date(2025, 9, 30))])
    assert frame.filter(in_post_on(date(2025, 9, 30))).height == 1
    assert frame.filter(in_post_on(date(2025, 10, 1))).height == 0
    assert frame.filter(in_post_on(date(2024, 9, 30))).height == 0


def test_the_day_may_be_a_column_and_the_columns_renamed() -> None:
    frame = pl.DataFrame(
        {
            "start": [date(2024, 1, 1), date(2024, 6, 1)],
            "end": [None, date(2024, 6, 30)],
            "on": [date(2024, 7, 1), date(2024, 7, 1)],
        }
    )
    kept = frame.filter(in_post_on(pl.col("on"), start="start", end="end"))
    assert kept["start"].to_list() == [date(2024, 1, 1)]
