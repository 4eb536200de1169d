"""Caseloads: cases held, the case-holding FTE, average and largest caseloads, ASYE protection.

Everyone in post at the as-at date counts here, agency workers included (the Department's
average caseload does). Each worker's cases come from their latest caseload snapshot on or before
the as-at date within the look-back window.
"""

from __future__ import annotations

import polars as pl

from thrive.codes import CareerGrade
from thrive.metrics import formulas
from thrive.metrics.context import SLICE_COLUMNS, Context
from thrive.metrics.definitions import wording as w
from thrive.metrics.definitions.shape import count, only_numerator, pair, total
from thrive.metrics.registry import Basis, Kind, Unit, register

CASELOAD_EDGE_CASES = (w.IN_POST, w.CASELOAD_SNAPSHOT, w.CASEHOLDER_FTE, w.TWO_ROLES_HEADCOUNT)
IS_ASYE = pl.col("grade").eq(CareerGrade.ASYE.value)


def caseholders(ctx: Context) -> pl.DataFrame:
    """Workers in post at each point (agency included) with the cases they hold (0 if none)."""

    def build() -> pl.DataFrame:
        window = ctx.options.caseload_lookback_days
        points = ctx.points.select(
            "point", "as_at", (pl.col("as_at") - pl.duration(days=window - 1)).alias("from")
        )
        first, last = points["from"].min(), points["as_at"].max()
        snapshots = ctx.frames.caseloads.filter(pl.col("date").is_between(first, last))
        # Every snapshot in each point's window; sorted by worker-and-point then date, the last
        # of each is the latest. Joined on the sorted integer key ``pw``: a fast merge join.
        held = (
            points.join_where(
                snapshots.select("worker_id", "date", "cases"),
                pl.col("date") >= pl.col("from"),
                pl.col("date") <= pl.col("as_at"),
            )
            .select(ctx.pw(), "date", "cases")
            .sort("pw", "date")
            .filter(pl.col("pw").is_last_distinct())
            .select("pw", "cases")
        )
        workers = ctx.all_workers.select("point", "pw", "fte", *SLICE_COLUMNS)
        return workers.join(held, on="pw", how="left").with_columns(pl.col("cases").fill_null(0))

    return ctx.memo("caseholders", build)


def _holding(ctx: Context) -> pl.DataFrame:
    """Case holders: workers in post with one or more cases."""
    return ctx.memo("case holders", lambda: caseholders(ctx).filter(pl.col("cases") > 0))


def _asye_holding(ctx: Context) -> pl.DataFrame:
    return ctx.memo("asye case holders", lambda: _holding(ctx).filter(IS_ASYE))


@register(
    "cases",
    label="Cases held",
    section=w.DFE,
    formula="Add up the cases held at the as-at date by everyone in post, agency workers included.",
    numerator="cases held by workers in post",
    denominator=None,
    source=w.DFE_SOURCE,
    unit=Unit.CASES,
    kind=Kind.COUNT,
    higher_is_better=None,
    basis=Basis.AS_AT,
    edge_cases=CASELOAD_EDGE_CASES,
)
def cases(ctx: Context, by: str | None) -> pl.DataFrame:
    return only_numerator(total(caseholders(ctx), by, pl.col("cases")))


@register(
    "case_holders_fte",
    label="FTE of case holders",
    section=w.DFE,
    formula="Add up the FTE of the workers in post (agency included) who hold one or more cases "
    "at the as-at date.",
    numerator="FTE of workers holding at least one case",
    denominator=None,
    source=w.DFE_SOURCE,
    unit=Unit.FTE,
    kind=Kind.COUNT,
    higher_is_better=None,
    basis=Basis.AS_AT,
    edge_cases=CASELOAD_EDGE_CASES,
)
def case_holders_fte(ctx: Context, by: str | None) -> pl.DataFrame:
    return only_numerator(total(_holding(ctx), by, pl.col("fte")))


@register(
    "average_caseload",
    label="Average caseload (cases per case-holding FTE)",
    section=w.DFE,
    formula="Cases held / FTE of the workers (agency included) holding one or more cases.",
    numerator="cases held (cases)",
    denominator="FTE of case holders (case_holders_fte)",
    source=w.DFE_SOURCE + "; " + w.north_somerset(5),
    unit=Unit.CASES_PER_FTE,
    kind=Kind.RATIO,
    higher_is_better=False,
    basis=Basis.AS_AT,
    edge_cases=CASELOAD_EDGE_CASES,
)
def average_caseload(ctx: Context, by: str | None) -> pl.DataFrame:
    holding = _holding(ctx)
    both = pair(
        total(holding, by, pl.col("cases")), total(holding, by, pl.col("fte"), "denominator")
    )
    numerator, denominator = formulas.average_caseload(pl.col("numerator"), pl.col("denominator"))
    return both.with_columns(numerator.alias("numerator"), denominator.alias("denominator"))


@register(
    "maximum_caseload",
    label="Largest caseload",
    section=w.STRATEGY,
    formula="The most cases held by any one worker in post at the as-at date.",
    numerator="the largest number of cases one worker holds",
    denominator=None,
    source=w.north_somerset(4),
    unit=Unit.CASES,
    kind=Kind.MAXIMUM,
    higher_is_better=False,
    basis=Basis.AS_AT,
    edge_cases=(w.IN_POST, w.CASELOAD_SNAPSHOT, "Not adjusted for part-time hours."),
)
def maximum_caseload(ctx: Context, by: str | None) -> pl.DataFrame:
    largest = (
        _holding(ctx)
        .group_by("point", Context.slice_expr(by))
        .agg(pl.col("cases").max().cast(pl.Float64).alias("numerator"))
    )
    return only_numerator(largest)


def _over(frame: pl.DataFrame, by: str | None, per_fte_limit: float) -> pl.DataFrame:
    over = pl.col("cases") > per_fte_limit * pl.col("fte")
    return pair(total(frame, by, over.cast(pl.Float64)), count(frame, by, "denominator"))


@register(
    "workers_over_caseload_target",
    label="Case holders over the caseload target",
    section=w.SOMERSET,
    formula="Count the case holders whose cases exceed the caseload target (14 unless set) x "
    "their FTE; the denominator is the number of case holders.",
    numerator="case holders over the target for their hours",
    denominator="case holders (workers in post holding one or more cases)",
    source=w.SOMERSET_SOURCE + " (average caseload target 14)",
    unit=Unit.PEOPLE,
    kind=Kind.COUNT,
    higher_is_better=False,
    basis=Basis.AS_AT,
    edge_cases=(
        *CASELOAD_EDGE_CASES,
        "A part-time worker's target is pro rata: at 0.5 FTE the limit is 7 cases.",
        "The target is the authority's average_caseload target.",
    ),
)
def workers_over_caseload_target(ctx: Context, by: str | None) -> pl.DataFrame:
    return _over(_holding(ctx), by, ctx.options.caseload_target)


@register(
    "asye_average_caseload",
    label="Average caseload of ASYE social workers",
    section=w.SOMERSET,
    formula="Cases held by case holders on the ASYE grade / their FTE.",
    numerator="cases held by ASYE case holders",
    denominator="FTE of ASYE case holders",
    source=w.SOMERSET_SOURCE + " (protected caseloads for newly qualified social workers)",
    unit=Unit.CASES_PER_FTE,
    kind=Kind.RATIO,
    higher_is_better=False,
    basis=Basis.AS_AT,
    edge_cases=(*CASELOAD_EDGE_CASES, "ASYE means the worker's senior post is on the ASYE grade."),
)
def asye_average_caseload(ctx: Context, by: str | None) -> pl.DataFrame:
    asye = _asye_holding(ctx)
    return pair(total(asye, by, pl.col("cases")), total(asye, by, pl.col("fte"), "denominator"))


@register(
    "asye_caseload_ratio",
    label="ASYE caseload protection (ASYE average as % of others')",
    section=w.SOMERSET,
    formula="Average caseload of ASYE case holders / average caseload of the other case holders "
    "x 100. Below 100 means ASYEs carry lighter caseloads; the usual aim is about 90.",
    numerator="average caseload of ASYE case holders (asye_average_caseload)",
    denominator="average caseload of the other case holders",
    source=w.SOMERSET_SOURCE + "; ASYE framework (a protected caseload about 10% lighter)",
    unit=Unit.PERCENT,
    kind=Kind.RATE,
    higher_is_better=False,
    basis=Basis.AS_AT,
    edge_cases=(*CASELOAD_EDGE_CASES, "Empty when there is no ASYE case holder in the slice."),
    adds_up=False,
)
def asye_caseload_ratio(ctx: Context, by: str | None) -> pl.DataFrame:
    holding = _holding(ctx)
    averages = holding.group_by("point", Context.slice_expr(by)).agg(
        (pl.col("cases").filter(IS_ASYE).sum() / pl.col("fte").filter(IS_ASYE).sum()).alias(
            "numerator"
        ),
        (pl.col("cases").filter(~IS_ASYE).sum() / pl.col("fte").filter(~IS_ASYE).sum()).alias(
            "denominator"
        ),
    )
    finite = [
        pl.col(c).fill_nan(None).fill_null(0.0).alias(c) for c in ("numerator", "denominator")
    ]
    return averages.with_columns(finite).filter(pl.col("numerator") > 0)


@register(
    "asye_over_caseload_cap",
    label="ASYE social workers over the protected caseload cap",
    section=w.SOMERSET,
    formula="Count the ASYE case holders whose cases exceed the ASYE cap (12 unless set) x their "
    "FTE; the denominator is the number of ASYE case holders.",
    numerator="ASYE case holders over the cap for their hours",
    denominator="ASYE case holders",
    source=w.SOMERSET_SOURCE + "; caseload weighting schemes (ASYEs capped at about 12 children)",
    unit=Unit.PEOPLE,
    kind=Kind.COUNT,
    higher_is_better=False,
    basis=Basis.AS_AT,
    edge_cases=(*CASELOAD_EDGE_CASES, "The cap is the option asye_caseload_cap."),
)
def asye_over_caseload_cap(ctx: Context, by: str | None) -> pl.DataFrame:
    return _over(_asye_holding(ctx), by, ctx.options.asye_caseload_cap)
