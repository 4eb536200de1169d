"""One independent part of the plan, solved exactly: the two passes of the MILP (SciPy's HiGHS).

Children who are interchangeable for the plan (same number of children, same points, same
candidate workers and same preference for each, same sibling group if it may be split) are
counted, not listed: the solver decides *how many* of each kind each worker takes (a whole number
from 0 to how many there are), not *which* child. That is the same problem with the same optimum,
but without the thousands of equivalent plans that differ only by swapping two alike children,
which a solver would otherwise have to rule out one by one. The counts are turned back into
children in child-id order, so the same input gives the same plan.

Pass 1 (most children placed, then fewest sibling groups split, ``mip_rel_gap`` 0) is proven
without being solved in two common cases. A quick first fit places every child of the part with
no group split: nothing beats that. Or, without room for every child, the linear relaxation says
no plan places more than N, and pass 2 finds a plan placing N: nothing beats that either. Pass 2
(preferences, to within ``preference_gap``) then runs among plans that place as many.

Solved again as a whole (``better_than``), a part only looks for a plan better than the one in
hand: if even the relaxation cannot beat it, or the solver proves no plan does, the plan in hand
is proven best; if the time limit comes first, the solver's bound says at most how many more
children any plan could place.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import LinearConstraint, milp
from scipy.sparse import coo_array

from thrive.allocation.inputs import ChildToPlace


@dataclass
class Unit:
    """Children placed as one: a sibling group kept whole, or a single child."""

    members: tuple[ChildToPlace, ...]
    points: float
    tier: int = 0
    split_group: str | None = None  # set for a child of a group the fallback may split

    @property
    def size(self) -> int:
        return len(self.members)


def hundredths(points: float) -> int:
    """Points in whole hundredths, so the solver works with whole numbers."""
    return math.ceil(points * 100 - 1e-6)


@dataclass
class PartResult:
    """A worker (index) per unit or None, and what could not be proven."""

    picked: list[int | None]
    timed_out: int = 0  # passes that stopped at the time limit
    preferences_proven: bool = True
    no_plan: bool = False  # out of time before any plan: the manager decides for this part
    nothing_better: bool = False  # proven: no plan beats ``better_than`` (nothing picked)
    most_possible: int | None = None  # not proven: no plan places more children than this


@dataclass
class _Kind:
    """Alike units (see the module's docstring): which ones, and what each is worth where."""

    units: list[int]
    size: int
    points: int
    split_group: str | None
    options: tuple[tuple[int, int], ...]  # (worker index, preference)


def _kinds(
    units: Sequence[Unit], cands: Sequence[Sequence[int]], prefs: Sequence[Sequence[int]]
) -> list[_Kind]:
    found: dict[tuple[object, ...], _Kind] = {}
    for i, u in enumerate(units):
        options = tuple(zip(cands[i], prefs[i], strict=True))
        key = (u.size, hundredths(u.points), u.split_group, options)
        if key not in found:
            found[key] = _Kind([], u.size, hundredths(u.points), u.split_group, options)
        found[key].units.append(i)
    return list(found.values())


def _first_fit(
    kinds: list[_Kind], room_points: Sequence[int], room_cases: Sequence[int]
) -> tuple[list[dict[int, int]], int]:
    """A quick plan within the rooms, fewest candidates and most points first, each unit to the
    candidate with the most points to spare (a unit that finds no room is left out), and how
    many children it places."""
    points_left = dict(enumerate(room_points))
    cases_left = dict(enumerate(room_cases))
    counts: list[dict[int, int]] = [defaultdict(int) for _ in kinds]
    placed = 0
    order = sorted(range(len(kinds)), key=lambda k: (len(kinds[k].options), -kinds[k].points))
    for k in order:
        kind = kinds[k]
        for _ in kind.units:
            fits = [
                j
                for j, _ in kind.options
                if points_left[j] >= kind.points and cases_left[j] >= kind.size
            ]
            if fits:
                j = max(fits, key=lambda j: (points_left[j], -j))
                points_left[j] -= kind.points
                cases_left[j] -= kind.size
                counts[k][j] += 1
                placed += kind.size
    return counts, placed


def _children_bound(objective: float, place_value: int) -> int:
    """The most children a plan can place, from a bound on place_value x placed - splits
    (splits are at most place_value - 1)."""
    return math.floor((objective + place_value - 1) / place_value + 1e-6)


def solve_part(
    units: Sequence[Unit],
    cands: Sequence[Sequence[int]],
    prefs: Sequence[Sequence[int]],
    room_points: Sequence[float],
    room_cases: Sequence[int],
    time_limit: float,
    preference_gap: float,
    better_than: tuple[int, int] | None = None,
) -> PartResult:
    """The two passes on one independent part (see the module's docstring).

    ``better_than``: a plan for this part placing that many children and splitting that many
    groups is already in hand; only a better one is wanted (more placed, or as many and fewer
    split). If there is none, ``nothing_better`` says so (proven) and nothing is picked."""
    kinds = _kinds(units, cands, prefs)
    workers = sorted({j for kind in kinds for j, _ in kind.options})
    rooms = [0] * (max(workers, default=-1) + 1)
    cases = [0] * len(rooms)
    for j in workers:
        rooms[j] = math.floor(room_points[j] * 100 + 1e-6)
        cases[j] = room_cases[j]
    result = PartResult([None] * len(units))
    if not workers:
        return result

    pair_kind: list[int] = []
    pair_worker: list[int] = []
    pair_pref: list[int] = []
    for k, kind in enumerate(kinds):
        for j, p in kind.options:
            pair_kind.append(k)
            pair_worker.append(j)
            pair_pref.append(p)
    n_y = len(pair_kind)
    groups = sorted({kind.split_group for kind in kinds if kind.split_group is not None})
    most_splits = sum(
        sum(len(kind.units) for kind in kinds if kind.split_group == g) - 1 for g in groups
    )
    place_value = most_splits + 1  # one more child placed outweighs every split
    z_index: dict[tuple[str, int], int] = {}
    for k, j in zip(pair_kind, pair_worker, strict=True):
        g = kinds[k].split_group
        if g is not None:
            z_index.setdefault((g, j), n_y + len(z_index))
    k_index = {g: n_y + len(z_index) + n for n, g in enumerate(groups)}
    n_vars = n_y + len(z_index) + len(k_index)

    sizes = np.asarray([kinds[k].size for k in pair_kind], dtype=float)
    integrality = np.zeros(n_vars)
    integrality[: n_y + len(z_index)] = 1
    upper = np.ones(n_vars)
    upper[:n_y] = [len(kinds[k].units) for k in pair_kind]
    upper[list(k_index.values())] = np.inf
    bounds = (np.zeros(n_vars), upper)

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

    by_kind: dict[int, list[int]] = defaultdict(list)
    by_worker: dict[int, list[int]] = defaultdict(list)
    for y, (k, j) in enumerate(zip(pair_kind, pair_worker, strict=True)):
        by_kind[k].append(y)
        by_worker[j].append(y)
    kind_rows = []
    for k, ys in by_kind.items():
        kind_rows.append(len(lower_b))
        row(((y, 1.0) for y in ys), -np.inf, float(len(kinds[k].units)))
    for j, ys in by_worker.items():
        row(((y, float(kinds[pair_kind[y]].points)) for y in ys), -np.inf, rooms[j])
        row(((y, float(kinds[pair_kind[y]].size)) for y in ys), -np.inf, cases[j])
    for y, (k, j) in enumerate(zip(pair_kind, pair_worker, strict=True)):
        g = kinds[k].split_group
        if g is not None:  # a worker used by the group: y <= how many there are x z
            row(((y, 1.0), (z_index[(g, j)], -float(len(kinds[k].units)))), -np.inf, 0.0)
    z_by_group: dict[str, list[int]] = defaultdict(list)
    for (g, _), col in z_index.items():
        z_by_group[g].append(col)
    for g, zs in z_by_group.items():
        row([*((z, 1.0) for z in zs), (k_index[g], -1.0)], -np.inf, 1.0)

    def matrix() -> LinearConstraint:
        shape = (len(lower_b), n_vars)
        sparse = coo_array((vals, (rows, cols)), shape=shape).tocsr()
        return LinearConstraint(sparse, np.asarray(lower_b), np.asarray(upper_b))

    total = sum(len(kind.units) * kind.size for kind in kinds)
    place = np.zeros(n_vars)
    place[:n_y] = -place_value * sizes
    place[list(k_index.values())] = 1.0
    prefer = np.zeros(n_vars)
    prefer[:n_y] = -np.asarray(pair_pref, dtype=float)

    def keeping(placed: float, splits: float) -> LinearConstraint:
        """At least ``placed`` children placed and at most ``splits`` groups split."""
        keep = coo_array(
            (
                np.concatenate([sizes, np.ones(len(k_index))]),
                (
                    np.concatenate([np.zeros(n_y), np.ones(len(k_index))]).astype(int),
                    np.concatenate([np.arange(n_y), list(k_index.values())]).astype(int),
                ),
            ),
            shape=(2, n_vars),
        ).tocsr()
        return LinearConstraint(keep, [placed, -np.inf], [np.inf, splits])

    def prefer_keeping(placed: float, splits: float) -> np.ndarray | None:
        """Pass 2: the best preferences among plans that place ``placed`` and split ``splits``."""
        again = milp(
            prefer,
            integrality=integrality,
            bounds=bounds,
            constraints=[matrix(), keeping(placed, splits)],
            options={"mip_rel_gap": preference_gap, "time_limit": time_limit},
        )
        if again.x is not None and sizes @ np.round(again.x[:n_y]) >= placed - 0.5:
            if again.status != 0:
                result.preferences_proven = False
            return np.asarray(np.round(again.x))
        return None

    found: np.ndarray | None = None
    preferred = False
    beat: list[LinearConstraint] = []
    if better_than is not None:
        # the lexicographic objective as a number (place_value x placed - splits) must beat
        # the plan in hand by at least 1
        wanted = place_value * better_than[0] - better_than[1] + 1
        beat = [LinearConstraint(-place.reshape(1, -1), wanted, np.inf)]
        relaxed = milp(
            place, bounds=bounds, constraints=matrix(), options={"time_limit": time_limit}
        )
        if relaxed.status == 0:  # solved: its optimum bounds every plan
            result.most_possible = min(total, _children_bound(-relaxed.fun, place_value))
            if -relaxed.fun + 1e-6 < wanted:
                result.nothing_better = True  # not even the linear relaxation does better
                return result
    elif not groups:
        fitted, fitted_placed = _first_fit(kinds, rooms, cases)
        if fitted_placed == total:
            # Every child placed, no group split: pass 1 is proven without a solve. Pass 2
            # keeps every child placed (each kind's row an equality).
            found = np.zeros(n_vars)
            for y, (k, j) in enumerate(zip(pair_kind, pair_worker, strict=True)):
                found[y] = fitted[k].get(j, 0)
            for r in kind_rows:
                lower_b[r] = upper_b[r]
            placed, splits = float(total), 0.0
        elif any(pair_pref):
            # Not room for every child: no plan places more than the linear relaxation's
            # optimum, rounded down. Pass 2 straight away at that many; if no plan reaches it,
            # pass 1.
            relaxed = milp(
                place, bounds=bounds, constraints=matrix(), options={"time_limit": time_limit}
            )
            if relaxed.status == 0:  # solved: its optimum bounds every plan
                most = float(math.floor(-relaxed.fun + 1e-6))
                found = prefer_keeping(most, 0.0)
                if found is not None:
                    placed, splits, preferred = most, 0.0, True
    if found is None:
        first = milp(
            place,
            integrality=integrality,
            bounds=bounds,
            constraints=[matrix(), *beat],
            options={"mip_rel_gap": 0.0, "time_limit": time_limit},
        )
        dual = getattr(first, "mip_dual_bound", None)
        if first.status == 1 and dual is not None and math.isfinite(dual):
            bound = _children_bound(-dual, place_value)
            result.most_possible = min(result.most_possible or total, total, bound)
        if better_than is not None and first.x is None:
            result.nothing_better = first.status == 2  # infeasible: proven
            result.timed_out += first.status != 2
            return result
        if first.status != 0:
            result.timed_out += 1
        if first.x is None:
            result.no_plan = True
            return result
        found = np.asarray(np.round(first.x))
        placed = float(sizes @ found[:n_y])
        splits = float(found[n_y + len(z_index) :].sum())
    if any(pair_pref) and not preferred:
        better = prefer_keeping(placed, splits)
        if better is not None:
            found = better
        else:
            result.preferences_proven = False
    # counts back to children, in child-id order within each kind
    taken: dict[int, list[int]] = defaultdict(list)
    for y in np.flatnonzero(found[:n_y] > 0.5).tolist():
        taken[pair_kind[y]].extend([pair_worker[y]] * int(found[y]))
    for k, workers_taken in taken.items():
        for i, j in zip(kinds[k].units, sorted(workers_taken), strict=False):
            result.picked[i] = j
    return result
