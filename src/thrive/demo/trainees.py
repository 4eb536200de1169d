"""The demo council's pipeline before qualifying: students on placement, and apprentices and
sponsored trainees.

``add_trainees(authority, seed)`` reads the demo's workforce (already written) and adds,
deterministically for the seed and from draws of its own (so nothing else the demo makes
changes), each academic year's students on placement with its teams (first placements in the
spring, final placements in the spring or autumn, a few fast-track ones) and each September's
intake of trainees (degree apprentices over three years, sponsored masters over two, Step Up
over 14 months). Most qualify; some withdraw. A final-placement student who took a post, and a
trainee who qualified and joined, is tied to an ASYE who started with the council soon after
(when there is one not yet tied), so the records say who came through.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import polars as pl

from thrive.demo.dates import HISTORY_END
from thrive.frames.load import load
from thrive.trainees.models import StudentPlacement, Trainee
from thrive.workforce.models import Authority

_STREAM = 20_261_205  # keeps these draws apart from every other part of the demo's
FIRST_YEAR = 2015
UNIVERSITIES = (
    ("University of the West of England", 0.4),
    ("Bath Spa University", 0.25),
    ("University of Plymouth", 0.2),
    ("The Open University", 0.15),
)
# route, trainees a year (mean), months to qualify, chance of withdrawing
ROUTES = (
    ("apprenticeship", 3.0, 34, 0.15),
    ("sponsored", 1.5, 22, 0.08),
    ("step_up", 1.0, 14, 0.1),
)


class _Asyes:
    """The demo's ASYEs by the day they started, each tied to at most one student or trainee."""

    def __init__(self, authority: Authority) -> None:
        spells = load(authority).spells.filter(
            (pl.col("grade") == "asye") & (pl.col("contract_type") != "agency")
        )
        firsts = spells.group_by("worker_id").agg(pl.col("start_date").min()).sort("start_date")
        self.starts = list(firsts.select("worker_id", "start_date").iter_rows())
        self.taken: set[int] = set()

    def soon_after(self, day: date, within: int = 180) -> int | None:
        for worker_id, start in self.starts:
            if day <= start <= day + timedelta(days=within) and worker_id not in self.taken:
                self.taken.add(worker_id)
                return int(worker_id)
        return None


def _university(rng: np.random.Generator) -> str:
    names = [name for name, _ in UNIVERSITIES]
    return str(rng.choice(names, p=[share for _, share in UNIVERSITIES]))


def _students(rng: np.random.Generator, teams: list[int], asyes: _Asyes) -> list[StudentPlacement]:
    made: list[StudentPlacement] = []
    number = 0
    for year in range(FIRST_YEAR, HISTORY_END.year + 1):
        plan = [("first", int(rng.poisson(10))), ("final", int(rng.poisson(9)))]
        plan.append(("fast_track", int(rng.poisson(1.5))))
        for kind, how_many in plan:
            for _ in range(how_many):
                number += 1
                autumn = kind != "first" and rng.random() < 0.35
                start = date(year, 9, 15) if autumn else date(year, 1, 8)
                start += timedelta(days=int(rng.integers(0, 21)))
                if start > HISTORY_END:
                    continue
                end = start + timedelta(days=int(100 if kind != "first" else 70) * 7 // 5 + 10)
                offered = took = None
                worker = None
                if kind != "first" and end <= HISTORY_END:
                    offered = bool(rng.random() < 0.55)
                    took = bool(offered and rng.random() < 0.7)
                    if took:
                        worker = asyes.soon_after(end)
                made.append(
                    StudentPlacement(
                        student=f"ST{number:04d}",
                        university=_university(rng)
                        if kind != "fast_track"
                        else str(rng.choice(["Frontline", "Step Up to Social Work"])),
                        placement_type=kind,
                        team_id=int(rng.choice(teams)),
                        start_date=start,
                        end_date=end if end <= HISTORY_END or rng.random() < 0.8 else None,
                        offered_post=offered,
                        took_post=took,
                        worker_id=worker,
                    )
                )
    return made


def _trainees(rng: np.random.Generator, asyes: _Asyes) -> list[Trainee]:
    made: list[Trainee] = []
    for year in range(FIRST_YEAR, HISTORY_END.year + 1):
        for route, mean, months, withdraws in ROUTES:
            for _ in range(int(rng.poisson(mean))):
                start = date(year, 9, 1) + timedelta(days=int(rng.integers(0, 28)))
                if start > HISTORY_END:
                    continue
                due_month = start.month - 1 + months
                due = date(start.year + due_month // 12, due_month % 12 + 1, 28)
                status, when, worker = "in_training", None, None
                if rng.random() < withdraws:
                    left = start + timedelta(days=int(rng.integers(60, (due - start).days)))
                    if left <= HISTORY_END:
                        status, when = "withdrew", left
                if status == "in_training" and due <= HISTORY_END:
                    status, when = "qualified", due - timedelta(days=int(rng.integers(0, 20)))
                    if rng.random() < 0.8:
                        worker = asyes.soon_after(when, within=150)
                made.append(
                    Trainee(
                        trainee=f"TR{len(made) + 1:04d}",
                        route=route,
                        start_date=start,
                        expected_qualification=due,
                        status=status,
                        status_date=when,
                        worker_id=worker,
                    )
                )
    return made


def add_trainees(authority: Authority, seed: int) -> dict[str, int]:
    """Add the students' placements and the trainees; return how many of each."""
    rng = np.random.default_rng([seed, _STREAM])
    frames = load(authority)
    teams = frames.teams.filter(pl.col("team_kind") != "management")["team_id"].to_list()
    asyes = _Asyes(authority)
    students = _students(rng, sorted(teams), asyes)
    trainees = _trainees(rng, asyes)
    for placement in students:
        placement.authority = authority
    for trainee in trainees:
        trainee.authority = authority
    StudentPlacement.objects.bulk_create(students, batch_size=2000)
    Trainee.objects.bulk_create(trainees, batch_size=2000)
    return {"student placements": len(students), "trainees": len(trainees)}
