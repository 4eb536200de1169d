"""A worker's record as their manager or HR sees it: posts over time, caseload, supervision,
appraisals, absence and ASYE. Only built for a user allowed to open this worker's record."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import polars as pl

from thrive.codes import (
    AsyeOutcome,
    CareerGrade,
    ContractType,
    Ethnicity,
    LeaverDestination,
    ReasonAbsence,
    ReasonLeave,
    Route,
    Sex,
    StartOrigin,
    SupervisionKind,
)
from thrive.frames.workforce import WorkforceFrames

RECENT = 12


@dataclass(frozen=True)
class Post:
    team: str
    grade: str
    contract: str
    fte: float
    start: date
    end: date | None
    started_from: str
    left_because: str


@dataclass(frozen=True)
class WorkerRecord:
    """One worker's record, for a viewer entitled to it."""

    worker_id: int
    pseudonym: str
    name: str
    swe_number: str
    birth_date: date | None
    sex: str
    ethnicity: str
    route: str
    qualified_on: date | None
    posts: list[Post] = field(default_factory=list)
    caseloads: list[tuple[date, int]] = field(default_factory=list)
    supervisions: list[tuple[date, str]] = field(default_factory=list)
    appraisals: list[tuple[str, date, date | None]] = field(default_factory=list)
    absences: list[tuple[date, date, str, float]] = field(default_factory=list)
    asye: dict[str, str] = field(default_factory=dict)


class UnknownWorkerError(LookupError):
    """No worker with this pseudonym in the authority's records."""


def worker_id_for(frames: WorkforceFrames, pseudonym: str) -> int:
    found = frames.workers.filter(pl.col("pseudonym") == pseudonym)
    if found.is_empty():
        raise UnknownWorkerError(pseudonym)
    return int(found["worker_id"][0])


def worker_record(frames: WorkforceFrames, worker_id: int, as_at: date) -> WorkerRecord:
    """The record of one worker up to the "as at" date (latest first where it is a history)."""
    person = frames.workers.filter(pl.col("worker_id") == worker_id).row(0, named=True)
    teams = dict(frames.teams.select("team_id", "team").iter_rows())
    spells = frames.spells.filter(
        (pl.col("worker_id") == worker_id) & (pl.col("start_date") <= as_at)
    ).sort("start_date", descending=True)
    posts = [
        Post(
            team=teams.get(s["team_id"], "?"),
            grade=CareerGrade(s["grade"]).label,
            contract=ContractType(s["contract_type"]).label,
            fte=round(s["fte"], 2),
            start=s["start_date"],
            end=s["end_date"] if s["end_date"] is None or s["end_date"] <= as_at else None,
            started_from=StartOrigin(s["start_origin"]).label if s["start_origin"] else "",
            left_because=_leaving(s["reason_leave"], s["leaver_destination"], s["end_date"], as_at),
        )
        for s in spells.iter_rows(named=True)
    ]
    mine = pl.col("worker_id") == worker_id
    caseloads = (
        frames.caseloads.filter(mine & (pl.col("date") <= as_at))
        .sort("date", descending=True)
        .head(RECENT)
    )
    supervisions = (
        frames.supervisions.filter(mine & (pl.col("date") <= as_at))
        .sort("date", descending=True)
        .head(RECENT)
    )
    appraisals = frames.appraisals.filter(mine & (pl.col("due_date") <= as_at)).sort(
        "due_date", descending=True
    )
    absences = (
        frames.absences.filter(mine & (pl.col("start_date") <= as_at))
        .sort("start_date", descending=True)
        .head(RECENT)
    )
    return WorkerRecord(
        worker_id=worker_id,
        pseudonym=person["pseudonym"],
        name=person["name"] or person["pseudonym"],
        swe_number=person["swe_number"] or "Not recorded",
        birth_date=person["birth_date"],
        sex=Sex(person["sex"]).label if person["sex"] else "Not recorded",
        ethnicity=Ethnicity(person["ethnicity"]).label if person["ethnicity"] else "Not recorded",
        route=Route(person["route"]).label if person["route"] else "Not recorded",
        qualified_on=person["qualified_on"],
        posts=posts,
        caseloads=[(r["date"], r["cases"]) for r in caseloads.iter_rows(named=True)],
        supervisions=[
            (r["date"], SupervisionKind(r["kind"]).label)
            for r in supervisions.iter_rows(named=True)
        ],
        appraisals=[
            (r["cycle"], r["due_date"], _by(r["completed_date"], as_at))
            for r in appraisals.iter_rows(named=True)
        ],
        absences=[
            (
                r["start_date"],
                r["end_date"],
                ReasonAbsence(r["reason"]).label,
                r["working_days_lost"],
            )
            for r in absences.iter_rows(named=True)
        ],
        asye=_asye(frames, worker_id, as_at),
    )


def _by(day: date | None, as_at: date) -> date | None:
    return day if day is not None and day <= as_at else None


def _leaving(reason: int | None, destination: int | None, end: date | None, as_at: date) -> str:
    if reason is None or end is None or end > as_at:
        return ""
    text = ReasonLeave(reason).label
    return f"{text}; went to: {LeaverDestination(destination).label}" if destination else text


def _asye(frames: WorkforceFrames, worker_id: int, as_at: date) -> dict[str, str]:
    found = frames.asye.filter((pl.col("worker_id") == worker_id) & (pl.col("start_date") <= as_at))
    if found.is_empty():
        return {}
    row = found.row(0, named=True)
    shown = {"Cohort": row["cohort"], "Started": f"{row['start_date']:%-d %B %Y}"}
    for key, label in (
        ("review_3_months", "3-month review"),
        ("review_6_months", "6-month review"),
        ("review_12_months", "12-month review"),
    ):
        day = _by(row[key], as_at)
        shown[label] = f"{day:%-d %B %Y}" if day else "Not yet"
    outcome_day = _by(row["outcome_date"], as_at)
    shown["Outcome"] = (
        f"{AsyeOutcome(row['outcome']).label} on {outcome_day:%-d %B %Y}"
        if row["outcome"] and outcome_day
        else "In progress"
    )
    return shown
