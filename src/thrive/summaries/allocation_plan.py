"""Who should take each child, from the store: the planner's proposals in the field's words.

Builds the planner's input on a date (:mod:`thrive.summaries.allocation_inputs`), runs the exact
planner and the "least loaded first" rule on the same input (``thrive.allocation``), and returns
rows a command or a page can print: children by their pseudonymous id only, workers by pseudonym
(and name where the caller may show it), a plain-English reason for each proposal, and why each
child left for the manager's decision could not be placed. Method: ``docs/allocation.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from thrive.allocation import SUMMARY_KEYS, ChildToPlace, Plan, greedy, plan
from thrive.codes import CareerGrade
from thrive.codes.children import CaseType
from thrive.frames.workforce import WorkforceFrames
from thrive.summaries.allocation_inputs import PlanInput, open_on, plan_input


@dataclass(frozen=True)
class ChildRow:
    """One child to place: a proposal (``worker`` set) or left for the manager (``worker`` "")."""

    child: str
    case_type: str
    team: str
    waiting_days: int | None
    worker: str
    worker_team: str
    points: float
    reason: str


@dataclass(frozen=True)
class WorkerLoad:
    """A case holder's weighted load against their cap, now and once the plan is carried out."""

    worker_id: int
    pseudonym: str
    name: str
    grade: str
    team: str
    cases: int
    case_cap: int
    load: float
    cap: float
    cases_after: int
    load_after: float
    children_added: int

    @property
    def over_cap(self) -> bool:
        return self.load > self.cap + 1e-9 or self.cases > self.case_cap

    @property
    def over_after(self) -> bool:
        return self.load_after > self.cap + 1e-9 or self.cases_after > self.case_cap


@dataclass(frozen=True)
class AllocationPlan:
    as_at: date
    planning: str  # what was planned, in words
    proposals: tuple[ChildRow, ...]
    left: tuple[ChildRow, ...]
    workers: tuple[WorkerLoad, ...]
    summary: dict[str, int]
    greedy: dict[str, int]
    notes: tuple[str, ...]
    optimal: bool
    seconds: float
    greedy_seconds: float


def _lookups(frames: WorkforceFrames) -> tuple[dict[int, str], dict[int, tuple[str, str]]]:
    teams = {int(t): str(n) for t, n in frames.teams.select("team_id", "team").iter_rows()}
    people = {
        int(w): (str(p), str(n or p))
        for w, p, n in frames.workers.select("worker_id", "pseudonym", "name").iter_rows()
    }
    return teams, people


def run(given: PlanInput) -> tuple[Plan, Plan]:
    """The exact plan and the greedy rule's, on the same input."""
    return plan(given.children, given.workers, given.rules), greedy(
        given.children, given.workers, given.rules
    )


def allocation_plan(
    frames: WorkforceFrames,
    as_at: date,
    *,
    team_id: int | None = None,
    leaver_id: int | None = None,
    own_team_only: bool = False,
) -> AllocationPlan:
    """Plan the children waiting on the date (of one team, if given), or a leaver's caseload."""
    given = plan_input(
        frames, as_at, team_id=team_id, leaver_id=leaver_id, own_team_only=own_team_only
    )
    exact, rule = run(given)
    teams, people = _lookups(frames)
    kids = {c.child_id: c for c in given.children}
    staff = {w.worker_id: w.team for w in given.workers}

    def row(child: ChildToPlace, worker: str, points: float, reason: str) -> ChildRow:
        since = given.waiting_since.get(child.child_id)
        owner = people.get(int(worker), ("", ""))[0] if worker else ""
        return ChildRow(
            child=child.child_id,
            case_type=CaseType(child.case_type).label,
            team=teams.get(int(child.team), "?"),
            waiting_days=None if since is None else (as_at - since).days + 1,
            worker=owner,
            worker_team=teams.get(int(staff[worker]), "?") if worker else "",
            points=round(points, 2),
            reason=reason,
        )

    proposals = tuple(
        row(kids[p.child_id], p.worker_id, p.points, p.reason) for p in exact.proposals
    )
    left = tuple(
        row(kids[x.child_id], "", given.rules.weighted_points(kids[x.child_id]), x.reason)
        for x in exact.left_unallocated
    )
    after = {w.worker_id: w for w in exact.workers_after}
    workers = tuple(
        WorkerLoad(
            worker_id=int(w.worker_id),
            pseudonym=people[int(w.worker_id)][0],
            name=people[int(w.worker_id)][1],
            grade=CareerGrade(w.grade).label,
            team=teams.get(int(w.team), "?"),
            cases=w.case_count,
            case_cap=w.effective_case_cap,
            load=round(w.weighted_load, 2),
            cap=round(w.weighted_cap, 2),
            cases_after=after[w.worker_id].case_count,
            load_after=round(after[w.worker_id].weighted_load, 2),
            children_added=after[w.worker_id].children_added,
        )
        for w in given.workers
    )
    return AllocationPlan(
        as_at=as_at,
        planning=_planning(given, teams.get(team_id or -1), people.get(leaver_id or -1)),
        proposals=proposals,
        left=left,
        workers=workers,
        summary=exact.summary(),
        greedy=rule.summary(),
        notes=exact.notes,
        optimal=exact.optimal,
        seconds=exact.seconds,
        greedy_seconds=rule.seconds,
    )


def _planning(given: PlanInput, team: str | None, leaver: tuple[str, str] | None) -> str:
    n = len(given.children)
    who = f"{n} child{'ren' if n != 1 else ''}"
    where = f" in {team}" if team else ""
    day = f"{given.as_at.day} {given.as_at:%B %Y}"  # in words, as the pages say a date
    if leaver is not None:
        return f"{who}{where} held by {leaver[0]} (leaving) on {day}"
    return f"{who}{where} waiting unallocated on {day}"


@dataclass(frozen=True)
class HeldChild:
    child: str
    case_type: str
    worker: str  # pseudonym
    since: date


def team_allocations(frames: WorkforceFrames, team_id: int, as_at: date) -> tuple[HeldChild, ...]:
    """The team's children with a worker on the date, by worker then child (ids only)."""
    people = {
        int(w): str(p) for w, p in frames.workers.select("worker_id", "pseudonym").iter_rows()
    }
    held = open_on(frames.allocations, as_at).filter(
        (pl.col("team_id") == team_id) & pl.col("worker_id").is_not_null()
    )
    rows = [
        HeldChild(c, CaseType(t).label, people.get(int(w), "?"), s)
        for c, t, w, s in held.select("child", "case_type", "worker_id", "start_date").iter_rows()
    ]
    return tuple(sorted(rows, key=lambda r: (r.worker, r.child)))


def as_json(result: AllocationPlan) -> dict[str, object]:
    """The plan as JSON: proposals, children left, workers, ``summary`` and ``greedy``."""
    return {
        "as_at": result.as_at.isoformat(),
        "planning": result.planning,
        "method": "exact (HiGHS MILP)",
        "optimal": result.optimal,
        "proposals": [_child_json(r) for r in result.proposals],
        "left_unallocated": [_child_json(r) for r in result.left],
        "workers": [
            {
                "worker": w.pseudonym,
                "grade": w.grade,
                "team": w.team,
                "weighted_load": w.load,
                "weighted_cap": w.cap,
                "cases": w.cases,
                "case_cap": w.case_cap,
                "weighted_load_after": w.load_after,
                "cases_after": w.cases_after,
                "children_added": w.children_added,
            }
            for w in result.workers
        ],
        "notes": list(result.notes),
        "summary": {k: result.summary[k] for k in SUMMARY_KEYS},
        "greedy": {k: result.greedy[k] for k in SUMMARY_KEYS},
    }


def _child_json(r: ChildRow) -> dict[str, object]:
    out: dict[str, object] = {
        "child": r.child,
        "case_type": r.case_type,
        "team": r.team,
        "waiting_days": r.waiting_days,
        "points": r.points,
        "reason": r.reason,
    }
    if r.worker:
        out = {**out, "worker": r.worker, "worker_team": r.worker_team}
    return out
