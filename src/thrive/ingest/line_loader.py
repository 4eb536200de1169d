"""Loading a line management extract: who manages whom, effective-dated like employment spells.

A row is one line (the worker managed, from a start date, to a manager). A row matching a stored
line (same worker, same start date) updates its manager or end date if they differ; a new start
date adds a line and ends the worker's open line that began before it on the day before (unless
the same file says it carries on), so one worker has one line manager at a time and history is
kept. The file is planned in memory first, so an overlap is reported against its row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from thrive.ingest.changes import ChangeLog
from thrive.ingest.counts import Counts
from thrive.ingest.fast_insert import insert_rows
from thrive.ingest.lookups import WorkerIndex
from thrive.ingest.practice_loaders import WorkerRef, resolve_workers
from thrive.ingest.rows import Row
from thrive.problems import Problem
from thrive.workforce import models as wf

ONE_DAY = timedelta(days=1)
MANAGER = WorkerRef(
    "manager_id",
    "manager_swe_number",
    "manager_id",
    "a worker already in Thrive (the line manager must be on the workforce)",
)


@dataclass
class _Line:
    """A line as planned: the stored one (if any), its dates and the values to set."""

    start: date
    end: date | None
    manager_id: int
    stored_pk: int | None = None
    row: Row | None = None
    changes: dict[str, Any] = field(default_factory=dict)


@dataclass
class LinePlan:
    """What a line management extract will do, worked out before anything is written."""

    rows: list[Row]
    lines: dict[int, list[_Line]]  # by the managed worker's id


def plan_lines(rows: Sequence[Row], workers: WorkerIndex, file: str) -> LinePlan:
    """Resolve the workers and managers, and plan every line; problems go on the rows."""
    resolve_workers(rows, workers, file, (MANAGER,))
    by_report: dict[int, list[Row]] = defaultdict(list)
    for row in rows:
        if row.ok:
            by_report[row.values["_worker_id"]].append(row)
    stored: dict[int, list[_Line]] = defaultdict(list)
    ids = sorted(by_report)
    for start in range(0, len(ids), 900):
        query = wf.LineManagement.objects.filter(report_id__in=ids[start : start + 900])
        for pk, report, manager, begins, ends in query.values_list(
            "pk", "report_id", "manager_id", "start_date", "end_date"
        ):
            stored[report].append(_Line(begins, ends, manager, stored_pk=pk))
    plan = LinePlan(list(rows), {})
    for report, report_rows in by_report.items():
        lines = stored.get(report, [])
        open_in_file = {r.values["start_date"] for r in report_rows if not r.values.get("end_date")}
        for row in sorted(report_rows, key=lambda r: r.values["start_date"]):
            _plan_row(file, row, lines, open_in_file)
        plan.lines[report] = lines
    return plan


def _plan_row(file: str, row: Row, lines: list[_Line], open_in_file: set[date]) -> None:
    start, end = row.values["start_date"], row.values.get("end_date")
    manager = row.values["_manager_id"].pk
    values: dict[str, Any] = {"manager_id": manager}
    if "end_date" in row.present:
        values["end_date"] = end
    for line in lines:
        if line.start == start:
            line.row, line.end, line.manager_id = row, end, manager
            line.changes.update(values)
            return
    closing = [
        line
        for line in lines
        if line.end is None and line.start < start and line.start not in open_in_file
    ]
    for line in lines:
        line_end = start - ONE_DAY if line in closing else line.end
        if line.start <= (end or date.max) and start <= (line_end or date.max):
            row.problems.append(
                Problem(
                    file,
                    f"row {row.number}",
                    "start_date",
                    start.isoformat(),
                    "a line that does not overlap this worker's line from "
                    f"{line.start} to {line_end or 'now'} (one line manager at a time)",
                )
            )
            return
    for line in closing:
        line.end = start - ONE_DAY
        line.changes["end_date"] = line.end
    lines.append(_Line(start, end, manager, row=row, changes=values))


def load_lines(plan: LinePlan, log: ChangeLog) -> Counts:
    """Write a planned line management extract: changed lines (ends first), then new ones."""
    manager = wf.LineManagement.objects
    stored = {
        line.stored_pk: line
        for lines in plan.lines.values()
        for line in lines
        if line.stored_pk is not None and line.changes and (line.row is None or line.row.ok)
    }
    before = {
        pk: dict(zip(("manager_id", "end_date"), rest, strict=True))
        for pk, *rest in manager.filter(pk__in=list(stored)).values_list(
            "pk", "manager_id", "end_date"
        )
    }
    touched: set[int] = set()
    # Lines that end sooner go first, so no two lines overlap on the way (the database checks).
    for pk, line in sorted(stored.items(), key=lambda item: item[1].end or date.max):
        changed = {k: v for k, v in line.changes.items() if before[pk][k] != v}
        if changed:
            manager.filter(pk=pk).update(**changed)
            log.updated_values(wf.LineManagement, pk, {k: before[pk][k] for k in changed})
            if line.row is not None:
                touched.add(line.row.number)
    new = [
        (report, line.manager_id, line.start, line.end)
        for report, lines in plan.lines.items()
        for line in lines
        if line.stored_pk is None and line.row is not None and line.row.ok
    ]
    ids = insert_rows(wf.LineManagement, ("report_id", "manager_id", "start_date", "end_date"), new)
    log.added_ids(wf.LineManagement, ids)
    counts = Counts(added=len(new))
    for row in plan.rows:
        if row.ok and row.number in touched:
            counts.updated += 1
    counts.unchanged = sum(1 for r in plan.rows if r.ok) - counts.added - counts.updated
    return counts
