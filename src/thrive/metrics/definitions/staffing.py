"""Who is in post: FTE and headcount, agency workers, the permanent share and agency spend."""

from __future__ import annotations

import polars as pl

from thrive.metrics import formulas
from thrive.metrics.context import Context
from thrive.metrics.definitions import wording as w
from thrive.metrics.definitions.shape import (
    combine,
    count,
    only_numerator,
    pair,
    senior_per_worker,
    total,
)
from thrive.metrics.registry import Basis, Kind, Unit, register


def fte_in_post_totals(ctx: Context, by: str | None, name: str = "numerator") -> pl.DataFrame:
    return total(ctx.employed_in_post, by, pl.col("fte"), name)


def agency_fte_totals(ctx: Context, by: str | None, name: str = "numerator") -> pl.DataFrame:
    return total(ctx.agency_in_post, by, pl.col("fte"), name)


def headcount_totals(ctx: Context, by: str | None, name: str = "numerator") -> pl.DataFrame:
    return count(ctx.employed_workers, by, name)


def agency_headcount_totals(ctx: Context, by: str | None, name: str = "numerator") -> pl.DataFrame:
    return count(senior_per_worker(ctx.agency_in_post), by, name)


@register(
    "fte_in_post",
    label="FTE social workers in post",
    section=w.DFE,
    formula="Add up the FTE of every directly employed (permanent or fixed-term) spell in post "
    "at the as-at date.",
    numerator="FTE of directly employed spells in post at the as-at date",
    denominator=None,
    source=w.DFE_SOURCE,
    unit=Unit.FTE,
    kind=Kind.COUNT,
    higher_is_better=None,
    basis=Basis.AS_AT,
    edge_cases=(w.IN_POST, w.TWO_ROLES_FTE, w.AGENCY_SEPARATE),
    people="headcount_in_post",
)
def fte_in_post(ctx: Context, by: str | None) -> pl.DataFrame:
    return only_numerator(fte_in_post_totals(ctx, by))


@register(
    "headcount_in_post",
    label="Social workers in post (headcount)",
    section=w.DFE,
    formula="Count the directly employed workers in post at the as-at date, each once.",
    numerator="directly employed workers in post at the as-at date",
    denominator=None,
    source=w.DFE_SOURCE,
    unit=Unit.PEOPLE,
    kind=Kind.COUNT,
    higher_is_better=None,
    basis=Basis.AS_AT,
    edge_cases=(w.IN_POST, w.TWO_ROLES_HEADCOUNT, w.AGENCY_SEPARATE),
)
def headcount_in_post(ctx: Context, by: str | None) -> pl.DataFrame:
    return only_numerator(headcount_totals(ctx, by))


@register(
    "agency_fte",
    label="FTE agency workers in post",
    section=w.DFE,
    formula="Add up the FTE of every agency spell in post at the as-at date.",
    numerator="FTE of agency spells in post at the as-at date",
    denominator=None,
    source=w.DFE_SOURCE + "; " + w.north_somerset(3),
    unit=Unit.FTE,
    kind=Kind.COUNT,
    higher_is_better=False,
    basis=Basis.AS_AT,
    edge_cases=(w.IN_POST, w.TWO_ROLES_FTE),
    people="agency_headcount",
)
def agency_fte(ctx: Context, by: str | None) -> pl.DataFrame:
    return only_numerator(agency_fte_totals(ctx, by))


@register(
    "agency_headcount",
    label="Agency workers in post (headcount)",
    section=w.DFE,
    formula="Count the agency workers in post at the as-at date, each once.",
    numerator="agency workers in post at the as-at date",
    denominator=None,
    source=w.DFE_SOURCE,
    unit=Unit.PEOPLE,
    kind=Kind.COUNT,
    higher_is_better=False,
    basis=Basis.AS_AT,
    edge_cases=(w.IN_POST, w.TWO_ROLES_HEADCOUNT),
)
def agency_headcount(ctx: Context, by: str | None) -> pl.DataFrame:
    return only_numerator(agency_headcount_totals(ctx, by))


@register(
    "agency_rate",
    label="Agency rate (FTE)",
    section=w.DFE,
    formula="FTE agency workers in post / (FTE agency workers + FTE social workers in post) x 100.",
    numerator="FTE agency workers in post (agency_fte)",
    denominator="FTE agency workers + FTE social workers in post (agency_fte + fte_in_post)",
    source=w.DFE_SOURCE,
    unit=Unit.PERCENT,
    kind=Kind.RATE,
    higher_is_better=False,
    basis=Basis.AS_AT,
    edge_cases=(w.IN_POST,),
    people=("agency_headcount", "headcount_in_post"),
)
def agency_rate(ctx: Context, by: str | None) -> pl.DataFrame:
    both = pair(agency_fte_totals(ctx, by), fte_in_post_totals(ctx, by, "denominator"))
    numerator, denominator = formulas.agency_rate(pl.col("numerator"), pl.col("denominator"))
    return both.with_columns(numerator.alias("numerator"), denominator.alias("denominator"))


@register(
    "agency_rate_headcount",
    label="Agency rate (headcount)",
    section=w.DFE,
    formula="Agency workers in post / (agency workers + social workers in post) x 100, by head.",
    numerator="agency workers in post (agency_headcount)",
    denominator="agency workers + social workers in post (agency_headcount + headcount_in_post)",
    source=w.DFE_SOURCE,
    unit=Unit.PERCENT,
    kind=Kind.RATE,
    higher_is_better=False,
    basis=Basis.AS_AT,
    edge_cases=(w.IN_POST, w.TWO_ROLES_HEADCOUNT),
    people=("agency_headcount", "headcount_in_post"),
)
def agency_rate_headcount(ctx: Context, by: str | None) -> pl.DataFrame:
    both = pair(agency_headcount_totals(ctx, by), headcount_totals(ctx, by, "denominator"))
    numerator, denominator = formulas.agency_rate(pl.col("numerator"), pl.col("denominator"))
    return both.with_columns(numerator.alias("numerator"), denominator.alias("denominator"))


@register(
    "permanent_share",
    label="Permanent staff (% of social workers in post)",
    section=w.STRATEGY,
    formula="Directly employed workers in post / (directly employed + agency workers in post) "
    "x 100, by head.",
    numerator="directly employed workers in post (headcount_in_post)",
    denominator="directly employed + agency workers in post (headcount_in_post + agency_headcount)",
    source=w.north_somerset(1) + "; " + w.SOMERSET_SOURCE + " (60% permanent in 2016-17 to 90% "
    "in 2018-19; 180 permanent + 70 agency social workers)",
    unit=Unit.PERCENT,
    kind=Kind.RATE,
    higher_is_better=True,
    basis=Basis.AS_AT,
    edge_cases=(
        w.IN_POST,
        "'Permanent' is used as the strategies use it, against agency (locum) staff: fixed-term "
        "employees count as permanent here; slice by contract to see them apart.",
        "It is 100 - agency_rate_headcount.",
        w.TWO_ROLES_HEADCOUNT,
    ),
    people=("headcount_in_post", "agency_headcount"),
)
def permanent_share(ctx: Context, by: str | None) -> pl.DataFrame:
    both = combine(headcount_totals(ctx, by), agency_headcount_totals(ctx, by, "agency"))
    return both.select(
        "point", "slice", "numerator", (pl.col("numerator") + pl.col("agency")).alias("denominator")
    )


@register(
    "agency_spend",
    label="Agency spend over the year",
    section=w.STRATEGY,
    formula="For each agency spell in the year with a day rate: day rate x FTE x weekdays "
    "(Monday to Friday) it ran in the year; add them up.",
    numerator="pounds spent on agency workers with a recorded day rate",
    denominator=None,
    source=w.north_somerset(3),
    unit=Unit.POUNDS,
    kind=Kind.COUNT,
    higher_is_better=False,
    basis=Basis.PERIOD,
    edge_cases=(
        w.YEAR,
        "No agency workers in the year: 0. Agency workers but none with a day rate: no figure. "
        "The FTE-weighted weekdays of agency spells without a day rate are given beside it "
        "(agency_days_without_rate), so an incomplete figure is visible.",
        "Bank holidays are not taken off: the figure is the cost of a five-day week.",
    ),
    detail=("agency_days_without_rate",),
)
def agency_spend(ctx: Context, by: str | None) -> pl.DataFrame:
    ran = ctx.points.select("point", "as_at", "period_start").join_where(
        ctx.spells.filter(pl.col("is_agency")),
        pl.col("start_date") <= pl.col("as_at"),
        pl.col("removal") > pl.col("period_start"),
    )
    first = pl.max_horizontal("start_date", "period_start")
    after_last = pl.min_horizontal(pl.col("removal"), pl.col("as_at") + pl.duration(days=1))
    days = pl.business_day_count(first, after_last).cast(pl.Float64) * pl.col("fte")
    ran = ran.with_columns(days.alias("days"), pl.col("day_rate").is_not_null().alias("rated"))
    spend = ran.group_by("point", Context.slice_expr(by)).agg(
        (pl.col("days") * pl.col("day_rate")).sum().alias("numerator"),
        pl.col("rated").any().alias("rated"),
        pl.col("days").filter(~pl.col("rated")).sum().alias("detail_agency_days_without_rate"),
    )
    return spend.with_columns(
        pl.when(pl.col("rated")).then(pl.col("numerator")).alias("numerator"),
        pl.lit(None, dtype=pl.Float64).alias("denominator"),
    ).drop("rated")
