"""Half-years: the board pack's periods end on 31 March or 30 September, and nowhere else."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thrive.summaries.half_years import (
    NotAHalfYearError,
    check_half_year,
    half_years_between,
    half_years_to,
    latest_half_year,
    previous_half_year,
)

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


@given(days)
def test_the_latest_half_year_is_on_or_before_the_day_and_the_next_is_after(day):
    end = latest_half_year(day)
    assert check_half_year(end) == end and end <= day
    later = half_years_to(date(end.year + 1, 9, 30), 4)
    assert [d for d in later if d <= day][-1] == end


@given(days)
def test_a_date_is_refused_unless_it_ends_a_half_year(day):
    if (day.month, day.day) in {(3, 31), (9, 30)}:
        assert check_half_year(day) == day
    else:
        with pytest.raises(NotAHalfYearError, match="is not the end of a half-year"):
            check_half_year(day)


def test_eight_half_years_step_back_six_months_at_a_time():
    assert half_years_to(date(2025, 9, 30), 8)[:3] == [
        date(2022, 3, 31),
        date(2022, 9, 30),
        date(2023, 3, 31),
    ]
    assert previous_half_year(date(2025, 3, 31)) == date(2024, 9, 30)
    assert half_years_between(date(2024, 9, 1), date(2025, 10, 2)) == [
        date(2025, 9, 30),
        date(2025, 3, 31),
        date(2024, 9, 30),
    ]
