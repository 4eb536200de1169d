"""Loading a staff extract: workers and their employment spells, effective-dated.

A row is one spell (worker, census role, start date). A row matching a stored spell updates it
if anything differs (a later extract adding the end date, say); a new start date adds a spell
and ends the worker's open spells that began before it on the day before (unless the same file
says they carry on), so history is kept rather than overwritten. The whole file is planned in
memory first, so an overlap is reported against its row before anything is written.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from thrive.codes.staff import SOCIAL_WORKER
from thrive.ingest.census_mapping import swe_key
from thrive.ingest.changes import ChangeLog, save_changes
from thrive.ingest.counts import Counts
from thrive.ingest.lookups import TeamIndex, WorkerIndex
from thrive.ingest.pending import PendingSpell, PendingWorker, write_spells, write_workers
from thrive.ingest.rows import Row
from thrive.problems import Problem
from thrive.workforce import models as wf

ONE_DAY = timedelta(days=1)
WORKER_FIELDS = (
    "name",
    "swe_number",
    "birth_date",
    "sex",
    "ethnicity",
    "qualification_level",
    "qualified_on",
    "route",
    "disability",
)
SPELL_FIELDS = (
    "contract_type",
    "grade",
    "fte",
    "end_date",
    "start_origin",
    "reason_leave",
    "leaver_destination",
    "day_rate",
    "staff_group",
)


@dataclass
class _Spell:
    """A spell as planned: the stored one (if any), its dates and the values to set."""

    org_role: int
    start: date
    end: date | None
    stored: wf.EmploymentSpell | None = None
    row: Row | None = None
    changes: dict[str, Any] = field(default_factory=dict)


@dataclass
class StaffPlan:
    """What a staff extract will do, worked out before anything is written."""

    rows: list[Row]
    spells: dict[str, list[_Spell]]

    def row_spells(self) -> list[_Spell]:
        return [s for spells in self.spells.values() for s in spells if s.row is not None]


def _spell_values(row: Row) -> dict[str, Any]:
    values = {name: row.values.get(name) for name in SPELL_FIELDS if name in row.present}
    if "staff_group" in values and values["staff_group"] is None:
        values["staff_group"] = SOCIAL_WORKER  # an empty staff group is a social worker
    values["team_id"] = row.values["_team"].pk
    post = row.values.get("_post")
    if "post_reference" in row.present:
        values["post_id"] = post.pk if post is not None else None
    return values


def _problem(file: str, row: Row, name: str, value: str, expected: str) -> None:
    row.problems.append(Problem(file, f"row {row.number}", name, value, expected))


def plan_staff(rows: Sequence[Row], workers: WorkerIndex, teams: TeamIndex, file: str) -> StaffPlan:
    """Resolve teams and posts, and plan every spell change; problems go on the rows."""
    posts = {
        (p.team_id, p.reference): p
        for p in wf.EstablishmentPost.objects.filter(team__service__authority=workers.authority)
    }
    by_worker: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        if not row.ok:
            continue
        team, why = teams.find(str(row.values["team"]))
        if team is None:
            _problem(file, row, "team", str(row.values["team"]), why)
            continue
        row.values["_team"] = team
        reference = row.values.get("post_reference")
        if reference:
            post = posts.get((team.pk, reference))
            if post is None:
                _problem(file, row, "post_reference", str(reference), f"a post of team {team.name}")
                continue
            row.values["_post"] = post
        by_worker[row.worker].append(row)
    known = {
        ref: w
        for ref, rs in by_worker.items()
        if (w := workers.find(rs[0].values.get("worker_id"), rs[0].values.get("swe_number")))
    }
    stored: dict[int, list[wf.EmploymentSpell]] = defaultdict(list)
    ids = [w.pk for w in known.values()]
    for start in range(0, len(ids), 900):
        for spell in wf.EmploymentSpell.objects.filter(worker_id__in=ids[start : start + 900]):
            stored[spell.worker_id].append(spell)
    plan = StaffPlan(list(rows), {})
    for ref, worker_rows in by_worker.items():
        worker = known.get(ref)
        _swe_of_another(file, worker_rows, worker, workers)
        spells = [
            _Spell(s.org_role, s.start_date, s.end_date, stored=s)
            for s in (stored.get(worker.pk, []) if worker else [])
        ]
        open_in_file = {
            (r.values["org_role"], r.values["start_date"])
            for r in worker_rows
            if r.values.get("end_date") is None
        }
        for row in sorted(worker_rows, key=lambda r: r.values["start_date"]):
            _plan_row(file, row, spells, open_in_file)
        plan.spells[ref] = spells
    return plan


def _swe_of_another(
    file: str, rows: list[Row], worker: wf.Worker | None, workers: WorkerIndex
) -> None:
    """A row giving a Social Work England number another worker in Thrive already has."""
    for row in rows:
        number = row.values.get("swe_number")
        owner = workers.by_swe.get(swe_key(str(number))) if number else None
        if owner is not None and owner is not worker:
            _problem(
                file,
                row,
                "swe_number",
                str(number),
                "a Social Work England number of this worker only: worker "
                f"{owner.pseudonym} in Thrive has it",
            )


def _plan_row(
    file: str, row: Row, spells: list[_Spell], open_in_file: set[tuple[int, date]]
) -> None:
    role, start, end = row.values["org_role"], row.values["start_date"], row.values.get("end_date")
    values = _spell_values(row)
    for spell in spells:
        if (spell.org_role, spell.start) == (role, start):
            spell.row, spell.end = row, end
            spell.changes.update(values)
            return
    closing = [
        s
        for s in spells
        if s.end is None and s.start < start and (s.org_role, s.start) not in open_in_file
    ]
    for spell in spells:
        spell_end = start - ONE_DAY if spell in closing else spell.end
        if (
            spell.org_role == role
            and spell.start <= (end or date.max)
            and start <= (spell_end or date.max)
        ):
            _problem(
                file,
                row,
                "start_date",
                start.isoformat(),
                f"a spell that does not overlap this worker's spell in the same role from "
                f"{spell.start} to {spell_end or 'now'}",
            )
            return
    for spell in closing:
        spell.end = start - ONE_DAY
        spell.changes["end_date"] = spell.end
    spells.append(_Spell(role, start, end, row=row, changes=values))


def _worker_values(rows: list[Row]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for row in rows:  # later rows win
        values.update({n: row.values[n] for n in WORKER_FIELDS if n in row.values})
    return values


def load_staff(plan: StaffPlan, workers: WorkerIndex, log: ChangeLog) -> Counts:
    """Write a planned staff extract: workers first, then changed spells, then new ones."""
    counts = Counts()
    rows_of: dict[str, list[Row]] = defaultdict(list)
    for row in plan.rows:
        if row.ok:
            rows_of[row.worker].append(row)
    new_workers: list[PendingWorker] = []
    touched: set[int] = set()
    for rows in rows_of.values():
        worker = workers.find(rows[0].values.get("worker_id"), rows[0].values.get("swe_number"))
        values = _worker_values(rows)
        if worker is None:
            pseudonym = rows[0].values.get("worker_id") or f"H{len(workers.by_id) + 1:06d}"
            pending = PendingWorker(
                authority_id=workers.authority.pk,
                pseudonym=pseudonym,
                swe_number=values.pop("swe_number", None),
                **values,
            )
            new_workers.append(pending)
            workers.add(pending)  # type: ignore[arg-type]
        elif isinstance(worker, wf.Worker) and save_changes(worker, values, log):
            touched.update(r.number for r in rows)
    write_workers(new_workers, log)
    new_spells = []
    for ref, spells in plan.spells.items():
        if ref not in rows_of:  # every row of this worker was rejected
            continue
        worker = workers.find(
            rows_of[ref][0].values.get("worker_id"), rows_of[ref][0].values.get("swe_number")
        )
        assert worker is not None
        for spell in spells:
            if spell.row is not None and not spell.row.ok:
                continue
            if spell.stored is not None:
                if spell.changes and save_changes(spell.stored, spell.changes, log) and spell.row:
                    touched.add(spell.row.number)
            elif spell.row is not None:
                new_spells.append(
                    PendingSpell(
                        worker_id=worker.pk,
                        org_role=spell.org_role,
                        start_date=spell.start,
                        **{"end_date": None, **spell.changes},
                    )
                )
    write_spells(new_spells, log)
    added_rows = {
        s.row.number for s in plan.row_spells() if s.stored is None and s.row and s.row.ok
    }
    for row in plan.rows:
        if not row.ok:
            continue
        if row.number in added_rows:
            counts.added += 1
        elif row.number in touched:
            counts.updated += 1
        else:
            counts.unchanged += 1
    return counts
