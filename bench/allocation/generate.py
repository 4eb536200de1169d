"""Synthetic but realistic allocation input, seeded: a whole council, or one team.

A council: ``workers`` case-holding workers in teams of about 6, teams grouped into localities;
about 15% ASYEs (protected: fewer cases, nothing above complexity 1.25); existing loads between
35% and 80% of the weighted cap. Children: about 30% in sibling groups of 2-4 (same team), the
rest alone; case types in roughly national proportions; complexity weights 1 to 2; about 15% with
a previous worker (re-referrals); one worker leaving, whose caseload is among the children;
demand uneven between teams, so some teams cannot take all their own children.
"""

from __future__ import annotations

import numpy as np

from thrive.allocation import ChildToPlace, PlanRules, WorkerCapacity

CASE_TYPES = ["child_in_need", "child_protection", "child_looked_after", "care_leaver"]
CASE_SHARES = [0.45, 0.25, 0.25, 0.05]
COMPLEXITY = [1.0, 1.0, 1.0, 1.25, 1.5, 2.0]


def council(
    children: int = 2_000,
    workers: int = 300,
    team_size: int = 6,
    seed: int = 1,
    low: float = 0.10,
    high: float = 0.50,
) -> tuple[list[ChildToPlace], list[WorkerCapacity], PlanRules]:
    rng = np.random.default_rng(seed)
    n_teams = max(1, workers // team_size)
    n_localities = max(1, n_teams // 10)
    staff: list[WorkerCapacity] = []
    for i in range(workers):
        team = i % n_teams
        asye = rng.random() < 0.15
        cap = 16.0 if asye else 22.0
        case_cap = 18
        load = float(np.round(rng.uniform(low, high) * cap, 1))
        staff.append(
            WorkerCapacity(
                worker_id=f"W{i:04d}",
                team=f"T{team:03d}",
                locality=f"L{team % n_localities}",
                grade="ASYE" if asye else str(rng.choice(["SW", "SSW", "ASW"])),
                is_asye=asye,
                weighted_load=load,
                case_count=int(round(load / 1.3)),
                weighted_cap=cap,
                case_cap=case_cap,
                asye_max_complexity=1.25 if asye else None,
                asye_protected_cases=12 if asye else None,
            )
        )
    leaver = staff[int(rng.integers(workers))].worker_id
    team_weight = rng.gamma(4.0, 1.0, size=n_teams)
    team_weight /= team_weight.sum()
    members_by_team: dict[int, list[str]] = {}
    for w in staff:
        members_by_team.setdefault(int(w.team[1:]), []).append(w.worker_id)
    kids: list[ChildToPlace] = []
    leaver_left = 15
    group_no = 0
    while len(kids) < children:
        team = int(rng.choice(n_teams, p=team_weight))
        size = int(rng.choice([2, 3, 4], p=[0.55, 0.3, 0.15])) if rng.random() < 0.13 else 1
        size = min(size, children - len(kids))
        group = None
        if size > 1:
            group = f"G{group_no:04d}"
            group_no += 1
        case_type = str(rng.choice(CASE_TYPES, p=CASE_SHARES))
        complexity = float(rng.choice(COMPLEXITY))
        previous = None
        leaving = None
        if leaver_left > 0 and rng.random() < 0.05:
            leaving, leaver_left = leaver, leaver_left - size
        elif rng.random() < 0.15:
            previous = str(rng.choice(members_by_team[team]))
        for _ in range(size):
            kids.append(
                ChildToPlace(
                    child_id=f"C{len(kids):05d}",
                    case_type=case_type,
                    complexity=complexity,
                    team=f"T{team:03d}",
                    locality=f"L{team % n_localities}",
                    sibling_group=group,
                    previous_worker=previous,
                    leaving_worker=leaving,
                )
            )
    staff = [w for w in staff if w.worker_id != leaver]
    return kids, staff, PlanRules()


def team(
    children: int = 30, seed: int = 2
) -> tuple[list[ChildToPlace], list[WorkerCapacity], PlanRules]:
    """One team's week: ``children`` to place among its 6 workers."""
    return council(children=children, workers=6, team_size=6, seed=seed)
