"""The simulation's working state for one area: posts, the people in them, open records.

A :class:`Person` holds at most one post at a time; their *current spell* lives on the person
and becomes a :class:`SpellRecord` when anything about it changes (``change``) or they leave
(``leave``). Line management and team manager records are closed here too, whenever the event
that ends them happens, so nothing is ever written with overlapping dates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from thrive.codes import CareerGrade, ContractType
from thrive.demo.alignment import Aligner
from thrive.demo.dates import working_days
from thrive.demo.identities import Identity, IdentityMaker
from thrive.demo.organisation import Area
from thrive.demo.records import (
    DemoRecords,
    LineManagementRecord,
    SchemeRecord,
    SpellRecord,
    TeamManagerRecord,
)

CASE_HOLDING = frozenset(
    {"asye", "social_worker", "senior_practitioner", "consultant_social_worker"}
)
PRACTICE_SUPERVISORS = frozenset({"senior_practitioner", "consultant_social_worker"})
DAY = timedelta(days=1)
AGENCY = str(ContractType.AGENCY)


@dataclass(slots=True, eq=False)
class Post:
    """A funded post and whoever holds it now."""

    reference: str
    team: str
    service: str
    grade: str
    start: date
    holder: Person | None = None
    free_from: date = date.min
    """The first day a new holder may start (the day after the last one left)."""


@dataclass(slots=True)
class Membership:
    """Membership of a development scheme; ``end`` None while it continues."""

    scheme: str
    start: date
    end: date | None


@dataclass(slots=True, eq=False)
class Person:
    """A worker while the simulation runs: identity, current spell and open records."""

    identity: Identity
    post: Post
    contract: str
    grade: str
    fte: float
    spell_start: date
    joined: date
    role_since: date
    start_origin: int | None = None
    day_rate: int | None = None
    fixed_term_end: date | None = None
    left: date | None = None
    asye_start: date | None = None
    asye_outcome: str = ""
    asye_outcome_date: date | None = None
    asye_extended_to: date | None = None
    academy: bool = False
    manager: Person | None = None
    manager_since: date | None = None
    line_free_from: date = date.min
    reports: dict[str, Person] = field(default_factory=dict)
    absent_until: date = date.min
    open_absence: int | None = None  # index in out.absences of the latest absence
    direct_from: date = date.min  # directly employed from (an agency worker's conversion)
    schemes: list[Membership] = field(default_factory=list)

    @property
    def pseudonym(self) -> str:
        return self.identity.pseudonym

    @property
    def is_agency(self) -> bool:
        return self.contract == AGENCY

    @property
    def team(self) -> str:
        return self.post.team


@dataclass(eq=False)
class TeamState:
    """A team's open team-manager record."""

    name: str
    service: str
    kind: str
    manager: Person | None = None
    manager_since: date | None = None
    free_from: date = date.min


class AreaState:
    """Everything the simulation knows about one area while it runs."""

    def __init__(
        self, area: Area, rng: np.random.Generator, people: IdentityMaker, out: DemoRecords
    ) -> None:
        self.area = area
        self.rng = rng
        self.aligner = Aligner(rng)
        self.identities = people
        self.out = out
        service_of = {team.name: team.service for team in area.teams}
        self.posts = [
            Post(p.reference, p.team, service_of[p.team], p.grade, p.start, free_from=p.start)
            for p in area.posts
        ]
        self.teams = {t.name: TeamState(t.name, t.service, t.kind) for t in area.teams}
        self.people: list[Person] = []
        self.leavers_this_month: list[Person] = []

    # --- who is where -------------------------------------------------------------------
    def open_posts(self, on: date) -> list[Post]:
        return [post for post in self.posts if post.start <= on]

    def holders(self) -> list[Person]:
        return [post.holder for post in self.posts if post.holder is not None]

    # --- spells -----------------------------------------------------------------------
    def start(self, identity: Identity, post: Post, contract: ContractType, grade: str,
              fte: float, on: date, start_origin: int | None = None,
              day_rate: int | None = None) -> Person:  # fmt: skip
        """A new person takes ``post`` on ``on``."""
        person = Person(
            identity, post, str(contract), grade, fte, on, on, on,
            start_origin=start_origin, day_rate=day_rate, line_free_from=on,
        )  # fmt: skip
        post.holder = person
        self.people.append(person)
        return person

    def _record_spell(self, person: Person, end: date | None, reason: int | None = None,
                      destination: int | None = None) -> None:  # fmt: skip
        self.out.spells.append(SpellRecord(
            person.pseudonym, person.post.team, person.post.reference, person.contract,
            person.grade, int(CareerGrade(person.grade).org_role), person.fte, person.spell_start,
            end, person.start_origin, reason, destination, person.day_rate,
        ))  # fmt: skip

    def change(self, person: Person, on: date, *, post: Post | None = None,
               grade: str | None = None, contract: ContractType | None = None,
               fte: float | None = None, start_origin: int | None = None) -> None:  # fmt: skip
        """End the person's spell the day before ``on`` and start the changed one on ``on``."""
        self._record_spell(person, on - DAY)
        if post is not None and post is not person.post:
            self.close_management(person, on - DAY, as_report=person.post.team != post.team)
            person.post.holder = None
            person.post.free_from = on
            person.post = post
            post.holder = person
            person.role_since = on
        if grade is not None and grade != person.grade:
            person.role_since = on
            person.grade = grade
        if contract is not None:
            if person.is_agency and not contract.is_agency:
                person.direct_from = on  # absence is recorded from the conversion on
            person.contract = str(contract)
            if not contract.is_agency:
                person.day_rate = None
        person.fte = person.fte if fte is None else fte
        person.start_origin = start_origin
        person.spell_start = on

    def leave(self, person: Person, on: date, reason: int | None = None,
              destination: int | None = None) -> None:  # fmt: skip
        """The person's last day is ``on``: a leaver if directly employed, an agency end if not."""
        self._record_spell(person, on, reason, destination)
        self.close_management(person, on, as_report=True)
        person.post.holder = None
        person.post.free_from = on + DAY
        person.left = on
        self._end_absence(person, on)
        person.schemes = [m for m in person.schemes if m.start <= on]
        for membership in person.schemes:
            if membership.end is None or membership.end > on:
                membership.end = on
        self.leavers_this_month.append(person)

    def _end_absence(self, person: Person, on: date) -> None:
        """An absence running when someone leaves ends on their last day (days lost with it)."""
        if person.open_absence is None or person.absent_until <= on:
            return
        record = self.out.absences[person.open_absence]
        lost = round(working_days(record.start, on) * person.fte, 2)
        self.out.absences[person.open_absence] = record._replace(end=on, working_days_lost=lost)
        person.absent_until = on

    # --- line management and team management -------------------------------------------------
    def close_line(self, report: Person, end: date) -> None:
        manager = report.manager
        if manager is None or report.manager_since is None:
            return
        self.out.line_management.append(
            LineManagementRecord(manager.pseudonym, report.pseudonym, report.manager_since, end)
        )
        del manager.reports[report.pseudonym]
        report.manager = None
        report.manager_since = None
        report.line_free_from = end + DAY

    def open_line(self, manager: Person, report: Person, start: date) -> None:
        report.manager = manager
        report.manager_since = start
        manager.reports[report.pseudonym] = report

    def close_management(self, person: Person, end: date, as_report: bool) -> None:
        """Close the records that end when ``person`` leaves or changes post on ``end``."""
        if as_report:
            self.close_line(person, end)
        for report in list(person.reports.values()):
            self.close_line(report, end)
        for team in self.teams.values():
            if team.manager is person:
                self.close_team_manager(team, end)

    def close_team_manager(self, team: TeamState, end: date) -> None:
        if team.manager is None or team.manager_since is None:
            return
        self.out.team_managers.append(
            TeamManagerRecord(team.name, team.manager.pseudonym, team.manager_since, end)
        )
        team.manager = None
        team.manager_since = None
        team.free_from = end + DAY

    # --- the end of the history --------------------------------------------------------
    def finish(self) -> None:
        """Write out every record still open at the end of the history."""
        for person in self.people:
            if person.left is None:
                self._record_spell(person, None)
                if person.manager is not None and person.manager_since is not None:
                    self.out.line_management.append(LineManagementRecord(
                        person.manager.pseudonym, person.pseudonym, person.manager_since, None
                    ))  # fmt: skip
            for m in person.schemes:
                self.out.schemes.append(SchemeRecord(person.pseudonym, m.scheme, m.start, m.end))
        for team in self.teams.values():
            if team.manager is not None and team.manager_since is not None:
                self.out.team_managers.append(
                    TeamManagerRecord(team.name, team.manager.pseudonym, team.manager_since, None)
                )
