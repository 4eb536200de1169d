"""Retention curves by recruitment and retention payment: of the directly employed social workers
in post on a census date with pay returned, how many are still here each month after it, for
those with a payment that year and those without (Kaplan-Meier, lifelines, through
:class:`~thrive.retention.curves.RetentionCurves`).

An association, not a cause: payments go to hard-to-fill posts and to the people a council most
wants to keep. Time is counted from the census date, not from starting, so both groups are
followed over the same calendar months; people still here on the as-at date are censored.

>>> found = payment_curves(frames, as_at=date(2026, 9, 30))   # doctest: +SKIP
>>> found.census_day, found.curves["With a payment"].summary   # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import polars as pl

from thrive.frames.workforce import WorkforceFrames
from thrive.retention.curves import RetentionCurves
from thrive.retention.errors import InsufficientDataError
from thrive.retention.tenure import DAYS_PER_YEAR, tenure

WITH, WITHOUT = "With a payment", "Without a payment"
HORIZONS = (0.5, 1.0, 2.0)


@dataclass(frozen=True)
class PaymentCurves:
    """The census date followed from, the people followed (one row each) and a fitted curve
    per group (a group with nobody, or no curve to draw, is missing)."""

    census_day: date
    people: pl.DataFrame
    curves: dict[str, RetentionCurves] = field(default_factory=dict)


def followed_census(frames: WorkforceFrames, as_at: date) -> date | None:
    """The census date to follow people from: the latest with any base salary returned that
    is a year or more before ``as_at`` (so a year on can be seen), else the latest before it;
    None when there is none."""
    years = frames.pay.filter(pl.col("base_salary").is_not_null())["year"].unique().to_list()
    days = [date(int(y), 9, 30) for y in years if date(int(y), 9, 30) < as_at]
    leap_day = (as_at.month, as_at.day) == (2, 29)
    then = date(as_at.year - 1, as_at.month, 28 if leap_day else as_at.day)
    a_year_before = [d for d in days if d <= then]
    if a_year_before:
        return max(a_year_before)
    return max(days) if days else None


def payment_people(frames: WorkforceFrames, as_at: date, census_day: date) -> pl.DataFrame:
    """One row per person in post on ``census_day`` with pay returned: ``group`` (with or
    without a payment), ``left`` by ``as_at``, ``duration_years`` from the census date."""
    stints = tenure(frames, as_at, observed_from=None)
    in_post = stints.filter(
        (pl.col("start_date") <= census_day)
        & (pl.col("end_date").is_null() | (pl.col("end_date") > census_day))
    )
    pay = frames.pay.filter(
        (pl.col("year") == census_day.year) & pl.col("base_salary").is_not_null()
    ).select("worker_id", (pl.col("rr_payments").fill_null(0.0) > 0).alias("rewarded"))
    stop = pl.col("end_date").fill_null(as_at) + timedelta(days=1)
    return (
        in_post.join(pay.unique("worker_id"), on="worker_id")
        .with_columns(
            pl.when(pl.col("rewarded"))
            .then(pl.lit(WITH))
            .otherwise(pl.lit(WITHOUT))
            .alias("group"),
            pl.lit(0.0).alias("entry_years"),
            ((stop - pl.lit(census_day)).dt.total_days() / DAYS_PER_YEAR).alias("duration_years"),
        )
        .select("worker_id", "group", "left", "entry_years", "duration_years")
        .sort("worker_id")
    )


def payment_curves(frames: WorkforceFrames, as_at: date) -> PaymentCurves | None:
    """The curves for the latest census with pay before ``as_at``; None without one."""
    day = followed_census(frames, as_at)
    if day is None:
        return None
    people = payment_people(frames, as_at, day)
    curves: dict[str, RetentionCurves] = {}
    for group in (WITH, WITHOUT):
        stints = people.filter(pl.col("group") == group)
        if stints.is_empty():
            continue
        try:
            curves[group] = RetentionCurves(by=None, horizons=HORIZONS).fit(stints)
        except InsufficientDataError:
            continue
    return PaymentCurves(day, people, curves)
