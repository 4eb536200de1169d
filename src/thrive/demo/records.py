"""The plain records the demo simulation produces, one type per workforce table.

The simulation (pure Python and NumPy) returns a :class:`DemoRecords`; :mod:`thrive.demo.store`
writes it. Records refer to each other by natural keys (team name, post reference, worker
pseudonym), never by database ids, so the simulation knows nothing about the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple


class ServiceRecord(NamedTuple):
    name: str


class TeamRecord(NamedTuple):
    name: str
    service: str
    kind: str
    opened: date
    closed: date | None


class PostRecord(NamedTuple):
    reference: str
    team: str
    grade: str
    funded_fte: float
    start: date
    end: date | None


class WorkerRecord(NamedTuple):
    pseudonym: str
    name: str
    swe_number: str
    birth_date: date
    sex: str
    ethnicity: str
    qualification_level: int
    qualified_on: date
    route: str


class SpellRecord(NamedTuple):
    pseudonym: str
    team: str
    post: str
    contract_type: str
    grade: str
    org_role: int
    fte: float
    start: date
    end: date | None
    start_origin: int | None
    reason_leave: int | None
    leaver_destination: int | None
    day_rate: int | None


class LineManagementRecord(NamedTuple):
    manager: str
    report: str
    start: date
    end: date | None


class TeamManagerRecord(NamedTuple):
    team: str
    manager: str
    start: date
    end: date | None


class CaseloadRecord(NamedTuple):
    pseudonym: str
    date: date
    cases: int
    children: int
    weighted_points: float


class SupervisionRecord(NamedTuple):
    pseudonym: str
    date: date
    kind: str
    supervisor: str


class AppraisalRecord(NamedTuple):
    pseudonym: str
    cycle: str
    due_date: date
    completed_date: date | None


class AbsenceRecord(NamedTuple):
    pseudonym: str
    start: date
    end: date
    reason: str
    working_days_lost: float


class AsyeRecord(NamedTuple):
    pseudonym: str
    cohort: str
    start: date
    review_3_months: date | None
    review_6_months: date | None
    review_12_months: date | None
    outcome: str
    outcome_date: date | None
    extended_to: date | None


class SchemeRecord(NamedTuple):
    pseudonym: str
    scheme: str
    start: date
    end: date | None


@dataclass
class DemoRecords:
    """Everything the simulation made for one demo authority, ready to be written."""

    seed: int
    scale: int
    services: list[ServiceRecord] = field(default_factory=list)
    teams: list[TeamRecord] = field(default_factory=list)
    posts: list[PostRecord] = field(default_factory=list)
    workers: list[WorkerRecord] = field(default_factory=list)
    spells: list[SpellRecord] = field(default_factory=list)
    line_management: list[LineManagementRecord] = field(default_factory=list)
    team_managers: list[TeamManagerRecord] = field(default_factory=list)
    caseloads: list[CaseloadRecord] = field(default_factory=list)
    supervisions: list[SupervisionRecord] = field(default_factory=list)
    appraisals: list[AppraisalRecord] = field(default_factory=list)
    absences: list[AbsenceRecord] = field(default_factory=list)
    asye: list[AsyeRecord] = field(default_factory=list)
    schemes: list[SchemeRecord] = field(default_factory=list)
    unmanaged_month_ends: int = 0
    """Worker-month-ends nobody had capacity to line-manage (the cap is never broken instead)."""

    def counts(self) -> dict[str, int]:
        """How many records of each kind, for the command's summary and the benchmark."""
        kinds = ("services", "teams", "posts", "workers", "spells", "line_management",
                 "team_managers", "caseloads", "supervisions", "appraisals", "absences", "asye",
                 "schemes")  # fmt: skip
        return {kind: len(getattr(self, kind)) for kind in kinds}
