"""When a measure is taken: "as at" a date, "over" the year to that date, or month by month.

Every measure is computed at one or more *evaluation points*. A point has an as-at date and the
year that ends on it: ``period_start`` is the day after the same date a year earlier, so the
collection year 2018 (the Department's year, 1 October 2017 to 30 September 2018) is the point
as at 30 September 2018. ``stock_start`` is the as-at date a year earlier, the date the year's
opening stock is counted on. ``month_start`` opens the month that ends on the as-at date, used by
monthly measures such as supervision.

>>> collection_year(2018)
(datetime.date(2017, 10, 1), datetime.date(2018, 9, 30))
>>> year_before(date(2020, 2, 29))
datetime.date(2019, 2, 28)
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date, timedelta

import polars as pl

from thrive.metrics.errors import PeriodError

POINT_SCHEMA: dict[str, type[pl.DataType]] = {
    "point": pl.Int32,
    "as_at": pl.Date,
    "period_start": pl.Date,
    "stock_start": pl.Date,
    "month_start": pl.Date,
}


def collection_year(year: int) -> tuple[date, date]:
    """The census collection year ``year``: 1 October of the year before to 30 September."""
    return date(year - 1, 10, 1), date(year, 9, 30)


def _shift_years(day: date, years: int) -> date:
    target_year = day.year + years
    last = calendar.monthrange(target_year, day.month)[1]
    return date(target_year, day.month, min(day.day, last))


def year_before(day: date) -> date:
    """The same date a year earlier (29 February becomes 28 February)."""
    return _shift_years(day, -1)


def period_start(as_at: date) -> date:
    """The first day of the year that ends on ``as_at``."""
    return year_before(as_at) + timedelta(days=1)


def month_start(as_at: date) -> date:
    """The first day of the month that ends on ``as_at`` (the calendar month at a month end)."""
    following = as_at + timedelta(days=1)
    if following.month == 1:
        shifted = date(following.year - 1, 12, following.day)
    else:
        last = calendar.monthrange(following.year, following.month - 1)[1]
        shifted = date(following.year, following.month - 1, min(following.day, last))
    return shifted


def month_ends(start: date, end: date) -> list[date]:
    """Every last day of a month from ``start`` to ``end`` inclusive."""
    if end < start:
        raise PeriodError(f"The trend ends ({end}) before it starts ({start}).")
    out: list[date] = []
    year, month = start.year, start.month
    while True:
        last = date(year, month, calendar.monthrange(year, month)[1])
        if last > end:
            break
        if last >= start:
            out.append(last)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def points_frame(as_at_dates: Iterable[date]) -> pl.DataFrame:
    """One evaluation point per as-at date, numbered from 0 in the order given."""
    rows = [
        (i, d, period_start(d), year_before(d), month_start(d)) for i, d in enumerate(as_at_dates)
    ]
    if not rows:
        raise PeriodError("No as-at dates to compute measures for.")
    return pl.DataFrame(rows, schema=POINT_SCHEMA, orient="row")
