"""Helpers that turn working frames into the (point, slice, numerator, denominator) a measure
returns, so every measure ends the same way and slices always add up to the whole."""

from __future__ import annotations

import polars as pl

from thrive.metrics.context import Context

KEYS = ["point", "slice"]


def _keys(by: str | None, group: str | None) -> list[str | pl.Expr]:
    keys: list[str | pl.Expr] = ["point", Context.slice_expr(by)]
    if group is not None:
        keys.append(pl.col(group).cast(pl.String).alias("group"))
    return keys


def total(
    frame: pl.DataFrame,
    by: str | None,
    value: pl.Expr,
    name: str = "numerator",
    group: str | None = None,
) -> pl.DataFrame:
    """Sum ``value`` (an expression over columns) per point and slice (and breakdown group)."""
    return frame.group_by(_keys(by, group)).agg(value.sum().cast(pl.Float64).alias(name))


def count(
    frame: pl.DataFrame, by: str | None, name: str = "numerator", group: str | None = None
) -> pl.DataFrame:
    """Rows of ``frame`` per point and slice (and breakdown group)."""
    return frame.group_by(_keys(by, group)).agg(pl.len().cast(pl.Float64).alias(name))


def pair(numerator: pl.DataFrame, denominator: pl.DataFrame) -> pl.DataFrame:
    """Put a numerator and a denominator side by side; a slice missing from one has 0 there."""
    keys = [k for k in ("point", "slice", "group") if k in numerator.columns]
    return numerator.join(
        denominator, on=keys, how="full", coalesce=True, nulls_equal=True
    ).with_columns(pl.col("numerator").fill_null(0.0), pl.col("denominator").fill_null(0.0))


def combine(*frames: pl.DataFrame) -> pl.DataFrame:
    """Join several per-slice totals (each with its own value column) into one frame."""
    out = frames[0]
    for other in frames[1:]:
        out = out.join(other, on=KEYS, how="full", coalesce=True, nulls_equal=True)
    return out.with_columns(pl.exclude(KEYS).fill_null(0.0))


def only_numerator(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(pl.lit(None, dtype=pl.Float64).alias("denominator"))


def senior_per_worker(frame: pl.DataFrame) -> pl.DataFrame:
    """One row per point and worker, the more senior post first (for headcounts of events).

    Only the rows of a worker who appears more than once at a point are sorted; the rest pass
    straight through.
    """
    key = pl.col("point").cast(pl.Int64) * 2**32 + pl.col("worker_id")
    repeated = key.is_duplicated()
    chosen = (
        frame.filter(repeated)
        .sort(
            ["point", "worker_id", "rank", "fte", "spell_id"],
            descending=[False, False, True, True, False],
        )
        .unique(["point", "worker_id"], keep="first")
    )
    return pl.concat([frame.filter(~repeated), chosen])
