"""Running the measures: every requested measure at every point, then the results frame.

:func:`evaluate` calls each measure's function for the whole authority and, when asked, for each
slice, and derives each value from its numerator and denominator. :func:`finish` adds, in Polars
rather than row by row, the label and unit, the target and red/amber/green status, the value a
year earlier and the dates, and keeps only the points asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import polars as pl

from thrive.metrics.context import Context
from thrive.metrics.registry import Basis, Kind, Measure
from thrive.metrics.suppression import suppress
from thrive.metrics.targets import Targets

KEY = ["name", "by", "slice", "group"]
# Figures are rounded to this many decimal places where they are formed: far below any figure
# shown, and enough that sums Polars adds up on several threads in a varying order come out the
# same every run (so ``thrive metrics`` prints the same bytes on an unchanged store).
STEADY_PLACES = 9


def evaluate(ctx: Context, chosen: Sequence[Measure], by: str | None) -> pl.DataFrame:
    """A long frame: one row per measure, point, slice (and group) with the value derived.

    The measures run on a small thread pool (Polars releases the GIL while it works), after the
    working frames they share have been built once; what is common to all of them (filling in
    the points where nothing was counted, the value from numerator and denominator) is then
    done once over the long frame rather than measure by measure.
    """
    ctx.prepare()
    for name in dict.fromkeys(r for m in chosen for r in m.reads):
        getattr(ctx.frames, name)  # read here, not on a pool thread (the store is per thread)
    workers = max(1, min(ctx.options.threads, len(chosen)))
    if workers == 1:
        parts = [part for m in chosen for part in _measured(ctx, m, by)]
    else:
        with ThreadPoolExecutor(workers) as pool:
            done = pool.map(lambda m: _measured(ctx, m, by), chosen)
            parts = [part for measured in done for part in measured]
    long = pl.concat(parts, how="diagonal_relaxed").with_columns(
        pl.col("point").cast(pl.Int32),
        pl.col("numerator").cast(pl.Float64),
        pl.col("denominator").cast(pl.Float64),
    )
    long = _complete(ctx, chosen, long)
    long = long.with_columns(steady("numerator"), steady("denominator"))
    kinds = pl.col("name").replace_strict({m.name: m.kind.value for m in chosen})
    numerator, denominator = pl.col("numerator"), pl.col("denominator")
    value: Any = pl.when(kinds == Kind.COUNT.value).then(numerator)
    for kind in (Kind.RATE, Kind.RATIO, Kind.MAXIMUM, Kind.DIFFERENCE, Kind.STATISTIC):
        value = value.when(kinds == kind.value).then(kind.apply(numerator, denominator))
    long = long.with_columns(value.cast(pl.Float64).alias("value")).with_columns(
        *(steady(c) for c, t in long.schema.items() if c.startswith("detail_") and t.is_float()),
        steady("value"),
    )
    return (
        suppress(long, chosen, ctx.options.suppress_below) if ctx.options.suppress_below else long
    )


def steady(column: str) -> pl.Expr:
    """The column rounded to :data:`STEADY_PLACES`, with -0.0 written 0.0."""
    rounded = pl.col(column).round(STEADY_PLACES)
    return pl.when(rounded == 0).then(0.0).otherwise(rounded).alias(column)


def _measured(ctx: Context, m: Measure, by: str | None) -> list[pl.DataFrame]:
    """One measure's rows: the whole authority and, when asked and possible, each slice."""
    sliced = m.function(ctx, by) if by is not None and by in m.slices else None
    if sliced is not None and m.additive and ctx.options.derive_whole:
        whole = _whole_from_slices(m, sliced)
    else:
        whole = m.function(ctx, None)
    frames = [whole.with_columns(pl.lit(m.name).alias("name"), pl.lit(None, pl.String).alias("by"))]
    if sliced is not None:
        frames.append(sliced.with_columns(pl.lit(m.name).alias("name"), pl.lit(by).alias("by")))
    return frames


def _whole_from_slices(m: Measure, sliced: pl.DataFrame) -> pl.DataFrame:
    """The whole authority as the sum (or, for a maximum, the largest) of its slices: the
    slices of an additive measure cover everyone exactly once, so this is the same figure
    computed once rather than twice."""

    def added(column: str) -> pl.Expr:
        if m.kind is Kind.MAXIMUM:
            return pl.col(column).max()
        # All empty stays empty (e.g. agency spend with no day rates recorded).
        return pl.when(pl.col(column).is_not_null().any()).then(pl.col(column).sum())

    columns = [c for c in sliced.columns if c not in ("point", "slice", "group")]
    return sliced.group_by("point").agg(
        pl.lit(None, dtype=pl.String).alias("slice"), *(added(c).alias(c) for c in columns)
    )


def _complete(ctx: Context, chosen: Sequence[Measure], long: pl.DataFrame) -> pl.DataFrame:
    """Every measure has a whole-authority row at every point, even when nothing was counted:
    0 (a maximum: no value; a denominator-less count: no denominator), and a breakdown with
    nobody in it 0 out of 0. A row a measure returned empty (agency spend without day rates)
    stays empty."""
    expected = pl.DataFrame(
        {
            "name": [m.name for m in chosen],
            "_numerator": [
                None if m.kind in (Kind.MAXIMUM, Kind.STATISTIC) else 0.0 for m in chosen
            ],
            "_denominator": [
                0.0 if (m.denominator is not None or m.breakdown) else None for m in chosen
            ],
        },
        schema={"name": pl.String, "_numerator": pl.Float64, "_denominator": pl.Float64},
    ).join(ctx.points.select("point"), how="cross")
    found = long.filter(pl.col("by").is_null()).select("point", "name").unique()
    missing = expected.join(found, on=["point", "name"], how="anti").select(
        "point",
        "name",
        pl.lit(None, dtype=pl.String).alias("by"),
        pl.lit(None, dtype=pl.String).alias("slice"),
        pl.lit(None, dtype=pl.String).alias("group"),
        pl.col("_numerator").alias("numerator"),
        pl.col("_denominator").alias("denominator"),
    )
    return pl.concat([long, missing], how="diagonal_relaxed")


def _meta(chosen: Sequence[Measure]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "name": [m.name for m in chosen],
            "label": [m.label for m in chosen],
            "unit": [str(m.unit) for m in chosen],
            "higher_is_better": [m.higher_is_better for m in chosen],
            "over_period": [m.basis is Basis.PERIOD for m in chosen],
        },
        schema={
            "name": pl.String,
            "label": pl.String,
            "unit": pl.String,
            "higher_is_better": pl.Boolean,
            "over_period": pl.Boolean,
        },
    )


def _targets(chosen: Sequence[Measure], targets: Targets) -> pl.DataFrame:
    """(name, group, target, band, rated): a measure's target, or a group's population share."""
    rows: list[tuple[str, str | None, float, float | None, bool]] = []
    for m in chosen:
        found = targets.targets.get(m.name)
        if found is not None and m.breakdown is None:
            band = found.amber_within
            if band is None:
                band = abs(found.value) * targets.amber_within_percent / 100
            rows.append((m.name, None, found.value, band, True))
        if m.breakdown is not None and m.population:
            for (breakdown, group), share in targets.population.items():
                if breakdown == m.breakdown:
                    rows.append((m.name, group, share, None, False))
    return pl.DataFrame(
        rows,
        schema={
            "name": pl.String,
            "group": pl.String,
            "target": pl.Float64,
            "band": pl.Float64,
            "rated": pl.Boolean,
        },
        orient="row",
    )


def finish(
    long: pl.DataFrame,
    ctx: Context,
    chosen: Sequence[Measure],
    targets: Targets,
    shown: Sequence[int],
    previous_point: dict[int, int],
) -> pl.DataFrame:
    """The results frame: one row per measure, slice and shown point, ready to present."""
    current = long.filter(pl.col("point").is_in(list(shown)))
    if previous_point:
        mapping = pl.DataFrame(
            {"point": list(previous_point), "_earlier": list(previous_point.values())},
            schema={"point": pl.Int32, "_earlier": pl.Int32},
        )
        earlier = (
            long.select(pl.col("point").alias("_earlier"), *KEY, pl.col("value").alias("previous"))
            .join(mapping, on="_earlier")
            .drop("_earlier")
        )
        current = current.join(earlier, on=["point", *KEY], how="left", nulls_equal=True)
    else:
        current = current.with_columns(pl.lit(None, dtype=pl.Float64).alias("previous"))
    value, target, band = pl.col("value"), pl.col("target"), pl.col("band")
    short = pl.when(pl.col("higher_is_better")).then(target - value).otherwise(value - target)
    status = (
        pl.when(
            value.is_null()
            | target.is_null()
            | pl.col("higher_is_better").is_null()
            | ~pl.col("rated").fill_null(False)
        )
        .then(pl.lit(None, dtype=pl.String))
        .when(short <= 0)
        .then(pl.lit("green"))
        .when(short <= band)
        .then(pl.lit("amber"))
        .otherwise(pl.lit("red"))
    )
    dated = ctx.points.select("point", "as_at", "period_start")
    order = {m.name: i for i, m in enumerate(chosen)}
    # A breakdown's groups in their natural order (others after them, alphabetically).
    group_order = pl.DataFrame(
        [(m.name, g, i) for m in chosen for i, g in enumerate(m.groups)],
        schema={"name": pl.String, "group": pl.String, "_group": pl.Int32},
        orient="row",
    )
    return (
        current.join(_meta(chosen), on="name", how="left")
        .join(_targets(chosen, targets), on=["name", "group"], how="left", nulls_equal=True)
        .join(dated, on="point", how="left")
        .with_columns(
            status.alias("status"),
            pl.when(pl.col("over_period")).then(pl.col("period_start")).alias("period_start"),
            pl.col("suppressed").fill_null(False)
            if "suppressed" in current.columns
            else pl.lit(False).alias("suppressed"),
        )
        .drop("higher_is_better", "over_period", "band", "rated")
        .join(group_order, on=["name", "group"], how="left")
        .with_columns(
            pl.col("name").replace_strict(order, return_dtype=pl.Int32).alias("_measure"),
            pl.col("_group").fill_null(10_000),
        )
        .sort(["point", "_measure", "by", "slice", "_group", "group"], nulls_last=False)
        .drop("_measure", "_group")
    )
