"""A synthetic population whose leaving risk is planted, so the model's answer is known.

Every worker starts on the 1st of a month and has a caseload snapshot on the 1st of every month
of their stint. Each month, their average caseload over the last six months (the snapshots of
this month and the five before, exactly as the model's ``high_caseload`` measures it) decides
their chance of leaving that month: twice the baseline when the average is above 20. Caseloads
switch between a normal and a heavy regime now and then, so ``high_caseload`` varies over time.
Nothing else affects leaving, so every other hazard ratio should be near 1.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import numpy as np

from thrive.frames.workforce import WorkforceFrames, empty_frames, frame

PLANTED_RATIO = 2.0
BASE_MONTHLY_HAZARD = 0.012
AS_AT = date(2024, 9, 30)
TEAMS = ((1, "Assessment North", "assessment"), (2, "Child Protection South", "child_protection"))


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def population(
    people: int = 1500,
    seed: int = 1,
    ratio: float = PLANTED_RATIO,
    as_at: date = AS_AT,
    switch: float = 0.05,
    heavy_share: float = 0.35,
) -> WorkforceFrames:
    """Frames for ``people`` social workers hired 2015-2022 with the planted caseload effect.

    ``switch`` is the monthly chance a worker's caseload regime flips (0: a heavy caseload
    stays heavy, so today's caseload predicts the next two years); ``heavy_share`` the share of
    workers who start on a heavy caseload.
    """
    rng = np.random.default_rng(seed)
    workers, spells, caseloads, supervisions, lines = [], [], [], [], []
    managers = [(900_000 + t, team_id) for t, (team_id, _, _) in enumerate(TEAMS)]
    for manager_id, team_id in managers:
        workers.append(
            (manager_id, f"M{manager_id}", "", None, None, "F", "WBRI", 2, None, "experienced")
        )
        spells.append((manager_id, manager_id, team_id, None, "permanent", "team_manager", 3,
                       1.0, date(2010, 1, 1), None, 2, None, None, None))  # fmt: skip
    last_month = _add_months(as_at, 0)
    for worker_id in range(1, people + 1):
        start = _add_months(date(2015, 10, 1), int(rng.integers(0, 84)))
        team_id = int(rng.integers(1, len(TEAMS) + 1))
        heavy = rng.random() < heavy_share
        recent: list[int] = []
        month, end = start, None
        while month <= last_month:
            if rng.random() < switch:
                heavy = not heavy
            cases = int(rng.normal(25 if heavy else 13, 2))
            caseloads.append((worker_id, month, max(cases, 0), None, None))
            recent = (recent + [max(cases, 0)])[-6:]
            if rng.random() < 0.8:
                supervisions.append((worker_id, month + timedelta(days=9), "individual", None))
            hazard = BASE_MONTHLY_HAZARD * (ratio if np.mean(recent) > 20 else 1.0)
            if rng.random() < 1 - np.exp(-hazard):
                month_days = (_add_months(month, 1) - month).days
                end = month + timedelta(days=int(rng.integers(0, month_days)))
                break
            month = _add_months(month, 1)
        if end is not None and end > as_at:
            end = None
        left = end is not None
        workers.append((worker_id, f"W{worker_id:06d}", "", None, date(1988, 1, 1), "F", "WBRI",
                        1, None, "asye" if rng.random() < 0.4 else "experienced"))  # fmt: skip
        spells.append((worker_id, worker_id, team_id, None, "permanent", "social_worker", 5,
                       1.0 if rng.random() < 0.8 else 0.6, start, end, 2,
                       1 if left else None, 1 if left else None, None))  # fmt: skip
        lines.append((managers[team_id - 1][0], worker_id, start, end))
    teams = [(t, name, kind, 1, "Safeguarding", None, None) for t, name, kind in TEAMS]
    return replace(
        empty_frames(),
        teams=frame("teams", teams),
        workers=frame("workers", workers),
        spells=frame("spells", spells),
        caseloads=frame("caseloads", caseloads),
        supervisions=frame("supervisions", supervisions),
        line_management=frame("line_management", lines),
    )
