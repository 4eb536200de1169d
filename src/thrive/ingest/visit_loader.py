"""Loading Try Before You Apply visits: the team visited and the candidate each row names, then
an upsert by the visit's reference.

A visit is found by its booking reference within the authority; a new reference adds a visit,
a known one is brought up to date where the file says something different (logged for undo),
so the same file imported twice changes nothing. The candidate is found by reference among the
authority's candidates (and the requisition, where given): a reference Thrive does not hold, or
one on several vacancies with no requisition to choose, is an error naming the row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from thrive.ingest.changes import ChangeLog, save_changes
from thrive.ingest.counts import Counts
from thrive.ingest.lookups import TeamIndex
from thrive.ingest.rows import Row
from thrive.lifecycle.models import Candidate, Visit
from thrive.problems import Problem
from thrive.workforce import models as wf

DETAILS = ("date", "career_stage", "source", "team_id", "candidate_id")


def _candidates(authority: wf.Authority) -> dict[str, list[tuple[str, int]]]:
    found: dict[str, list[tuple[str, int]]] = defaultdict(list)
    rows = Candidate.objects.filter(requisition__authority=authority).values_list(
        "reference", "requisition__reference", "pk"
    )
    for reference, requisition, pk in rows:
        found[reference.casefold()].append((requisition, pk))
    return found


def resolve_visits(rows: Sequence[Row], authority: wf.Authority, file: str) -> None:
    """Attach each row's team (``team_id``) and candidate (``candidate_id``), or an error."""
    teams, candidates = TeamIndex(authority), _candidates(authority)
    for row in rows:
        if not row.ok:
            continue
        where, v = f"row {row.number}", row.values
        v["team_id"] = v["candidate_id"] = None
        if v.get("team"):
            team, why = teams.find(str(v["team"]))
            if team is None:
                row.problems.append(Problem(file, where, "team", str(v["team"]), why))
            else:
                v["team_id"] = team.pk
        if not v.get("candidate"):
            continue
        named = candidates.get(str(v["candidate"]).casefold(), [])
        if v.get("requisition"):
            wanted = str(v["requisition"]).casefold()
            named = [(r, pk) for r, pk in named if r.casefold() == wanted]
        if len(named) == 1:
            v["candidate_id"] = named[0][1]
            continue
        if not named:
            expected = (
                "a candidate already in Thrive (import the applicant-tracking export first)"
                + (" for that requisition" if v.get("requisition") else "")
            )
        else:
            vacancies = ", ".join(sorted(r for r, _ in named))
            expected = f"a requisition beside it: the candidate applied to {vacancies}"
        row.problems.append(Problem(file, where, "candidate", str(v["candidate"]), expected))


def load_visits(rows: Sequence[Row], authority: wf.Authority, log: ChangeLog) -> Counts:
    """Add the new visits and bring the known ones up to date (rows already checked)."""
    counts = Counts()
    stored = {v.reference: v for v in Visit.objects.filter(authority=authority)}
    for row in rows:
        if not row.ok:
            continue
        values: dict[str, Any] = {name: row.values.get(name) for name in DETAILS}
        values["source"] = values["source"] or ""
        reference = str(row.values["visit"])
        found = stored.get(reference)
        if found is None:
            visit = Visit.objects.create(authority=authority, reference=reference, **values)
            stored[reference] = visit
            log.added([visit])
            counts.added += 1
        elif save_changes(found, values, log):
            counts.updated += 1
        else:
            counts.unchanged += 1
    return counts
