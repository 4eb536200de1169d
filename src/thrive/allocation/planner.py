"""The allocation planner: an exact MILP (SciPy's HiGHS ``milp``) over candidate workers.

Hard rules: nobody goes over their weighted cap or case cap (an ASYE's protected case count is
their case cap), nobody takes a child above their ASYE complexity limit, a leaving worker takes
nobody, and sibling groups go to one worker. If, with groups kept whole, some group is left without
a worker, a fallback solve lets those groups (only those) be split, at a cost, and says so.

The objective is lexicographic, built into whole-number weights: first place as many children as
possible, then split as few sibling groups as possible (fallback only), then score preferences
(previous worker, same team, same locality, room to spare). ``mip_rel_gap`` is 0, so a plan marked
``optimal`` is the best there is over its candidate workers.

Candidates: a child (or sibling group) first gets the workers of their own team and their previous
worker; a child left unplaced is widened to their locality, then to every worker, and the whole
plan re-solved. The plan is exact over the final candidate sets, not over every worker for every
child (docs/allocation.md).
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import LinearConstraint, milp
from scipy.sparse import coo_array

from thrive.allocation.inputs import ChildToPlace, PlanRules, WorkerCapacity
from thrive.allocation.plan import (
    EPS,
    LeftUnallocated,
    Plan,
    Proposal,
    WorkerAfter,
    placement_reason,
    split_groups,
    workers_after,
)

TIER_NAMES = ("own team or previous worker", "locality", "every worker")


@dataclass
class _Unit:
    """Children placed as one: a sibling group kept whole, or a single child."""

    members: tuple[ChildToPlace, ...]
    points: float
    tier: int = 0
    split_group: str | None = None  # set for a child of a group the fallback may split

    @property
    def size(self) -> int:
        return len(self.members)


def check_inputs(children: Sequence[ChildToPlace], workers: Sequence[WorkerCapacity]) -> None:
    for what, ids in (
        ("child", [c.child_id for c in children]),
        ("worker", [w.worker_id for w in workers]),
    ):
        seen: set[str] = set()
        for one in ids:
            if one in seen:
                raise ValueError(f"{what} {one!r} appears twice")
            seen.add(one)
    for child in children:
        if not child.complexity > 0 or not math.isfinite(child.complexity):
            raise ValueError(f"child {child.child_id!r}: complexity must be a positive number")


def preference(child: ChildToPlace, worker: WorkerCapacity, rules: PlanRules) -> int:
    score = 0
    if child.previous_worker == worker.worker_id:
        score += rules.previous_worker
    if worker.team == child.team:
        score += rules.same_team
    if worker.locality == child.locality:
        score += rules.same_locality
    if worker.weighted_cap > 0:
        spare = 1.0 - worker.weighted_load / worker.weighted_cap
        score += max(0, min(rules.spread, math.floor(rules.spread * spare + EPS)))
    return score


class _Solver:
    def __init__(
        self,
        children: tuple[ChildToPlace, ...],
        workers: tuple[WorkerCapacity, ...],
        rules: PlanRules,
    ) -> None:
        self.children, self.workers, self.rules = children, workers, rules
        self.points = {c.child_id: rules.weighted_points(c) for c in children}
        self.room_points = [w.weighted_cap - w.weighted_load for w in workers]
        self.room_cases = [w.effective_case_cap - w.case_count for w in workers]
        self.optimal = True

    def candidates(self, unit: _Unit) -> list[int]:
        first = unit.members[0]
        previous = {c.previous_worker for c in unit.members}
        found = []
        for j, w in enumerate(self.workers):
            if unit.tier == 0 and w.team != first.team and w.worker_id not in previous:
                continue
            if unit.tier == 1 and w.locality != first.locality and w.worker_id not in previous:
                continue
            if not all(w.may_take(c) for c in unit.members):
                continue
            if unit.points > self.room_points[j] + EPS or unit.size > self.room_cases[j]:
                continue
            found.append(j)
        return found

    def solve(self, units: list[_Unit]) -> list[int | None]:
        """Best worker (index) per unit, or None; lexicographic objective in whole numbers."""
        cands = [self.candidates(u) for u in units]
        prefs = [
            [sum(preference(c, self.workers[j], self.rules) for c in u.members) for j in cs]
            for u, cs in zip(units, cands, strict=True)
        ]
        p_total = sum(max(p, default=0) for p in prefs) + 1
        groups = sorted({u.split_group for u in units if u.split_group is not None})
        most_splits = sum(sum(1 for u in units if u.split_group == g) - 1 for g in groups)
        split_cost = p_total
        place_value = split_cost * most_splits + p_total

        pair_unit, pair_worker, gains = [], [], []
        for i, (u, cs) in enumerate(zip(units, cands, strict=True)):
            for j, p in zip(cs, prefs[i], strict=True):
                pair_unit.append(i)
                pair_worker.append(j)
                gains.append(place_value * u.size + p)
        n_x = len(pair_unit)
        if n_x == 0:
            return [None] * len(units)
        z_index: dict[tuple[str, int], int] = {}
        for i, j in zip(pair_unit, pair_worker, strict=True):
            g = units[i].split_group
            if g is not None:
                z_index.setdefault((g, j), n_x + len(z_index))
        k_index = {g: n_x + len(z_index) + n for n, g in enumerate(groups)}
        n_vars = n_x + len(z_index) + len(k_index)

        cost = np.zeros(n_vars)
        cost[:n_x] = -np.asarray(gains, dtype=float)
        for g, col in k_index.items():
            cost[col] = split_cost
        integrality = np.zeros(n_vars)
        integrality[:n_x] = 1
        upper = np.ones(n_vars)
        for col in k_index.values():
            upper[col] = np.inf

        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        lower_b: list[float] = []
        upper_b: list[float] = []

        def row(entries: Iterable[tuple[int, float]], lo: float, hi: float) -> None:
            r = len(lower_b)
            for c, v in entries:
                rows.append(r)
                cols.append(c)
                vals.append(v)
            lower_b.append(lo)
            upper_b.append(hi)

        by_unit: dict[int, list[int]] = defaultdict(list)
        by_worker: dict[int, list[int]] = defaultdict(list)
        for x, (i, j) in enumerate(zip(pair_unit, pair_worker, strict=True)):
            by_unit[i].append(x)
            by_worker[j].append(x)
        for xs in by_unit.values():
            row(((x, 1.0) for x in xs), -np.inf, 1.0)
        for j, xs in by_worker.items():
            row(((x, units[pair_unit[x]].points) for x in xs), -np.inf, self.room_points[j] + EPS)
            row(((x, float(units[pair_unit[x]].size)) for x in xs), -np.inf, self.room_cases[j])
        for x, (i, j) in enumerate(zip(pair_unit, pair_worker, strict=True)):
            g = units[i].split_group
            if g is not None:
                row(((x, 1.0), (z_index[(g, j)], -1.0)), -np.inf, 0.0)
        z_by_group: dict[str, list[int]] = defaultdict(list)
        for (g, _), col in z_index.items():
            z_by_group[g].append(col)
        for g, zs in z_by_group.items():
            row([*((z, 1.0) for z in zs), (k_index[g], -1.0)], -np.inf, 1.0)

        matrix = coo_array((vals, (rows, cols)), shape=(len(lower_b), n_vars)).tocsr()
        result = milp(
            cost,
            integrality=integrality,
            bounds=(np.zeros(n_vars), upper),
            constraints=LinearConstraint(matrix, np.asarray(lower_b), np.asarray(upper_b)),
            options={"mip_rel_gap": 0.0, "time_limit": self.rules.time_limit},
        )
        if result.x is None:
            raise RuntimeError(f"the solver found no plan: {result.message}")
        if result.status != 0:
            self.optimal = False
        chosen: list[int | None] = [None] * len(units)
        for x in np.flatnonzero(result.x[:n_x] > 0.5):
            chosen[pair_unit[x]] = pair_worker[x]
        return chosen

    def solve_widening(self, units: list[_Unit]) -> list[int | None]:
        while True:
            chosen = self.solve(units)
            widen = [u for u, j in zip(units, chosen, strict=True) if j is None and u.tier < 2]
            if not widen:
                return chosen
            for u in widen:
                u.tier += 1


def plan(
    children: Sequence[ChildToPlace], workers: Sequence[WorkerCapacity], rules: PlanRules
) -> Plan:
    """Propose a worker for each child, exactly (see the module's docstring)."""
    started = time.perf_counter()
    check_inputs(children, workers)
    kids = tuple(sorted(children, key=lambda c: c.child_id))
    staff = tuple(sorted(workers, key=lambda w: w.worker_id))
    solver = _Solver(kids, staff, rules)

    grouped: dict[str, list[ChildToPlace]] = defaultdict(list)
    units: list[_Unit] = []
    for child in kids:
        if child.sibling_group is None:
            units.append(_Unit((child,), solver.points[child.child_id]))
        else:
            grouped[child.sibling_group].append(child)
    for members in grouped.values():
        units.append(_Unit(tuple(members), sum(solver.points[c.child_id] for c in members)))
    units.sort(key=lambda u: u.members[0].child_id)

    chosen = solver.solve_widening(units)
    notes: list[str] = []
    unplaced_groups = [u for u, j in zip(units, chosen, strict=True) if j is None and u.size > 1]
    if unplaced_groups:
        relaxed = {u.members[0].sibling_group for u in unplaced_groups}
        notes.append(
            "siblings together: no plan keeping every group whole placed "
            + ", ".join(f"group {g}" for g in sorted(g for g in relaxed if g))
            + "; the fallback may split those groups, at a cost"
        )
        fallback: list[_Unit] = []
        for u in units:
            if u.size > 1 and u.members[0].sibling_group in relaxed:
                fallback.extend(
                    _Unit((c,), solver.points[c.child_id], tier=0, split_group=c.sibling_group)
                    for c in u.members
                )
            else:
                fallback.append(u)
        units = fallback
        chosen = solver.solve_widening(units)

    proposed: dict[str, str] = {}
    for u, j in zip(units, chosen, strict=True):
        if j is not None:
            for c in u.members:
                proposed[c.child_id] = staff[j].worker_id
    widened = [0, 0, 0]
    for u in units:
        widened[u.tier] += u.size
    notes.append(
        "candidate workers: "
        + "; ".join(
            f"{n} children from {TIER_NAMES[t]}" for t, n in enumerate(widened) if n or t == 0
        )
    )
    splits = split_groups(kids, proposed)
    if splits:
        notes.append("sibling groups split (no worker had room for them all): " + ", ".join(splits))
    after = workers_after(staff, kids, proposed, rules)
    return Plan(
        method="exact (HiGHS MILP)",
        children=kids,
        proposals=_proposals(kids, staff, after, proposed, splits, solver.points),
        left_unallocated=tuple(
            LeftUnallocated(c.child_id, _why_unplaced(c, kids, staff, solver, proposed))
            for c in kids
            if c.child_id not in proposed
        ),
        workers_after=after,
        split_groups=splits,
        optimal=solver.optimal,
        seconds=time.perf_counter() - started,
        notes=tuple(notes),
    )


def _proposals(
    kids: tuple[ChildToPlace, ...],
    staff: tuple[WorkerCapacity, ...],
    after: Sequence[WorkerAfter],
    proposed: dict[str, str],
    splits: tuple[str, ...],
    points: dict[str, float],
) -> tuple[Proposal, ...]:
    index = {w.worker_id: j for j, w in enumerate(staff)}
    together: dict[tuple[str, str], int] = defaultdict(int)
    for child in kids:
        if child.sibling_group is not None and child.child_id in proposed:
            together[(child.sibling_group, proposed[child.child_id])] += 1
    out = []
    for child in kids:
        worker_id = proposed.get(child.child_id)
        if worker_id is None:
            continue
        j = index[worker_id]
        with_siblings = (
            together[(child.sibling_group, worker_id)] - 1 if child.sibling_group else 0
        )
        out.append(
            Proposal(
                child.child_id,
                worker_id,
                points[child.child_id],
                placement_reason(
                    child,
                    staff[j],
                    after[j],
                    siblings_with=with_siblings,
                    group_split=child.sibling_group in splits,
                ),
            )
        )
    return tuple(out)


def _why_unplaced(
    child: ChildToPlace,
    kids: tuple[ChildToPlace, ...],
    staff: tuple[WorkerCapacity, ...],
    solver: _Solver,
    proposed: dict[str, str],
) -> str:
    """Why the manager has to decide: nobody may take the child, nobody has room, or the room
    there is went to other children."""
    points = solver.points[child.child_id]
    allowed = [j for j, w in enumerate(staff) if w.may_take(child)]
    if not allowed:
        if any(w.is_asye for w in staff) and all(
            w.is_asye or w.worker_id == child.leaving_worker for w in staff
        ):
            return (
                f"no worker may take this child: complexity {child.complexity:g} is above the "
                "ASYE limit of every worker available"
            )
        return "no worker may take this child (ASYE complexity limits; the leaving worker)"
    with_room = [
        j
        for j in allowed
        if points <= solver.room_points[j] + EPS and solver.room_cases[j] >= 1
    ]
    if not with_room:
        most = max(solver.room_points[j] for j in allowed)
        return (
            f"no worker has room: this child needs {points:.1f} points and the most room any "
            f"worker who may take them has is {max(most, 0.0):.1f} points (or no case left under "
            "their case cap); placing them would push someone over their cap"
        )
    siblings = [
        c for c in kids if child.sibling_group and c.sibling_group == child.sibling_group
    ]
    placed_siblings = sum(1 for c in siblings if c.child_id in proposed)
    group_note = ""
    if len(siblings) > 1:
        group_note = (
            f" (one of {len(siblings)} siblings, {placed_siblings} placed; "
            "the group is kept together where any worker has room for them all)"
        )
    return (
        f"the {len(with_room)} worker(s) with room for this child's {points:.1f} points are "
        "needed for other children: placing this child too would push someone over their cap"
        + group_note
    )
