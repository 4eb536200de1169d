"""Who manages whom at each month end: team managers (acting ones too) and line management.

Before the strategy a team manager line-managed the whole team (up to twelve; senior
practitioners took the overflow). From 1 January 2017 nobody has more than six direct reports:
senior practitioners and consultant social workers become practice supervisors. A report keeps
their manager while it still fits; otherwise they move to the nearest manager with room (in the
team, then the service, then the operations manager, then anywhere in the area). A record never
starts before the day both people are in place, and never overlaps the report's previous one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from thrive.codes import CareerGrade, TeamKind
from thrive.demo.dates import HISTORY_START, STRATEGY_START
from thrive.demo.state import DAY, PRACTICE_SUPERVISORS, AreaState, Person

TM = str(CareerGrade.TEAM_MANAGER)
OM = str(CareerGrade.OPERATIONS_MANAGER)
HOS = str(CareerGrade.HEAD_OF_SERVICE)
MANAGING = frozenset({TM, OM, *PRACTICE_SUPERVISORS})
MAX_REPORTS = 6
MAX_REPORTS_BEFORE_STRATEGY = 12


@dataclass
class Roster:
    """The area's managers at a month end, looked up by team and service."""

    head: Person | None = None
    operations: dict[str, Person] = field(default_factory=dict)
    team_manager: dict[str, Person] = field(default_factory=dict)
    supervisors: dict[str, list[Person]] = field(default_factory=dict)
    service_team_managers: dict[str, list[Person]] = field(default_factory=dict)
    service_managers: dict[str, list[Person]] = field(default_factory=dict)
    area_managers: list[Person] = field(default_factory=list)


def roster(state: AreaState) -> Roster:
    found = Roster()
    for person in state.holders():
        team, service = person.team, person.post.service
        if person.grade == HOS:
            found.head = person
        elif person.grade == OM:
            found.operations[service] = person
        elif person.grade == TM:
            found.team_manager[team] = person
            found.service_team_managers.setdefault(service, []).append(person)
        elif person.grade in PRACTICE_SUPERVISORS:
            found.supervisors.setdefault(team, []).append(person)
        else:
            continue
        if person.grade in (TM, *PRACTICE_SUPERVISORS):
            found.service_managers.setdefault(service, []).append(person)
            found.area_managers.append(person)
    return found


def _capacity(manager: Person, capped: bool) -> int:
    if capped:
        return MAX_REPORTS
    return MAX_REPORTS_BEFORE_STRATEGY if manager.grade in (TM, *PRACTICE_SUPERVISORS) else 99


def _tiers(person: Person, r: Roster, capped: bool) -> list[list[Person | None]]:
    """Who may line-manage ``person``, nearest first."""
    service, team = person.post.service, person.team
    if person.grade == HOS:
        return []
    if person.grade == OM:
        return [[r.head]]
    om = r.operations.get(service)
    if person.grade == TM:
        cover: list[Person | None] = [m for m in r.operations.values() if m is not om]
        return [[om], cover, [r.head]]
    tm = r.team_manager.get(team)
    others: list[Person | None] = list(r.service_team_managers.get(service, []))
    if person.grade in PRACTICE_SUPERVISORS:
        return [[tm], others, [om]]
    supervisors: list[Person | None] = list(r.supervisors.get(team, []))
    if capped:
        nearby: list[Person | None] = list(r.service_managers.get(service, []))
        return [[tm, *supervisors], nearby, [om], list(r.area_managers)]
    return [[tm], supervisors, others, [om]]


def _misplaced(
    person: Person, manager: Person, r: Roster, capped: bool, load: dict[int, int]
) -> bool:
    """True if ``manager`` may not manage ``person``, or someone nearer now has room."""
    for tier in _tiers(person, r, capped):
        if any(manager is m for m in tier):
            return False
        if any(m is not None and m is not person and load[id(m)] < _capacity(m, capped)
               for m in tier):  # fmt: skip
            return True
    return True


def _keep_first(report: Person) -> tuple[int, date, str]:
    """Order in which an over-full manager keeps reports: other managers first, then longest."""
    managing = report.grade in MANAGING
    return (0 if managing else 1, report.manager_since or date.min, report.pseudonym)


def line_management(state: AreaState, first: date, last: date) -> int:
    """Bring line management up to date at the month end; return how many have no manager."""
    capped = last >= STRATEGY_START
    r = roster(state)
    holders = state.holders()
    pending: dict[str, Person] = {}
    load = {id(m): len(m.reports) for m in holders}
    for person in holders:
        manager = person.manager
        if manager is not None and _misplaced(person, manager, r, capped, load):
            pending[person.pseudonym] = person
    for manager in holders:
        kept = [p for p in manager.reports.values() if p.pseudonym not in pending]
        for report in sorted(kept, key=_keep_first)[_capacity(manager, capped) :]:
            pending[report.pseudonym] = report
    for person in holders:
        if person.manager is None and person.grade != HOS:
            pending[person.pseudonym] = person
    for person in pending.values():
        if person.manager is not None:
            load[id(person.manager)] -= 1
    rank = {str(grade): -grade.rank for grade in CareerGrade}
    queue = sorted(pending.values(), key=lambda p: rank[p.grade])
    unmanaged = 0
    earliest = first if first > HISTORY_START else date.min
    while queue:
        person = queue.pop(0)
        chosen = _choose(person, r, capped, load)
        if chosen is None and person.grade in MANAGING:
            chosen, bumped = _bump(person, r, capped, first, pending)
            if bumped is not None:
                pending[bumped.pseudonym] = bumped
                queue.append(bumped)
                load[id(chosen)] -= 1
        if chosen is None:
            if person.manager is not None:
                state.close_line(person, first - DAY)
            unmanaged += 1
            continue
        load[id(chosen)] += 1
        if person.manager is chosen:
            continue
        if person.manager is not None and person.manager_since is not None:
            start = max(first, chosen.role_since, person.manager_since + DAY)
            state.close_line(person, start - DAY)
        else:
            start = max(person.line_free_from, chosen.role_since, earliest)
        state.open_line(chosen, person, start)
    return unmanaged


def _bump(
    person: Person, r: Roster, capped: bool, first: date, pending: dict[str, Person]
) -> tuple[Person | None, Person | None]:
    """Make room for a manager's own line manager: move a practitioner report elsewhere.

    Returns the manager who now has room and the practitioner who must find another manager
    (one not already waiting for a manager, whose record began before this month, so the new
    record fits after it).
    """
    for tier in _tiers(person, r, capped):
        for manager in tier:
            if manager is None or manager is person:
                continue
            movable = [
                p
                for p in manager.reports.values()
                if p.grade not in MANAGING
                and p.pseudonym not in pending
                and p.manager_since is not None
                and p.manager_since < first
            ]
            if movable:
                return manager, max(
                    movable, key=lambda p: (p.manager_since or date.min, p.pseudonym)
                )
    return None, None


def _choose(person: Person, r: Roster, capped: bool, load: dict[int, int]) -> Person | None:
    for tier in _tiers(person, r, capped):
        room = [
            m
            for m in tier
            if m is not None and m is not person and load[id(m)] < _capacity(m, capped)
        ]
        if room:
            return min(room, key=lambda m: load[id(m)])
    return None


def team_managers(state: AreaState, first: date) -> None:
    """Each team's manager at the month end: the team manager, or an acting senior."""
    by_team: dict[str, list[Person]] = {}
    for person in state.holders():
        by_team.setdefault(person.team, []).append(person)
    for team in state.teams.values():
        if team.kind == str(TeamKind.MANAGEMENT):
            continue
        members = by_team.get(team.name, [])
        desired = next((p for p in members if p.grade == TM), None)
        current = team.manager
        if desired is None and current is not None and current.grade in PRACTICE_SUPERVISORS:
            desired = current  # the acting manager carries on
        if desired is None:
            seniors = [p for p in members if p.grade in PRACTICE_SUPERVISORS]
            desired = min(seniors, key=lambda p: p.role_since) if seniors else None
        if desired is None or desired is current:
            continue
        if current is not None and team.manager_since is not None:
            start = max(first, desired.role_since, team.manager_since + DAY)
            state.close_team_manager(team, start - DAY)
        else:
            start = max(team.free_from, desired.role_since)
        team.manager = desired
        team.manager_since = start
