"""Who is in the pipeline before qualifying at a date (plain Polars, no store): students on
placement in a period, and apprentices and sponsored trainees in training on a day.

A trainee is in training on a day from their start date until the day they qualified or
withdrew (``status_date``, not counted); one whose status is still ``in_training`` is in
training for as long as the record says so, whatever their expected qualification date.
"""

from __future__ import annotations

import polars as pl

FAR_FUTURE = pl.date(9999, 12, 31)
IN_TRAINING, QUALIFIED, WITHDREW = "in_training", "qualified", "withdrew"


def training_ends() -> pl.Expr:
    """The day a trainee stopped being in training (far in the future while they are)."""
    return (
        pl.when(pl.col("status") == IN_TRAINING)
        .then(FAR_FUTURE)
        .otherwise(pl.col("status_date").fill_null(FAR_FUTURE))
    )


def in_training_on(points: pl.DataFrame, trainees: pl.DataFrame, day: str) -> pl.DataFrame:
    """Each point's trainees in training on its ``day`` column: (point, day, trainee's columns)."""
    ends = trainees.with_columns(training_ends().alias("_ends"))
    return points.select("point", day).join_where(
        ends, pl.col("start_date") <= pl.col(day), pl.col("_ends") > pl.col(day)
    )


def placements_in_period(points: pl.DataFrame, placements: pl.DataFrame) -> pl.DataFrame:
    """Each point's placements that ran on any day of its year to the as-at date."""
    ends = placements.with_columns(pl.col("end_date").fill_null(FAR_FUTURE).alias("_ends"))
    return points.select("point", "period_start", "as_at").join_where(
        ends, pl.col("start_date") <= pl.col("as_at"), pl.col("_ends") >= pl.col("period_start")
    )
