"""Why people leave: exit-interview answers, and which teams lose people.

Exit interviews and questionnaires give a main reason (and perhaps a second), whether the leaver
would come back, and whether they would recommend the council as an employer. Leavers are
counted from the employment records (a stint that ended), so a team's losses are known even
where no exit interview was held; the interview coverage says how far the reasons can be trusted.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from thrive.codes.lifecycle import LeavingReason
from thrive.frames.dates import in_post_on
from thrive.frames.lifecycle import LifecycleFrames
from thrive.frames.workforce import WorkforceFrames
from thrive.retention.errors import UnknownCohortError
from thrive.retention.themes import MIN_GROUP

GROUPS = ("team", "service", "grade", "year")


def _share(part: pl.Expr, whole: pl.Expr) -> pl.Expr:
    return pl.when(whole > 0).then(100 * part / whole)


def exit_answers(lifecycle: LifecycleFrames, frames: WorkforceFrames) -> pl.DataFrame:
    """One row per exit interview with the leaver's team, service and grade on leaving."""
    spells = frames.spells.select("spell_id", "team_id", "grade")
    last_spell = (
        frames.spells.sort("start_date", "spell_id")
        .group_by("worker_id")
        .agg(
            pl.col("team_id").last().alias("last_team"), pl.col("grade").last().alias("last_grade")
        )
    )
    teams = frames.teams.select("team_id", "team", "service")
    return (
        lifecycle.exits.join(spells, on="spell_id", how="left")
        .join(last_spell, on="worker_id", how="left")
        .with_columns(
            team_id=pl.coalesce("team_id", "last_team"), grade=pl.coalesce("grade", "last_grade")
        )
        .join(teams, on="team_id", how="left")
        .with_columns(
            year=pl.col("date").dt.year() + (pl.col("date").dt.month() >= 10).cast(pl.Int32)
        )
        .drop("last_team", "last_grade")
    )


def exit_reasons(
    lifecycle: LifecycleFrames,
    frames: WorkforceFrames,
    by: str | None = None,
    min_group: int = MIN_GROUP,
) -> pl.DataFrame:
    """Main reasons for leaving, with the share who would return and would recommend us.

    One row per group (``by``: team, service, grade or collection year; None for all) and
    reason: ``interviews`` in the group, ``main_reason`` count and share, ``mentioned`` (as main
    or second reason), and the group's ``would_return_pct`` and ``would_recommend_pct`` (of
    those who answered). Groups under ``min_group`` interviews are marked ``suppressed``.
    """
    if by is not None and by not in GROUPS:
        raise UnknownCohortError(by, list(GROUPS))
    answers = exit_answers(lifecycle, frames)
    group = [by] if by else []
    totals = answers.group_by(group or pl.lit(1).alias("_all")).agg(
        interviews=pl.len(),
        would_return_pct=_share(pl.col("would_return").sum(), pl.col("would_return").count()),
        would_recommend_pct=_share(
            pl.col("would_recommend").sum(), pl.col("would_recommend").count()
        ),
    )
    mentions = pl.concat(
        [
            answers.select(*group, reason=pl.col("primary_reason"), main=pl.lit(1)),
            answers.filter(pl.col("secondary_reason").fill_null("") != "").select(
                *group, reason=pl.col("secondary_reason"), main=pl.lit(0)
            ),
        ]
    )
    keys = [*group, "reason"]
    counted = mentions.group_by(keys).agg(main_reason=pl.col("main").sum(), mentioned=pl.len())
    join_on = group or None
    table = (
        counted.join(totals, on=join_on, how="left")
        if join_on
        else counted.join(totals, how="cross")
    )
    labels = pl.DataFrame({"reason": [str(r) for r in LeavingReason],
                           "label": [r.label for r in LeavingReason]})  # fmt: skip
    return (
        table.join(labels, on="reason", how="left")
        .with_columns(
            main_reason_pct=_share(pl.col("main_reason"), pl.col("interviews")),
            suppressed=pl.col("interviews") < min_group,
        )
        .drop("_all", strict=False)
        .sort(  # an equal count by reason: group_by hands the groups out in any order
            [*group, "main_reason", "reason"], descending=[False] * len(group) + [True, False]
        )
    )


def team_losses(
    stints: pl.DataFrame,
    lifecycle: LifecycleFrames,
    frames: WorkforceFrames,
    start: date,
    end: date,
) -> pl.DataFrame:
    """Which teams lose people and why: leavers from ``start`` to ``end`` by their last team.

    Columns: ``team``, ``service``, ``in_post_at_start`` (stints running on ``start``),
    ``leavers``, ``leaving_rate`` (% of those in post at the start, a headcount rate, not the
    Department's FTE turnover), ``interviewed`` (exit interviews held for those leavers),
    ``top_reason`` (the commonest main reason among them) and ``would_return_pct``.
    """
    left = stints.filter(
        pl.col("left") & (pl.col("end_date") >= start) & (pl.col("end_date") <= end)
    )
    running = stints.filter(in_post_on(start))
    answers = exit_answers(lifecycle, frames).filter(
        pl.col("worker_id").is_in(left["worker_id"].to_list()) & (pl.col("date") >= start)
    )
    top = (
        answers.group_by("team", "primary_reason")
        .agg(n=pl.len())
        .sort("n", "primary_reason", descending=[True, False])
        .group_by("team", maintain_order=True)
        .first()
        .select("team", top_reason="primary_reason")
    )
    interviewed = answers.group_by("team").agg(
        interviewed=pl.len(),
        would_return_pct=_share(pl.col("would_return").sum(), pl.col("would_return").count()),
    )
    teams = frames.teams.select("team", "service")
    return (
        teams.join(running.group_by("team").agg(in_post_at_start=pl.len()), on="team", how="left")
        .join(left.group_by("team").agg(leavers=pl.len()), on="team", how="left")
        .join(interviewed, on="team", how="left")
        .join(top, on="team", how="left")
        .with_columns(
            pl.col("in_post_at_start", "leavers", "interviewed").fill_null(0),
        )
        .with_columns(leaving_rate=_share(pl.col("leavers"), pl.col("in_post_at_start")))
        .filter((pl.col("in_post_at_start") > 0) | (pl.col("leavers") > 0))
        .sort(["leavers", "team"], descending=[True, False])  # equal counts by team name
    )
