"""Loading the simple extracts: absence, supervision, appraisal, caseloads, and the records
of development and feedback (ASYE, schemes, CPD, exit interviews, stay conversations).

Each is an effective-dated upsert on a natural key (a caseload is one worker on one date, an
appraisal one worker in one cycle...): a row matching a stored record with the same values
changes nothing; with different values it updates the record (the old values kept in the batch
log, so undo brings them back); a new key adds a record.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from django.db import models

from thrive.ingest.changes import ChangeLog
from thrive.ingest.counts import Counts
from thrive.ingest.fast_insert import insert_rows
from thrive.ingest.lookups import TeamIndex, WorkerIndex
from thrive.ingest.rows import Row
from thrive.lifecycle import models as lc
from thrive.problems import Problem
from thrive.training import models as tr
from thrive.workforce import models as wf


@dataclass(frozen=True)
class WorkerRef:
    """Another worker a row names (a supervisor, a line manager...) and the column it fills."""

    id_field: str  # the row field holding the other worker's worker_id
    swe_field: str | None  # ...or their SWE number, if the kind has such a column
    column: str  # the record's column for them
    expected: str = "the worker_id of a worker already in Thrive"


@dataclass(frozen=True)
class SimpleKind:
    """How one simple extract maps onto a model: its key and value fields."""

    model: type[models.Model]
    key: tuple[str, ...]  # row fields (besides the worker) that identify a record
    fields: tuple[str, ...]  # record columns set from the row
    refs: tuple[WorkerRef, ...] = ()
    worker: str = "worker"  # the record's column for the row's worker (a team's manager...)
    team: bool = False  # the row names a team (``team``), kept in the record's ``team_id``


SIMPLE_KINDS = {
    "absence": SimpleKind(
        wf.AbsenceEpisode, ("start_date", "reason"), ("end_date", "working_days_lost")
    ),
    "supervision": SimpleKind(
        wf.Supervision,
        ("date", "kind"),
        ("supervisor_id",),
        (WorkerRef("supervisor_id", None, "supervisor_id"),),
    ),
    "appraisal": SimpleKind(wf.Appraisal, ("cycle",), ("due_date", "completed_date")),
    "caseloads": SimpleKind(
        wf.CaseloadSnapshot, ("date",), ("cases", "children", "weighted_points")
    ),
    "asye": SimpleKind(
        wf.AsyeProgramme,
        (),  # one ASYE record per worker
        (
            "cohort",
            "start_date",
            "review_3_months",
            "review_6_months",
            "review_12_months",
            "outcome",
            "outcome_date",
            "extended_to",
        ),
    ),
    "schemes": SimpleKind(wf.SchemeMembership, ("scheme", "start_date"), ("end_date",)),
    "cpd": SimpleKind(lc.CpdRecord, ("date", "title"), ()),
    "exit_interviews": SimpleKind(
        lc.ExitInterview,
        ("date",),
        (
            "method",
            "primary_reason",
            "secondary_reason",
            "would_return",
            "would_recommend",
            "comments",
            "leaving_spell_id",
        ),
    ),
    "stay_conversations": SimpleKind(
        lc.StayConversation,
        ("date",),
        ("held_by_id", "held_by_name", "prompted_by", "main_concern", "outcome", "actions"),
        (WorkerRef("held_by_id", None, "held_by_id"),),
    ),
    "registration": SimpleKind(lc.RegistrationRecord, ("registration_year", "event"), ("date",)),
    "team_managers": SimpleKind(
        wf.TeamManagerAssignment,
        ("team_id", "start_date"),
        ("end_date",),
        worker="manager",
        team=True,
    ),
    "training": SimpleKind(tr.Completion, ("course_id", "completed_date"), ()),
    "induction": SimpleKind(tr.Induction, ("start_date",), ("completed_date",)),
}


def resolve_teams(rows: Sequence[Row], teams: TeamIndex, file: str) -> None:
    """Attach each row's team (``team_id``); an unknown or ambiguous name is an error."""
    for row in rows:
        if not row.ok:
            continue
        team, why = teams.find(str(row.values["team"]))
        if team is None:
            _unknown(file, row, "team", why)
        else:
            row.values["team_id"] = team.pk


def _unknown(file: str, row: Row, name: str, expected: str) -> None:
    row.problems.append(Problem(file, f"row {row.number}", name, str(row.values[name]), expected))


def resolve_workers(
    rows: Sequence[Row], workers: WorkerIndex, file: str, refs: Sequence[WorkerRef] = ()
) -> None:
    """Attach each row's worker (and the other workers it names); unknown ones are errors."""
    for row in rows:
        if not row.ok:
            continue
        worker = workers.find(row.values.get("worker_id"), row.values.get("swe_number"))
        if worker is None:
            name = "worker_id" if row.values.get("worker_id") else "swe_number"
            _unknown(
                file,
                row,
                name,
                f"a worker already in Thrive for {workers.authority.la_number} "
                "(import the staff extract or census first)",
            )
            continue
        row.values["_worker"] = worker
        row.values["_worker_id"] = workers.pk_of(worker)
        for ref in refs:
            given = row.values.get(ref.id_field)
            swe = row.values.get(ref.swe_field) if ref.swe_field else None
            if not given and not swe:
                continue
            found = workers.find(str(given) if given else None, str(swe) if swe else None)
            if found is None:
                _unknown(file, row, ref.id_field if given else str(ref.swe_field), ref.expected)
            else:
                row.values[f"_{ref.column}"] = found


@cache
def _blank_text(model: type[models.Model]) -> frozenset[str]:
    """The text columns stored as "" rather than NULL when empty."""
    return frozenset(
        f.attname
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField) and not f.null
    )


def record_values(spec: SimpleKind, row: Row) -> dict[str, Any]:
    """The record's columns the row sets: the columns the file has, and the workers it names.

    A loader may put more in ``row.values["_set"]`` (always set) and ``row.values["_new"]``
    (set only on a new record).
    """
    by_column = {ref.column: ref for ref in spec.refs}
    values: dict[str, Any] = {}
    for name in spec.fields:
        ref = by_column.get(name)
        if ref is not None:
            if ref.id_field in row.present or (ref.swe_field and ref.swe_field in row.present):
                other = row.values.get(f"_{name}")
                values[name] = other.pk if other is not None else None
        elif name in row.present:
            values[name] = row.values.get(name)
    values.update(row.values.get("_set", {}))
    blank = _blank_text(spec.model)
    return {k: ("" if v is None and k in blank else v) for k, v in values.items()}


def _new_record(spec: SimpleKind, row: Row, values: dict[str, Any]) -> tuple[Any, ...]:
    blank = _blank_text(spec.model)
    values = {**row.values.get("_new", {}), **values}
    return tuple(values.get(f, "" if f in blank else None) for f in spec.fields)


def stored_up_to(kind: str) -> int:
    """The highest id of the kind's records stored so far (0 if none): what an import that
    loads its file part by part compares each part with (see :func:`load_simple`)."""
    model = SIMPLE_KINDS[kind].model._default_manager
    return model.order_by("-pk").values_list("pk", flat=True).first() or 0


def load_simple(
    kind: str,
    rows: Sequence[Row],
    log: ChangeLog,
    authority: wf.Authority,
    stored_before: int | None = None,
) -> Counts:
    """Upsert the rows of a simple extract (all already checked and resolved).

    Stored records are read as plain tuples and only changed ones are touched, so a file
    imported again costs one read and no writes. A file loaded part by part gives
    ``stored_before`` (from :func:`stored_up_to` before its first part): only records stored
    before the import are read, as no row can match a record an earlier part added (the rows'
    keys were checked unique across the file).
    """
    spec = SIMPLE_KINDS[kind]
    counts = Counts()
    worker_ids = sorted({row.values["_worker_id"] for row in rows})
    manager = spec.model._default_manager
    worker_column = f"{spec.worker}_id"
    stored_columns = ("pk", worker_column, *spec.key, *spec.fields)
    existing: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    width = len(spec.key) + 2
    first = spec.key[0] if spec.key else None
    wanted = {row.values.get(first) for row in rows} if first else set()
    if first and len(wanted) <= 500:  # e.g. the few dates of a caseload extract: one query
        of_authority = {f"{spec.worker}__authority": authority, f"{first}__in": list(wanted)}
        queries = [manager.filter(**of_authority)]
    else:
        queries = [
            manager.filter(**{f"{worker_column}__in": worker_ids[start : start + 900]})
            for start in range(0, len(worker_ids), 900)
        ]
        days = [v for v in wanted if isinstance(v, date)]
        if days and len(days) == len(wanted):  # the dates the rows span
            span = {f"{first}__gte": min(days), f"{first}__lte": max(days)}
            queries = [q.filter(**span) for q in queries]
    if stored_before is not None:
        queries = [q.filter(pk__lte=stored_before) for q in queries] if stored_before else []
    keys = {(row.values["_worker_id"], *(row.values.get(k) for k in spec.key)) for row in rows}
    for query in queries:
        for stored in query.values_list(*stored_columns):
            if stored[1:width] in keys:  # only what the rows need is held
                existing[stored[1:width]] = stored
    new: list[tuple[Any, ...]] = []
    for row in rows:
        worker_id = row.values["_worker_id"]
        key = (worker_id, *(row.values.get(k) for k in spec.key))
        values = record_values(spec, row)
        record = existing.get(key)
        if record is None:
            new.append((*key, *_new_record(spec, row, values)))
            continue
        before = dict(zip(spec.fields, record[width:], strict=True))
        changed = {f: v for f, v in values.items() if before[f] != v}
        if changed:
            manager.filter(pk=record[0]).update(**changed)
            log.updated_values(spec.model, record[0], {f: before[f] for f in changed})
            counts.updated += 1
        else:
            counts.unchanged += 1
    ids = insert_rows(spec.model, (worker_column, *spec.key, *spec.fields), new)
    log.added_ids(spec.model, ids)
    counts.added += len(new)
    return counts
