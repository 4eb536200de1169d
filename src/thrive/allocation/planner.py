"""The allocation planner: an exact MILP (SciPy's HiGHS ``milp``) over candidate workers.

Hard rules: nobody goes over their weighted cap or case cap (an ASYE's protected case count is
their case cap), nobody takes a child above their ASYE complexity limit, a leaving worker takes
nobody, and sibling groups go to one worker. If, with groups kept whole, some group is left without
a worker, a fallback solve lets those groups (only those) be split, at a cost, and says so.

The objective is lexicographic, built into whole-number weights: first place as many children as
possible, then split as few sibling groups as possible (fallback only), then score preferences
(previous worker, same team, same locality, room to spare).

Own team first: a child (or sibling group) first gets the workers of their own team and their
previous worker, and each such part (in practice, a team) is solved exactly
(:mod:`~thrive.allocation.part`). Anyone left unplaced is widened to their locality (then, only if
nobody there could take them at all, to every worker) and solved for alone, in the room the
teams left. Where that still leaves someone who had candidates unplaced (or a sibling group may
be split), their whole part (a locality) is solved again over everyone's final candidates, for a
plan that places more; if none can, the own-team-first plan is proven best over those
candidates. ``Plan.optimal`` is True when every part is proven so; the plan is exact over the
final candidate sets, not over every worker for every child (docs/allocation.md).
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Sequence

from thrive.allocation.inputs import ChildToPlace, PlanRules, WorkerCapacity
from thrive.allocation.part import PartResult, Unit, solve_part
from thrive.allocation.plan import (
    EPS,
    LeftUnallocated,
    Plan,
    split_groups,
    workers_after,
)
from thrive.allocation.reasons import proposals, why_unplaced

TIER_NAMES = ("own team or previous worker", "locality", "every worker")


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
        self.preferences_proven = True
        self.index = {w.worker_id: j for j, w in enumerate(workers)}
        self.by_team: dict[str, list[int]] = defaultdict(list)
        self.by_locality: dict[str, list[int]] = defaultdict(list)
        for j, w in enumerate(workers):
            self.by_team[w.team].append(j)
            self.by_locality[w.locality].append(j)
        self.joint_parts = 0
        self.solved: dict[tuple[object, ...], PartResult] = {}
        self.children_short = 0  # not proven: at most this many more children could be placed
        self.parts_timed_out = 0
        self.unsolved: set[str] = set()

    def candidates(
        self,
        unit: Unit,
        room_points: list[float] | None = None,
        room_cases: list[int] | None = None,
    ) -> list[int]:
        """Workers who may take the unit and have room for it alone (``room_*``: what is left
        after earlier stages; the workers' room before the plan if not given)."""
        points = self.room_points if room_points is None else room_points
        cases = self.room_cases if room_cases is None else room_cases
        first = unit.members[0]
        previous = {c.previous_worker for c in unit.members}
        if unit.tier == 0:
            pool = self.by_team.get(first.team, [])
        elif unit.tier == 1:
            pool = self.by_locality.get(first.locality, [])
        else:
            pool = list(range(len(self.workers)))
        pool = sorted({*pool, *(self.index[p] for p in previous if p in self.index)})
        return [
            j
            for j in pool
            if unit.points <= points[j] + EPS
            and unit.size <= cases[j]
            and all(self.workers[j].may_take(c) for c in unit.members)
        ]

    def parts(self, cands: list[list[int]]) -> list[list[int]]:
        """Units who share no candidate worker, even through others, are independent: each
        such part is solved on its own (same optimum)."""
        parent = list(range(len(self.workers)))

        def root(j: int) -> int:
            while parent[j] != j:
                parent[j] = parent[parent[j]]
                j = parent[j]
            return j

        for cs in cands:
            for j in cs[1:]:
                parent[root(j)] = root(cs[0])
        found: dict[int, list[int]] = defaultdict(list)
        for i, cs in enumerate(cands):
            if cs:
                found[root(cs[0])].append(i)
        return list(found.values())

    def solve(
        self,
        units: list[Unit],
        room_points: list[float],
        room_cases: list[int],
        chosen: list[int | None],
    ) -> None:
        """Best worker (index) per unit into ``chosen``, part by part."""
        cands = [self.candidates(u, room_points, room_cases) for u in units]
        for members in self.parts(cands):
            found = self._solve_part(
                [units[i] for i in members], [cands[i] for i in members], room_points, room_cases
            )
            for i, got in zip(members, found.picked, strict=True):
                chosen[i] = got

    def _solve_part(
        self,
        units: list[Unit],
        cands: list[list[int]],
        room_points: list[float],
        room_cases: list[int],
        better_than: tuple[int, int] | None = None,
    ) -> PartResult:
        """The two passes on one independent part (:mod:`~thrive.allocation.part`), or what
        they gave for the very same part before."""
        workers = sorted({j for cs in cands for j in cs})
        key = (
            tuple((u.members[0].child_id, u.size, u.split_group) for u in units),
            tuple(tuple(cs) for cs in cands),
            tuple((room_points[j], room_cases[j]) for j in workers),
            better_than,
        )
        if key in self.solved:
            return self.solved[key]
        prefs = [
            [sum(preference(c, self.workers[j], self.rules) for c in u.members) for j in cs]
            for u, cs in zip(units, cands, strict=True)
        ]
        found = solve_part(
            units,
            cands,
            prefs,
            room_points,
            room_cases,
            self.rules.time_limit,
            self.rules.preference_gap,
            better_than,
        )
        if found.timed_out:
            self.optimal = False
            self.parts_timed_out += found.timed_out
        if found.no_plan:
            self.unsolved.update(u.members[0].child_id for u in units)
        if not found.preferences_proven:
            self.preferences_proven = False
        self.solved[key] = found
        return found

    def widen(self, unit: Unit) -> bool:
        """Widen an unplaced unit's candidates (team, locality, everyone); False if there is
        nobody new to consider."""
        while unit.tier < 2:
            before = self.candidates(unit)
            if unit.tier == 1 and before:
                return False  # beyond the locality only for a child nobody there could take
            unit.tier += 1
            if self.candidates(unit) != before:
                return True
        return False

    def solve_widening(self, units: list[Unit]) -> list[int | None]:
        """Own team first: solve; widen the candidates of anyone left unplaced (team, locality,
        everyone) and solve for them alone in the room left, until nobody unplaced has anyone
        new to consider. Where someone who had candidates is still unplaced (or a sibling group
        may be split), that part is solved again as a whole, and its better plan kept."""
        chosen: list[int | None] = [None] * len(units)
        points, cases = list(self.room_points), list(self.room_cases)
        todo = list(range(len(units)))
        while todo:
            got: list[int | None] = [None] * len(todo)
            self.solve([units[i] for i in todo], points, cases, got)
            for i, j in zip(todo, got, strict=True):
                if j is not None:
                    chosen[i] = j
                    points[j] -= units[i].points
                    cases[j] -= units[i].size
            todo = [
                i
                for i in todo
                if chosen[i] is None
                and units[i].members[0].child_id not in self.unsolved
                and self.widen(units[i])
            ]
        cands = [self.candidates(u) for u in units]
        for members in self.parts(cands):
            if not any(
                units[i].split_group is not None
                or (chosen[i] is None and units[i].members[0].child_id not in self.unsolved)
                for i in members
            ):
                continue  # everyone placed, no group to split: nothing can do better
            self.joint_parts += 1
            before = [chosen[i] for i in members]
            placed, fewer_splits = _score(units, members, before)
            whole = self._solve_part(
                [units[i] for i in members],
                [cands[i] for i in members],
                self.room_points,
                self.room_cases,
                better_than=(placed, -fewer_splits),
            )
            if not whole.nothing_better and any(j is not None for j in whole.picked):
                if _score(units, members, whole.picked) < (placed, fewer_splits):
                    continue
                for i, worker in zip(members, whole.picked, strict=True):
                    chosen[i] = worker
                placed = _score(units, members, whole.picked)[0]
            if whole.most_possible is not None and not whole.nothing_better:
                self.children_short += max(0, whole.most_possible - placed)
        return chosen


def _score(units: list[Unit], members: list[int], picked: list[int | None]) -> tuple[int, int]:
    """Children placed, then minus the sibling groups split, for one part."""
    placed = 0
    used: dict[str, set[int]] = defaultdict(set)
    for i, j in zip(members, picked, strict=True):
        if j is not None:
            placed += units[i].size
            group = units[i].split_group
            if group is not None:
                used[group].add(j)
    return placed, -sum(len(js) - 1 for js in used.values())


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
    units: list[Unit] = []
    for child in kids:
        if child.sibling_group is None:
            units.append(Unit((child,), solver.points[child.child_id]))
        else:
            grouped[child.sibling_group].append(child)
    for members in grouped.values():
        units.append(Unit(tuple(members), sum(solver.points[c.child_id] for c in members)))
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
        fallback: list[Unit] = []
        for u in units:
            if u.size > 1 and u.members[0].sibling_group in relaxed:
                fallback.extend(
                    Unit((c,), solver.points[c.child_id], tier=0, split_group=c.sibling_group)
                    for c in u.members
                )
            else:
                u.tier = 0  # own team first again: a team the fallback does not touch is not
                fallback.append(u)  # solved again (the solver keeps what it has solved)
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
    if solver.parts_timed_out:
        notes.append(
            f"not proven best: {solver.parts_timed_out} solve(s) reached the time limit "
            f"({rules.time_limit:g} s a part); the plan keeps every hard rule but another plan "
            "might place more children"
            + (
                f" (at most {solver.children_short} more, by the linear relaxation's bound)"
                if solver.children_short
                else ""
            )
        )
    elif not solver.preferences_proven:
        notes.append("preferences: best found in the time limit (every hard rule holds)")
    splits = split_groups(kids, proposed)
    if splits:
        notes.append("sibling groups split (no worker had room for them all): " + ", ".join(splits))
    after = workers_after(staff, kids, proposed, rules)
    return Plan(
        method="exact (HiGHS MILP)",
        children=kids,
        proposals=proposals(kids, staff, after, proposed, splits, solver.points),
        left_unallocated=tuple(
            LeftUnallocated(
                c.child_id,
                why_unplaced(
                    c, kids, staff, solver.points, solver.room_points, solver.room_cases, proposed
                ),
            )
            for c in kids
            if c.child_id not in proposed
        ),
        workers_after=after,
        split_groups=splits,
        optimal=solver.optimal,
        seconds=time.perf_counter() - started,
        notes=tuple(notes),
    )
