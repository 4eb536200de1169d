"""Helpers that turn working frames into the (point, slice, numerator, denominator) a measure
returns, so every measure ends the same way and slices always add up to the whole."""

from __future__ import annotations

import polars as pl

from thrive.metrics.context import FAR_FUTURE, Context

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


def running(column: str, first_of_group: pl.Expr) -> pl.Expr:
    """Running sum of ``column`` within each run of rows that starts where ``first_of_group``
    is true (rows sorted by group): one pass over the column, no window functions."""
    total_so_far = pl.col(column).cum_sum()
    before = (
        pl.when(first_of_group).then(total_so_far - pl.col(column)).otherwise(None).forward_fill()
    )
    return total_so_far - before


_NO_KEY = "\x00"


def stock_fte(ctx: Context, keys: list[pl.Expr], day: str = "as_at") -> pl.DataFrame:
    """The FTE of directly employed spells in post on each point's ``day``, per ``keys``:
    (point, keys..., fte). With many points it is swept through time (:func:`swept`); with few,
    the spells in post at each date are added up directly."""
    if ctx.many_points:
        return swept(ctx, ctx.employed_spells, keys, day)
    names = [k.meta.output_name() for k in keys]
    if day == "as_at":
        there = ctx.employed_in_post
    else:
        there = ctx.memo(
            f"employed stock:{day}",
            lambda: ctx.points.select("point", pl.col(day).alias("on")).join_where(
                ctx.employed_spells,
                pl.col("start_date") <= pl.col("on"),
                pl.col("removal") > pl.col("on"),
            ),
        )
    return (
        there.group_by("point", *keys)
        .agg(pl.col("fte").sum().round(9))
        .select("point", *names, "fte")
    )


def swept(
    ctx: Context, spells: pl.DataFrame, keys: list[pl.Expr], day: str = "as_at"
) -> pl.DataFrame:
    """The FTE of ``spells`` in post on each point's ``day``, per ``keys``: (point, keys...,
    fte). Worked out from the days spells join and leave the stock (a running total), so the
    cost grows with the number of spells, not spells x points."""
    names = [k.meta.output_name() for k in keys]
    events = pl.concat(
        [
            spells.select(*keys, pl.col("start_date").alias("date"), pl.col("fte").alias("d")),
            spells.filter(pl.col("removal") < FAR_FUTURE).select(
                *keys, pl.col("removal").alias("date"), (-pl.col("fte")).alias("d")
            ),
        ]
    ).with_columns(pl.col(n).cast(pl.String).fill_null(_NO_KEY) for n in names)
    changes = events.group_by(*names, "date").agg(pl.col("d").sum()).sort(*names, "date")
    first = pl.lit(False)
    for n in names:
        first = first | (pl.col(n) != pl.col(n).shift(1))
    first = first.fill_null(True) if names else pl.int_range(pl.len()) == 0
    levels = changes.with_columns(running("d", first).round(9).alias("fte")).sort("date")
    grid = ctx.points.select("point", pl.col(day).alias("on")).sort("on")
    if names:
        grid = grid.join(levels.select(names).unique(), how="cross").sort("on")
    found = grid.join_asof(
        levels.drop("d"),
        left_on="on",
        right_on="date",
        by=names or None,
        check_sortedness=False,
    )
    return found.select(
        "point",
        *(pl.when(pl.col(n) != _NO_KEY).then(pl.col(n)).alias(n) for n in names),
        pl.col("fte").fill_null(0.0),
    )
