"""The working frames of the pay and reward measures: the census's pay beside the posts held.

The census returns each directly employed social worker's base salary (taken as the full-time
annual figure: the return says only "annual base salary") and recruitment and retention
payments for the collection year, as at its census date (30 September). A measure "as at" a
date reads the last census on or before it: as at 31 March 2025, the return for 30 September
2024. Each worker is placed in the post they held that day (their more senior one if two), so
"by grade" means the grade on the census date.

Pure: frames in, frames out; :mod:`thrive.metrics.definitions.pay` registers the measures.
"""

from __future__ import annotations

import polars as pl

from thrive.metrics.context import Context
from thrive.metrics.workers import SENIOR_FIRST


def census_day(as_at: pl.Expr) -> pl.Expr:
    """The last census date (30 September) on or before ``as_at``."""
    year = as_at.dt.year()
    after = (as_at.dt.month() > 9) | ((as_at.dt.month() == 9) & (as_at.dt.day() == 30))
    return pl.date(pl.when(after).then(year).otherwise(year - 1), 9, 30)


def _points(ctx: Context) -> pl.DataFrame:
    """Each point with its census day and collection year, and the census a year before."""
    day = census_day(pl.col("as_at"))
    return ctx.points.select(
        "point",
        day.alias("census_day"),
        day.dt.year().cast(pl.Int64).alias("year"),
        pl.date(day.dt.year() - 1, 9, 30).alias("earlier_day"),
        (day.dt.year() - 1).cast(pl.Int64).alias("earlier_year"),
    )


def paid(ctx: Context) -> pl.DataFrame:
    """One row per point and directly employed worker in post on its census day with a base
    salary returned for that year: their pay and the slice columns of their post that day."""

    def build() -> pl.DataFrame:
        points = _points(ctx).select("point", "census_day", "year")
        pay = ctx.frames.pay.filter(pl.col("base_salary").is_not_null())
        rows = points.join(pay, on="year")
        placed = ctx.post_on(rows, "census_day", employed_only=True)
        return placed.filter(pl.col("in_post_then")).with_columns(
            pl.col("rr_payments").fill_null(0.0)
        )

    return ctx.memo("pay:paid", build)


def _in_post_on(ctx: Context, frame: pl.DataFrame, day: str) -> pl.Series:
    """For each row of ``frame``, whether its worker held a directly employed post on ``day``."""
    keyed = frame.select("worker_id", pl.col(day).alias("_on")).with_row_index("_row")
    found = (
        keyed.join(ctx.employed_spells.select("worker_id", "start_date", "removal"), on="worker_id")
        .filter((pl.col("start_date") <= pl.col("_on")) & (pl.col("removal") > pl.col("_on")))
        .select("_row")
        .unique()
        .with_columns(pl.lit(True).alias("_still"))
    )
    marked = keyed.join(found, on="_row", how="left").sort("_row")
    return marked["_still"].fill_null(False).alias("stayed")


def stayers(ctx: Context) -> pl.DataFrame:
    """One row per point and directly employed worker in post on the census day a year before
    the point's, with a base salary returned that year: whether they had a recruitment or
    retention payment then (``rewarded``), whether they are in post on the point's census day
    (``stayed``), and the slice columns of their post a year before."""

    def build() -> pl.DataFrame:
        points = _points(ctx)
        pay = ctx.frames.pay.filter(pl.col("base_salary").is_not_null())
        rows = points.join(pay, left_on="earlier_year", right_on="year")
        placed = ctx.post_on(rows, "earlier_day", employed_only=True).filter(pl.col("in_post_then"))
        return placed.with_columns(
            (pl.col("rr_payments").fill_null(0.0) > 0).alias("rewarded"),
            _in_post_on(ctx, placed, "census_day"),
        )

    return ctx.memo("pay:stayers", build)


def agency_rated(ctx: Context) -> pl.DataFrame:
    """One row per point and agency worker in post on its census day with a day rate (their
    more senior post if two), with its slice columns."""

    def build() -> pl.DataFrame:
        points = _points(ctx).select("point", "census_day")
        agency = ctx.spells.filter(pl.col("is_agency") & pl.col("day_rate").is_not_null())
        found = points.join_where(
            agency,
            pl.col("start_date") <= pl.col("census_day"),
            pl.col("removal") > pl.col("census_day"),
        )
        order, descending = SENIOR_FIRST
        return (
            found.sort(["point", "worker_id", *order], descending=[False, False, *descending])
            .unique(["point", "worker_id"], keep="first", maintain_order=True)
            .sort("point", "worker_id")
        )

    return ctx.memo("pay:agency", build)
