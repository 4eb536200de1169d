"""Half-years: the board pack's periods, ending 31 March or 30 September.

A pack "to" a half-year end reports each rate over the 12 months to that date, as the Department
does, so the pack to 30 September agrees with that collection year's census figures.

>>> previous_half_year(date(2025, 9, 30)), previous_half_year(date(2025, 3, 31))
(datetime.date(2025, 3, 31), datetime.date(2024, 9, 30))
>>> latest_half_year(date(2025, 8, 14))
datetime.date(2025, 3, 31)
"""

from __future__ import annotations

from datetime import date

ENDS = ((3, 31), (9, 30))


class NotAHalfYearError(ValueError):
    """A pack asked for to a date that does not close a half-year."""


def _long(day: date) -> str:
    return f"{day.day} {day:%B} {day.year}"


def check_half_year(day: date) -> date:
    """``day`` itself if it closes a half-year; otherwise a plain-words refusal."""
    if (day.month, day.day) not in ENDS:
        earlier = latest_half_year(day)
        raise NotAHalfYearError(
            f"{_long(day)} is not the end of a half-year: a board pack runs to 31 March or "
            f"30 September (the half-year before it ended on {_long(earlier)})"
        )
    return day


def previous_half_year(day: date) -> date:
    """The half-year end before ``day`` (itself a half-year end): the last pack's date."""
    check_half_year(day)
    return date(day.year, 3, 31) if day.month == 9 else date(day.year - 1, 9, 30)


def latest_half_year(on: date) -> date:
    """The last half-year end on or before ``on``."""
    if (on.month, on.day) >= (9, 30):
        return date(on.year, 9, 30)
    if (on.month, on.day) >= (3, 31):
        return date(on.year, 3, 31)
    return date(on.year - 1, 9, 30)


def half_years_to(day: date, count: int) -> list[date]:
    """The ``count`` half-year ends up to ``day``, oldest first."""
    ends = [check_half_year(day)]
    while len(ends) < count:
        ends.append(previous_half_year(ends[-1]))
    return ends[::-1]


def half_years_between(earliest: date, latest: date) -> list[date]:
    """Every half-year end from ``earliest`` to ``latest``, newest first (the packs one can
    make from the records)."""
    out: list[date] = []
    day = latest_half_year(latest)
    while day >= earliest:
        out.append(day)
        day = previous_half_year(day)
    return out
