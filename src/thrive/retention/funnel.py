"""The recruitment pipeline: how candidates move from applying to starting, by source.

A candidate *reached* a stage if it is recorded for them or any later stage of the funnel is
(someone recorded as started was also offered, even if the offer date is missing). From the
stage events come the funnel (how many reached each stage, and the conversion from the stage
before), time to hire (application to acceptance and to start; requisition opened to
acceptance), offers declined and why, and cost per hire where costs are recorded: the
candidate's own costs plus each requisition's advertising shared equally between its hires.
"""

from __future__ import annotations

import polars as pl

from thrive.codes.lifecycle import FUNNEL, DeclineReason, Stage
from thrive.frames.lifecycle import LifecycleFrames
from thrive.retention.errors import UnknownCohortError

SLICES = ("source", "grade", "route", "young_people_on_panel")
_ORDER = {str(stage): index for index, stage in enumerate(FUNNEL)}


def candidate_table(lifecycle: LifecycleFrames) -> pl.DataFrame:
    """One row per candidate: source, requisition grade and team, furthest stage and dates."""
    stages = lifecycle.stages.with_columns(
        order=pl.col("stage").replace_strict(_ORDER, default=None, return_dtype=pl.Int64)
    )
    furthest = stages.group_by("candidate_id").agg(furthest=pl.col("order").max())
    dates = stages.pivot(on="stage", index="candidate_id", values="date", aggregate_function="min")
    for stage in Stage:
        if str(stage) not in dates.columns:
            dates = dates.with_columns(pl.lit(None, pl.Date).alias(str(stage)))
    requisitions = lifecycle.requisitions.select(
        "requisition_id", "team_id", "grade", "advert_cost", opened="start_date"
    )
    return (
        lifecycle.candidates.join(requisitions, on="requisition_id", how="left")
        .join(furthest, on="candidate_id", how="left")
        .join(dates, on="candidate_id", how="left")
        .with_columns(furthest=pl.col("furthest").fill_null(0))
    )


def _group(by: str | None) -> list[str]:
    if by is not None and by not in SLICES:
        raise UnknownCohortError(by, list(SLICES))
    return [by] if by else []


def funnel(lifecycle: LifecycleFrames, by: str | None = None) -> pl.DataFrame:
    """How many candidates reached each stage, and the conversion from the stage before.

    Columns: the slice (if any), ``stage``, ``step`` (1 = applied ... 6 = started),
    ``candidates``, ``from_previous_pct`` and ``from_applied_pct``.
    """
    group = _group(by)
    table = candidate_table(lifecycle)
    rows = [
        table.filter(pl.col("furthest") >= step).group_by(group or pl.lit(1).alias("_all"))
        .agg(candidates=pl.len())
        .with_columns(stage=pl.lit(str(stage)), step=pl.lit(step + 1))
        for step, stage in enumerate(FUNNEL)
    ]  # fmt: skip
    counts = pl.concat(rows).drop("_all", strict=False).sort(*group, "step")
    over = group or None
    previous = pl.col("candidates").shift(1)
    applied = pl.col("candidates").first()
    if over:
        previous, applied = previous.over(over), applied.over(over)
    return counts.with_columns(
        from_previous_pct=100 * pl.col("candidates") / previous,
        from_applied_pct=100 * pl.col("candidates") / applied,
    )


def hires(lifecycle: LifecycleFrames) -> pl.DataFrame:
    """One row per candidate who accepted: days to accept and to start, and what they cost.

    ``days_to_accept`` runs from application, ``days_to_start`` from application to the first
    day, ``days_open_to_accept`` from the requisition opening. ``cost`` is the candidate's own
    cost plus an equal share of the requisition's advertising (null when neither is recorded).
    """
    table = candidate_table(lifecycle).filter(pl.col("furthest") >= _ORDER[str(Stage.ACCEPTED)])
    per_requisition = table.group_by("requisition_id").agg(hires_on_requisition=pl.len())
    share = pl.col("advert_cost") / pl.col("hires_on_requisition")
    return table.join(per_requisition, on="requisition_id").with_columns(
        days_to_accept=(pl.col("accepted") - pl.col("applied")).dt.total_days(),
        days_to_start=(pl.col("started") - pl.col("applied")).dt.total_days(),
        days_open_to_accept=(pl.col("accepted") - pl.col("opened")).dt.total_days(),
        cost=pl.when(pl.col("cost").is_null() & share.is_null())
        .then(None)
        .otherwise(pl.col("cost").fill_null(0) + share.fill_null(0)),
        started_work=pl.col("furthest") >= _ORDER[str(Stage.STARTED)],
    )


def time_and_cost(lifecycle: LifecycleFrames, by: str | None = None) -> pl.DataFrame:
    """Median time to hire and cost per hire, per slice.

    Cost per hire counts everything recorded for the slice (advertising of requisitions that
    filled nobody is shared out over all hires in the overall figure only, as it belongs to
    no source); ``costed_hires`` says how many hires had any cost recorded.
    """
    group = _group(by)
    accepted = hires(lifecycle)
    table = accepted.group_by(group or pl.lit(1).alias("_all")).agg(
        hires=pl.len(),
        started=pl.col("started_work").sum(),
        median_days_to_accept=pl.col("days_to_accept").median(),
        median_days_to_start=pl.col("days_to_start").median(),
        median_days_open_to_accept=pl.col("days_open_to_accept").median(),
        costed_hires=pl.col("cost").is_not_null().sum(),
        total_cost=pl.col("cost").sum(),
        mean_values_score=pl.col("values_score").mean(),
    )
    if not group:
        unfilled = lifecycle.requisitions.join(
            accepted.select("requisition_id").unique(), on="requisition_id", how="anti"
        )["advert_cost"].sum()
        table = table.with_columns(total_cost=pl.col("total_cost") + (unfilled or 0.0))
    table = table.with_columns(
        cost_per_hire=pl.when(pl.col("costed_hires") > 0).then(
            pl.col("total_cost") / pl.col("hires")
        )
    ).drop("_all", strict=False)
    return table.sort(group, nulls_last=True) if group else table  # group_by: any order


def declined_offers(lifecycle: LifecycleFrames) -> pl.DataFrame:
    """Offers not taken up: offered and then withdrawn (before or after accepting), and why.

    One row per reason: ``declined``, ``share_pct`` of all declined offers and the ``label``.
    """
    table = candidate_table(lifecycle)
    declined = table.filter(
        pl.col("offered").is_not_null()
        & pl.col("withdrawn").is_not_null()
        & pl.col("started").is_null()
    )
    labels = pl.DataFrame({"decline_reason": [str(r) for r in DeclineReason],
                           "label": [r.label for r in DeclineReason]})  # fmt: skip
    return (
        declined.with_columns(
            pl.when(pl.col("decline_reason").fill_null("") == "")
            .then(pl.lit("not_recorded"))
            .otherwise(pl.col("decline_reason"))
            .alias("decline_reason")
        )
        .group_by("decline_reason")
        .agg(declined=pl.len())
        .join(labels, on="decline_reason", how="left")
        .with_columns(
            label=pl.col("label").fill_null("Not recorded"),
            share_pct=100 * pl.col("declined") / pl.col("declined").sum(),
        )
        .sort(["declined", "decline_reason"], descending=[True, False])
    )


def hire_stints(lifecycle: LifecycleFrames, stints: pl.DataFrame) -> pl.DataFrame:
    """The stints of people hired through the pipeline, with how they were recruited.

    A hire is matched to the stint of their recorded worker that began nearest their start
    date (within 60 days). Adds ``source``, ``values_score`` and ``panel`` ("With young
    people", "Without young people" or "Not recorded") so retention curves can be drawn by
    recruitment channel: :class:`thrive.retention.curves.RetentionCurves` with ``by="source"``.
    """
    hired = hires(lifecycle).filter(pl.col("hired_worker_id").is_not_null())
    panel = (
        pl.when(pl.col("young_people_on_panel").is_null())
        .then(pl.lit("Not recorded"))
        .when(pl.col("young_people_on_panel"))
        .then(pl.lit("With young people"))
        .otherwise(pl.lit("Without young people"))
    )
    matched = (
        stints.join(
            hired.select(
                worker_id="hired_worker_id",
                source="source",
                values_score="values_score",
                panel=panel,
                first_day=pl.coalesce("started", "accepted"),
            ),
            on="worker_id",
        )
        .with_columns(gap=(pl.col("start_date") - pl.col("first_day")).dt.total_days().abs())
        .filter(pl.col("gap") <= 60)
        .sort("gap", "stint_id", "first_day")
        .unique("stint_id", keep="first", maintain_order=True)
    )
    return matched.drop("gap", "first_day").sort("start_date", "stint_id")
