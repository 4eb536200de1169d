"""Tying each exit interview to the leaving it is about: the spell that ended with a reason.

The row's ``leaving_date`` names it (the spell's end date); without one, a new interview is tied
to the worker's leaving nearest the interview date, as the admin would pick it, and an interview
already stored keeps its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from thrive.ingest.rows import Row
from thrive.problems import Problem
from thrive.workforce import models as wf


def resolve_leavings(rows: Sequence[Row], file: str) -> None:
    """Put each resolved row's leaving spell in ``_set`` (named) or ``_new`` (nearest)."""
    ids = sorted({row.values["_worker_id"] for row in rows if row.ok})
    leavings: dict[int, list[tuple[date, int]]] = defaultdict(list)
    for start in range(0, len(ids), 900):
        query = wf.EmploymentSpell.objects.filter(
            worker_id__in=ids[start : start + 900],
            reason_leave__isnull=False,
            end_date__isnull=False,
        )
        for worker, end, pk in query.values_list("worker_id", "end_date", "pk"):
            if end is not None:
                leavings[worker].append((end, pk))
    for row in rows:
        if not row.ok:
            continue
        theirs = sorted(leavings.get(row.values["_worker_id"], []))
        named = row.values.get("leaving_date")
        if named is None:
            if theirs:
                day = row.values["date"]
                nearest = min(theirs, key=lambda leaving: (abs((leaving[0] - day).days), leaving))
                row.values["_new"] = {"leaving_spell_id": nearest[1]}
            continue
        found = [pk for end, pk in theirs if end == named]
        if found:
            row.values["_set"] = {"leaving_spell_id": found[0]}
            continue
        known = ", ".join(end.isoformat() for end, _ in theirs) or "none in Thrive"
        row.problems.append(
            Problem(
                file,
                f"row {row.number}",
                "leaving_date",
                named.isoformat(),
                f"the end date of a spell this worker left (their leavings: {known})",
            )
        )
