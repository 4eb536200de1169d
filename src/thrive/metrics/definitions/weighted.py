"""Weighted caseloads from the allocation records, and their agreement with the cases-held
figures.

A case counts ``points[case_type] x complexity`` (``caseload_weights.toml``; complexity 1 when
the record has none); a worker's cap is ``caps[grade] x FTE``. ASYE social workers are protected
in number (``asye.max_cases`` x FTE cases) and complexity (no case above ``asye.max_complexity``).
"""

from __future__ import annotations

import polars as pl

from thrive.codes import CareerGrade
from thrive.metrics.caseload_weights import caseload_weights
from thrive.metrics.context import SLICE_COLUMNS, Context
from thrive.metrics.definitions import wording as w
from thrive.metrics.definitions.continuity import spells
from thrive.metrics.definitions.shape import count, pair, total
from thrive.metrics.registry import ORGANISATION_DIMENSIONS, Basis, Kind, Unit, register

WEIGHTS = (
    "Points and caps come from src/thrive/metrics/caseload_weights.toml (documented there): a "
    "case counts points for its case type x its complexity weight (1 when none is recorded); a "
    "worker's cap is the cap for their grade x their FTE."
)
HOLDERS = (
    "Holders are workers in post on the as-at date (agency included) with one or more open "
    "allocations then; sliced by the worker's team, service and grade (their more senior post)."
)


def held(ctx: Context) -> pl.DataFrame:
    """Each worker in post holding allocations at each point: cases, points, the largest
    complexity, their cap and their grade."""

    def build() -> pl.DataFrame:
        weights = caseload_weights()
        points = pl.col("case_type").replace_strict(weights.points, default=1.0)
        complexity = pl.col("complexity").fill_null(1.0)
        open_cases = (
            ctx.points.select("point", "as_at")
            .join_where(
                spells(ctx).filter(pl.col("worker_id").is_not_null()),
                pl.col("start_date") <= pl.col("as_at"),
                pl.col("until") >= pl.col("as_at"),
            )
            .select(ctx.pw(), (points * complexity).alias("points"), complexity.alias("cx"))
            .group_by("pw")
            .agg(
                pl.len().alias("cases"),
                pl.col("points").sum().alias("points"),
                pl.col("cx").max().alias("most_complex"),
            )
        )
        workers = ctx.all_workers.select("point", "pw", "fte", *SLICE_COLUMNS)
        cap = pl.col("grade").replace_strict(weights.caps, default=None, return_dtype=pl.Float64)
        return workers.join(open_cases, on="pw", how="inner").with_columns(
            (cap * pl.col("fte")).alias("cap")
        )

    return ctx.memo("weighted caseloads", build)


@register(
    "average_weighted_caseload",
    label="Average weighted caseload (points per FTE)",
    section=w.CONTINUITY,
    formula="Weighted points of the open allocations of workers holding any / their FTE.",
    numerator="weighted points held",
    denominator="FTE of the workers holding allocations",
    source="Caseload weighting (caseload_weights.toml); " + w.north_somerset(5),
    unit=Unit.POINTS,
    kind=Kind.RATIO,
    higher_is_better=False,
    basis=Basis.AS_AT,
    slices=ORGANISATION_DIMENSIONS,
    reads=("allocations",),
    edge_cases=(w.ALLOCATION_SPELLS, WEIGHTS, HOLDERS, w.NO_ALLOCATIONS),
)
def average_weighted_caseload(ctx: Context, by: str | None) -> pl.DataFrame:
    frame = held(ctx)
    return pair(total(frame, by, pl.col("points")), total(frame, by, pl.col("fte"), "denominator"))


@register(
    "workers_over_weighted_cap",
    label="Workers over their weighted caseload cap",
    section=w.CONTINUITY,
    formula="Count the workers holding allocations whose weighted points exceed the cap for "
    "their grade x their FTE; the denominator is the workers holding allocations.",
    numerator="workers over their weighted cap",
    denominator="workers holding allocations",
    source="Caseload weighting (caseload_weights.toml); " + w.north_somerset(4),
    unit=Unit.PEOPLE,
    kind=Kind.COUNT,
    higher_is_better=False,
    basis=Basis.AS_AT,
    slices=ORGANISATION_DIMENSIONS,
    reads=("allocations",),
    edge_cases=(
        w.ALLOCATION_SPELLS,
        WEIGHTS,
        HOLDERS,
        "A grade with no cap (managers) is never over it.",
    ),
)
def workers_over_weighted_cap(ctx: Context, by: str | None) -> pl.DataFrame:
    frame = held(ctx)
    over = (pl.col("points") > pl.col("cap")).fill_null(False)
    return pair(total(frame, by, over.cast(pl.Float64)), count(frame, by, "denominator"))


@register(
    "asye_over_protection",
    label="ASYE social workers beyond their protection (number or complexity)",
    section=w.CONTINUITY,
    formula="Count the ASYE social workers holding allocations who hold more than the ASYE "
    "number cap x their FTE, or any case weighted above the ASYE complexity limit; the "
    "denominator is the ASYE social workers holding allocations.",
    numerator="ASYE workers over the number cap or holding a case above the complexity limit",
    denominator="ASYE workers holding allocations",
    source=w.north_somerset(4) + " (ASYE protected in number and complexity); "
    "caseload_weights.toml [asye]",
    unit=Unit.PEOPLE,
    kind=Kind.COUNT,
    higher_is_better=False,
    basis=Basis.AS_AT,
    slices=ORGANISATION_DIMENSIONS,
    reads=("allocations",),
    edge_cases=(
        w.ALLOCATION_SPELLS,
        HOLDERS,
        "ASYE means the worker's senior post is on the "
        "ASYE grade; a case with no complexity weight counts as 1.",
    ),  # fmt: skip
)
def asye_over_protection(ctx: Context, by: str | None) -> pl.DataFrame:
    weights = caseload_weights()
    asye = held(ctx).filter(pl.col("grade") == CareerGrade.ASYE.value)
    over = (pl.col("cases") > weights.asye_max_cases * pl.col("fte")) | (
        pl.col("most_complex") > weights.asye_max_complexity
    )
    return pair(total(asye, by, over.cast(pl.Float64)), count(asye, by, "denominator"))


def compared(ctx: Context) -> pl.DataFrame:
    """Workers in post with a cases-held figure (latest snapshot in the look-back window) on a
    date the allocation records cover, with the allocations open that day."""

    def build() -> pl.DataFrame:
        allocations = ctx.frames.allocations
        if allocations.is_empty():
            return pl.DataFrame(
                schema={"point": pl.Int32, "cases": pl.Int64, "open": pl.UInt32}
                | dict.fromkeys(SLICE_COLUMNS, pl.String)
            )
        first = allocations["start_date"].min()
        window = ctx.options.caseload_lookback_days
        points = ctx.points.select(
            "point", "as_at", (pl.col("as_at") - pl.duration(days=window - 1)).alias("from")
        )
        latest = (
            points.join_where(
                ctx.frames.caseloads.select("worker_id", "date", "cases"),
                pl.col("date") >= pl.col("from"),
                pl.col("date") <= pl.col("as_at"),
                pl.col("date") >= pl.lit(first),
            )
            .sort("point", "worker_id", "date")
            .unique(["point", "worker_id"], keep="last")
        )
        spells_held = spells(ctx).filter(pl.col("worker_id").is_not_null())
        open_then = (
            latest.select("point", "worker_id", "date")
            .join_where(
                spells_held.select(pl.col("worker_id").alias("held_by"), "start_date", "until"),
                pl.col("worker_id") == pl.col("held_by"),
                pl.col("start_date") <= pl.col("date"),
                pl.col("until") >= pl.col("date"),
            )
            .group_by("point", "worker_id")
            .agg(pl.len().alias("open"))
        )
        both = latest.select("point", "worker_id", "cases", ctx.pw()).join(
            open_then, on=["point", "worker_id"], how="left"
        )
        workers = ctx.all_workers.select("pw", *SLICE_COLUMNS)
        return both.join(workers, on="pw", how="inner").with_columns(pl.col("open").fill_null(0))

    return ctx.memo("cases held against allocations", build)


AGREEMENT = (
    "Compared only where both exist: a worker in post with a caseload snapshot in the look-back "
    "window dated on or after the first allocation record; the open allocations are counted on "
    "the snapshot's own date."
)


@register(
    "cases_held_minus_allocations",
    label="Caseload figures less allocation records (0 when they agree)",
    section=w.CONTINUITY,
    formula="Cases held by the compared workers (their caseload figures) - allocations open for "
    "them on the same dates. 0 when the two records agree.",
    numerator="cases held by the compared workers (caseload snapshots)",
    denominator="their open allocations on the snapshot dates",
    source="Caseload snapshots against the children's allocation records",
    unit=Unit.CASES,
    kind=Kind.DIFFERENCE,
    higher_is_better=None,
    basis=Basis.AS_AT,
    slices=ORGANISATION_DIMENSIONS,
    reads=("allocations",),
    edge_cases=(AGREEMENT, w.CASELOAD_SNAPSHOT, w.NO_ALLOCATIONS),
)
def cases_held_minus_allocations(ctx: Context, by: str | None) -> pl.DataFrame:
    frame = compared(ctx)
    return pair(total(frame, by, pl.col("cases")), total(frame, by, pl.col("open"), "denominator"))


@register(
    "workers_cases_disagree",
    label="Workers whose cases held disagree with their allocations",
    section=w.CONTINUITY,
    formula="Count the compared workers whose cases held differ from their open allocations on "
    "the snapshot date; the denominator is the workers compared.",
    numerator="workers whose two figures differ",
    denominator="workers with both a caseload figure and allocation records to compare",
    source="Caseload snapshots against the children's allocation records",
    unit=Unit.PEOPLE,
    kind=Kind.COUNT,
    higher_is_better=False,
    basis=Basis.AS_AT,
    slices=ORGANISATION_DIMENSIONS,
    reads=("allocations",),
    edge_cases=(AGREEMENT, w.CASELOAD_SNAPSHOT),
)
def workers_cases_disagree(ctx: Context, by: str | None) -> pl.DataFrame:
    frame = compared(ctx)
    differ = (pl.col("cases") != pl.col("open")).cast(pl.Float64)
    return pair(total(frame, by, differ), count(frame, by, "denominator"))
