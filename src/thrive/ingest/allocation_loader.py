"""Loading a case-management allocation extract: each child's spells, with a worker or waiting.

Planned as a whole file (a child's spells are checked against each other): every row's team must
be in Thrive, a named worker must be too, and one child's spells may not overlap (a child has one
allocated social worker at a time; the next spell starts after the last ends), neither within the
file nor with a spell already stored (one the file does not itself restate). Then an
effective-dated upsert on the natural key (child, start date) within the authority, as the
simple extracts do: a row equal to the stored spell changes nothing, a different one updates it
(the old values kept in the batch log, so undo brings them back), a new key adds a spell.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from thrive.children.models import Allocation
from thrive.ingest.changes import ChangeLog
from thrive.ingest.counts import Counts
from thrive.ingest.fast_insert import insert_rows
from thrive.ingest.lookups import TeamIndex, WorkerIndex
from thrive.ingest.practice_loaders import resolve_teams
from thrive.ingest.rows import Row
from thrive.problems import Problem
from thrive.workforce.models import Authority

# The record's columns an allocation row sets (besides the key: authority, child, start date).
COLUMNS = (
    "worker_id", "team_id", "case_type", "age_band", "end_date", "end_reason", "complexity",
    "sibling_group",
)  # fmt: skip
BLANK_TEXT = frozenset({"age_band", "end_reason", "sibling_group"})
OPEN = date.max


def plan_allocations(
    rows: Sequence[Row], workers: WorkerIndex, teams: TeamIndex, file: str
) -> None:
    """Attach each row's team and (if named) worker; refuse a child's overlapping spells."""
    resolve_teams(rows, teams, file)
    for row in rows:
        if not row.ok or not row.worker:
            continue
        worker = workers.find(row.values.get("worker_id"), row.values.get("swe_number"))
        if worker is None:
            name = "worker_id" if row.values.get("worker_id") else "swe_number"
            expected = (
                f"a worker already in Thrive for {workers.authority.la_number} (import the staff "
                "extract first), or nothing while the child waits unallocated"
            )
            row.problems.append(Problem(file, f"row {row.number}", name, row.worker, expected))
        else:
            row.values["_worker_id"] = workers.pk_of(worker)
    _overlaps(rows, file)
    _stored_overlaps(rows, workers.authority, file)


def _stored_overlaps(rows: Sequence[Row], authority: Authority, file: str) -> None:
    """Refuse a row whose spell shares a day with a spell already stored for the child, unless
    the file restates that stored spell (same child and start date: the row replaces it)."""
    checked = [r for r in rows if r.ok]
    restated = {(str(r.values["child_id"]), r.values["start_date"]) for r in checked}
    children = sorted({child for child, _ in restated})
    stored: dict[str, list[tuple[date, date]]] = defaultdict(list)
    for start in range(0, len(children), 900):
        found = Allocation.objects.filter(
            authority=authority, child__in=children[start : start + 900]
        ).values_list("child", "start_date", "end_date")
        for child, begun, ended in found:
            if (child, begun) not in restated:
                stored[child].append((begun, ended or OPEN))
    for row in checked:
        child = str(row.values["child_id"])
        start = row.values["start_date"]
        end = row.values.get("end_date") or OPEN
        for begun, ended in sorted(stored.get(child, [])):
            if start <= ended and begun <= end:
                until = "still open" if ended is OPEN else f"to {ended.isoformat()}"
                row.problems.append(
                    Problem(
                        file,
                        f"row {row.number}",
                        "start_date",
                        start.isoformat(),
                        f"no overlap with child {child}'s spell already in Thrive, from "
                        f"{begun.isoformat()} {until} (one spell at a time: give that spell its "
                        "end date in this file, or undo the import that stored it)",
                    )
                )
                break


def _overlaps(rows: Sequence[Row], file: str) -> None:
    by_child: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        if row.ok:
            by_child[str(row.values["child_id"])].append(row)
    for child, spells in by_child.items():
        spells.sort(key=lambda r: r.values["start_date"])
        for before, after in zip(spells, spells[1:], strict=False):
            end = before.values.get("end_date") or OPEN
            start = after.values["start_date"]
            if start <= end:
                ends = "is still open" if end is OPEN else f"ends {end.isoformat()}"
                after.problems.append(
                    Problem(
                        file,
                        f"row {after.number}",
                        "start_date",
                        start.isoformat(),
                        f"a date after child {child}'s spell of row {before.number}, which {ends}"
                        " (one spell at a time: give that spell its end date)",
                    )
                )


# The row field each record column comes from (the worker from worker_id or swe_number).
SOURCE = {"worker_id": ("worker_id", "swe_number"), "team_id": ("team",)}


def _values(row: Row) -> dict[str, Any]:
    """The columns the row sets: only those the file has a column for (others are kept)."""
    v = row.values
    values: dict[str, Any] = {}
    for column in COLUMNS:
        if not any(f in row.present for f in SOURCE.get(column, (column,))):
            continue
        value = v.get("_worker_id") if column == "worker_id" else v.get(column)
        values[column] = "" if value is None and column in BLANK_TEXT else value
    return values


def _new(values: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(values.get(c, "" if c in BLANK_TEXT else None) for c in COLUMNS)


def load_allocations(rows: Sequence[Row], authority: Authority, log: ChangeLog) -> Counts:
    """Upsert the rows (all checked and resolved) on (child, start date)."""
    counts = Counts()
    children = sorted({str(r.values["child_id"]) for r in rows})
    existing: dict[tuple[str, date], tuple[Any, ...]] = {}
    manager = Allocation.objects
    for start in range(0, len(children), 900):
        stored = manager.filter(authority=authority, child__in=children[start : start + 900])
        for record in stored.values_list("pk", "child", "start_date", *COLUMNS):
            existing[(record[1], record[2])] = record
    new: list[tuple[Any, ...]] = []
    for row in rows:
        key = (str(row.values["child_id"]), row.values["start_date"])
        values = _values(row)
        record = existing.get(key)
        if record is None:
            new.append((authority.pk, *key, *_new(values)))
            continue
        before = dict(zip(COLUMNS, record[3:], strict=True))
        changed = {c: v for c, v in values.items() if before[c] != v}
        if changed:
            manager.filter(pk=record[0]).update(**changed)
            log.updated_values(Allocation, record[0], {c: before[c] for c in changed})
            counts.updated += 1
        else:
            counts.unchanged += 1
    ids = insert_rows(Allocation, ("authority_id", "child", "start_date", *COLUMNS), new)
    log.added_ids(Allocation, ids)
    counts.added += len(new)
    return counts
