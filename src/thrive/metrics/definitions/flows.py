"""Who came and who went: starters, leavers, turnover, stability, retention, service, promotion."""

from __future__ import annotations

import polars as pl

from thrive.codes import CareerGrade, OrgRole
from thrive.metrics import formulas
from thrive.metrics.context import Context
from thrive.metrics.definitions import wording as w
from thrive.metrics.definitions.shape import count, only_numerator, pair, senior_per_worker, total
from thrive.metrics.definitions.staffing import fte_in_post_totals, headcount_totals
from thrive.metrics.registry import Basis, Kind, Unit, register

FLOW_EDGE_CASES = (w.YEAR, w.AGENCY_NOT_LEAVERS, w.STARTER_LEAVER_BOTH, w.PART_YEAR)
PRACTITIONER_ROLES = (
    int(OrgRole.SENIOR_PRACTITIONER),
    int(OrgRole.CASE_HOLDER),
    int(OrgRole.QUALIFIED_WITHOUT_CASES),
)


@register(
    "starters_fte",
    label="FTE starters in the year",
    section=w.DFE,
    formula="Add up the FTE of the directly employed spells that start a worker's time with the "
    "council (those with a start origin) and begin in the year.",
    numerator="FTE of starting spells in the year",
    denominator=None,
    source=w.DFE_SOURCE,
    unit=Unit.FTE,
    kind=Kind.COUNT,
    higher_is_better=None,
    basis=Basis.PERIOD,
    edge_cases=(*FLOW_EDGE_CASES, w.SLICE_BY_SPELL),
    people="starters_headcount",
)
def starters_fte(ctx: Context, by: str | None) -> pl.DataFrame:
    return only_numerator(total(ctx.starter_spells, by, pl.col("fte")))


@register(
    "starters_headcount",
    label="Starters in the year (headcount)",
    section=w.DFE,
    formula="Count the workers with a starting spell (one with a start origin) in the year, "
    "each once.",
    numerator="workers who started in the year",
    denominator=None,
    source=w.DFE_SOURCE,
    unit=Unit.PEOPLE,
    kind=Kind.COUNT,
    higher_is_better=None,
    basis=Basis.PERIOD,
    edge_cases=(*FLOW_EDGE_CASES, "A worker who starts twice in the year counts once."),
)
def starters_headcount(ctx: Context, by: str | None) -> pl.DataFrame:
    return only_numerator(count(senior_per_worker(ctx.starter_spells), by))


@register(
    "leavers_fte",
    label="FTE leavers in the year",
    section=w.DFE,
    formula="Add up the FTE of the directly employed spells that end in the year with a reason "
    "for leaving.",
    numerator="FTE of leaving spells in the year",
    denominator=None,
    source=w.DFE_SOURCE + "; " + w.north_somerset(13),
    unit=Unit.FTE,
    kind=Kind.COUNT,
    higher_is_better=False,
    basis=Basis.PERIOD,
    edge_cases=(*FLOW_EDGE_CASES, w.MOVES_NOT_LEAVERS, w.SLICE_BY_SPELL),
    people="leavers_headcount",
)
def leavers_fte(ctx: Context, by: str | None) -> pl.DataFrame:
    return only_numerator(total(ctx.leaver_spells, by, pl.col("fte")))


@register(
    "leavers_headcount",
    label="Leavers in the year (headcount)",
    section=w.DFE,
    formula="Count the workers with a spell ending in the year with a reason for leaving, each "
    "once.",
    numerator="workers who left in the year",
    denominator=None,
    source=w.DFE_SOURCE + "; " + w.north_somerset(13),
    unit=Unit.PEOPLE,
    kind=Kind.COUNT,
    higher_is_better=False,
    basis=Basis.PERIOD,
    edge_cases=(*FLOW_EDGE_CASES, w.MOVES_NOT_LEAVERS),
)
def leavers_headcount(ctx: Context, by: str | None) -> pl.DataFrame:
    return only_numerator(count(senior_per_worker(ctx.leaver_spells), by))


@register(
    "turnover_rate",
    label="Turnover rate (FTE)",
    section=w.DFE,
    formula="FTE leavers in the year / FTE social workers in post at the as-at date x 100.",
    numerator="FTE leavers in the year (leavers_fte)",
    denominator="FTE social workers in post at the as-at date (fte_in_post)",
    source=w.DFE_SOURCE + "; " + w.north_somerset(11),
    unit=Unit.PERCENT,
    kind=Kind.RATE,
    higher_is_better=False,
    basis=Basis.PERIOD,
    edge_cases=(*FLOW_EDGE_CASES, w.MOVES_NOT_LEAVERS, w.SLICE_BY_SPELL),
    people=("leavers_headcount", "headcount_in_post"),
)
def turnover_rate(ctx: Context, by: str | None) -> pl.DataFrame:
    both = pair(
        total(ctx.leaver_spells, by, pl.col("fte")), fte_in_post_totals(ctx, by, "denominator")
    )
    numerator, denominator = formulas.turnover_rate(pl.col("numerator"), pl.col("denominator"))
    return both.with_columns(numerator.alias("numerator"), denominator.alias("denominator"))


@register(
    "turnover_rate_headcount",
    label="Turnover rate (headcount)",
    section=w.DFE,
    formula="Leavers in the year / social workers in post at the as-at date x 100, by head.",
    numerator="leavers in the year (leavers_headcount)",
    denominator="social workers in post at the as-at date (headcount_in_post)",
    source=w.DFE_SOURCE,
    unit=Unit.PERCENT,
    kind=Kind.RATE,
    higher_is_better=False,
    basis=Basis.PERIOD,
    edge_cases=(*FLOW_EDGE_CASES, w.MOVES_NOT_LEAVERS, w.TWO_ROLES_HEADCOUNT),
    people=("leavers_headcount", "headcount_in_post"),
)
def turnover_rate_headcount(ctx: Context, by: str | None) -> pl.DataFrame:
    return pair(
        count(senior_per_worker(ctx.leaver_spells), by), headcount_totals(ctx, by, "denominator")
    )


@register(
    "practitioner_turnover_rate",
    label="Turnover of practitioners (FTE)",
    section=w.STRATEGY,
    formula="As turnover_rate, counting only practitioner posts (census OrgRole 4 senior "
    "practitioner, 5 case holder, 6 qualified without cases): FTE practitioner leavers / FTE "
    "practitioners in post x 100.",
    numerator="FTE leavers from practitioner posts in the year",
    denominator="FTE in practitioner posts at the as-at date",
    source=w.north_somerset(11) + "; " + w.SOMERSET_SOURCE + " (turnover 8.3% for frontline)",
    unit=Unit.PERCENT,
    kind=Kind.RATE,
    higher_is_better=False,
    basis=Basis.PERIOD,
    edge_cases=(*FLOW_EDGE_CASES, w.MOVES_NOT_LEAVERS),
    share_of_people=True,
)
def practitioner_turnover_rate(ctx: Context, by: str | None) -> pl.DataFrame:
    practising = pl.col("org_role").is_in(PRACTITIONER_ROLES)
    return pair(
        total(ctx.leaver_spells.filter(practising), by, pl.col("fte")),
        total(ctx.employed_in_post.filter(practising), by, pl.col("fte"), "denominator"),
    )


def _stayers(ctx: Context, by: str | None, same_slice: bool) -> pl.DataFrame:
    """Of those in post a year earlier: still employed (anywhere, or in the same slice)."""
    opening = ctx.stock_start_employed.select("point", "pw", Context.slice_expr(by))
    closing = ctx.employed_workers.select(
        "pw", Context.slice_expr(by).alias("slice_now"), pl.lit(True).alias("there")
    )
    joined = opening.join(closing, on="pw", how="left")
    stayed = pl.col("there").fill_null(False)
    if same_slice and by is not None:
        # In the same slice: their senior post now, or another post they hold at the same time.
        also = (
            ctx.employed_in_post.filter(pl.col("concurrent_employed"))
            .select(ctx.pw(), Context.slice_expr(by))
            .unique()
            .with_columns(pl.lit(True).alias("also"))
        )
        joined = joined.join(also, on=["pw", "slice"], how="left", nulls_equal=True)
        stayed = pl.col("slice_now").eq_missing(pl.col("slice")) & stayed
        stayed = stayed | pl.col("also").fill_null(False)
    return joined.group_by("point", "slice").agg(
        stayed.cast(pl.Float64).sum().alias("numerator"),
        pl.len().cast(pl.Float64).alias("denominator"),
    )


@register(
    "stability_index",
    label="Stability index",
    section=w.STRATEGY,
    formula="Of the directly employed workers in post a year before the as-at date, the "
    "number still in post at the as-at date in the same slice (team, service, grade, contract "
    "or route; for the whole authority, anywhere in it) / the number in post a year before x 100.",
    numerator="workers in post a year earlier still in post, in the same slice",
    denominator="workers in post a year earlier",
    source=w.north_somerset(14) + "; " + w.SKILLS_FOR_CARE,
    unit=Unit.PERCENT,
    kind=Kind.RATE,
    higher_is_better=True,
    basis=Basis.PERIOD,
    edge_cases=(
        w.IN_POST,
        "Each worker is placed in the slice of their more senior post a year earlier; a worker "
        "who has moved to another team is stable for the authority but not for the team.",
        "A leaver who came back within the year counts as still in post.",
    ),
    adds_up=False,
    share_of_people=True,
)
def stability_index(ctx: Context, by: str | None) -> pl.DataFrame:
    return _stayers(ctx, by, same_slice=True)


@register(
    "retention_rate",
    label="Retention rate (still with the council a year on)",
    section=w.STRATEGY,
    formula="Of the directly employed workers in post a year before the as-at date, the number "
    "still directly employed anywhere in the council at the as-at date / the number in post a "
    "year before x 100.",
    numerator="workers in post a year earlier still employed by the council",
    denominator="workers in post a year earlier",
    source=w.north_somerset(9),
    unit=Unit.PERCENT,
    kind=Kind.RATE,
    higher_is_better=True,
    basis=Basis.PERIOD,
    edge_cases=(
        w.IN_POST,
        "Sliced by each worker's post a year earlier; a move inside the council keeps them "
        "retained (unlike the stability index).",
    ),
    share_of_people=True,
)
def retention_rate(ctx: Context, by: str | None) -> pl.DataFrame:
    return _stayers(ctx, by, same_slice=False)


@register(
    "average_years_in_service",
    label="Average years in service",
    section=w.STRATEGY,
    formula="For each directly employed worker in post: years from the start of their "
    "continuous time with the council to the as-at date (days / 365.25); add them up and divide "
    "by the number of workers.",
    numerator="total years in service of the workers in post",
    denominator="directly employed workers in post (headcount_in_post)",
    source=w.north_somerset(9),
    unit=Unit.YEARS,
    kind=Kind.RATIO,
    higher_is_better=True,
    basis=Basis.AS_AT,
    edge_cases=(
        w.IN_POST,
        "Continuous time starts at the spell with a start origin, or after any gap; moves "
        "inside the council do not restart it, a leaver who returns starts again.",
        "Time as an agency worker before joining does not count.",
    ),
)
def average_years_in_service(ctx: Context, by: str | None) -> pl.DataFrame:
    years = (pl.col("as_at") - pl.col("service_start")).dt.total_days() / 365.25
    return pair(total(ctx.employed_workers, by, years), headcount_totals(ctx, by, "denominator"))


@register(
    "progressions_to_senior_practitioner",
    label="Social workers progressing to senior practitioner",
    section=w.STRATEGY,
    formula="Count the workers with a directly employed senior practitioner spell beginning in "
    "the year the day after a social worker or ASYE spell of theirs ended.",
    numerator="workers promoted to senior practitioner in the year",
    denominator=None,
    source=w.north_somerset(10),
    unit=Unit.PEOPLE,
    kind=Kind.COUNT,
    higher_is_better=True,
    basis=Basis.PERIOD,
    edge_cases=(
        w.YEAR,
        "Someone hired as a senior practitioner is a starter, not a progression.",
        "Sliced by the senior practitioner post.",
    ),
)
def progressions_to_senior_practitioner(ctx: Context, by: str | None) -> pl.DataFrame:
    spells = ctx.employed_spells
    before = spells.filter(
        pl.col("grade").is_in([CareerGrade.ASYE.value, CareerGrade.SOCIAL_WORKER.value])
        & pl.col("end_date").is_not_null()
        & ~pl.col("is_leaver")
    ).select("worker_id", (pl.col("end_date") + pl.duration(days=1)).alias("start_date"))
    promoted = spells.filter(pl.col("grade") == CareerGrade.SENIOR_PRACTITIONER.value).join(
        before.unique(), on=["worker_id", "start_date"], how="semi"
    )
    in_year = senior_per_worker(ctx.in_period(promoted, "start_date"))
    return only_numerator(count(in_year, by))
