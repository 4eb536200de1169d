"""Staff survey results: each item's score by team and wave, and how it has moved.

Answers run from 1 (strongly disagree) to 5 (strongly agree). For each wave, item and slice the
table gives the number of responses, the mean score, the share favourable (4 or 5) and the
change in mean since the previous wave of the same survey. Responses are anonymous; a team with
fewer than five responses in a wave is suppressed (its figures blanked) so no one can be singled
out.
"""

from __future__ import annotations

import polars as pl

from thrive.frames.lifecycle import LifecycleFrames
from thrive.frames.workforce import WorkforceFrames
from thrive.retention.themes import MIN_GROUP


def answers(lifecycle: LifecycleFrames, frames: WorkforceFrames) -> pl.DataFrame:
    """Every answer with its wave, item and the respondent's team and service."""
    return (
        lifecycle.survey_answers.join(lifecycle.survey_responses, on="response_id")
        .join(lifecycle.survey_waves, on="wave_id")
        .join(lifecycle.survey_items.select("item_id", "code", "text"), on="item_id")
        .join(frames.teams.select("team_id", "team", "service"), on="team_id", how="left")
    )


def item_scores(
    lifecycle: LifecycleFrames,
    frames: WorkforceFrames,
    by: str | None = None,
    min_group: int = MIN_GROUP,
) -> pl.DataFrame:
    """Mean score and % favourable per wave, item and slice (``by``: team, service, grade).

    Columns: ``kind``, ``wave``, ``start_date``, the slice column, ``code``, ``text``,
    ``responses``, ``mean_score``, ``favourable_pct``, ``change`` (mean minus the previous
    wave's, same survey kind, item and slice) and ``suppressed``.
    """
    data = answers(lifecycle, frames)
    group = [by] if by else []
    table = (
        data.group_by("kind", "wave", "start_date", *group, "code", "text")
        .agg(
            responses=pl.len(),
            mean_score=pl.col("score").mean(),
            favourable_pct=100 * (pl.col("score") >= 4).mean(),
        )
        .with_columns(suppressed=pl.col("responses") < min_group)
        .with_columns(
            pl.when(pl.col("suppressed")).then(None).otherwise(pl.col(c)).alias(c)
            for c in ("mean_score", "favourable_pct")
        )
        .sort("kind", *group, "code", "start_date")
    )
    previous = pl.col("mean_score").shift(1).over("kind", *group, "code")
    return table.with_columns(change=pl.col("mean_score") - previous).sort(
        "start_date", *group, "code"
    )


def comments(lifecycle: LifecycleFrames, frames: WorkforceFrames) -> pl.DataFrame:
    """Survey free text as documents for :class:`thrive.retention.themes.TextThemes`."""
    return (
        lifecycle.survey_responses.filter(pl.col("comments").fill_null("") != "")
        .join(lifecycle.survey_waves.select("wave_id", "wave"), on="wave_id")
        .join(frames.teams.select("team_id", "team"), on="team_id", how="left")
        .select(doc_id=pl.col("response_id"), text=pl.col("comments"), wave="wave", team="team")
    )
