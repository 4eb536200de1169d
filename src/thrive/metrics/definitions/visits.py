"""Try Before You Apply: how many people visited before applying, how many of them went on to
apply, and how many of the year's starters came that way. The first step of the recruitment
funnel, worked out from the visits file (``thrive import visits``) and the applicant-tracking
records each visit names."""

from __future__ import annotations

import polars as pl

from thrive.metrics.context import Context
from thrive.metrics.definitions import wording as w
from thrive.metrics.definitions.shape import count, only_numerator, pair, senior_per_worker
from thrive.metrics.registry import Basis, Kind, Unit, register

WINDOW_MONTHS = 6
SOURCE = (
    w.SOMERSET_SOURCE + ": a 'Try Before You Apply' offer, so interested candidates can visit, "
    "see the area and meet teams ('all those who attend these sessions end up applying'); the "
    "council's visit bookings"
)
EMPTY = "Empty (no figure) when the store holds no visits (the council keeps no record of them)."
TEAM = (
    "Sliced by the team visited (and its service); a visit that named no team is in '(not "
    "recorded)'."
)
LINK = (
    "A visitor applied when the visit names their candidate record (the visits file's "
    "candidate column: the council matches its visitors to applicants, by email or name, in "
    "its own systems; Thrive holds neither)."
)
WHY_WINDOW = (
    f"Why {WINDOW_MONTHS} months: most visitors apply in the next round or two of adverts; a "
    "fixed window lets one year be set beside another, and counting only visits whose window "
    "has closed by the as-at date keeps recent visitors, who may yet apply, from reading as "
    "visitors who did not."
)


def _visits(ctx: Context) -> pl.DataFrame:
    """Every visit with the team visited's name and service (for slicing)."""

    def build() -> pl.DataFrame:
        return ctx.frames.visits.join(ctx.teams, on="team_id", how="left")

    return ctx.memo("visits", build)


@register(
    "visits",
    label="Try Before You Apply visits in the year",
    section=w.RECRUITMENT,
    formula="The number of Try Before You Apply visits dated in the year to the as-at date.",
    numerator="Visits in the year",
    denominator=None,
    source=SOURCE,
    unit=Unit.VISITS,
    kind=Kind.COUNT,
    higher_is_better=True,
    basis=Basis.PERIOD,
    slices=("team", "service"),
    edge_cases=(
        w.YEAR,
        "Each visit counts once; someone who visited twice counts twice.",
        TEAM,
        EMPTY,
    ),
)
def visits(ctx: Context, by: str | None) -> pl.DataFrame:
    return only_numerator(count(ctx.in_period(_visits(ctx), "date"), by))


@register(
    "visitors_applied",
    label=f"Visitors who applied within {WINDOW_MONTHS} months",
    section=w.RECRUITMENT,
    formula=f"Visits whose {WINDOW_MONTHS} months after the visit ended in the year to the "
    f"as-at date (visits made 18 to {WINDOW_MONTHS} months before it) where the visitor "
    f"applied on or after the visit day and within {WINDOW_MONTHS} months of it / those "
    "visits x 100.",
    numerator=f"Visits followed by an application within {WINDOW_MONTHS} months",
    denominator=f"Visits whose {WINDOW_MONTHS} months ended in the year",
    source=SOURCE,
    unit=Unit.PERCENT,
    kind=Kind.RATE,
    higher_is_better=True,
    basis=Basis.PERIOD,
    slices=("team", "service"),
    edge_cases=(
        WHY_WINDOW,
        LINK,
        "Applied: the earliest stage recorded for the candidate (normally the application "
        "date). An application made before the visit does not count (the visit did not lead "
        "to it).",
        TEAM,
        EMPTY,
    ),
)
def visitors_applied(ctx: Context, by: str | None) -> pl.DataFrame:
    closes = pl.col("date").dt.offset_by(f"{WINDOW_MONTHS}mo")
    ended = ctx.in_period(_visits(ctx).with_columns(closes=closes), "closes")
    applied = pl.col("applied").is_between(pl.col("date"), pl.col("closes"))
    return pair(count(ended.filter(applied), by), count(ended, by, "denominator"))


@register(
    "starters_who_visited",
    label="Starters who first visited",
    section=w.RECRUITMENT,
    formula="Directly employed starters in the year whose application followed a Try Before "
    "You Apply visit (the visit names the candidate record that hired them, and is dated on "
    "or before their start) / directly employed starters in the year x 100.",
    numerator="Starters hired through an application a visit named",
    denominator="Directly employed starters in the year (starters_headcount)",
    source=SOURCE,
    unit=Unit.PERCENT,
    kind=Kind.RATE,
    higher_is_better=True,
    basis=Basis.PERIOD,
    edge_cases=(
        w.YEAR,
        LINK,
        "A starter is matched through the candidate record's hired worker (the applicant "
        "export's worker column); a starter with no candidate record (hired outside the "
        "tracking system) counts below the line only.",
        "A worker in two roles at once counts once, in the more senior post (as "
        "starters_headcount).",
        EMPTY,
    ),
    share_of_people=True,
)
def starters_who_visited(ctx: Context, by: str | None) -> pl.DataFrame:
    visits_ = ctx.frames.visits
    starters = senior_per_worker(ctx.starter_spells)
    if visits_.is_empty():
        starters = starters.clear()
    visited = (
        starters.join(
            visits_.select(worker_id="hired_worker_id", visited="date").drop_nulls(),
            on="worker_id",
        )
        .filter(pl.col("visited") <= pl.col("start_date"))
        .unique(["point", "worker_id"])
    )
    return pair(count(visited, by), count(starters, by, "denominator"))
