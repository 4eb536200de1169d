"""Training and induction: mandatory training compliance, what is overdue and due soon, and how
long inductions take (agency workers included)."""

from __future__ import annotations

import polars as pl

from thrive.metrics.context import Context
from thrive.metrics.definitions import wording as w
from thrive.metrics.definitions.shape import count, only_numerator, pair, total
from thrive.metrics.registry import Basis, Kind, Unit, register
from thrive.metrics.training_status import (
    DUE_SOON_DAYS,
    FIRST_DUE_DAYS,
    course_status,
    due_within,
    required_courses,
)

SOURCE = (
    "North Somerset Children's Services Workforce Development Strategy 2021-2024 (induction, "
    "including for locums; whole-service training); the council's own course catalogue"
)
WHO = (
    "Those required: every worker in post at the as-at date (agency workers included), of every "
    "staff group (social workers and the council's other staff: family support workers, early "
    "help officers...), each mandatory course whose lists of who must take it (grades, census "
    "OrgRoles, contract types, staff groups) all match their post; a list left empty matches "
    "everyone, so a course with no staff group listed is every group's. Sliced by the worker's "
    "senior post. Unlike the other measures, the whole authority's figure counts every staff "
    "group, and the social_worker slice (--by staff_group) counts social workers alone."
)
LASTS = (
    "A completion lasts the course's renewal months (for ever if it is taken once); a course "
    "never completed is due 90 days after the worker's post started."
)
EMPTY = "Empty (no figure) when the store has no course catalogue."


def _everyone(ctx: Context) -> pl.DataFrame:
    """Each worker in post at each point, of every staff group in ``all_spells`` (their senior
    post, with its ``staff_group``), as ``all_workers`` is for social workers."""
    frames = ctx.frames.with_frames(spells=ctx.frames.all_spells)
    return Context(frames, ctx.points, ctx.options).all_workers


def _status(ctx: Context) -> pl.DataFrame:
    """Each worker in post, each mandatory course they must take, and where it stands."""

    def build() -> pl.DataFrame:
        required = required_courses(_everyone(ctx), ctx.frames.courses)
        return course_status(required, ctx.frames.completions)

    return ctx.memo("training status", build)


def _people_with(ctx: Context, by: str | None, flag: pl.Expr) -> pl.DataFrame:
    flagged = _status(ctx).filter(flag).unique(["point", "worker_id"])
    return only_numerator(count(flagged, by))


@register(
    "training_compliance",
    label="Mandatory training up to date",
    section=w.TRAINING,
    formula="Mandatory courses that those required have completed and whose completion has not "
    "expired at the as-at date / mandatory courses required of the workers in post x 100 (one "
    "per worker and course).",
    numerator="Required courses completed and in date",
    denominator="Mandatory courses required of the workers in post",
    source=SOURCE,
    unit=Unit.PERCENT,
    kind=Kind.RATE,
    higher_is_better=True,
    basis=Basis.AS_AT,
    edge_cases=(WHO, LASTS, EMPTY),
    share_of_people=True,
)
def training_compliance(ctx: Context, by: str | None) -> pl.DataFrame:
    status = _status(ctx)
    return pair(
        total(status, by, pl.col("compliant").cast(pl.Float64)), count(status, by, "denominator")
    )


@register(
    "training_compliance_by_course",
    label="Mandatory training up to date, by course",
    section=w.TRAINING,
    formula="For each mandatory course: those required who have completed it and whose "
    "completion has not expired at the as-at date / those required to take it x 100.",
    numerator="Workers required to take the course with it completed and in date",
    denominator="Workers required to take the course",
    source=SOURCE,
    unit=Unit.PERCENT,
    kind=Kind.RATE,
    higher_is_better=True,
    basis=Basis.AS_AT,
    breakdown="course",
    edge_cases=(WHO, LASTS, EMPTY, w.SUPPRESSION),
    suppressible=True,
)
def training_compliance_by_course(ctx: Context, by: str | None) -> pl.DataFrame:
    status = _status(ctx)
    done = total(status, by, pl.col("compliant").cast(pl.Float64), group="course")
    return pair(done, count(status, by, "denominator", group="course"))


@register(
    "training_overdue",
    label="Workers overdue for mandatory training",
    section=w.TRAINING,
    formula="Count the workers in post at the as-at date with at least one mandatory course "
    "overdue: its completion expired on or before the as-at date, or never completed and more "
    f"than {FIRST_DUE_DAYS} days since their post started.",
    numerator="Workers with a mandatory course overdue",
    denominator=None,
    source=SOURCE,
    unit=Unit.PEOPLE,
    kind=Kind.COUNT,
    higher_is_better=False,
    basis=Basis.AS_AT,
    edge_cases=(WHO, LASTS, "A worker overdue on several courses counts once.", EMPTY),
)
def training_overdue(ctx: Context, by: str | None) -> pl.DataFrame:
    return _people_with(ctx, by, pl.col("overdue"))


def _register_due_soon(days: int) -> None:
    @register(
        f"training_due_{days}_days",
        label=f"Workers with mandatory training due within {days} days",
        section=w.TRAINING,
        formula=f"Count the workers in post at the as-at date with at least one mandatory course "
        f"due in the {days} days after it (not yet overdue).",
        numerator=f"Workers with a mandatory course due within {days} days",
        denominator=None,
        source=SOURCE,
        unit=Unit.PEOPLE,
        kind=Kind.COUNT,
        higher_is_better=None,
        basis=Basis.AS_AT,
        edge_cases=(
            WHO,
            LASTS,
            "A worker with several courses due counts once; one already overdue on another "
            "course counts here too.",
            EMPTY,
        ),
    )
    def due_soon(ctx: Context, by: str | None) -> pl.DataFrame:
        return _people_with(ctx, by, due_within(days))


for _days in DUE_SOON_DAYS:
    _register_due_soon(_days)


def _inductions_done(ctx: Context) -> pl.DataFrame:
    def build() -> pl.DataFrame:
        done = ctx.frames.inductions.filter(pl.col("completed_date").is_not_null())
        placed = ctx.placed_in_period("inductions", done, "completed_date", "start_date")
        days = (pl.col("completed_date") - pl.col("start_date")).dt.total_days()
        return placed.with_columns(days.cast(pl.Float64).alias("days"))

    return ctx.memo("inductions done", build)


INDUCTION_EDGES = (
    w.YEAR,
    "Agency workers are counted with the rest: slice by contract to set agency beside permanent.",
    "Sliced by the worker's post on the day the induction started.",
    "An induction not yet completed is not counted until it is.",
)


@register(
    "inductions_completed",
    label="Inductions completed",
    section=w.TRAINING,
    formula="Count the inductions completed in the year (completed date in the year).",
    numerator="Inductions completed in the year",
    denominator=None,
    source=SOURCE,
    unit=Unit.PEOPLE,
    kind=Kind.COUNT,
    higher_is_better=None,
    basis=Basis.PERIOD,
    edge_cases=INDUCTION_EDGES,
)
def inductions_completed(ctx: Context, by: str | None) -> pl.DataFrame:
    return only_numerator(count(_inductions_done(ctx), by))


@register(
    "induction_average_days",
    label="Average days from starting to induction complete",
    section=w.TRAINING,
    formula="For the inductions completed in the year: the days from the start date to the "
    "completed date, added up / the number of inductions completed.",
    numerator="Days from start to induction complete, added up",
    denominator="Inductions completed in the year (inductions_completed)",
    source=SOURCE,
    unit=Unit.CALENDAR_DAYS,
    kind=Kind.RATIO,
    higher_is_better=False,
    basis=Basis.PERIOD,
    edge_cases=(
        *INDUCTION_EDGES,
        "An induction completed on the day it started counts 0 days.",
        "The median (the middle induction's days; with an even number, halfway between the "
        "middle two) is given beside it (median_days), so a few long inductions show as such.",
    ),
    people="inductions_completed",
    detail=("median_days",),
    adds_up=False,  # the median is not its slices' added up: the whole is worked out itself
)
def induction_average_days(ctx: Context, by: str | None) -> pl.DataFrame:
    return (
        _inductions_done(ctx)
        .group_by("point", Context.slice_expr(by))
        .agg(
            pl.col("days").sum().alias("numerator"),
            pl.len().cast(pl.Float64).alias("denominator"),
            pl.col("days").median().alias("detail_median_days"),
        )
    )
