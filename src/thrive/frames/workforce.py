"""The shape of the workforce frames: what the analysis packages receive. Plain Polars, no Django.

``thrive.frames.load.load`` fills a :class:`WorkforceFrames` from the store; tests and
benchmarks may build one directly with :func:`empty_frames` and ``replace``. Column names use the
model's field names; an open end date is null. FTE, points and money are floats.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

import polars as pl

SCHEMAS: dict[str, dict[str, pl.DataType | type[pl.DataType]]] = {
    "teams": {
        "team_id": pl.Int64,
        "team": pl.String,
        "team_kind": pl.String,
        "service_id": pl.Int64,
        "service": pl.String,
        "opened": pl.Date,
        "closed": pl.Date,
    },
    "workers": {
        "worker_id": pl.Int64,
        "pseudonym": pl.String,
        "name": pl.String,
        "swe_number": pl.String,
        "birth_date": pl.Date,
        "sex": pl.String,
        "ethnicity": pl.String,
        "qualification_level": pl.Int64,
        "qualified_on": pl.Date,
        "route": pl.String,
        "disability": pl.String,
    },
    "spells": {
        "spell_id": pl.Int64,
        "worker_id": pl.Int64,
        "team_id": pl.Int64,
        "post_id": pl.Int64,
        "contract_type": pl.String,
        "grade": pl.String,
        "org_role": pl.Int64,
        "fte": pl.Float64,
        "start_date": pl.Date,
        "end_date": pl.Date,
        "start_origin": pl.Int64,
        "reason_leave": pl.Int64,
        "leaver_destination": pl.Int64,
        "day_rate": pl.Float64,
    },
    "posts": {
        "post_id": pl.Int64,
        "team_id": pl.Int64,
        "reference": pl.String,
        "grade": pl.String,
        "funded_fte": pl.Float64,
        "start_date": pl.Date,
        "end_date": pl.Date,
    },
    "line_management": {
        "manager_id": pl.Int64,
        "report_id": pl.Int64,
        "start_date": pl.Date,
        "end_date": pl.Date,
    },
    "team_managers": {
        "team_id": pl.Int64,
        "manager_id": pl.Int64,
        "start_date": pl.Date,
        "end_date": pl.Date,
    },
    "caseloads": {
        "worker_id": pl.Int64,
        "date": pl.Date,
        "cases": pl.Int64,
        "children": pl.Int64,
        "weighted_points": pl.Float64,
    },
    "supervisions": {
        "worker_id": pl.Int64,
        "date": pl.Date,
        "kind": pl.String,
        "supervisor_id": pl.Int64,
    },
    "appraisals": {
        "worker_id": pl.Int64,
        "cycle": pl.String,
        "due_date": pl.Date,
        "completed_date": pl.Date,
    },
    "absences": {
        "worker_id": pl.Int64,
        "start_date": pl.Date,
        "end_date": pl.Date,
        "reason": pl.String,
        "working_days_lost": pl.Float64,
    },
    "asye": {
        "worker_id": pl.Int64,
        "cohort": pl.String,
        "start_date": pl.Date,
        "review_3_months": pl.Date,
        "review_6_months": pl.Date,
        "review_12_months": pl.Date,
        "outcome": pl.String,
        "outcome_date": pl.Date,
        "extended_to": pl.Date,
    },
    "schemes": {
        "worker_id": pl.Int64,
        "scheme": pl.String,
        "start_date": pl.Date,
        "end_date": pl.Date,
    },
    # Children's spells (thrive.children): with a worker, or waiting (worker_id null).
    "allocations": {
        "child": pl.String,
        "age_band": pl.String,
        "worker_id": pl.Int64,
        "team_id": pl.Int64,
        "case_type": pl.String,
        "start_date": pl.Date,
        "end_date": pl.Date,
        "end_reason": pl.String,
        "complexity": pl.Float64,
        "sibling_group": pl.String,
    },
    # The training catalogue (thrive.training): who must take each course is its lists.
    "courses": {
        "course_id": pl.Int64,
        "course": pl.String,
        "mandatory": pl.Boolean,
        "renewal_months": pl.Int64,
        "grades": pl.List(pl.String),
        "org_roles": pl.List(pl.Int64),
        "contract_types": pl.List(pl.String),
        "staff_groups": pl.List(pl.String),
    },
    "completions": {
        "worker_id": pl.Int64,
        "course_id": pl.Int64,
        "completed_date": pl.Date,
    },
    "inductions": {
        "worker_id": pl.Int64,
        "start_date": pl.Date,
        "completed_date": pl.Date,
    },
    # Pay from the census (thrive.import_records CensusWorkerDetail): one row per worker and
    # collection year, as returned (the measures take base salary as the full-time annual figure).
    "pay": {
        "worker_id": pl.Int64,
        "year": pl.Int64,
        "base_salary": pl.Float64,
        "rr_payments": pl.Float64,
        "other_payments": pl.Float64,
    },
    # The pipeline before qualifying (thrive.trainees): neither is a worker yet; ``worker_id`` is
    # the worker they became once they started with the council.
    "placements": {
        "student": pl.String,
        "university": pl.String,
        "placement_type": pl.String,
        "team_id": pl.Int64,
        "start_date": pl.Date,
        "end_date": pl.Date,
        "offered_post": pl.Boolean,
        "took_post": pl.Boolean,
        "worker_id": pl.Int64,
    },
    "trainees": {
        "trainee": pl.String,
        "route": pl.String,
        "start_date": pl.Date,
        "expected_qualification": pl.Date,
        "status": pl.String,
        "status_date": pl.Date,
        "worker_id": pl.Int64,
    },
}
# Try Before You Apply visits (thrive.lifecycle Visit), each with the application it led to:
# ``applied`` is the earliest stage date recorded for the visit's candidate, ``hired_worker_id``
# the worker that candidate became (null when they have not applied, or were not hired).
SCHEMAS["visits"] = {
    "visit_id": pl.Int64,
    "date": pl.Date,
    "career_stage": pl.String,
    "source": pl.String,
    "team_id": pl.Int64,
    "candidate_id": pl.Int64,
    "applied": pl.Date,
    "hired_worker_id": pl.Int64,
}
# Every staff group's spells: the social workers' ``spells`` columns and the staff group. The
# ``spells`` frame holds social workers only, so no existing figure sees another group.
SCHEMAS["all_spells"] = {**SCHEMAS["spells"], "staff_group": pl.String}


FrameOrSource = pl.DataFrame | Callable[[], pl.DataFrame]


class ReadOnFirstUse:
    """A frame field that may be given as the frame or as a function returning it, called the
    first time the field is read (and its frame kept): a family of frames read only by what uses
    it. ``dataclasses.replace`` reads the field, so a copy holds the frame itself; to copy without
    reading it, use :meth:`WorkforceFrames.with_frames`."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot = f"_{name}_source"

    def __get__(self, instance: object, owner: type | None = None) -> pl.DataFrame:
        if instance is None:
            raise AttributeError("no default")  # a dataclass field that must be given
        found: FrameOrSource = instance.__dict__[self.slot]
        if not isinstance(found, pl.DataFrame):
            found = found()
            instance.__dict__[self.slot] = found
        return found

    def __set__(self, instance: object, value: FrameOrSource) -> None:
        instance.__dict__[self.slot] = value

    def is_read(self, instance: object) -> bool:
        """Whether ``instance`` holds the frame already (False: its source is not yet called)."""
        return isinstance(instance.__dict__[self.slot], pl.DataFrame)


_derived_lock = threading.Lock()
_derived_locks: dict[tuple[int, str], threading.Lock] = {}

# Frames of their own family (files of their own, read when first used): the children's
# allocation spells, two million rows at scale 20 that only continuity, the allocation planner
# and the children's pages read.
READ_ON_FIRST_USE = ("allocations",)


@dataclass(frozen=True)
class WorkforceFrames:
    """One authority's workforce records as Polars frames, one per kind of record.

    ``allocations`` may be given as a function returning the frame, called when first read
    (:class:`ReadOnFirstUse`): a page that does not use the children's records never reads them.
    """

    la_number: str
    authority: str
    teams: pl.DataFrame
    workers: pl.DataFrame
    spells: pl.DataFrame
    posts: pl.DataFrame
    line_management: pl.DataFrame
    team_managers: pl.DataFrame
    caseloads: pl.DataFrame
    supervisions: pl.DataFrame
    appraisals: pl.DataFrame
    absences: pl.DataFrame
    asye: pl.DataFrame
    schemes: pl.DataFrame
    courses: pl.DataFrame
    completions: pl.DataFrame
    inductions: pl.DataFrame
    pay: pl.DataFrame
    placements: pl.DataFrame
    trainees: pl.DataFrame
    visits: pl.DataFrame
    all_spells: pl.DataFrame
    allocations: ReadOnFirstUse = ReadOnFirstUse()  # must be given: see ReadOnFirstUse

    def frame_names(self) -> list[str]:
        return [f.name for f in fields(self) if f.name in SCHEMAS]

    def with_frames(self, **changed: pl.DataFrame) -> WorkforceFrames:
        """A copy with the ``changed`` frames, the others as they are: a frame read on first use
        that is not read yet is passed on unread (``dataclasses.replace`` would read it)."""
        unread: dict[str, Any] = {
            name: self.__dict__[type(self).__dict__[name].slot]
            for name in READ_ON_FIRST_USE
            if name not in changed and not self.read_yet(name)
        }
        return replace(self, **{**unread, **changed})

    def derived(self, key: str, build: Callable[[], pl.DataFrame]) -> pl.DataFrame:
        """A working frame derived from these frames alone (not from the dates asked for),
        built by the first that asks for it and kept as long as the frames are (so for the store
        version: every measure pass in the process shares it). A copy (``with_frames``,
        ``replace``) starts with none: its frames may differ. One builder at a time per key."""
        kept: dict[str, pl.DataFrame] | None = self.__dict__.get("_derived")
        if kept is None:
            with _derived_lock:
                kept = self.__dict__.setdefault("_derived", {})
        if key in kept:
            return kept[key]
        with _derived_lock:
            lock = _derived_locks.setdefault((id(self), key), threading.Lock())
        with lock:
            if key not in kept:
                kept[key] = build()
        with _derived_lock:
            _derived_locks.pop((id(self), key), None)
        return kept[key]

    def read_yet(self, name: str) -> bool:
        """Whether the frame ``name`` has been read (always, but for :data:`READ_ON_FIRST_USE`)."""
        kept: Any = type(self).__dict__.get(name)
        return not isinstance(kept, ReadOnFirstUse) or kept.is_read(self)


@dataclass(frozen=True)
class AllocationFrames:
    """One authority's children's allocation spells: the family of frames behind
    ``WorkforceFrames.allocations``, kept in files of its own."""

    la_number: str
    authority: str
    allocations: pl.DataFrame


def frame(name: str, rows: list[tuple[object, ...]] | list[dict[str, object]]) -> pl.DataFrame:
    """A frame of the named kind from rows (tuples in schema order, or dicts); a tuple shorter
    than the schema leaves the later columns null (columns added since it was written)."""
    schema = SCHEMAS[name]
    if rows and isinstance(rows[0], dict):
        return pl.DataFrame(rows, schema=schema)
    return pl.DataFrame(padded(rows, len(schema)), schema=schema, orient="row")


def padded(rows: Sequence[object], width: int) -> list[tuple[object, ...]]:
    """Each row (a tuple) with nulls added to ``width`` columns."""
    return [
        row + (None,) * (width - len(row)) if len(row) < width else row
        for row in rows
        if isinstance(row, tuple)
    ]


def empty_frames(la_number: str = "999", authority: str = "Test authority") -> WorkforceFrames:
    """Frames with no rows: a starting point for hand-made fixtures."""
    return WorkforceFrames(
        la_number=la_number,
        authority=authority,
        **{name: pl.DataFrame(schema=schema) for name, schema in SCHEMAS.items()},
    )
