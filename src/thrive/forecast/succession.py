"""Succession: for each management and senior post, who could step up and what is at risk.

For senior practitioner (and consultant), team manager and operations manager posts:

- each post held at the origin gets the chance its holder moves on (leaves, or moves up) within
  the horizon, from the fitted leaving and progression hazards for the holder's grade and
  tenure; a funded post nobody holds is vacant already (chance 1);
- the *pipeline* for a post is in its service: for team manager posts, the senior
  practitioners plus members of the aspirant manager scheme; for operations manager posts, the
  team managers plus aspirant managers; for senior practitioner posts, social workers with
  three years' tenure or more;
- per grade, the Monte Carlo gives the expected vacancies over the horizon (leavers and moves
  up, plus posts vacant now), and the *coverage ratio* is the pipeline over those expected
  vacancies (1 or more: every expected vacancy has an internal candidate);
- a post is *at risk* when it is likely to fall vacant (chance at least ``risk_threshold``)
  and its service's pipeline is thinner than the vacancies the service expects in that grade.

Posts are named by their reference and team, never by their holder.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import polars as pl

from thrive.codes import DevelopmentScheme
from thrive.forecast.grades import (
    EMPLOYED_CONTRACTS,
    GRADE_INDEX,
    GRADE_LABELS,
    GRADES,
    OPERATIONS_MANAGER,
    SENIOR_PRACTITIONER,
    SOCIAL_WORKER,
    TEAM_MANAGER,
    TENURE_BANDS,
)
from thrive.forecast.history import DAYS_PER_MONTH, in_post_at_close
from thrive.forecast.model import CapacityForecast
from thrive.forecast.scenario import Scenario
from thrive.frames.dates import in_post_on
from thrive.frames.workforce import WorkforceFrames

SUCCESSION_GRADES = (SENIOR_PRACTITIONER, TEAM_MANAGER, OPERATIONS_MANAGER)


@dataclass
class SuccessionPlan:
    """Per-post and per-grade succession figures."""

    origin: date
    horizon: int
    posts: pl.DataFrame
    grades: pl.DataFrame


def _moving_on_chance(model: CapacityForecast, g: int, tenure: float, horizon: int) -> float:
    """Chance a holder of grade g with this tenure leaves or moves up within the horizon."""
    leave = model.rates_.leaving[g].point()
    progress = model.rates_.progression[g].point() if g < OPERATIONS_MANAGER else 0 * leave
    cumulative = 0.0
    t = tenure
    for _ in range(horizon):
        band = int(np.searchsorted(TENURE_BANDS, t, side="right") - 1)
        cumulative += float(leave[band] + progress[band])
        t += 1.0
    return 1.0 - float(np.exp(-cumulative))


def _holders(frames: WorkforceFrames, origin: date) -> pl.DataFrame:
    live = frames.spells.filter(
        pl.col("contract_type").is_in(EMPLOYED_CONTRACTS) & in_post_at_close(origin)
    )
    grade_of = pl.col("grade").replace_strict(GRADE_INDEX, default=None, return_dtype=pl.Int64)
    return live.with_columns(grade_of.alias("g")).filter(pl.col("g").is_not_null())


def succession(
    model: CapacityForecast,
    frames: WorkforceFrames,
    horizon: int = 36,
    runs: int = 2000,
    seed: int = 1,
    risk_threshold: float = 0.5,
    scenario: Scenario | None = None,
) -> SuccessionPlan:
    """The succession picture at the model's origin over ``horizon`` months."""
    origin = model.origin_
    holders = _holders(frames, origin)
    teams = frames.teams.select("team_id", "team", "service_id", "service")
    episodes_start = holders.group_by("worker_id").agg(pl.col("start_date").min().alias("since"))
    people = holders.join(teams, on="team_id", how="left").join(
        episodes_start, on="worker_id", how="left"
    )
    aspirants = frames.schemes.filter(
        (pl.col("scheme") == str(DevelopmentScheme.ASPIRANT_MANAGER)) & in_post_on(origin)
    )["worker_id"].to_list()
    tenure = model_tenure(model, frames, origin)

    def pipeline(service: object, g: int) -> int:
        in_service = people.filter(pl.col("service_id") == service)
        if g == SENIOR_PRACTITIONER:
            social_workers = set(in_service.filter(pl.col("g") == SOCIAL_WORKER)["worker_id"])
            return sum(1 for w in social_workers if tenure.get(w, 0.0) >= TENURE_BANDS[-1])
        feeder_grade = SENIOR_PRACTITIONER if g == TEAM_MANAGER else TEAM_MANAGER
        feeders = set(in_service.filter(pl.col("g") == feeder_grade)["worker_id"].to_list())
        below = set(in_service.filter(pl.col("g") < g)["worker_id"].to_list())
        return len(feeders | (below & set(aspirants)))

    post_rows = []
    posts = frames.posts.filter(in_post_on(origin)).join(teams, on="team_id", how="left")
    held_posts = set(holders["post_id"].drop_nulls().to_list())
    for post in posts.iter_rows(named=True):
        g = GRADE_INDEX.get(post["grade"])
        if g not in SUCCESSION_GRADES:
            continue
        holder = people.filter(pl.col("post_id") == post["post_id"])
        if holder.height:
            chance = _moving_on_chance(model, g, tenure.get(holder["worker_id"][0], 0.0), horizon)
        else:
            chance = 1.0 if post["post_id"] not in held_posts else 0.0
        post_rows.append(
            (post["reference"], post["team"], post["service_id"], post["service"], g, chance)
        )
    if not post_rows:  # no posts linked: one row per holder of a succession grade
        for row in people.filter(pl.col("g").is_in(SUCCESSION_GRADES)).iter_rows(named=True):
            chance = _moving_on_chance(model, row["g"], tenure.get(row["worker_id"], 0.0), horizon)
            post_rows.append(
                ("-", row["team"], row["service_id"], row["service"], row["g"], chance)
            )
    table = pl.DataFrame(
        post_rows,
        schema={
            "post": pl.String,
            "team": pl.String,
            "service_id": pl.Int64,
            "service": pl.String,
            "g": pl.Int64,
            "vacancy_chance": pl.Float64,
        },
        orient="row",
    )
    by_service = table.group_by("service_id", "g").agg(
        pl.col("vacancy_chance").sum().alias("service_expected")
    )
    table = table.join(by_service, on=["service_id", "g"], how="left").with_columns(
        pl.struct("service_id", "g")
        .map_elements(lambda s: pipeline(s["service_id"], s["g"]), return_dtype=pl.Int64)
        .alias("service_pipeline")
    )
    table = (
        table.with_columns(
            (
                (pl.col("vacancy_chance") >= risk_threshold)
                & (pl.col("service_pipeline") < pl.col("service_expected"))
            ).alias("at_risk"),
            pl.col("g")
            .replace_strict(dict(enumerate(GRADES)), return_dtype=pl.String)
            .alias("grade"),
        )
        .drop("g")
        .sort("at_risk", "vacancy_chance", descending=[True, True])
    )

    result = model.run(scenario or Scenario(), runs=runs, horizon=horizon, seed=seed)
    paths = result.paths
    grade_rows = []
    for g in SUCCESSION_GRADES:
        moved_on = paths.leavers[:, :, g].sum(axis=1) + paths.promoted_out[:, :, g].sum(axis=1)
        in_post = int(model.start_.headcount[g].sum())
        funded_posts = table.filter(pl.col("grade") == GRADES[g]).height
        vacant_now = max(0, funded_posts - in_post)
        expected = moved_on + vacant_now
        total_pipeline = (
            sum(pipeline(s, g) for s in table["service_id"].unique().to_list())
            if table.height
            else 0
        )
        p10, p50, p90 = np.percentile(expected, (10, 50, 90))
        grade_rows.append(
            {
                "grade": GRADES[g],
                "label": GRADE_LABELS[GRADES[g]],
                "posts": funded_posts,
                "in_post": in_post,
                "expected_vacancies": float(expected.mean()),
                "vacancies_p10": float(p10),
                "vacancies_p50": float(p50),
                "vacancies_p90": float(p90),
                "pipeline": total_pipeline,
                "coverage_ratio": total_pipeline / float(expected.mean())
                if expected.mean() > 0
                else float("inf"),
                "posts_at_risk": table.filter(
                    (pl.col("grade") == GRADES[g]) & pl.col("at_risk")
                ).height,
            }
        )
    return SuccessionPlan(
        origin=origin, horizon=horizon, posts=table, grades=pl.DataFrame(grade_rows)
    )


def model_tenure(
    model: CapacityForecast, frames: WorkforceFrames, origin: date
) -> dict[int, float]:
    """Months of tenure with the council at the origin, by worker (employed staff in post)."""
    from thrive.forecast.history import grade_episodes

    episodes = grade_episodes(frames).filter(in_post_on(origin, start="start", end="end"))
    return {
        int(w): (origin - start).days / DAYS_PER_MONTH
        for w, start in episodes.select("worker_id", "chain_start").iter_rows()
    }


__all__ = ["SuccessionPlan", "succession"]
