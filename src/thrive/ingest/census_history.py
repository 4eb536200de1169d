"""Building one workforce history from several years of census returns.

Each year's return is applied in order. Workers are matched across years by Social Work England
number; a role that carries on from last year (same OrgRole and RoleStartDate) continues its
spell, and a change of FTE (known only at 30 September) ends the spell on 30 September of the
previous year and starts the next the day after. A role with a RoleEndDate ends its spell; the
worker is a leaver (reason and destination kept) unless another of their roles carries on the
next day, which makes it a move inside the council. Cases30 becomes a caseload snapshot at 30
September, WorkingDaysLost a sickness absence over the year, and the LA-level vacancies become
unfilled establishment posts on 30 September, so every published measure follows from the
workforce model alone.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from thrive.census.rules import rules_for
from thrive.census.validate import CheckedReturn
from thrive.codes import ContractType, LeaverDestination, ReasonLeave, TeamKind
from thrive.import_records.models import CensusAuthorityReturn
from thrive.ingest.census_chains import Spell, overlapping, role_chain
from thrive.ingest.census_la_level import apply_la_level
from thrive.ingest.census_mapping import CENSUS_SERVICE, CENSUS_TEAM, grade_for, route_for, swe_key
from thrive.ingest.census_practice import store_caseloads_and_absences, store_details
from thrive.ingest.census_roles import ONE_DAY, Role, moved_on, role_of
from thrive.ingest.census_warnings import left_twice, not_returned, started_before
from thrive.ingest.census_workers import attributes, keep_earlier
from thrive.ingest.changes import ChangeLog, save_changes
from thrive.ingest.counts import Counts
from thrive.ingest.pending import PendingSpell, PendingWorker, write_spells, write_workers
from thrive.problems import Problem, Severity
from thrive.workforce import models as wf

# A leaver whose return (2017-2020, where the checks are warnings) gives no reason or destination.
REASON_NOT_KNOWN = int(ReasonLeave.NOT_KNOWN)
DESTINATION_NOT_KNOWN = int(LeaverDestination.NOT_KNOWN)

Worker = wf.Worker | PendingWorker


@dataclass
class HistoryBuilder:
    """Applies checked returns, one collection year at a time, to one authority's store."""

    authority: wf.Authority
    log: ChangeLog
    counts: Counts = field(default_factory=Counts)
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        service, _ = wf.Service.objects.get_or_create(authority=self.authority, name=CENSUS_SERVICE)
        team = wf.Team.objects.filter(service=service, name=CENSUS_TEAM).first()
        if team is None:
            team = wf.Team.objects.create(
                service=service, name=CENSUS_TEAM, kind=str(TeamKind.ASSESSMENT)
            )
            self.log.added([team])
        self.team = team
        self.workers: dict[str, Worker] = {}
        for worker in wf.Worker.objects.filter(authority=self.authority, swe_number__isnull=False):
            self.workers[swe_key(worker.swe_number or "")] = worker
        self.spells: dict[int, list[Spell]] = defaultdict(list)
        for spell in wf.EmploymentSpell.objects.filter(worker__authority=self.authority):
            self.spells[spell.worker_id].append(spell)
        taken = wf.Worker.objects.filter(authority=self.authority, pseudonym__regex=r"^C[0-9]+$")
        self.next_pseudonym = 1 + max(
            (int(p[1:]) for p in taken.values_list("pseudonym", flat=True)), default=0
        )

    # --- problems ---------------------------------------------------------------------------

    def _error(self, file: str, role: Role, name: str, expected: str) -> None:
        value = str(role.record.raw.get(name, ""))
        self.problems.append(Problem(file, f"{role.record.path}/{name}", name, value, expected))

    def _warn(self, file: str, where: str, name: str, value: str, expected: str) -> None:
        self.problems.append(Problem(file, where, name, value, expected, Severity.WARNING))

    # --- workers ----------------------------------------------------------------------------

    def _workers(self, grouped: dict[str, list[Role]]) -> None:
        new: list[PendingWorker] = []
        for key, roles in grouped.items():
            values = attributes(roles)
            worker = self.workers.get(key)
            if isinstance(worker, wf.Worker):
                values, warnings = keep_earlier(worker, values, roles, self._file)
                self.problems += warnings
                if save_changes(worker, values, self.log):
                    self.counts.updated += 1
                else:
                    self.counts.unchanged += 1
                continue
            employed = sorted((r for r in roles if not r.agency), key=lambda r: r.start or date.max)
            route = ""
            if employed:
                v = employed[0].values
                route = str(
                    route_for(
                        _text(v.get("StepUpGrad")),
                        _text(v.get("FrontlineGrad")),
                        _text(v.get("StartOrigin")),
                    )
                )
            pending = PendingWorker(
                authority_id=self.authority.pk,
                pseudonym=f"C{self.next_pseudonym:06d}",
                route=route,
                **values,
            )
            self.next_pseudonym += 1
            new.append(pending)
            self.workers[key] = pending
        write_workers(new, self.log)
        self.counts.added += len(new)

    # --- spells -----------------------------------------------------------------------------

    def _new_spell(
        self,
        worker: Worker,
        role: Role,
        start: date,
        end: date | None,
        fte: Decimal,
        **extra: Any,
    ) -> PendingSpell:
        spell = PendingSpell(
            worker_id=worker.pk,
            team_id=self.team.pk,
            contract_type=str(ContractType.AGENCY if role.agency else ContractType.PERMANENT),
            grade=str(grade_for(role.org_role, _text(role.values.get("CFKSSstatus")))),
            org_role=role.org_role,
            fte=fte,
            start_date=start,
            end_date=end,
            **extra,
        )
        return spell

    def _store(self, worker: Worker, spell: PendingSpell) -> None:
        self.spells[worker.pk].append(spell)
        self._pending_spells.append(spell)
        self._touched.add(id(spell))

    def _update(self, spell: Spell, values: dict[str, Any]) -> None:
        self._touched.add(id(spell))
        if isinstance(spell, PendingSpell):  # made earlier in this pass, not yet written
            for name, value in values.items():
                setattr(spell, name, value)
        elif save_changes(spell, values, self.log):
            self.counts.updated += 1
        else:
            self.counts.unchanged += 1

    def _starts_tenure(self, worker: Worker, start: date) -> bool:
        day_before = start - ONE_DAY
        return not any(
            s.start_date <= day_before and (s.end_date is None or s.end_date >= day_before)
            for s in self.spells.get(worker.pk, [])
            if not s.is_agency
        )

    def _reasons(self, role: Role, leaving: bool) -> dict[str, int | None]:
        if not leaving:
            return {"reason_leave": None, "leaver_destination": None}
        reason, destination = role.values.get("ReasonLeave"), role.values.get("LeaverDestination")
        return {
            "reason_leave": REASON_NOT_KNOWN if reason is None else int(str(reason)),
            "leaver_destination": DESTINATION_NOT_KNOWN
            if destination is None
            else int(str(destination)),
        }

    def _employed_role(self, file: str, worker: Worker, role: Role, moved: bool) -> None:
        ys = self._year_start
        fte = role.fte
        if fte <= 0:
            name = "FTE" if role.end is not None else "FTE30"
            self._error(file, role, name, "more than 0 for a worker in post (and at most 1)")
            return
        reasons = self._reasons(role, role.end is not None and not moved)
        grade = str(grade_for(role.org_role, _text(role.values.get("CFKSSstatus"))))
        chain = role_chain(self.spells.get(worker.pk, []), role) if role.start is not None else []
        if chain and chain[-1].end_date is None:
            last = chain[-1]
            if (last.fte, last.grade) != (fte, grade) and last.start_date < ys:
                self._update(
                    last,
                    {"end_date": ys - ONE_DAY, "reason_leave": None, "leaver_destination": None},
                )
                spell = self._new_spell(worker, role, ys, role.end, fte, **reasons)
                self._store(worker, spell)
            else:
                self._update(last, {"fte": fte, "grade": grade, "end_date": role.end, **reasons})
            return
        assert role.start is not None
        start, origin = role.start, role.values.get("StartOrigin")
        if chain:  # the role ended in an earlier return's year: that return stays as it was
            ended = chain[-1]
            if ended.reason_leave is not None and role.end is not None:
                self._warn_earlier(file, role, "RoleEndDate", left_twice(ended))
                return
            start, origin = self._after_earlier(file, role, ended.end_date)
        elif self._earlier is not None and role.start <= self._earlier:
            start, origin = self._after_earlier(file, role)
        clash = overlapping(self.spells.get(worker.pk, []), role.org_role, start, role.end)
        if clash is not None:
            self._error(
                file,
                role,
                "RoleStartDate",
                f"a role that does not overlap the worker's other OrgRole {role.org_role} role "
                f"from {clash.start_date} to {clash.end_date or 'now'} already in the store",
            )
            return
        spell = self._new_spell(
            worker,
            role,
            start,
            role.end,
            fte,
            start_origin=int(str(origin))
            if origin and self._starts_tenure(worker, start)
            else None,
            **reasons,
        )
        self._store(worker, spell)

    def _after_earlier(self, file: str, role: Role, ended: date | None = None) -> tuple[date, None]:
        """The role implies the worker was in post when an earlier return says they were not.

        The earlier return stays the authority for its year: the spell starts the day after the
        latest earlier return's census date, and is not a starter (no start origin).
        """
        assert self._earlier is not None and role.start is not None
        expected = started_before(self._earlier, role.org_role, role.start, ended)
        self._warn_earlier(file, role, "RoleStartDate", expected)
        return self._earlier + ONE_DAY, None

    def _warn_earlier(self, file: str, role: Role, name: str, expected: str) -> None:
        where = f"{role.record.path}/{name}"
        self._warn(file, where, name, str(role.record.raw.get(name, "")), expected)

    def _agency_role(self, file: str, worker: Worker, role: Role) -> None:
        ys, ref = self._year_start, self._reference
        if role.fte <= 0:
            self._error(file, role, "FTE", "more than 0 for an agency worker in post (at most 1)")
            return
        carried = [
            s
            for s in self.spells.get(worker.pk, [])
            if s.is_agency
            and s.org_role == role.org_role
            and s.end_date == ys - ONE_DAY
            and (role.start is None or role.start <= s.end_date)
        ]
        if carried:
            last = carried[0]
            if last.fte == role.fte:
                self._update(last, {"end_date": ref})
            else:
                self._store(worker, self._new_spell(worker, role, ys, ref, role.fte))
            return
        start = role.start or ref
        if self._earlier is not None and start <= self._earlier:
            start, _ = self._after_earlier(file, role)
        clash = overlapping(self.spells.get(worker.pk, []), role.org_role, start, ref)
        if clash is not None:
            self._error(
                file,
                role,
                "RoleStartDate",
                f"an agency engagement that does not overlap the worker's OrgRole {role.org_role} "
                f"spell from {clash.start_date} to {clash.end_date or 'now'}",
            )
            return
        self._store(worker, self._new_spell(worker, role, start, ref, role.fte))

    # --- a whole year -----------------------------------------------------------------------

    def apply_year(self, checked: CheckedReturn, close_missing: bool) -> None:
        """Apply one checked return (every worker record valid) to the store."""
        assert checked.rules is not None
        self._year_start = checked.rules.year_start
        self._reference = checked.rules.reference_date
        self._file = checked.file
        latest = (
            CensusAuthorityReturn.objects.filter(authority=self.authority, year__lt=checked.year)
            .order_by("-year")
            .values_list("year", flat=True)
            .first()
        )
        # The census date of the latest earlier return in the store: each return stays the
        # authority for its own year, so nothing in this one may put a worker in post before it.
        self._earlier = rules_for(latest).reference_date if latest is not None else None
        self._pending_spells: list[PendingSpell] = []
        self._touched: set[int] = set()
        grouped: dict[str, list[Role]] = defaultdict(list)
        for record in checked.workers:
            if record.ok:
                grouped[swe_key(str(record.values["SWENo"]))].append(role_of(record))
        self._workers(grouped)
        for key, roles in grouped.items():
            worker = self.workers[key]
            for role in roles:
                if role.agency:
                    self._agency_role(checked.file, worker, role)
                else:
                    self._employed_role(checked.file, worker, role, moved_on(role, roles))
        if close_missing:
            self._close_missing(checked.file)
        real_starts = self._counted_later(grouped)
        write_spells(self._pending_spells, self.log)
        self.counts.added += len(self._pending_spells)
        practice = {self.workers[key].pk: roles for key, roles in grouped.items()}
        self.counts += store_caseloads_and_absences(
            self.authority, practice, self._year_start, self._reference, self.log
        )
        self.counts += store_details(self.authority, practice, checked.year, self.log, real_starts)
        self.counts += apply_la_level(self.authority, checked, self.log, self.problems)

    def _counted_later(self, grouped: dict[str, list[Role]]) -> dict[int, date]:
        """By worker, the RoleStartDate of a role the store counts from a later day."""
        real: dict[int, date] = {}
        for key, roles in grouped.items():
            worker_id = self.workers[key].pk
            for role in roles:
                chain = role_chain(self.spells.get(worker_id, []), role) if role.start else []
                if chain and role.start is not None and chain[0].start_date > role.start:
                    real.setdefault(worker_id, role.start)
        return real

    def _close_missing(self, file: str) -> None:
        """Roles in post at last year's census date that this year's return does not mention.

        Each ends on that census date, not as a leaver. A worker whom this return gives another
        role from 1 October changed role on that day (the old role ended before this year, so
        this return has no record of it): that needs no warning.
        """
        ys = self._year_start
        for spells in self.spells.values():
            carried = {s.org_role for s in spells if not s.is_agency and s.end_date == ys - ONE_DAY}
            changed_role = any(  # a new role from 1 October, not a change of FTE in one carried on
                id(s) in self._touched
                and not s.is_agency
                and s.start_date == ys
                and s.org_role not in carried
                for s in spells
            )
            for spell in spells:
                if not isinstance(spell, wf.EmploymentSpell):
                    continue
                if spell.is_agency or id(spell) in self._touched:
                    continue
                if spell.end_date is None and spell.start_date < ys:
                    self._update(spell, {"end_date": ys - ONE_DAY})
                    if changed_role:
                        continue
                    number = spell.worker.swe_number or ""
                    expected = not_returned(number, spell.org_role, ys - ONE_DAY)
                    self._warn(file, "Message/CSWWWorker", "SWENo", number, expected)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
