"""Newly qualified social workers: ASYE outcomes and whether they stay."""

from __future__ import annotations

import polars as pl

from thrive.codes import AsyeOutcome
from thrive.metrics.context import Context
from thrive.metrics.definitions import wording as w
from thrive.metrics.definitions.shape import count, only_numerator, pair, total
from thrive.metrics.registry import Basis, Kind, Unit, register


@register(
    "asye_passed",
    label="ASYEs completed successfully",
    section=w.STRATEGY,
    formula="Count the ASYE programme records with outcome 'pass' dated in the year.",
    numerator="ASYE passes in the year",
    denominator=None,
    source=w.north_somerset(7),
    unit=Unit.PEOPLE,
    kind=Kind.COUNT,
    higher_is_better=True,
    basis=Basis.PERIOD,
    edge_cases=(w.YEAR, "Sliced by the worker's post on the outcome date."),
)
def asye_passed(ctx: Context, by: str | None) -> pl.DataFrame:
    passed = ctx.frames.asye.filter(pl.col("outcome") == AsyeOutcome.PASS.value)
    dated = ctx.placed_in_period("asye passes", passed, "outcome_date")
    return only_numerator(count(dated, by))


@register(
    "asye_pass_rate",
    label="ASYE pass rate",
    section=w.STRATEGY,
    formula="ASYE outcomes in the year that were a pass / all ASYE outcomes in the year (pass, "
    "fail or extended) x 100.",
    numerator="ASYE passes in the year (asye_passed)",
    denominator="ASYE outcomes recorded in the year",
    source=w.north_somerset(7),
    unit=Unit.PERCENT,
    kind=Kind.RATE,
    higher_is_better=True,
    basis=Basis.PERIOD,
    edge_cases=(
        w.YEAR,
        "An extension counts as an outcome that is not (yet) a pass; the later pass counts in "
        "the year it is dated.",
    ),
    share_of_people=True,
)
def asye_pass_rate(ctx: Context, by: str | None) -> pl.DataFrame:
    decided = ctx.frames.asye.filter(pl.col("outcome").is_not_null() & (pl.col("outcome") != ""))
    dated = ctx.placed_in_period("asye outcomes", decided, "outcome_date")
    passed = pl.col("outcome").eq(AsyeOutcome.PASS.value).cast(pl.Float64)
    return pair(total(dated, by, passed), count(dated, by, "denominator"))


def _employed_on(ctx: Context, frame: pl.DataFrame, column: str) -> pl.Series:
    """Per row of ``frame``: was the worker directly employed on ``column``?"""
    checked = ctx.post_on(frame.select("worker_id", column), column, employed_only=True)
    return checked["in_post_then"]


@register(
    "asye_still_employed",
    label="ASYEs recruited who are still employed",
    section=w.STRATEGY,
    formula="Of the ASYE programme records started on or before the as-at date (and on or after "
    "the option asye_recruited_since, when set), the number whose worker is directly employed "
    "at the as-at date / the number started x 100.",
    numerator="ASYEs recruited so far still directly employed",
    denominator="ASYEs recruited so far (programme start on or before the as-at date)",
    source=w.SOMERSET_SOURCE + " (71 ASYEs recruited since August 2015, 69 still employed)",
    unit=Unit.PERCENT,
    kind=Kind.RATE,
    higher_is_better=True,
    basis=Basis.AS_AT,
    edge_cases=(
        w.IN_POST,
        "Sliced by the worker's post when the programme started.",
        "Set asye_recruited_since (e.g. 2015-08-01, when an academy opened) to count only the "
        "ASYEs recruited since then.",
    ),
    share_of_people=True,
)
def asye_still_employed(ctx: Context, by: str | None) -> pl.DataFrame:
    def build() -> pl.DataFrame:
        programmes = ctx.frames.asye.filter(pl.col("start_date") <= ctx.points["as_at"].max())
        since = ctx.options.asye_recruited_since
        if since is not None:
            programmes = programmes.filter(pl.col("start_date") >= since)
        placed = ctx.post_on(programmes, "start_date")
        started = ctx.points.select("point", "as_at").join_where(
            placed, pl.col("start_date") <= pl.col("as_at")
        )
        employed = ctx.employed_workers.select("pw", pl.lit(True).alias("employed"))
        return (
            started.with_columns(ctx.pw())
            .sort("pw")
            .join(employed, on="pw", how="left")
            .with_columns(pl.col("employed").fill_null(False))
        )

    started = ctx.memo("asye started", build)
    return pair(
        total(started, by, pl.col("employed").cast(pl.Float64)),
        count(started, by, "denominator"),
    )


def _retained_after(ctx: Context, by: str | None, years: int) -> pl.DataFrame:
    def build() -> pl.DataFrame:
        programmes = ctx.frames.asye.with_columns(
            pl.col("start_date").dt.offset_by(f"{years}y").alias("anniversary")
        )
        first, last = ctx.points["period_start"].min(), ctx.points["as_at"].max()
        programmes = programmes.filter(pl.col("anniversary").is_between(first, last))
        placed = ctx.post_on(programmes, "start_date")
        placed = placed.with_columns(_employed_on(ctx, placed, "anniversary").alias("employed"))
        return ctx.in_period(placed, "anniversary")

    due = ctx.memo(f"asye anniversaries:{years}", build)
    return pair(total(due, by, pl.col("employed").cast(pl.Float64)), count(due, by, "denominator"))


def _register_retained(years: int) -> None:
    @register(
        f"asye_retained_{years}_years",
        label=f"ASYEs still employed {years} years after starting",
        section=w.STRATEGY,
        formula=f"Of the ASYEs whose programme started {years} years before a day in the year, "
        f"the number directly employed on that anniversary / the number reaching it x 100.",
        numerator=f"ASYEs reaching their {years}-year anniversary in the year still employed",
        denominator=f"ASYEs reaching their {years}-year anniversary in the year",
        source=w.north_somerset(8),
        unit=Unit.PERCENT,
        kind=Kind.RATE,
        higher_is_better=True,
        basis=Basis.PERIOD,
        edge_cases=(
            w.YEAR,
            "Employed on the anniversary means in post that day (a leaver on that day is not).",
            "Sliced by the worker's post when the programme started.",
        ),
        share_of_people=True,
    )
    def retained(ctx: Context, by: str | None) -> pl.DataFrame:
        return _retained_after(ctx, by, years)


_register_retained(2)
_register_retained(3)
