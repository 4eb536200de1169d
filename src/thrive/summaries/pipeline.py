"""The ASYE and careers page's "Coming through: students and trainees" section.

Students on placement in the year to the as-at date by placement type; apprentices and
sponsored trainees in training at the as-at date by route, with how many are due to qualify in
the next 12 months; and when those due expect to qualify, month by month. HR (who may see
people by name) also get the list of trainees due, by the council's reference; everyone else
gets counts, each from 1 to 4 shown as "fewer than 5".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import polars as pl

from thrive.codes.trainees import PlacementType, TraineeRoute
from thrive.frames.workforce import WorkforceFrames
from thrive.metrics.periods import points_frame
from thrive.metrics.pipeline import in_training_on, placements_in_period
from thrive.summaries.suppression import ShownCount, shown_count

DUE_MONTHS = 12


@dataclass(frozen=True)
class RouteCounts:
    route: str
    in_training: ShownCount
    due: ShownCount


@dataclass(frozen=True)
class DueTrainee:
    trainee: str
    route: str
    expected: date


@dataclass(frozen=True)
class PipelineSection:
    held: bool  # the store holds any student or trainee
    year_from: date
    students: ShownCount
    by_type: list[tuple[str, ShownCount]] = field(default_factory=list)
    routes: list[RouteCounts] = field(default_factory=list)
    in_training: ShownCount | None = None
    due: ShownCount | None = None
    by_month: list[tuple[date, ShownCount]] = field(default_factory=list)
    named: list[DueTrainee] = field(default_factory=list)


def pipeline_section(frames: WorkforceFrames, as_at: date, *, named: bool) -> PipelineSection:
    """The section as at a date, named (HR) or in counts only."""
    points = points_frame([as_at])
    year_from = points["period_start"][0]
    held = frames.placements.height > 0 or frames.trainees.height > 0
    placed = placements_in_period(points, frames.placements)
    students = shown_count(placed["student"].n_unique(), named=named)
    by_type = [
        (
            kind.label,
            shown_count(
                placed.filter(pl.col("placement_type") == kind.value)["student"].n_unique(),
                named=named,
            ),
        )
        for kind in PlacementType
    ]
    training = in_training_on(points, frames.trainees, "as_at")
    horizon = pl.lit(as_at).dt.offset_by(f"{DUE_MONTHS}mo")
    due = training.filter(
        (pl.col("expected_qualification") > as_at) & (pl.col("expected_qualification") <= horizon)
    ).sort("expected_qualification", "trainee")
    routes = [
        RouteCounts(
            route.label,
            shown_count(training.filter(pl.col("route") == route.value).height, named=named),
            shown_count(due.filter(pl.col("route") == route.value).height, named=named),
        )
        for route in TraineeRoute
    ]
    months = (
        due.group_by(pl.col("expected_qualification").dt.month_start().alias("month"))
        .agg(pl.len())
        .sort("month")
    )
    labels = {r.value: r.label for r in TraineeRoute}
    return PipelineSection(
        held=held,
        year_from=year_from,
        students=students,
        by_type=by_type,
        routes=[r for r in routes if r.in_training.value != 0],
        in_training=shown_count(training.height, named=named),
        due=shown_count(due.height, named=named),
        by_month=[(month, shown_count(count, named=named)) for month, count in months.iter_rows()],
        named=[
            DueTrainee(ref, labels.get(route, route), expected)
            for ref, route, expected in due.select(
                "trainee", "route", "expected_qualification"
            ).iter_rows()
        ]
        if named
        else [],
    )
