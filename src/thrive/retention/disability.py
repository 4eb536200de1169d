"""Disabled applicants: their share at each stage of the recruitment funnel, and the
guaranteed-interview check.

Under Disability Confident the council offers an interview to every disabled applicant who meets
the minimum criteria for the job. A candidate *met the minimum criteria* when the applicant
export says so (``met_minimum_criteria`` yes), or, where it says nothing, when they were
shortlisted; one the export says did not meet them is not flagged, whatever their stages. A
candidate *was interviewed* when the interview, or any later funnel stage, is recorded for them
(the funnel's own rule). The check flags every disabled candidate who met the criteria and was
not interviewed, unless they withdrew: those are counted apart, as the council may have offered
an interview they did not take up.

>>> from thrive.frames.lifecycle import empty_lifecycle
>>> interview_check(empty_lifecycle()).height
0
"""

from __future__ import annotations

import polars as pl

from thrive.codes.disability import Disability
from thrive.codes.lifecycle import FUNNEL, Stage
from thrive.frames.lifecycle import LifecycleFrames
from thrive.retention.funnel import candidate_table

_STEP = {str(stage): index for index, stage in enumerate(FUNNEL)}
TURNED_DOWN = "Turned down without an interview"
NOT_YET = "No interview recorded"
WITHDREW = "Withdrew before an interview"


def _answers(table: pl.DataFrame) -> pl.DataFrame:
    answer = pl.col("disability").fill_null(str(Disability.NOT_KNOWN))
    return table.with_columns(
        disabled=answer == str(Disability.YES),
        declared=answer.is_in([str(Disability.YES), str(Disability.NO)]),
    )


def disabled_by_stage(lifecycle: LifecycleFrames) -> pl.DataFrame:
    """For each funnel stage: ``candidates`` who reached it, how many of them said whether they
    are disabled (``declared``), how many are (``disabled``), and ``disabled_pct``, the share
    disabled of those who declared (null where no one did)."""
    table = _answers(candidate_table(lifecycle))
    rows = [
        table.filter(pl.col("furthest") >= step).select(
            stage=pl.lit(str(stage)),
            step=pl.lit(step + 1),
            candidates=pl.len(),
            declared=pl.col("declared").sum(),
            disabled=pl.col("disabled").sum(),
        )
        for step, stage in enumerate(FUNNEL)
    ]
    counts = pl.concat(rows).with_columns(
        pl.col("candidates", "declared", "disabled").cast(pl.Int64)
    )
    return counts.with_columns(
        disabled_pct=pl.when(pl.col("declared") > 0).then(
            100 * pl.col("disabled") / pl.col("declared")
        )
    )


def interview_check(lifecycle: LifecycleFrames) -> pl.DataFrame:
    """Disabled candidates who met the minimum criteria and were not interviewed.

    One row per candidate: ``candidate_id``, ``reference``, ``requisition``, ``team_id``,
    ``grade``, ``applied``, ``criteria`` ("recorded" or "shortlisted") and ``status``: turned
    down without an interview, withdrew before one, or no interview recorded (still open, or
    closed with nothing recorded). ``flagged`` is false only for those who withdrew.
    """
    table = _answers(candidate_table(lifecycle))
    met_recorded = pl.col("met_minimum_criteria").fill_null(False)
    shortlisted = pl.col("met_minimum_criteria").is_null() & (
        pl.col("furthest") >= _STEP[str(Stage.SHORTLISTED)]
    )
    interviewed = pl.col("furthest") >= _STEP[str(Stage.INTERVIEWED)]
    status = (
        pl.when(pl.col(str(Stage.WITHDRAWN)).is_not_null())
        .then(pl.lit(WITHDREW))
        .when(pl.col(str(Stage.REJECTED)).is_not_null())
        .then(pl.lit(TURNED_DOWN))
        .otherwise(pl.lit(NOT_YET))
    )
    references = lifecycle.requisitions.select("requisition_id", requisition="reference")
    return (
        table.filter(pl.col("disabled") & (met_recorded | shortlisted) & ~interviewed)
        .join(references, on="requisition_id", how="left")
        .select(
            "candidate_id",
            "reference",
            "requisition",
            "team_id",
            "grade",
            pl.col(str(Stage.APPLIED)).alias("applied"),
            pl.when(met_recorded)
            .then(pl.lit("recorded"))
            .otherwise(pl.lit("shortlisted"))
            .alias("criteria"),
            status.alias("status"),
            (status != WITHDREW).alias("flagged"),
        )
        .sort("applied", "reference", nulls_last=True)
    )
