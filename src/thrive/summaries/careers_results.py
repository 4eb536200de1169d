"""View models: careers (ASYE, progression, schemes) and registration with team reminders."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

import polars as pl

from thrive.codes import CareerGrade
from thrive.retention.careers import (
    asye_cohorts,
    asye_progress,
    progressions,
    scheme_members,
    time_to_progression,
)
from thrive.retention.errors import InsufficientDataError
from thrive.retention.registration import registration_status, reminders
from thrive.retention.tenure import tenure
from thrive.summaries.results_common import Loaded, latest_day, rows, typed


@dataclass(frozen=True)
class AsyeCohort:
    """An ASYE cohort: outcomes so far, and how many were due a 1-, 2- and 3-year anniversary
    by the date and still employed on it (None: no one due yet)."""

    cohort: str | None
    started: int
    first_start: str | None
    passed: int
    failed: int
    extended: int
    in_progress: int
    due_1y: int | None
    kept_1y: int | None
    due_2y: int | None
    kept_2y: int | None
    due_3y: int | None
    kept_3y: int | None


@dataclass(frozen=True)
class AsyeInProgress:
    """An ASYE still in progress: reviews held and due (``thrive.retention.careers.asye_progress``'
    columns, dates as ISO text)."""

    worker_id: int
    cohort: str | None
    start_date: str | None
    review_3_months: str | None
    review_6_months: str | None
    review_12_months: str | None
    outcome: str | None
    outcome_date: str | None
    extended_to: str | None
    pseudonym: str
    review_3_months_due: str | None
    review_6_months_due: str | None
    review_12_months_due: str | None
    overdue: bool | None
    next_review_due: str | None
    status: str
    team: str | None


@dataclass(frozen=True)
class ProgressionCount:
    """How many people moved from one grade to another in a collection year."""

    year: int
    from_grade: str
    to_grade: str
    people: int


@dataclass(frozen=True)
class TimeToProgression:
    """How long people spend in a grade before moving up (``time_to_progression``)."""

    grade: str
    people: int
    progressed: int
    median_years: float | None
    median_lower: float | None
    median_upper: float | None
    progressed_within_2y_pct: float
    progressed_within_3y_pct: float
    progressed_within_5y_pct: float


@dataclass(frozen=True)
class SchemeCount:
    scheme: str
    people: int


@dataclass(frozen=True)
class SchemeMember:
    scheme: str
    pseudonym: str
    name: str | None
    team: str | None
    grade: str | None


@dataclass(frozen=True)
class CareersResult:
    """:func:`careers_summary`."""

    authority: str
    as_at: str
    asye_cohorts: list[AsyeCohort]
    asye_in_progress: list[AsyeInProgress]
    progressions: list[ProgressionCount]
    time_to_progression: list[TimeToProgression]
    scheme_counts: list[SchemeCount]
    scheme_members: list[SchemeMember]


def careers_summary(
    data: Loaded, as_at: date | None = None, visible: Collection[int] | None = None
) -> CareersResult:
    """ASYE cohorts and progress, progressions by year, time to progression, scheme members.

    Named lists (ASYEs in progress, scheme members) carry only the ``visible`` workers (None:
    everyone); the counts are for the whole council.
    """
    day = as_at or latest_day(data.frames)
    stints = tenure(data.frames, day)
    moves = progressions(data.frames, day)
    by_year = (
        moves.group_by("year", "from_grade", "to_grade")
        .agg(people=pl.len())
        .sort("year", "from_grade", "to_grade")
    )
    speed = []
    for grade in (CareerGrade.SOCIAL_WORKER, CareerGrade.SENIOR_PRACTITIONER):
        try:
            speed.append(time_to_progression(data.frames, day, str(grade)))
        except InsufficientDataError:
            continue
    progress = asye_progress(data.frames, day).filter(pl.col("status") == "in progress")
    members = scheme_members(data.frames, day)
    if visible is not None:
        progress = progress.filter(pl.col("worker_id").is_in(list(visible)))
        members = members.filter(pl.col("worker_id").is_in(list(visible)))
    counts = members.group_by("scheme").agg(people=pl.len()).sort("scheme")
    return CareersResult(
        authority=data.authority,
        as_at=day.isoformat(),
        asye_cohorts=typed(AsyeCohort, rows(asye_cohorts(data.frames, stints, day))),
        asye_in_progress=typed(AsyeInProgress, rows(progress.drop("in_post"))),
        progressions=typed(ProgressionCount, rows(by_year)),
        time_to_progression=typed(TimeToProgression, speed),
        scheme_counts=typed(SchemeCount, rows(counts)),
        scheme_members=typed(
            SchemeMember, rows(members.select("scheme", "pseudonym", "name", "team", "grade"))
        ),
    )


@dataclass(frozen=True)
class StatusCount:
    """How many people in post have a registration status."""

    status: str
    people: int


@dataclass(frozen=True)
class ReminderDue:
    """Something due for one worker (``thrive.retention.registration.reminders``' columns)."""

    worker_id: int
    pseudonym: str
    name: str | None
    team: str | None
    kind: str
    due: str
    text: str


@dataclass(frozen=True)
class RegistrationResult:
    """:func:`registration_summary`."""

    authority: str
    as_at: str
    status_counts: list[StatusCount]
    cpd_short: int
    reminders: list[ReminderDue]
    note: str


def registration_summary(
    data: Loaded, as_at: date | None = None, team: str | None = None,
    visible: Collection[int] | None = None,
) -> RegistrationResult:  # fmt: skip
    """Social Work England registration status counts, and reminders (for a team page)."""
    day = as_at or latest_day(data.frames)
    status = registration_status(data.frames, data.lifecycle, day)
    due = reminders(data.frames, data.lifecycle, day, team=team)
    if visible is not None:
        due = due.filter(pl.col("worker_id").is_in(list(visible)))
    return RegistrationResult(
        authority=data.authority,
        as_at=day.isoformat(),
        status_counts=typed(
            StatusCount, rows(status.group_by("status").agg(people=pl.len()).sort("status"))
        ),
        cpd_short=int(status["cpd_short"].sum()),
        reminders=typed(ReminderDue, rows(due)),
        note="The registration year runs 1 December to 30 November; renewal opens 1 September.",
    )
