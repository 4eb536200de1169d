"""Hand-made workforce frames for exact answers: a few people, every date chosen by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from thrive.frames.workforce import WorkforceFrames, empty_frames, frame

TEAMS = [
    (1, "Assessment North", "assessment", 1, "First Response", None, None),
    (2, "Child Protection South", "child_protection", 2, "Safeguarding", None, None),
]


def worker(worker_id: int, route: str = "experienced") -> tuple[object, ...]:
    return (worker_id, f"W{worker_id:06d}", f"Worker {worker_id}", None, date(1985, 1, 1), "F",
            "WBRI", 1, None, route)  # fmt: skip


def spell(
    worker_id: int,
    start: date,
    end: date | None = None,
    team_id: int = 1,
    grade: str = "social_worker",
    contract: str = "permanent",
    fte: float = 1.0,
    reason_leave: int | None = None,
    origin: int | None = None,
) -> tuple[object, ...]:
    destination = 1 if reason_leave is not None else None
    return (None, worker_id, team_id, None, contract, grade, 5, fte, start, end, origin,
            reason_leave, destination, None)  # fmt: skip


def frames(
    workers: list[tuple[object, ...]],
    spells: list[tuple[object, ...]],
    **others: list[tuple[object, ...]],
) -> WorkforceFrames:
    """Frames from worker and spell rows (spell ids are numbered here) and any other kinds."""
    numbered = [(n, *row[1:]) for n, row in enumerate(spells, start=1)]
    extra = {name: frame(name, rows) for name, rows in others.items()}
    return replace(
        empty_frames(),
        teams=frame("teams", TEAMS),
        workers=frame("workers", workers),
        spells=frame("spells", numbered),
        **extra,
    )
