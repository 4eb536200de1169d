"""Practice and support: supervision, appraisal, span of control, sickness absence, schemes."""

from __future__ import annotations

from datetime import date

import polars as pl

from thrive.codes import DevelopmentScheme, ReasonAbsence
from thrive.frames.dates import in_post_on
from thrive.frames.workforce import WorkforceFrames
from thrive.metrics import formulas
from thrive.metrics.context import FAR_FUTURE, SLICE_COLUMNS, Context
from thrive.metrics.definitions import wording as w
from thrive.metrics.definitions.shape import count, only_numerator, pair, total
from thrive.metrics.definitions.staffing import fte_in_post_totals
from thrive.metrics.registry import Basis, Kind, Unit, register


def _current(frame: pl.DataFrame, ctx: Context) -> pl.DataFrame:
    """Rows of a dated record (inclusive start and end) that hold at each point."""
    dated = frame.with_columns(pl.col("end_date").fill_null(FAR_FUTURE).alias("holds_until"))
    return ctx.points.select("point", "as_at").join_where(
        dated, pl.col("start_date") <= pl.col("as_at"), pl.col("holds_until") >= pl.col("as_at")
    )


@register(
    "supervised_share",
    label="Staff supervised in the month",
    section=w.SOMERSET,
    formula="Workers in post at the as-at date (agency included) who had at least one "
    "supervision session in the month ending on it / workers in post x 100.",
    numerator="workers in post with a supervision session in the month",
    denominator="workers in post (agency included)",
    source=w.SOMERSET_SOURCE + " (90% supervised monthly); " + w.LGA,
    unit=Unit.PERCENT,
    kind=Kind.RATE,
    higher_is_better=True,
    basis=Basis.AS_AT,
    edge_cases=(
        w.IN_POST,
        "The month is the calendar month when the as-at date is a month end; otherwise the "
        "month up to the as-at date (e.g. 16 August to 15 September).",
        "Any kind of session counts: individual, group or reflective.",
        "Someone who started during the month is still expected to have been supervised.",
    ),
    share_of_people=True,
)
def supervised_share(ctx: Context, by: str | None) -> pl.DataFrame:
    sessions = ctx.in_period(ctx.frames.supervisions, "date", month=True)
    seen = sessions.select(ctx.pw()).unique().sort("pw")
    workers = ctx.all_workers.join(
        seen.with_columns(pl.lit(True).alias("supervised")), on="pw", how="left"
    )
    return pair(
        total(workers, by, pl.col("supervised").fill_null(False).cast(pl.Float64)),
        count(workers, by, "denominator"),
    )


@register(
    "appraisal_completion",
    label="Appraisals completed",
    section=w.SOMERSET,
    formula="Of the appraisals due in the year for workers in post on their due date, the number "
    "completed by the as-at date / the number due x 100.",
    numerator="appraisals due in the year and completed by the as-at date",
    denominator="appraisals due in the year for workers in post on the due date",
    source=w.SOMERSET_SOURCE + " (appraisal completion 73%, 90% in commissioning)",
    unit=Unit.PERCENT,
    kind=Kind.RATE,
    higher_is_better=True,
    basis=Basis.PERIOD,
    edge_cases=(
        w.YEAR,
        "An appraisal completed late (after its due date but by the as-at date) counts as "
        "completed.",
        "An appraisal falling due after the worker left is not counted.",
        "Sliced by the worker's post on the due date.",
    ),
    share_of_people=True,
)
def appraisal_completion(ctx: Context, by: str | None) -> pl.DataFrame:
    due = ctx.placed_in_period("appraisals", ctx.frames.appraisals, "due_date")
    due = due.filter(pl.col("in_post_then"))
    done = pl.col("completed_date").is_not_null() & (pl.col("completed_date") <= pl.col("as_at"))
    return pair(total(due, by, done.cast(pl.Float64)), count(due, by, "denominator"))


def direct_reports(frames: WorkforceFrames, manager_id: int, on: date) -> int:
    """One manager's direct reports on a date: the count behind the span of control.

    The same rule as :func:`spans`: a line-management record holds from its start date to its
    end date inclusive; a report is counted once however many records link them.
    """
    lines = frames.line_management.filter((pl.col("manager_id") == manager_id) & in_post_on(on))
    return lines["report_id"].n_unique()


def spans(ctx: Context) -> pl.DataFrame:
    """Managers at each point with the number of direct reports they have then."""

    def build() -> pl.DataFrame:
        lines = _current(ctx.frames.line_management, ctx)
        per_manager = (
            lines.group_by(ctx.pw("manager_id"))
            .agg(pl.len().cast(pl.Float64).alias("reports"))
            .sort("pw")
        )
        managers = ctx.all_workers.select("pw", *SLICE_COLUMNS)
        return per_manager.join(managers, on="pw", how="left").with_columns(
            (pl.col("pw") // ctx.pw_base).cast(pl.Int32).alias("point")
        )

    return ctx.memo("spans", build)


SPAN_EDGE_CASES = (
    "Line management records hold from their start date to their end date inclusive.",
    "A manager is anyone with at least one direct report at the as-at date.",
    "Sliced by the manager's own post; a manager not in post is counted under '(not recorded)'.",
)


@register(
    "span_of_control",
    label="Average span of control (direct reports per manager)",
    section=w.SOMERSET,
    formula="Direct reports at the as-at date / managers with at least one direct report.",
    numerator="direct reporting lines at the as-at date",
    denominator="managers with direct reports",
    source=w.SOMERSET_SOURCE + " (at most 6 direct reports per manager)",
    unit=Unit.REPORTS,
    kind=Kind.RATIO,
    higher_is_better=False,
    basis=Basis.AS_AT,
    edge_cases=SPAN_EDGE_CASES,
)
def span_of_control(ctx: Context, by: str | None) -> pl.DataFrame:
    managers = spans(ctx)
    return pair(total(managers, by, pl.col("reports")), count(managers, by, "denominator"))


@register(
    "managers_over_span",
    label="Managers with more direct reports than the target",
    section=w.SOMERSET,
    formula="Count the managers with more direct reports than the span-of-control target (6 "
    "unless set); the denominator is the number of managers.",
    numerator="managers over the span-of-control target",
    denominator="managers with direct reports",
    source=w.SOMERSET_SOURCE + " (at most 6 direct reports per manager)",
    unit=Unit.PEOPLE,
    kind=Kind.COUNT,
    higher_is_better=False,
    basis=Basis.AS_AT,
    edge_cases=(*SPAN_EDGE_CASES, "The target is the authority's span_of_control target."),
)
def managers_over_span(ctx: Context, by: str | None) -> pl.DataFrame:
    managers = spans(ctx)
    over = (pl.col("reports") > ctx.options.span_of_control_target).cast(pl.Float64)
    return pair(total(managers, by, over), count(managers, by, "denominator"))


@register(
    "largest_span_of_control",
    label="Largest span of control",
    section=w.SOMERSET,
    formula="The most direct reports any one manager has at the as-at date.",
    numerator="the largest number of direct reports of one manager",
    denominator=None,
    source=w.SOMERSET_SOURCE + " (at most 6 direct reports per manager)",
    unit=Unit.PEOPLE,
    kind=Kind.MAXIMUM,
    higher_is_better=False,
    basis=Basis.AS_AT,
    edge_cases=SPAN_EDGE_CASES,
)
def largest_span_of_control(ctx: Context, by: str | None) -> pl.DataFrame:
    largest = (
        spans(ctx)
        .group_by("point", Context.slice_expr(by))
        .agg(pl.col("reports").max().alias("numerator"))
    )
    return only_numerator(largest)


def sickness_days(ctx: Context, by: str | None) -> pl.DataFrame:
    """Working days lost to sickness in each point's year by directly employed workers."""

    def build() -> pl.DataFrame:
        sick = ctx.frames.absences.filter(pl.col("reason") == ReasonAbsence.SICKNESS.value)
        first_day, last_day = ctx.points["period_start"].min(), ctx.points["as_at"].max()
        sick = sick.filter((pl.col("start_date") <= last_day) & (pl.col("end_date") >= first_day))
        # Placed once, by the worker's post on the absence's first day (directly employed).
        sick = ctx.post_on(sick, "start_date", employed_only=True).filter(pl.col("in_post_then"))
        spanning = ctx.points.select("point", "as_at", "period_start").join_where(
            sick,
            pl.col("start_date") <= pl.col("as_at"),
            pl.col("end_date") >= pl.col("period_start"),
        )
        inside = (pl.col("start_date") >= pl.col("period_start")) & (
            pl.col("end_date") <= pl.col("as_at")
        )
        whole = spanning.filter(inside).with_columns(
            pl.col("working_days_lost").alias("days_in_year")
        )
        # Only an absence over the start or end of the year needs its share worked out.
        first = pl.max_horizontal("start_date", "period_start")
        last = pl.min_horizontal("end_date", "as_at")
        day = pl.duration(days=1)
        weekdays_in = pl.business_day_count(first, last + day)
        weekdays_all = pl.business_day_count(pl.col("start_date"), pl.col("end_date") + day)
        days_in = (last - first).dt.total_days() + 1
        days_all = (pl.col("end_date") - pl.col("start_date")).dt.total_days() + 1
        share = (
            pl.when(weekdays_all > 0)
            .then(weekdays_in.cast(pl.Float64) / weekdays_all)
            .otherwise(days_in.cast(pl.Float64) / days_all)
        )
        part = spanning.filter(~inside).with_columns(
            (pl.col("working_days_lost") * share).alias("days_in_year")
        )
        return pl.concat([whole, part])

    return total(ctx.memo("sickness", build), by, pl.col("days_in_year"))


ABSENCE_EDGE_CASES = (
    w.YEAR,
    "Only sickness (reason SIC) counts; maternity, training and other absences do not.",
    "An absence running over the start or end of the year counts the share of its working days "
    "lost that falls in the year, pro rata to the weekdays inside it.",
    "Only absence while directly employed counts (agency workers are not in the census's "
    "absence figures); it is sliced by the worker's post on the first day of the absence.",
)


@register(
    "working_days_lost",
    label="Working days lost to sickness",
    section=w.DFE,
    formula="Add up the working days lost to sickness absence in the year by directly employed "
    "workers.",
    numerator="working days lost to sickness in the year",
    denominator=None,
    source=w.DFE_SOURCE,
    unit=Unit.DAYS,
    kind=Kind.COUNT,
    higher_is_better=False,
    basis=Basis.PERIOD,
    edge_cases=ABSENCE_EDGE_CASES,
)
def working_days_lost(ctx: Context, by: str | None) -> pl.DataFrame:
    return only_numerator(sickness_days(ctx, by))


@register(
    "absence_rate",
    label="Sickness absence rate",
    section=w.DFE,
    formula="Working days lost to sickness in the year / (FTE social workers in post at the "
    "as-at date x 253) x 100.",
    numerator="working days lost to sickness in the year (working_days_lost)",
    denominator="FTE social workers in post x 253 working days (fte_in_post x 253)",
    source=w.DFE_SOURCE,
    unit=Unit.PERCENT,
    kind=Kind.RATE,
    higher_is_better=False,
    basis=Basis.PERIOD,
    edge_cases=(*ABSENCE_EDGE_CASES, "253 is the option working_days_per_year."),
    caveat=formulas.ABSENCE_CAVEAT,
)
def absence_rate(ctx: Context, by: str | None) -> pl.DataFrame:
    both = pair(sickness_days(ctx, by), fte_in_post_totals(ctx, by, "denominator"))
    numerator, denominator = formulas.absence_rate(
        pl.col("numerator"), pl.col("denominator"), ctx.options.working_days_per_year
    )
    return both.with_columns(numerator.alias("numerator"), denominator.alias("denominator"))


@register(
    "aspirant_managers",
    label="Social workers on the aspirant manager scheme",
    section=w.STRATEGY,
    formula="Count the workers in post at the as-at date who are members of the aspirant "
    "manager scheme that day.",
    numerator="workers in post on the aspirant manager scheme",
    denominator=None,
    source=w.north_somerset(12),
    unit=Unit.PEOPLE,
    kind=Kind.COUNT,
    higher_is_better=True,
    basis=Basis.AS_AT,
    edge_cases=(w.IN_POST, "Scheme membership holds from its start to its end date inclusive."),
)
def aspirant_managers(ctx: Context, by: str | None) -> pl.DataFrame:
    scheme = ctx.frames.schemes.filter(pl.col("scheme") == DevelopmentScheme.ASPIRANT_MANAGER.value)
    members = _current(scheme, ctx).select(ctx.pw()).unique().sort("pw")
    in_post = ctx.all_workers.join(members, on="pw", how="semi")
    return only_numerator(count(in_post, by))
