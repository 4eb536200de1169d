"""One row per worker: the helpers that turn spells in post into workers in post.

A worker may hold two posts at once (two roles): headcounts count them once, in the more senior
post, while FTE adds both. These helpers do that choosing, band ages for the
representative-workforce measures, band leavers' years with the council and name teams for
display.
"""

from __future__ import annotations

from typing import Any

import polars as pl

SENIOR_FIRST = (["rank", "fte", "spell_id"], [True, True, False])
AGE_BANDS = ((30, "Under 30"), (40, "30 to 39"), (50, "40 to 49"), (60, "50 to 59"))
AGE_GROUPS = (*(label for _, label in AGE_BANDS), "60 and over", "Not known")
# Whole years with the council on leaving: the first year (an ASYE's), the second, the next
# three, the next five, and ten or more.
TENURE_BANDS = (
    (1, "Under 1 year"),
    (2, "1 year to under 2"),
    (5, "2 years to under 5"),
    (10, "5 years to under 10"),
)
TENURE_LONGEST = "10 years or more"
TENURE_GROUPS = (*(label for _, label in TENURE_BANDS), TENURE_LONGEST)


def mark_concurrent(spells: pl.DataFrame) -> pl.DataFrame:
    """Flag spells that share some day in the stock with another spell of the same worker
    (``concurrent``), and with another directly employed one (``concurrent_employed``): only
    those need sorting out when one row per worker is wanted."""
    a = spells.select("worker_id", "spell_id", "start_date", "removal", "is_agency")
    pairs = a.join(a, on="worker_id", suffix="_b").filter(
        (pl.col("spell_id") != pl.col("spell_id_b"))
        & (pl.col("start_date") < pl.col("removal_b"))
        & (pl.col("start_date_b") < pl.col("removal"))
    )
    flags = pairs.group_by("spell_id").agg(
        pl.lit(True).alias("concurrent"),
        (~pl.col("is_agency") & ~pl.col("is_agency_b")).any().alias("concurrent_employed"),
    )
    return spells.join(flags, on="spell_id", how="left").with_columns(
        pl.col("concurrent").fill_null(False), pl.col("concurrent_employed").fill_null(False)
    )


def one_per_worker(in_post: pl.DataFrame, concurrent: str) -> pl.DataFrame:
    """Keep each worker's senior post per point; ``fte`` becomes the FTE of all their posts.

    Rows of spells that never share time with another (``concurrent`` false) are already one
    per worker and point; only the rest are grouped.
    """
    alone = in_post.filter(~pl.col(concurrent)).with_columns(
        pl.col("fte").alias("total_fte"),
        pl.lit(1, dtype=pl.UInt32).alias("posts"),
        pl.col("fte").alias("senior_post_fte"),
    )
    shared = in_post.filter(pl.col(concurrent))
    total = shared.group_by("point", "worker_id").agg(
        pl.col("fte").sum().alias("total_fte"), pl.len().alias("posts")
    )
    senior = shared.sort(
        ["point", "worker_id", *SENIOR_FIRST[0]], descending=[False, False, *SENIOR_FIRST[1]]
    ).unique(["point", "worker_id"], keep="first")
    grouped = senior.join(total, on=["point", "worker_id"]).with_columns(
        pl.col("fte").alias("senior_post_fte"), pl.col("total_fte").alias("fte")
    )
    return pl.concat(
        [alone.with_columns(pl.col("total_fte").alias("fte")), grouped], how="diagonal_relaxed"
    )


def whole_years(start: pl.Expr, on: pl.Expr) -> pl.Expr:
    """Whole years from ``start`` to ``on``, as an age is counted (a year completes on the
    anniversary; a 29 February start completes on 1 March in other years)."""

    def month_day(day: pl.Expr) -> pl.Expr:
        # (Polars gives months and days as 8-bit integers: widen before multiplying.)
        return day.dt.month().cast(pl.Int32) * 100 + day.dt.day().cast(pl.Int32)

    before_anniversary = month_day(on) < month_day(start)
    return on.dt.year() - start.dt.year() - before_anniversary.cast(pl.Int32)


def age_band(birth: pl.Expr, on: pl.Expr) -> pl.Expr:
    """The age band (Under 30, 30 to 39 ... 60 and over, Not known) of a birth date on a date."""
    age = whole_years(birth, on)
    band: Any = pl.when(birth.is_null()).then(pl.lit("Not known"))
    for upper, label in AGE_BANDS:
        band = band.when(age < upper).then(pl.lit(label))
    result: pl.Expr = band.otherwise(pl.lit("60 and over")).alias("age_band")
    return result


def tenure_band(service_start: pl.Expr, last_day: pl.Expr) -> pl.Expr:
    """The band (Under 1 year ... 10 years or more) of the whole years served from
    ``service_start`` to the end of ``last_day``: someone who started on 1 October 2015 and
    left on 30 September 2016 served 1 whole year."""
    years = whole_years(service_start, last_day + pl.duration(days=1))
    first_upper, first_label = TENURE_BANDS[0]
    band: Any = pl.when(years < first_upper).then(pl.lit(first_label))
    for upper, label in TENURE_BANDS[1:]:
        band = band.when(years < upper).then(pl.lit(label))
    result: pl.Expr = band.otherwise(pl.lit(TENURE_LONGEST)).alias("tenure_band")
    return result


def named_teams(teams: pl.DataFrame) -> pl.DataFrame:
    """Teams (``team_id``, ``team``, ``service``) with a display name: a name used in two
    services gets the service added."""
    repeated = pl.col("team").count().over("team") > 1
    return teams.select(
        "team_id",
        pl.when(repeated)
        .then(pl.format("{} ({})", "team", "service"))
        .otherwise(pl.col("team"))
        .alias("team"),
        "service",
    )
