"""The allocation planner's input, read from the store's frames on one date.

- **Children to place**: every child waiting unallocated on the date (a spell with no worker open
  that day), or every child a named leaving worker holds that day. A waiting child's *previous
  worker* is the last worker they had in the same episode of care (spells following one another
  with no gap), as the continuity measures define it.
- **Workers**: everyone in post that day (agency included) whose grade has a weighted cap, i.e.
  who holds cases (managers do not), described by their more senior post with the FTE of all
  their posts added up. Their load is the weighted points of the allocations open for them that
  day; their cap, the ASYE protection and each case's points come from the caseload weighting
  the weighted-caseload measures use (``thrive.metrics.caseload_weights``: one definition).
  Only ASYE social workers have a cap on the number of cases; anyone else's case cap is the most
  cases their weighted cap could hold (all of the lightest type), so the weighted cap is what binds.
- **Team and locality**: a child's team is the team of their spell; a worker's, their senior
  post's. The locality is the team's service (the store records no other geography).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import polars as pl

from thrive.allocation import ChildToPlace, PlanRules, WorkerCapacity
from thrive.codes import CareerGrade
from thrive.frames.workforce import WorkforceFrames
from thrive.metrics.caseload_weights import CaseloadWeights, caseload_weights
from thrive.summaries.periods import in_post


@dataclass(frozen=True)
class PlanInput:
    """What the planner is given, and what the pages need to say about it."""

    as_at: date
    children: tuple[ChildToPlace, ...]
    workers: tuple[WorkerCapacity, ...]
    waiting_since: dict[str, date]  # child id -> first day unallocated (waiting children only)
    rules: PlanRules


def rules_from(weights: CaseloadWeights) -> PlanRules:
    """The planner's rules with the points the weighted-caseload measures use."""
    return PlanRules(points=dict(weights.points))


def open_on(allocations: pl.DataFrame, as_at: date) -> pl.DataFrame:
    """The allocation spells (with a worker or waiting) open on the date."""
    end = pl.col("end_date")
    return allocations.filter((pl.col("start_date") <= as_at) & (end.is_null() | (end >= as_at)))


def workers_on(
    frames: WorkforceFrames,
    as_at: date,
    weights: CaseloadWeights,
    team_ids: set[int] | None = None,
) -> tuple[WorkerCapacity, ...]:
    """Every case-holding worker in post on the date (of these teams, if given), with their load."""
    spells = in_post(frames.spells, as_at)
    if spells.is_empty():
        return ()
    services = dict(frames.teams.select("team_id", "service_id").iter_rows())
    total_fte = spells.group_by("worker_id").agg(pl.col("fte").sum().alias("total_fte"))
    senior = (
        spells.sort(
            ["org_role", "fte", "spell_id"], descending=[False, True, False], nulls_last=True
        )
        .unique("worker_id", keep="first")
        .join(total_fte, on="worker_id")
    )
    held = open_on(frames.allocations, as_at).filter(pl.col("worker_id").is_not_null())
    load: dict[int, float] = {}
    cases: dict[int, int] = {}
    for worker_id, case_type, complexity in held.select(
        "worker_id", "case_type", "complexity"
    ).iter_rows():
        load[worker_id] = load.get(worker_id, 0.0) + weights.case_points(case_type, complexity)
        cases[worker_id] = cases.get(worker_id, 0) + 1
    lightest = min(weights.points.values(), default=1.0)
    out = []
    for row in senior.sort("worker_id").iter_rows(named=True):
        cap = weights.worker_cap(row["grade"], row["total_fte"])
        if cap is None or (team_ids is not None and row["team_id"] not in team_ids):
            continue
        asye = row["grade"] == CareerGrade.ASYE.value
        out.append(
            WorkerCapacity(
                worker_id=str(row["worker_id"]),
                team=str(row["team_id"]),
                locality=str(services.get(row["team_id"])),
                grade=row["grade"],
                is_asye=asye,
                weighted_load=round(load.get(row["worker_id"], 0.0), 4),
                case_count=cases.get(row["worker_id"], 0),
                weighted_cap=cap,
                case_cap=int(cap / lightest + 1e-9) if lightest > 0 else 0,
                asye_max_complexity=weights.asye_max_complexity if asye else None,
                asye_protected_cases=weights.asye_cases(row["total_fte"]) if asye else None,
            )
        )
    return tuple(out)


def _previous_workers(allocations: pl.DataFrame, waiting: pl.DataFrame) -> dict[str, str]:
    """Each waiting child's last worker in the same episode of care (none: not in the dict)."""
    found: dict[str, str] = {}
    children = set(waiting["child"].to_list())
    mine = allocations.filter(pl.col("child").is_in(list(children))).sort("child", "start_date")
    starts = dict(waiting.select("child", "start_date").iter_rows())
    history: dict[str, list[dict[str, object]]] = {}
    for row in mine.iter_rows(named=True):
        history.setdefault(row["child"], []).append(row)
    for child, rows in history.items():
        earlier = [r for r in rows if r["start_date"] < starts[child]]
        day = starts[child]
        for row in reversed(earlier):
            if row["end_date"] is None or row["end_date"] + timedelta(days=1) < day:  # type: ignore[operator]
                break  # a gap: an earlier episode of care
            if row["worker_id"] is not None:
                found[child] = str(row["worker_id"])
                break
            day = row["start_date"]
    return found


def _child(row: dict[str, object], services: dict[int, int], **extra: str | None) -> ChildToPlace:
    complexity = row["complexity"]
    return ChildToPlace(
        child_id=str(row["child"]),
        case_type=str(row["case_type"]),
        complexity=1.0 if complexity is None else float(complexity),  # type: ignore[arg-type]
        team=str(row["team_id"]),
        locality=str(services.get(row["team_id"])),  # type: ignore[call-overload]
        sibling_group=str(row["sibling_group"]) if row["sibling_group"] else None,
        **extra,
    )


def plan_input(
    frames: WorkforceFrames,
    as_at: date,
    *,
    team_id: int | None = None,
    leaver_id: int | None = None,
    own_team_only: bool = False,
) -> PlanInput:
    """The children to place on the date (waiting ones, or a leaver's), and the workers who
    might take them: every case holder, or only the team's own (``own_team_only``: a team
    manager's page names nobody outside their team)."""
    weights = caseload_weights()
    services = dict(frames.teams.select("team_id", "service_id").iter_rows())
    spells = open_on(frames.allocations, as_at)
    if team_id is not None:
        spells = spells.filter(pl.col("team_id") == team_id)
    if leaver_id is not None:
        held = spells.filter(pl.col("worker_id") == leaver_id)
        children = tuple(
            _child(r, services, leaving_worker=str(leaver_id)) for r in held.iter_rows(named=True)
        )
        since: dict[str, date] = {}
    else:
        waiting = spells.filter(pl.col("worker_id").is_null())
        previous = _previous_workers(frames.allocations, waiting)
        children = tuple(
            _child(r, services, previous_worker=previous.get(str(r["child"])))
            for r in waiting.iter_rows(named=True)
        )
        since = {str(c): s for c, s in waiting.select("child", "start_date").iter_rows()}
    teams = {team_id} if own_team_only and team_id is not None else None
    return PlanInput(
        as_at=as_at,
        children=children,
        workers=workers_on(frames, as_at, weights, teams),
        waiting_since=since,
        rules=rules_from(weights),
    )


def children_of(frames: WorkforceFrames, worker_id: int, as_at: date) -> dict[str, int]:
    """The children a worker holds on the date, counted by case type (the codes' values)."""
    held = open_on(frames.allocations, as_at).filter(pl.col("worker_id") == worker_id)
    return dict(held.group_by("case_type").len().sort("case_type").iter_rows())
