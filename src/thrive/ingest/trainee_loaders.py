"""Loading students on placement and apprentices and sponsored trainees.

Each row is found by its key within the authority (a student's placement by the student and its
start date, a trainee by the trainee): a new key adds a record, a known one is brought up to
date where the file says something different (only the columns the file has). An upsert logged
for undo, so the same file imported twice changes nothing. The team hosting a placement and the
worker a student or trainee became are optional; when given they must be known.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import models

from thrive.ingest.changes import ChangeLog, save_changes
from thrive.ingest.counts import Counts
from thrive.ingest.lookups import TeamIndex, WorkerIndex
from thrive.ingest.rows import Row
from thrive.ingest.training_loaders import load_courses
from thrive.problems import Problem
from thrive.trainees.models import StudentPlacement, Trainee
from thrive.workforce import models as wf

TRAINEE_KINDS = ("students", "trainees")
BY_REFERENCE = ("courses", *TRAINEE_KINDS)
"""The kinds whose records are found by their own reference (a course by its name, a student's
placement, a trainee), not by a worker."""
MODELS: dict[str, type[models.Model]] = {"students": StudentPlacement, "trainees": Trainee}
KEY = {"students": ("student", "start_date"), "trainees": ("trainee",)}
DETAILS = {
    "students": ("university", "placement_type", "end_date", "offered_post", "took_post"),
    "trainees": ("route", "start_date", "expected_qualification", "status", "status_date"),
}


def plan_trainees(
    kind: str, rows: Sequence[Row], workers: WorkerIndex, authority: wf.Authority, file: str
) -> None:
    """Attach each row's team (students) and the worker it names, if any; unknown ones are
    errors naming the row."""
    teams = TeamIndex(authority) if kind == "students" else None
    for row in rows:
        if not row.ok:
            continue
        if teams is not None and row.values.get("team"):
            team, why = teams.find(str(row.values["team"]))
            if team is None:
                _problem(file, row, "team", str(row.values["team"]), why)
            else:
                row.values["team_id"] = team.pk
        if row.worker:
            worker = workers.find(row.values.get("worker_id"), row.values.get("swe_number"))
            if worker is None:
                name = "worker_id" if row.values.get("worker_id") else "swe_number"
                expected = (
                    f"a worker already in Thrive for {authority.la_number} (import the staff "
                    "extract first), or nothing until they start with the council"
                )
                _problem(file, row, name, row.worker, expected)
            else:
                row.values["worker_id_pk"] = workers.pk_of(worker)


def _problem(file: str, row: Row, name: str, value: str, expected: str) -> None:
    row.problems.append(Problem(file, f"row {row.number}", name, value, expected))


def _values(kind: str, row: Row) -> dict[str, Any]:
    values = {name: row.values.get(name) for name in DETAILS[kind] if name in row.present}
    if kind == "students" and "team" in row.present:
        values["team_id"] = row.values.get("team_id")
    if "worker_id" in row.present or "swe_number" in row.present:
        values["worker_id"] = row.values.get("worker_id_pk")
    return values


def load_trainees(
    kind: str, rows: Sequence[Row], authority: wf.Authority, log: ChangeLog
) -> Counts:
    """Add the new placements or trainees and bring the known ones up to date."""
    model, key = MODELS[kind], KEY[kind]
    counts = Counts()
    stored = {
        tuple(getattr(record, name) for name in key): record
        for record in model.objects.filter(authority=authority)  # type: ignore[attr-defined]
    }
    for row in rows:
        if not row.ok:
            continue
        found_key = tuple(row.values[name] for name in key)
        values = _values(kind, row)
        found = stored.get(found_key)
        if found is None:
            record = model.objects.create(  # type: ignore[attr-defined]
                authority=authority, **dict(zip(key, found_key, strict=True)), **values
            )
            stored[found_key] = record
            log.added([record])
            counts.added += 1
        elif save_changes(found, values, log):
            counts.updated += 1
        else:
            counts.unchanged += 1
    return counts


def load_by_reference(
    kind: str, rows: Sequence[Row], authority: wf.Authority, log: ChangeLog
) -> Counts:
    """Load a kind of :data:`BY_REFERENCE` (rows already checked)."""
    if kind == "courses":
        return load_courses(rows, authority, log)
    return load_trainees(kind, rows, authority, log)
