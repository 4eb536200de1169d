"""Loading the simple extracts: absence, supervision, appraisal and caseloads.

Each is an effective-dated upsert on a natural key (a caseload is one worker on one date, an
appraisal one worker in one cycle...): a row matching a stored record with the same values
changes nothing; with different values it updates the record (the old values kept in the batch
log, so undo brings them back); a new key adds a record.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models

from thrive.ingest.changes import ChangeLog
from thrive.ingest.counts import Counts
from thrive.ingest.fast_insert import insert_rows
from thrive.ingest.lookups import WorkerIndex
from thrive.ingest.rows import Row
from thrive.problems import Problem
from thrive.workforce import models as wf


@dataclass(frozen=True)
class SimpleKind:
    """How one simple extract maps onto a model: its key and value fields."""

    model: type[models.Model]
    key: tuple[str, ...]  # row fields (besides the worker) that identify a record
    fields: tuple[str, ...]  # row fields copied onto the record


SIMPLE_KINDS = {
    "absence": SimpleKind(
        wf.AbsenceEpisode, ("start_date", "reason"), ("end_date", "working_days_lost")
    ),
    "supervision": SimpleKind(wf.Supervision, ("date", "kind"), ("supervisor_id",)),
    "appraisal": SimpleKind(wf.Appraisal, ("cycle",), ("due_date", "completed_date")),
    "caseloads": SimpleKind(
        wf.CaseloadSnapshot, ("date",), ("cases", "children", "weighted_points")
    ),
}


def resolve_workers(rows: Sequence[Row], workers: WorkerIndex, file: str) -> None:
    """Attach each row's worker (and supervisor); unknown ones are errors on the row."""
    for row in rows:
        if not row.ok:
            continue
        worker = workers.find(row.values.get("worker_id"), row.values.get("swe_number"))
        if worker is None:
            name = "worker_id" if row.values.get("worker_id") else "swe_number"
            row.problems.append(
                Problem(
                    file,
                    f"row {row.number}",
                    name,
                    row.worker,
                    f"a worker already in Thrive for {workers.authority.la_number} "
                    "(import the staff extract or census first)",
                )
            )
            continue
        row.values["_worker"] = worker
        row.values["_worker_id"] = workers.pk_of(worker)
        supervisor = row.values.get("supervisor_id")
        if supervisor:
            found = workers.find(str(supervisor), None)
            if found is None:
                row.problems.append(
                    Problem(
                        file,
                        f"row {row.number}",
                        "supervisor_id",
                        str(supervisor),
                        "the worker_id of a worker already in Thrive",
                    )
                )
            else:
                row.values["_supervisor"] = found


def _record_values(kind: str, row: Row) -> dict[str, Any]:
    spec = SIMPLE_KINDS[kind]
    values = {name: row.values.get(name) for name in spec.fields if name in row.present}
    if kind == "supervision":
        supervisor = row.values.get("_supervisor")
        values = {}
        if "supervisor_id" in row.present:
            values["supervisor_id"] = supervisor.pk if supervisor is not None else None
    return values


def load_simple(kind: str, rows: Sequence[Row], log: ChangeLog, authority: wf.Authority) -> Counts:
    """Upsert the rows of a simple extract (all already checked and resolved).

    Stored records are read as plain tuples and only changed ones are touched, so a file
    imported again costs one read and no writes.
    """
    spec = SIMPLE_KINDS[kind]
    counts = Counts()
    worker_ids = sorted({row.values["_worker_id"] for row in rows})
    manager = spec.model._default_manager
    stored_columns = ("pk", "worker_id", *spec.key, *spec.fields)
    existing: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    width = len(spec.key) + 2
    first = spec.key[0]
    wanted = {row.values.get(first) for row in rows}
    if len(wanted) <= 500:  # e.g. the few dates of a caseload extract: one query
        queries = [manager.filter(worker__authority=authority, **{f"{first}__in": list(wanted)})]
    else:
        queries = [
            manager.filter(worker_id__in=worker_ids[start : start + 900])
            for start in range(0, len(worker_ids), 900)
        ]
    for query in queries:
        for stored in query.values_list(*stored_columns):
            existing[stored[1:width]] = stored
    new: list[tuple[Any, ...]] = []
    for row in rows:
        worker_id = row.values["_worker_id"]
        key = (worker_id, *(row.values.get(k) for k in spec.key))
        values = _record_values(kind, row)
        record = existing.get(key)
        if record is None:
            new.append((*key, *(values.get(f) for f in spec.fields)))
            continue
        before = dict(zip(spec.fields, record[width:], strict=True))
        changed = {f: v for f, v in values.items() if before[f] != v}
        if changed:
            manager.filter(pk=record[0]).update(**changed)
            log.updated_values(spec.model, record[0], {f: before[f] for f in changed})
            counts.updated += 1
        else:
            counts.unchanged += 1
    ids = insert_rows(spec.model, ("worker_id", *spec.key, *spec.fields), new)
    log.added_ids(spec.model, ids)
    counts.added += len(new)
    return counts
