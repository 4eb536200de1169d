"""Dates the demo simulation works in: months, month ends, collection years, working days."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date, timedelta

import numpy as np

HISTORY_START = date(2014, 10, 1)
HISTORY_END = date(2025, 9, 30)
STRATEGY_START = date(2017, 1, 1)
"""From this day the council keeps to at most six direct reports per line manager."""


def month_end(first: date) -> date:
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (clipped to the month's last day)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def months(start: date = HISTORY_START, end: date = HISTORY_END) -> Iterator[date]:
    """The first day of every month from ``start`` to ``end``."""
    current = start.replace(day=1)
    while current <= end:
        yield current
        current = add_months(current, 1)


def collection_year(day: date) -> int:
    """The census collection year a day falls in (year N runs 1 Oct N-1 to 30 Sep N)."""
    return day.year + 1 if day.month >= 10 else day.year


def working_days(start: date, end: date) -> int:
    """Weekdays from ``start`` to ``end`` inclusive."""
    return int(np.busday_count(start, end + timedelta(days=1)))


def add_working_days(start: date, days: int) -> date:
    """The last day of a run of ``days`` working days beginning on ``start`` (a weekday)."""
    return date.fromisoformat(str(np.busday_offset(np.datetime64(start), days - 1, roll="forward")))
