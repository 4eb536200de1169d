"""Who must take which mandatory course, and where each stands on a date. Pure Polars.

A worker in post must take a mandatory course when their post matches each of the course's
lists of who must take it that is not empty (:data:`WHO_MUST_TAKE`: the list's column in the
courses frame -> the post's column; all lists empty: everyone in post, of every staff group).
Their last completion on or before the date lasts ``renewal_months`` (for ever when the course
is taken once). The course
is *due* when that completion expires; never completed, it is due :data:`FIRST_DUE_DAYS` after
the post started. It is *overdue* from the day it is due; *compliant* while a completion lasts.
"""

from __future__ import annotations

import polars as pl

WHO_MUST_TAKE = {
    "grades": "grade",
    "org_roles": "org_role",
    "contract_types": "contract_type",
    "staff_groups": "staff_group",
}
"""The courses frame's lists -> the column of the post each is matched against (the people read
must carry each column: ``staff_group`` comes from the ``all_spells`` frame)."""
FIRST_DUE_DAYS = 90
"""Days after a post starts that a mandatory course never completed falls due."""
DUE_SOON_DAYS = (30, 60)


def required_courses(people: pl.DataFrame, courses: pl.DataFrame) -> pl.DataFrame:
    """One row per row of ``people`` (a post in post at a point: ``point``, ``as_at``,
    ``worker_id``, ``start_date`` and the columns the rules read) and mandatory course that
    post must take, with the course's columns."""
    mandatory = courses.filter(pl.col("mandatory"))
    keep = pl.lit(True)
    for listed, column in WHO_MUST_TAKE.items():
        empty = pl.col(listed).list.len().fill_null(0) == 0
        keep = keep & (empty | pl.col(listed).list.contains(pl.col(column)).fill_null(False))
    return people.join(mandatory, how="cross").filter(keep)


def course_status(required: pl.DataFrame, completions: pl.DataFrame) -> pl.DataFrame:
    """``required`` with ``last_done``, ``expires``, ``due``, ``compliant``, ``overdue`` and
    ``due_in_days`` (days from ``as_at`` to ``due``; null when never due)."""
    keys = ["point", "worker_id", "course_id"]
    last = (
        required.select(*keys, "as_at")
        .unique(keys)
        .join(completions.select("worker_id", "course_id", "completed_date"), on=keys[1:])
        .filter(pl.col("completed_date") <= pl.col("as_at"))
        .group_by(keys)
        .agg(pl.col("completed_date").max().alias("last_done"))
    )
    months = pl.format("{}mo", pl.col("renewal_months"))
    expires = (
        pl.when(pl.col("renewal_months").is_not_null())
        .then(pl.col("last_done").dt.offset_by(months))
        .otherwise(None)
    )
    never_due_first = pl.col("start_date") + pl.duration(days=FIRST_DUE_DAYS)
    due = pl.when(pl.col("last_done").is_null()).then(never_due_first).otherwise(pl.col("expires"))
    status = required.join(last, on=keys, how="left").with_columns(expires.alias("expires"))
    status = status.with_columns(due.alias("due"))
    return status.with_columns(
        (
            pl.col("last_done").is_not_null()
            & (pl.col("expires").is_null() | (pl.col("expires") > pl.col("as_at")))
        ).alias("compliant"),
        (pl.col("due").is_not_null() & (pl.col("due") <= pl.col("as_at"))).alias("overdue"),
        (pl.col("due") - pl.col("as_at")).dt.total_days().alias("due_in_days"),
    )


def due_within(days: int) -> pl.Expr:
    """Not overdue, and due within ``days`` days after the date (the date itself excluded)."""
    return ~pl.col("overdue") & pl.col("due_in_days").is_between(1, days)
