"""Loading the course catalogue, and tying each training completion to its course.

Courses: each row is one course, found by name within the authority; a new name adds a course,
a known one is brought up to date where the file says something different. An upsert logged
for undo, so the same file imported twice changes nothing. Completions and inductions are
simple kinds (:data:`~thrive.ingest.practice_loaders.SIMPLE_KINDS`); a completion's course is
looked up here by name (an unknown course is an error naming the row).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from thrive.ingest.changes import ChangeLog, save_changes
from thrive.ingest.counts import Counts
from thrive.ingest.leavings import resolve_leavings
from thrive.ingest.lookups import WorkerIndex
from thrive.ingest.rows import Row
from thrive.problems import Problem
from thrive.training.models import Course
from thrive.workforce import models as wf

LISTS = ("grades", "org_roles", "contract_types", "staff_groups")
COURSE_DETAILS = ("mandatory", "renewal_months", *LISTS)


def resolve_courses(rows: Sequence[Row], authority: wf.Authority, file: str) -> None:
    """Attach each row's course (``course_id``); a name not in the catalogue is an error."""
    known = {
        name.casefold(): pk
        for pk, name in Course.objects.filter(authority=authority).values_list("pk", "name")
    }
    for row in rows:
        if not row.ok:
            continue
        name = str(row.values["course"])
        found = known.get(name.casefold())
        if found is None:
            expected = "a course in the course catalogue (import the courses file first)"
            row.problems.append(Problem(file, f"row {row.number}", "course", name, expected))
        else:
            row.values["course_id"] = found


def resolve_more(kind: str, rows: Sequence[Row], workers: WorkerIndex, file: str) -> None:
    """What a simple kind's rows name besides workers and teams: an exit interview's leaving,
    a completion's course."""
    if kind == "exit_interviews":
        resolve_leavings(rows, file)
    elif kind == "training":
        resolve_courses(rows, workers.authority, file)


def load_courses(rows: Sequence[Row], authority: wf.Authority, log: ChangeLog) -> Counts:
    """Add the new courses and bring the known ones up to date (rows already checked)."""
    counts = Counts()
    stored = {c.name.casefold(): c for c in Course.objects.filter(authority=authority)}
    for row in rows:
        if not row.ok:
            continue
        values: dict[str, Any] = {name: row.values.get(name) for name in COURSE_DETAILS}
        for name in LISTS:
            values[name] = values[name] or []
        name = str(row.values["course"])
        found = stored.get(name.casefold())
        if found is None:
            course = Course.objects.create(authority=authority, name=name, **values)
            stored[name.casefold()] = course
            log.added([course])
            counts.added += 1
        elif save_changes(found, values, log):
            counts.updated += 1
        else:
            counts.unchanged += 1
    return counts
