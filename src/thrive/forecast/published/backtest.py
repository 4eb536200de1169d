"""Backtests and scoring: the published-table forecast against what was published next.

A backtest forecasts a past year from the years before it only (2022 from 2017-2021, 2023 from
2017-2022, 2024 from 2017-2023) and compares each council's median with the published value,
beside the two naive rules a reader would use without a model: "next year equals this year" and
"the mean of the last three years" (both from the same history, predecessors included). Per
measure: the mean absolute error (MAE) of each, and the share of published values inside the
forecast's P10-P90 range (80% if the range is honest; far above is as wrong as far below).

Councils are scored (the targets are about them), the regions and England apart; a council
first published in the year forecast (Cumberland, Westmorland and Furness in 2023) has no
forecast and is not scored.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from thrive.forecast.published.model import forecast
from thrive.forecast.published.table import MAIN_MEASURES, MEASURES, with_lineage

BACKTEST_YEARS = (2022, 2023, 2024)


def _naive(table: pl.DataFrame, year: int) -> pl.DataFrame:
    """Per council and measure: last year's value and the mean of the last three years."""
    history = with_lineage(table.filter(pl.col("year") < year))
    long = history.unpivot(index=["key", "year"], on=list(MEASURES), variable_name="measure")
    return long.group_by("key", "measure").agg(
        pl.col("value").filter(pl.col("year") == year - 1).first().alias("last_year"),
        pl.col("value").filter(pl.col("year") >= year - 3).mean().alias("mean_3"),
    )


def _actuals(table: pl.DataFrame, year: int) -> pl.DataFrame:
    rows = table.filter(pl.col("year") == year)
    return rows.unpivot(index=["key"], on=list(MEASURES), variable_name="measure").rename(
        {"value": "actual"}
    )


def compare(
    forecasts: pl.DataFrame, actual_table: pl.DataFrame, history: pl.DataFrame
) -> pl.DataFrame:
    """One row per council and measure forecast and published: the forecast, the naive rules
    (from ``history``) and the published value (from ``actual_table``)."""
    year = int(forecasts["year"][0])
    keyed = forecasts.with_columns(
        pl.when(pl.col("level") == "Local authority")
        .then(pl.col("old_la_code"))
        .otherwise(pl.col("la_code"))
        .alias("key")
    )
    joined = keyed.join(_actuals(actual_table, year), on=["key", "measure"]).join(
        _naive(history, year), on=["key", "measure"], how="left"
    )
    return joined.filter(pl.col("actual").is_not_null()).with_columns(
        ((pl.col("actual") >= pl.col("p10")) & (pl.col("actual") <= pl.col("p90"))).alias("inside")
    )


def summarise(compared: pl.DataFrame, councils: bool = True) -> pl.DataFrame:
    """Per measure: councils scored, MAE of the median and of each naive rule, and the P10-P90
    coverage in per cent (naive rules scored on the same councils); the regions and England
    instead when ``councils`` is false."""
    level = pl.col("level") == "Local authority"
    compared = compared.filter(level if councils else ~level)
    rows = []
    for measure in MEASURES:
        part = compared.filter(pl.col("measure") == measure)
        part = part.filter(pl.col("last_year").is_not_null() & pl.col("mean_3").is_not_null())
        if part.is_empty():
            continue
        actual = part["actual"].to_numpy()
        rows.append(
            {
                "measure": measure,
                "main": measure in MAIN_MEASURES,
                "scored": part.height,
                "mae_model": round(float(np.mean(np.abs(part["p50"].to_numpy() - actual))), 3),
                "mae_last_year": round(
                    float(np.mean(np.abs(part["last_year"].to_numpy() - actual))), 3
                ),
                "mae_mean_3": round(float(np.mean(np.abs(part["mean_3"].to_numpy() - actual))), 3),
                "coverage_pct": round(100.0 * float(part["inside"].mean()), 1),  # type: ignore[arg-type]
            }
        )
    return pl.DataFrame(rows)


def backtest(table: pl.DataFrame, years: tuple[int, ...] = BACKTEST_YEARS) -> pl.DataFrame:
    """Every council-measure comparison of the backtest years together."""
    parts = [compare(forecast(table, year), table, table) for year in years]
    return pl.concat(parts, how="diagonal_relaxed")


def score(forecasts: pl.DataFrame, release: pl.DataFrame, history: pl.DataFrame) -> pl.DataFrame:
    """A forecast's councils scored against a newer release of the table (per measure, as the
    backtest)."""
    return summarise(compare(forecasts, release, history))
