"""Careers: the ASYE year, progression between grades, schemes, and who progresses how fast.

- ASYE progress: reviews are due 3, 6 and 12 months after the start; a review not held by its
  due date while the programme is still open is overdue. Cohorts are followed to count how many
  are still employed one, two and three years after starting (strategy measures 7 and 8).
- Progressions: a move to a more senior grade inside one stint of employment. Time to
  progression from a grade is a Kaplan-Meier curve (lifelines): leaving, or still being in the
  grade, censors the time rather than counting as "never progressed".
- Scheme members on a day (aspirant managers, practice educators, leadership programme).
"""

from __future__ import annotations

from datetime import date

import polars as pl
from lifelines import KaplanMeierFitter
from lifelines.utils import median_survival_times

from thrive.codes import CareerGrade, ContractType
from thrive.frames.dates import in_post_on
from thrive.frames.workforce import WorkforceFrames
from thrive.retention.errors import InsufficientDataError
from thrive.retention.tenure import DAYS_PER_YEAR, employed_spells, number_stints

RANK = {str(grade): grade.rank for grade in CareerGrade}
REVIEWS = {"review_3_months": 3, "review_6_months": 6, "review_12_months": 12}


def in_post(frames: WorkforceFrames, on: date) -> pl.DataFrame:
    """Directly employed people in post on ``on``: worker, pseudonym, name, team, grade."""
    running = frames.spells.filter(
        (pl.col("contract_type") != ContractType.AGENCY.value) & in_post_on(on)
    )
    return (
        running.with_columns(rank=pl.col("grade").replace_strict(RANK, default=-1))
        .sort("rank", "start_date", "spell_id", descending=True)
        .unique("worker_id", keep="first", maintain_order=True)
        .join(frames.workers.select("worker_id", "pseudonym", "name"), on="worker_id")
        .join(frames.teams.select("team_id", "team", "service"), on="team_id", how="left")
        .select("worker_id", "pseudonym", "name", "team_id", "team", "service", "grade")
        .sort("pseudonym")
    )


def asye_progress(frames: WorkforceFrames, on: date) -> pl.DataFrame:
    """Each ASYE's reviews (due and held), next review due, overdue flag and outcome."""
    team = in_post(frames, on).select("worker_id", "team", in_post=pl.lit(True))
    table = frames.asye.join(frames.workers.select("worker_id", "pseudonym"), on="worker_id")
    finished = pl.col("outcome").fill_null("").is_in(["pass", "fail"])
    dues = [
        pl.col("start_date").dt.offset_by(f"{months}mo").alias(f"{name}_due")
        for name, months in REVIEWS.items()
    ]
    table = table.with_columns(dues)
    overdue = pl.any_horizontal(
        [
            pl.col(name).is_null() & (pl.col(f"{name}_due") < pl.lit(on)) & ~finished
            for name in REVIEWS
        ]
    )
    next_due = pl.min_horizontal(
        [pl.when(pl.col(name).is_null()).then(pl.col(f"{name}_due")) for name in REVIEWS]
    )
    return (
        table.with_columns(
            overdue=overdue,
            next_review_due=pl.when(~finished).then(next_due),
            status=pl.when(pl.col("outcome") == "pass")
            .then(pl.lit("passed"))
            .when(pl.col("outcome") == "fail")
            .then(pl.lit("failed"))
            .when(pl.col("outcome") == "extended")
            .then(pl.lit("extended"))
            .otherwise(pl.lit("in progress")),
        )
        .join(team, on="worker_id", how="left")
        .with_columns(pl.col("in_post").fill_null(False))
        .sort("start_date", "pseudonym")
    )


def asye_cohorts(frames: WorkforceFrames, stints: pl.DataFrame, on: date) -> pl.DataFrame:
    """Per ASYE cohort: started, passed, failed, extended, in progress, and still employed 1, 2
    and 3 years after starting (counted only for those whose anniversary has passed by ``on``).
    """
    progress = asye_progress(frames, on)
    checks = []
    for years in (1, 2, 3):
        anniversary = pl.col("start_date").dt.offset_by(f"{years}y")
        due = progress.filter(anniversary <= on).select("worker_id", "cohort", day=anniversary)
        kept = due.join(
            stints.select("worker_id", "start_date", "end_date"), on="worker_id"
        ).filter(in_post_on(pl.col("day")))
        checks.append(
            due.group_by("cohort")
            .agg(pl.len().alias(f"due_{years}y"))
            .join(
                kept.unique("worker_id").group_by("cohort").agg(pl.len().alias(f"kept_{years}y")),
                on="cohort",
                how="left",
            )
        )
    table = progress.group_by("cohort").agg(
        started=pl.len(),
        first_start=pl.col("start_date").min(),
        passed=(pl.col("status") == "passed").sum(),
        failed=(pl.col("status") == "failed").sum(),
        extended=(pl.col("status") == "extended").sum(),
        in_progress=(pl.col("status") == "in progress").sum(),
    )
    for check in checks:
        table = table.join(check, on="cohort", how="left")
    return table.sort("first_start", "cohort", nulls_last=True)


def progressions(frames: WorkforceFrames, as_at: date) -> pl.DataFrame:
    """Every move to a more senior grade within a stint: worker, day, from and to grade."""
    spells = number_stints(employed_spells(frames, as_at)).with_columns(
        rank=pl.col("grade").replace_strict(RANK, default=-1)
    )
    previous = [pl.col(c).shift(1).over("worker_id") for c in ("grade", "rank", "stint_no")]
    return (
        spells.with_columns(
            from_grade=previous[0], from_rank=previous[1], previous_stint=previous[2]
        )
        .filter(
            (pl.col("stint_no") == pl.col("previous_stint"))
            & (pl.col("rank") > pl.col("from_rank"))
        )
        .join(frames.workers.select("worker_id", "pseudonym"), on="worker_id")
        .select(
            "worker_id",
            "pseudonym",
            date="start_date",
            from_grade="from_grade",
            to_grade="grade",
            year=pl.col("start_date").dt.year() + (pl.col("start_date").dt.month() >= 10),
        )  # fmt: skip
        .sort("date", "worker_id", "from_grade", "to_grade")
    )


def time_to_progression(
    frames: WorkforceFrames, as_at: date, grade: str = str(CareerGrade.SOCIAL_WORKER)
) -> dict[str, object]:
    """How long people spend in ``grade`` before moving up (Kaplan-Meier over grade runs).

    A run of consecutive spells in the grade ends in progression (event), or in leaving, a
    move down or still being there on ``as_at`` (censored). Returns people, progressed, the
    median years with its confidence band, and the share progressed within 2, 3 and 5 years.
    """
    spells = number_stints(employed_spells(frames, as_at)).with_columns(
        rank=pl.col("grade").replace_strict(RANK, default=-1)
    )
    changed = (pl.col("grade") != pl.col("grade").shift(1).over("worker_id")).fill_null(True)
    new_stint = (pl.col("stint_no") != pl.col("stint_no").shift(1).over("worker_id")).fill_null(
        True
    )
    runs = (
        spells.with_columns(run=(changed | new_stint).cast(pl.Int32).cum_sum().over("worker_id"))
        .group_by("worker_id", "run", maintain_order=True)
        .agg(
            pl.col("grade").first(),
            pl.col("rank").first(),
            pl.col("stint_no").first(),
            start=pl.col("start_date").min(),
            end=pl.col("end_date").last(),
        )
        .sort("worker_id", "run")
        .with_columns(
            next_rank=pl.col("rank").shift(-1).over("worker_id"),
            next_stint=pl.col("stint_no").shift(-1).over("worker_id"),
        )
        .filter(pl.col("grade") == grade)
    )
    if runs.is_empty():
        raise InsufficientDataError(f"No one has been a {grade} in the records.")
    moved_up = (pl.col("next_stint") == pl.col("stint_no")) & (pl.col("next_rank") > pl.col("rank"))
    years = (pl.col("end").fill_null(as_at) - pl.col("start")).dt.total_days() / DAYS_PER_YEAR
    data = runs.with_columns(progressed=moved_up.fill_null(False), years=years)
    fitter = KaplanMeierFitter().fit(data["years"].to_numpy(), data["progressed"].to_numpy())
    band = median_survival_times(fitter.confidence_interval_)
    share = {
        f"progressed_within_{n}y_pct": 100
        * (1 - float(fitter.survival_function_at_times(n).iloc[0]))
        for n in (2, 3, 5)
    }
    median = float(fitter.median_survival_time_)
    return {
        "grade": grade,
        "people": data.height,
        "progressed": int(data["progressed"].sum()),
        "median_years": median if median != float("inf") else None,
        "median_lower": float(band.iloc[0, 0]) if band.iloc[0, 0] != float("inf") else None,
        "median_upper": float(band.iloc[0, 1]) if band.iloc[0, 1] != float("inf") else None,
        **share,
    }


def scheme_members(frames: WorkforceFrames, on: date, scheme: str | None = None) -> pl.DataFrame:
    """People on a development scheme on ``on`` (e.g. aspirant managers, practice educators)."""
    current = frames.schemes.filter(in_post_on(on))
    if scheme is not None:
        current = current.filter(pl.col("scheme") == scheme)
    people = in_post(frames, on).select("worker_id", "pseudonym", "name", "team", "grade")
    return current.join(people, on="worker_id").sort("scheme", "pseudonym")
