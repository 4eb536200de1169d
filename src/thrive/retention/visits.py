"""Try Before You Apply visits as the first step of the recruitment funnel.

Each visit is followed to the candidate record it names (when the visitor later applied) and
the furthest stage that candidate reached, with the funnel's rule: a stage is reached if it or
any later stage is recorded. From that come the visitors' funnel (visited, applied, ...,
started: how many visits reached each step, from the step before and from the visit) and the
conversion from visit to application by how the visitor heard (``source``) and by their career
stage when they visited.
"""

from __future__ import annotations

import polars as pl

from thrive.codes.lifecycle import FUNNEL
from thrive.frames.lifecycle import LifecycleFrames
from thrive.retention.errors import UnknownCohortError
from thrive.retention.funnel import candidate_table

VISIT_SLICES = ("source", "career_stage")
VISITED = "visited"
NOT_RECORDED = "not_recorded"


def visit_table(lifecycle: LifecycleFrames) -> pl.DataFrame:
    """One row per visit: its slices and ``furthest``, the step its visitor reached (0: visited
    and did not apply, 1: applied ... 6: started)."""
    reached = candidate_table(lifecycle).select("candidate_id", "furthest", "applied")
    return lifecycle.visits.join(reached, on="candidate_id", how="left").with_columns(
        furthest=pl.when(pl.col("candidate_id").is_null())
        .then(0)
        .otherwise(pl.col("furthest").fill_null(0) + 1),
        source=pl.when(pl.col("source").fill_null("") == "")
        .then(pl.lit(NOT_RECORDED))
        .otherwise(pl.col("source")),
    )


def visit_funnel(lifecycle: LifecycleFrames) -> pl.DataFrame:
    """How many visits reached each step: ``stage`` ("visited", then the funnel's stages),
    ``step`` (0 = visited ... 6 = started), ``visits``, ``from_previous_pct`` and
    ``from_visit_pct``. No rows when no visit is recorded."""
    table = visit_table(lifecycle)
    if table.is_empty():
        return pl.DataFrame(
            schema={"stage": pl.String, "step": pl.Int64, "visits": pl.Int64,
                    "from_previous_pct": pl.Float64, "from_visit_pct": pl.Float64}
        )  # fmt: skip
    names = [VISITED, *(str(stage) for stage in FUNNEL)]
    counts = [int((table["furthest"] >= step).sum()) for step in range(len(names))]
    return pl.DataFrame(
        {"stage": names, "step": list(range(len(names))), "visits": counts}
    ).with_columns(
        from_previous_pct=100 * pl.col("visits") / pl.col("visits").shift(1),
        from_visit_pct=100 * pl.col("visits") / pl.col("visits").first(),
    )


def visits_applied(lifecycle: LifecycleFrames, by: str) -> pl.DataFrame:
    """Visits and how many were followed by an application, per ``by`` (source or
    career_stage): ``visits``, ``applied``, ``started`` and ``applied_pct``, most visits first."""
    if by not in VISIT_SLICES:
        raise UnknownCohortError(by, list(VISIT_SLICES))
    return (
        visit_table(lifecycle)
        .group_by(by)
        .agg(
            visits=pl.len(),
            applied=(pl.col("furthest") >= 1).sum(),
            started=(pl.col("furthest") >= len(FUNNEL)).sum(),
        )
        .with_columns(applied_pct=100 * pl.col("applied") / pl.col("visits"))
        .sort(["visits", by], descending=[True, False])
    )
