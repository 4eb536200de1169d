"""Children's continuity: changes of social worker (the Stability Index) and children waiting.

Read from the ``allocations`` frame: each child's spells, with a worker or waiting (no worker).
A *change of social worker* is an allocated spell whose worker differs from the child's previous
allocated worker in the same episode of care (spells following one another with no gap); a wait in
between does not hide it, and a first allocation is not a change. A change is dated by the new
spell's start, and caused by how the previous allocation ended (``end_reason``).
"""

from __future__ import annotations

import polars as pl

from thrive.codes.children import INTERNAL_ENDS, LEAVING_ENDS
from thrive.metrics.context import FAR_FUTURE, Context
from thrive.metrics.definitions import wording as w
from thrive.metrics.definitions.shape import count, pair, total
from thrive.metrics.registry import CHILD_DIMENSIONS, Basis, Kind, Unit, register
from thrive.metrics.workers import named_teams

BANDS = ("0", "1", "2", "3+")
CAUSES = ("worker_left", "internal_move", "other")
EPISODE = (
    "An episode of care is a run of a child's spells each starting no later than the day after "
    "the last ended; a closed case reopened later is a new episode."
)
CHANGE = (
    "A change of social worker is an allocated spell whose worker differs from the child's "
    "previous allocated worker in the same episode (a wait in between does not hide it); a "
    "first allocation is not a change."
)


def spells(ctx: Context) -> pl.DataFrame:
    """Every spell with its team, service, episode and the day the episode ``began``, and (for
    allocated spells) whether it began a change of social worker, its cause and ``why`` (how the
    previous allocation in the episode ended: an ``AllocationEnd`` code, or null).

    Built from the frames alone, once per frames (:meth:`WorkforceFrames.derived`): every
    measure pass over the same store version shares it. Only the columns the measures read are
    kept (two million rows at scale 20)."""
    frames = ctx.frames
    return frames.derived("child spells", lambda: child_spells(frames.allocations, frames.teams))


def child_spells(allocations: pl.DataFrame, teams: pl.DataFrame) -> pl.DataFrame:
    """:func:`spells` from the allocation spells and the teams."""
    frame = allocations.select(
        "child",
        "worker_id",
        "team_id",
        "case_type",
        "start_date",
        "end_date",
        "complexity",
        "end_reason",
    ).join(
        # as categories: a team's and a service's name once, not on each of two million rows
        named_teams(teams).with_columns(pl.col("team", "service").cast(pl.Categorical)),
        on="team_id",
        how="left",
    )
    frame = frame.sort("child", "start_date").with_columns(
        pl.col("end_date").fill_null(FAR_FUTURE).alias("until")
    )
    previous_end = _previous("until", within="child")
    new_episode = previous_end.is_null() | (
        pl.col("start_date") > previous_end + pl.duration(days=1)
    )
    frame = frame.with_columns(
        new_episode.cum_sum().alias("episode"),
        pl.when(new_episode).then(pl.col("start_date")).forward_fill().alias("began"),
    )
    # the previous allocated spell's worker and end reason, over the waits between: carried
    # forward from the allocated spells (a null reason as "", so it is not skipped), and taken
    # when that spell is of the same episode (no filtered copy joined back: less memory)
    held = pl.col("worker_id").is_not_null()

    def carried(value: pl.Expr) -> pl.Expr:
        return pl.when(held).then(value).forward_fill().shift(1)

    same = carried(pl.col("episode")) == pl.col("episode")
    before = pl.when(same).then(carried(pl.col("worker_id")))
    why = pl.when(same).then(carried(pl.col("end_reason").fill_null(""))).replace("", None)
    frame = frame.with_columns(
        (held & before.is_not_null() & (before != pl.col("worker_id"))).alias("change"),
        pl.when(~held)
        .then(pl.lit(None, pl.String))
        .when(why.is_in(list(LEAVING_ENDS)))
        .then(pl.lit("worker_left"))
        .when(why.is_in(list(INTERNAL_ENDS)))
        .then(pl.lit("internal_move"))
        .otherwise(pl.lit("other"))
        .alias("cause"),
        pl.when(held).then(why).alias("why"),
    )
    return frame.drop("end_reason")


def _previous(column: str, *, within: str) -> pl.Expr:
    """``column`` of the row before, in a frame sorted so each ``within`` group's rows are
    together (null on a group's first row): ``shift(1).over(within)`` without grouping, which
    took seconds with the tens of thousands of children a council has."""
    return pl.when(pl.col(within) == pl.col(within).shift(1)).then(pl.col(column).shift(1))


def _open_at(ctx: Context) -> pl.DataFrame:
    """Each child's spell open at each point (one at most: spells do not overlap)."""

    def build() -> pl.DataFrame:
        return ctx.points.select("point", "as_at", "period_start").join_where(
            spells(ctx),
            pl.col("start_date") <= pl.col("as_at"),
            pl.col("until") >= pl.col("as_at"),
        )

    return ctx.memo("child spells open", build)


def _changes_in_year(ctx: Context) -> pl.DataFrame:
    """Each change of social worker in the year to each point."""
    return ctx.memo(
        "changes of social worker",
        lambda: ctx.points.select("point", "as_at", "period_start").join_where(
            spells(ctx).filter(pl.col("change")),
            pl.col("start_date") >= pl.col("period_start"),
            pl.col("start_date") <= pl.col("as_at"),
        ),
    )


def children_counted(ctx: Context) -> pl.DataFrame:
    """The Stability Index's children: open at the point and throughout the year to it (their
    episode began on or before the year's first day), with their changes in the year."""

    def build() -> pl.DataFrame:
        counted = _open_at(ctx).filter(pl.col("began") <= pl.col("period_start"))
        changes = _changes_in_year(ctx).group_by("point", "episode").agg(pl.len().alias("n"))
        counted = counted.join(changes, on=["point", "episode"], how="left")
        n = pl.col("n").fill_null(0)
        band = pl.when(n >= 3).then(pl.lit("3+")).otherwise(n.cast(pl.String))
        return counted.with_columns(n.alias("changes"), band.alias("band"))

    return ctx.memo("children counted for stability", build)


def counted_changes(ctx: Context) -> pl.DataFrame:
    """Each change of social worker in the year of each child the Stability Index counts (at
    each point): the rows :func:`children_counted`'s ``changes`` counts, one per change, with
    the child's team on the point (``team_id``), the change's date (``start_date``), ``cause``
    and ``why``. For listing a team's children with their changes (the allocation page)."""
    counted = children_counted(ctx).select("point", "episode", "child", "team_id")
    changes = _changes_in_year(ctx).select("point", "episode", "start_date", "cause", "why")
    return counted.join(changes, on=["point", "episode"])


@register(
    "children_by_changes_of_social_worker",
    label="Children by changes of social worker in the year (0, 1, 2, 3+)",
    section=w.CONTINUITY,
    formula="For each child open on the as-at date whose episode of care began on or before the "
    "year's first day, count the changes of social worker in the 12 months to the as-at date; "
    "each group's share = children with that many changes / children counted x 100.",
    numerator="children with 0, 1, 2 or 3 or more changes of social worker in the year",
    denominator="children open throughout the year (episode began on or before its first day)",
    source=w.STABILITY_INDEX,
    unit=Unit.PERCENT,
    kind=Kind.RATE,
    higher_is_better=None,
    basis=Basis.PERIOD,
    slices=CHILD_DIMENSIONS,
    breakdown="changes of social worker",
    groups=BANDS,
    suppressible=True,
    reads=("allocations",),
    edge_cases=(
        w.ALLOCATION_SPELLS,
        EPISODE,
        CHANGE,
        "The Stability Index counts children in care only; here every case type is counted, and "
        "slicing by case_type gives the children looked after alone (by their case type on the "
        "as-at date; team and service likewise).",
        "A child who came into the service during the year is not counted (as in the index).",
        w.YEAR,
        w.SUPPRESSION,
        w.NO_ALLOCATIONS,
    ),
)
def children_by_changes(ctx: Context, by: str | None) -> pl.DataFrame:
    counted = children_counted(ctx)
    return pair(count(counted, by, group="band"), _spread(count(counted, by, "denominator")))


def _spread(denominator: pl.DataFrame) -> pl.DataFrame:
    """A denominator (per point and slice) repeated for every group, so every band is listed."""
    groups = pl.DataFrame({"group": list(BANDS)})
    return denominator.join(groups, how="cross")


@register(
    "changes_of_social_worker_by_cause",
    label="Changes of social worker by cause: worker left or internal move",
    section=w.CONTINUITY,
    formula="Changes of social worker in the 12 months to the as-at date, by how the previous "
    "allocation ended: the worker left (worker_left), an internal move (stage_transfer or "
    "rebalancing) or other (case closed and reopened with another worker, or no reason "
    "recorded); each share = changes of that cause / all changes x 100.",
    numerator="changes of social worker of the cause",
    denominator="all changes of social worker in the year",
    source=w.STABILITY_INDEX + "; the end reasons of the allocation records",
    unit=Unit.PERCENT,
    kind=Kind.RATE,
    higher_is_better=None,
    basis=Basis.PERIOD,
    slices=CHILD_DIMENSIONS,
    breakdown="cause",
    groups=CAUSES,
    suppressible=True,
    reads=("allocations",),
    edge_cases=(
        w.ALLOCATION_SPELLS,
        CHANGE,
        "Every child's changes count here, not only those open all year; a change is sliced by "
        "the new allocation's team, service and case type.",
        w.YEAR,
        w.SUPPRESSION,
    ),
)
def changes_by_cause(ctx: Context, by: str | None) -> pl.DataFrame:
    changes = _changes_in_year(ctx)
    return pair(
        count(changes, by, group="cause"), _spread_causes(count(changes, by, "denominator"))
    )


def _spread_causes(denominator: pl.DataFrame) -> pl.DataFrame:
    return denominator.join(pl.DataFrame({"group": list(CAUSES)}), how="cross")


@register(
    "changes_per_child",
    label="Changes of social worker per child open all year",
    section=w.CONTINUITY,
    formula="Changes of social worker in the 12 months to the as-at date of the children open "
    "throughout the year / those children.",
    numerator="changes of social worker of the children counted",
    denominator="children open throughout the year",
    source=w.STABILITY_INDEX,
    unit=Unit.CHANGES,
    kind=Kind.RATIO,
    higher_is_better=False,
    basis=Basis.PERIOD,
    slices=CHILD_DIMENSIONS,
    reads=("allocations",),
    edge_cases=(w.ALLOCATION_SPELLS, EPISODE, CHANGE, w.YEAR, w.NO_ALLOCATIONS),
)
def changes_per_child(ctx: Context, by: str | None) -> pl.DataFrame:
    counted = children_counted(ctx)
    return pair(total(counted, by, pl.col("changes")), count(counted, by, "denominator"))


def _waiting(ctx: Context) -> pl.DataFrame:
    return ctx.memo("children waiting", lambda: _open_at(ctx).filter(pl.col("worker_id").is_null()))


@register(
    "children_waiting",
    label="Children waiting unallocated",
    section=w.CONTINUITY,
    formula="Children whose open spell on the as-at date has no worker / children with an open "
    "spell on the as-at date x 100.",
    numerator="children waiting with no allocated worker",
    denominator="children with an open case (allocated or waiting)",
    source="Children's allocation records; Ofsted ILACS (children waiting for allocation)",
    unit=Unit.PERCENT,
    kind=Kind.RATE,
    higher_is_better=False,
    basis=Basis.AS_AT,
    slices=CHILD_DIMENSIONS,
    reads=("allocations",),
    edge_cases=(
        w.ALLOCATION_SPELLS,
        "A child waits in the team named on the waiting spell (a new referral's front door).",
        w.NO_ALLOCATIONS,
    ),
    share_of_people=True,
)
def children_waiting(ctx: Context, by: str | None) -> pl.DataFrame:
    return pair(count(_waiting(ctx), by), count(_open_at(ctx), by, "denominator"))


@register(
    "longest_wait_days",
    label="Longest wait for a social worker (days so far)",
    section=w.CONTINUITY,
    formula="The most days any child waiting on the as-at date has waited so far (as-at date - "
    "start of the wait + 1).",
    numerator="the longest wait so far, in days",
    denominator=None,
    source="Children's allocation records",
    unit=Unit.CALENDAR_DAYS,
    kind=Kind.MAXIMUM,
    higher_is_better=False,
    basis=Basis.AS_AT,
    slices=CHILD_DIMENSIONS,
    reads=("allocations",),
    edge_cases=(w.ALLOCATION_SPELLS, "No row when no child is waiting."),
)
def longest_wait(ctx: Context, by: str | None) -> pl.DataFrame:
    days = (pl.col("as_at") - pl.col("start_date")).dt.total_days() + 1
    longest = (
        _waiting(ctx)
        .group_by("point", Context.slice_expr(by))
        .agg(days.max().cast(pl.Float64).alias("numerator"))
    )
    return longest.with_columns(pl.lit(None, dtype=pl.Float64).alias("denominator"))


@register(
    "average_wait_days",
    label="Average wait for a social worker (waits ended in the year)",
    section=w.CONTINUITY,
    formula="Days waited by the waits that ended in the 12 months to the as-at date (end - start "
    "+ 1 each) / the number of those waits.",
    numerator="days waited by the waits that ended in the year",
    denominator="waits that ended in the year",
    source="Children's allocation records",
    unit=Unit.CALENDAR_DAYS,
    kind=Kind.RATIO,
    higher_is_better=False,
    basis=Basis.PERIOD,
    slices=CHILD_DIMENSIONS,
    reads=("allocations",),
    edge_cases=(
        w.ALLOCATION_SPELLS,
        "A wait still open is not counted here (see longest_wait_days); a wait that ended with "
        "the case closed counts.",
        w.YEAR,
    ),
)
def average_wait(ctx: Context, by: str | None) -> pl.DataFrame:
    ended = ctx.points.select("point", "as_at", "period_start").join_where(
        spells(ctx).filter(pl.col("worker_id").is_null() & pl.col("end_date").is_not_null()),
        pl.col("end_date") >= pl.col("period_start"),
        pl.col("end_date") <= pl.col("as_at"),
    )
    days = (pl.col("end_date") - pl.col("start_date")).dt.total_days() + 1
    return pair(total(ended, by, days), count(ended, by, "denominator"))
