"""Dates the pages work in: the collection year and the "as at" date a user picks.

The collection year N runs 1 October N-1 to 30 September N (the census year). A page shows the
workforce "as at" one date; by default the last date the store has records for, so a store whose
history ends on 30 September 2025 opens on that day rather than on an empty today.
"""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl

from thrive.frames.workforce import WorkforceFrames


class BadDateError(ValueError):
    """A date typed into a page's "as at" box that is not a real date."""


def collection_year(on: date) -> int:
    """The collection year a date falls in: 30 Sept 2018 is in 2018, 1 Oct 2018 in 2019."""
    return on.year + 1 if on.month >= 10 else on.year


def collection_year_start(on: date) -> date:
    """1 October that opens the collection year containing ``on``."""
    return date(collection_year(on) - 1, 10, 1)


def quarter_ends(last: date, count: int) -> list[date]:
    """The ``count`` quarter ends (31 Mar, 30 Jun, 30 Sep, 31 Dec) up to ``last``, oldest first."""
    ends: list[date] = []
    year, month = last.year, last.month
    month = (month - 1) // 3 * 3 + 3  # the quarter containing ``last`` ...
    candidate = _month_end(year, month)
    if candidate > last:  # ... unless it has not ended yet
        year, month = (year, month - 3) if month > 3 else (year - 1, 12)
        candidate = _month_end(year, month)
    while len(ends) < count:
        ends.append(candidate)
        year, month = (year, month - 3) if month > 3 else (year - 1, 12)
        candidate = _month_end(year, month)
    return ends[::-1]


def _month_end(year: int, month: int) -> date:
    first_of_next = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return first_of_next - timedelta(days=1)


def last_recorded_date(frames: WorkforceFrames, today: date) -> date:
    """The latest date with a record on or before ``today``; ``today`` if the store is empty."""
    candidates: list[date] = []
    for column in _dated_columns(frames):
        recorded = column.drop_nulls().filter(column.drop_nulls() <= today)
        if recorded.len():
            candidates.append(recorded.max())  # type: ignore[arg-type]
    return max(candidates) if candidates else today


def first_recorded_date(frames: WorkforceFrames, latest: date) -> date:
    """The earliest date with a record (a start, a caseload count, a supervision); ``latest``
    if there is none on or before it."""
    candidates: list[date] = []
    for column in _dated_columns(frames):
        recorded = column.drop_nulls()
        if recorded.len():
            candidates.append(recorded.min())  # type: ignore[arg-type]
    return min([*candidates, latest])


def _dated_columns(frames: WorkforceFrames) -> tuple[pl.Series, ...]:
    return (
        frames.caseloads["date"],
        frames.supervisions["date"],
        frames.spells["start_date"],
        frames.spells["end_date"],
    )


def months_after(on: date, months: int) -> date:
    """The same day ``months`` later (the month's last day where that month is shorter)."""
    year, month = divmod(on.year * 12 + on.month - 1 + months, 12)
    last_day = _month_end(year, month + 1).day
    return date(year, month + 1, min(on.day, last_day))


def _long(on: date) -> str:
    return f"{on.day} {on:%B} {on.year:04d}"


def parse_as_at(text: str | None, default: date, earliest: date, last: date) -> date:
    """The "as at" date from a query string (YYYY-MM-DD), or ``default`` when none is given.

    A date before ``earliest`` or after ``last`` is refused (:class:`BadDateError`), as is
    anything that is not a date: no page works out figures for years the store cannot speak for.
    """
    if not text:
        return default
    shown = text if len(text) <= 20 else text[:20] + "..."
    try:
        asked = date.fromisoformat(text.strip()) if len(text) <= 20 else None
    except ValueError:
        asked = None
    if asked is None:
        raise BadDateError(f"{shown!r} is not a date: use the form {default:%Y-%m-%d}")
    if not earliest <= asked <= last:
        raise BadDateError(
            f"{_long(asked)} is outside the dates Thrive can show: "
            f"pick a date from {_long(earliest)} to {_long(last)}"
        )
    return asked


def in_post(spells: pl.DataFrame, on: date) -> pl.DataFrame:
    """The spells in post at the close of a date, as the census counts them.

    A spell is in post on D when it started on or before D and the worker is still there after D:
    a spell ending on D with a reason for leaving is a leaver that day, not in post (as in
    ``thrive.metrics``); one ending on D without (a move) is still in post that day.
    """
    end = pl.col("end_date")
    return spells.filter(
        (pl.col("start_date") <= on)
        & (end.is_null() | (end > on) | ((end == on) & pl.col("reason_leave").is_null()))
    )
