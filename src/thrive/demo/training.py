"""The demo council's training: a small course catalogue, completions and inductions.

``add_training(authority, seed)`` reads the demo's workforce (already written) and adds,
deterministically for the seed and from draws of its own (so nothing else the demo makes
changes), a catalogue of four courses (a safeguarding refresher every 12 months, Signs of Safety
once for social workers in practice, data protection every 24 months, systemic practice
optional), each worker's completions of them, and an induction for each time with the council
(agency workers included, theirs shorter). Most renew on time; some lapse, so some are overdue
at any date. ``add_other_staff_training`` then adds the other staff's completions of the courses
their staff group must take, last and from a stream of its own (social workers' unchanged).
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import polars as pl

from thrive.codes.staff import SOCIAL_WORKER
from thrive.demo.dates import HISTORY_END
from thrive.frames.load import load
from thrive.training.models import Completion, Course, Induction
from thrive.workforce.models import Authority

_STREAM = 20_261_204  # keeps these draws apart from every other part of the demo's
_OTHER_STAFF_STREAM = 20_261_205  # the other staff's completions, drawn after everything else
PRACTICE = ["asye", "social_worker", "senior_practitioner", "consultant_social_worker"]
CATALOGUE: tuple[tuple[str, bool, int | None, list[str], float, int], ...] = (
    # name, mandatory, renewal months, grades, share who take it, days after starting
    ("Safeguarding refresher", True, 12, [], 0.97, 60),
    ("Signs of Safety", True, None, [*PRACTICE, "team_manager"], 0.9, 150),
    ("Data protection", True, 24, [], 0.95, 45),
    ("Systemic practice", False, None, [], 0.35, 400),
)


def _months_on(day: date, months: int) -> date:
    """About the same day ``months`` later (from the 28th on, the 28th: every month has one)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, 28))


def _stints(authority: Authority, *, other_staff: bool = False) -> pl.DataFrame:
    """Each social worker's time here (or the other staff's), employed and agency apart: first
    start, last end (null: open)."""
    frames = load(authority)
    spells = frames.spells
    if other_staff:
        spells = frames.all_spells.filter(pl.col("staff_group") != SOCIAL_WORKER)
    spells = spells.with_columns((pl.col("contract_type") == "agency").alias("agency"))
    return (
        spells.group_by("worker_id", "agency")
        .agg(
            pl.col("start_date").min(),
            pl.when(pl.col("end_date").null_count() > 0)
            .then(None)
            .otherwise(pl.col("end_date").max())
            .first()
            .alias("end_date"),
        )
        .sort("worker_id", "agency")
    )


def _completions(
    rng: np.random.Generator, courses: list[Course], worker_id: int, start: date, last: date
) -> list[Completion]:
    """One worker's completions of the courses from ``start`` to ``last``."""
    done: list[Completion] = []
    lapses = rng.random() < 0.12  # stops renewing on time at some point
    for course, (_, _, months, _, share, within) in zip(courses, CATALOGUE, strict=True):
        if rng.random() > share:
            continue
        day = start + timedelta(days=int(rng.integers(5, within)))
        while day <= last:
            done.append(Completion(worker_id=worker_id, course=course, completed_date=day))
            if months is None:
                break
            late = int(rng.integers(60, 200)) if lapses and rng.random() < 0.3 else 0
            day = _months_on(day, months) + timedelta(days=int(rng.integers(-40, 10)) + late)
    return done


def add_training(authority: Authority, seed: int) -> dict[str, int]:
    """Add the catalogue, completions and inductions; return how many of each."""
    rng = np.random.default_rng([seed, _STREAM])
    courses = [
        Course.objects.create(
            authority=authority,
            name=name,
            mandatory=mandatory,
            renewal_months=months,
            grades=grades,
            staff_groups=[SOCIAL_WORKER] if grades else [],
        )  # fmt: skip
        for name, mandatory, months, grades, _, _ in CATALOGUE
    ]
    done: list[Completion] = []
    inductions: list[Induction] = []
    inducted: set[tuple[int, date]] = set()
    for worker_id, agency, start, end in _stints(authority).iter_rows():
        last = min(end or HISTORY_END, HISTORY_END)
        done.extend(_completions(rng, courses, worker_id, start, last))
        if (worker_id, start) in inducted:
            continue
        inducted.add((worker_id, start))
        longest = 25 if agency else 90
        finished = start + timedelta(days=int(rng.integers(3, longest)))
        inductions.append(
            Induction(
                worker_id=worker_id,
                start_date=start,
                completed_date=finished if finished <= last else None,
            )
        )
    Completion.objects.bulk_create(done, batch_size=2000)
    Induction.objects.bulk_create(inductions, batch_size=2000)
    return {"courses": len(courses), "completions": len(done), "inductions": len(inductions)}


def add_other_staff_training(authority: Authority, seed: int) -> int:
    """Add the other staff's completions of the courses every staff group takes (not Signs of
    Safety, a social worker's course); return how many. No inductions: those figures stay the
    social workers'."""
    rng = np.random.default_rng([seed, _OTHER_STAFF_STREAM])
    courses = [Course.objects.get(authority=authority, name=entry[0]) for entry in CATALOGUE]
    done: list[Completion] = []
    for worker_id, _, start, end in _stints(authority, other_staff=True).iter_rows():
        last = min(end or HISTORY_END, HISTORY_END)
        taken = _completions(rng, courses, worker_id, start, last)
        done.extend(c for c in taken if not c.course.staff_groups)
    Completion.objects.bulk_create(done, batch_size=2000)
    return len(done)
