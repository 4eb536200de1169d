"""The one definition of "in post on a date" and "overlaps a period", for any dated record.

Every effective-dated record (an employment spell, a post, a line-management link, a scheme
membership) runs from its start date to its end date, both days included; an empty end date
means it is still running. These expressions select such records in a Polars frame:

>>> spells.filter(in_post_on(date(2025, 3, 31)))                        # doctest: +SKIP
>>> posts.filter(overlaps(date(2024, 10, 1), date(2025, 9, 30)))        # doctest: +SKIP

``day``, ``first`` and ``last`` may be dates or column expressions (``pl.col("as_at")``), so the
same test serves a join against several dates at once. The census's stricter "in post at the
close of day D" (a leaver on D is no longer in post) is the metrics' own, in
:mod:`thrive.metrics.context`.
"""

from __future__ import annotations

from datetime import date

import polars as pl

DateLike = date | pl.Expr


def in_post_on(day: DateLike, *, start: str = "start_date", end: str = "end_date") -> pl.Expr:
    """Records running on ``day``: started on or before it, and not ended before it."""
    return (pl.col(start) <= day) & (pl.col(end).is_null() | (pl.col(end) >= day))


def overlaps(
    first: DateLike, last: DateLike, *, start: str = "start_date", end: str = "end_date"
) -> pl.Expr:
    """Records running on at least one day from ``first`` to ``last`` (both included)."""
    return (pl.col(start) <= last) & (pl.col(end).is_null() | (pl.col(end) >= first))
