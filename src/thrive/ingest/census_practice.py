"""What a census return says about the work, stored as practice records.

``Cases30`` becomes a caseload snapshot on 30 September (a worker's roles added together);
``WorkingDaysLost`` a sickness absence over the part of the year the role covered (ending by
29 September); an absence
at 30 September (``Absat30Sept``) a one-day episode with its reason and no days lost. The items
the workforce model has no field for (qualifying institution, 2025 pay, and the RoleStartDate of
a role the store counts from a later day) go to
:class:`~thrive.import_records.models.CensusWorkerDetail`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Protocol

from thrive.codes import ReasonAbsence
from thrive.import_records.models import CensusWorkerDetail
from thrive.ingest.changes import ChangeLog, save_changes
from thrive.ingest.counts import Counts
from thrive.ingest.fast_insert import insert_rows
from thrive.workforce import models as wf

SICKNESS = str(ReasonAbsence.SICKNESS)  # enum value lookups are slow in a loop


class RoleLike(Protocol):
    start: date | None
    end: date | None

    @property
    def values(self) -> dict[str, Any]: ...


def store_caseloads_and_absences(
    authority: wf.Authority,
    roles_by_worker: Mapping[int, Sequence[RoleLike]],
    year_start: date,
    census_day: date,
    log: ChangeLog,
) -> Counts:
    """Caseload snapshots at the census date and absence episodes for the year."""
    counts = Counts()
    cases: dict[int, int] = {}
    absences: dict[tuple[int, date, date, str], Decimal] = defaultdict(Decimal)
    for worker_id, roles in roles_by_worker.items():
        for role in roles:
            if "Cases30" in role.values and role.end is None:
                cases[worker_id] = cases.get(worker_id, 0) + int(str(role.values["Cases30"]))
            lost = role.values.get("WorkingDaysLost")
            if isinstance(lost, Decimal) and lost > 0:
                # The summary episode stops the day before the census date, so it is not read
                # as an absence on 30 September (Absat30Sept says that, separately).
                last = min(role.end or census_day, census_day - timedelta(days=1))
                start = min(max(role.start or year_start, year_start), last)
                end = last
                absences[(worker_id, start, end, SICKNESS)] += lost
            if role.values.get("Absat30Sept") == "1" and "ReasonAbsence" in role.values:
                reason = str(role.values["ReasonAbsence"])
                absences[(worker_id, census_day, census_day, reason)] += 0
    existing = {
        c.worker_id: c
        for c in wf.CaseloadSnapshot.objects.filter(worker__authority=authority, date=census_day)
    }
    new_cases = []
    for worker_id, total in cases.items():
        if worker_id not in existing:
            new_cases.append((worker_id, census_day, total))
        elif save_changes(existing[worker_id], {"cases": total}, log):
            counts.updated += 1
        else:
            counts.unchanged += 1
    log.added_ids(
        wf.CaseloadSnapshot,
        insert_rows(wf.CaseloadSnapshot, ("worker_id", "date", "cases"), new_cases),
    )
    known = {
        (a.worker_id, a.start_date, a.end_date, a.reason): a
        for a in wf.AbsenceEpisode.objects.filter(
            worker__authority=authority, start_date__gte=year_start, start_date__lte=census_day
        )
    }
    new_absences = []
    for (worker_id, start, end, reason), days in absences.items():
        found = known.get((worker_id, start, end, reason))
        if found is None:
            new_absences.append((worker_id, start, end, reason, days))
        elif save_changes(found, {"working_days_lost": days}, log):
            counts.updated += 1
        else:
            counts.unchanged += 1
    columns = ("worker_id", "start_date", "end_date", "reason", "working_days_lost")
    log.added_ids(wf.AbsenceEpisode, insert_rows(wf.AbsenceEpisode, columns, new_absences))
    counts.added += len(new_cases) + len(new_absences)
    return counts


_EMPTY = {"qual_inst": ""}  # text fields are blank, never null
DETAIL_ELEMENTS = {
    "QualInst": "qual_inst",
    "BaseSalary": "base_salary",
    "RRPayments": "rr_payments",
    "OtherPayments": "other_payments",
    "ContractWeeks": "contract_weeks",
}


ROLE_START = "role_start_date"


def store_details(
    authority: wf.Authority,
    roles_by_worker: Mapping[int, Sequence[RoleLike]],
    year: int,
    log: ChangeLog,
    counted_later: Mapping[int, date] | None = None,
) -> Counts:
    """The census items with no field in the workforce model, one record per worker a year.

    ``counted_later`` gives, by worker, the RoleStartDate of a role that the store counts from a
    later day than the return gives (an earlier return did not have it in post): kept so that an
    export of the year gives the council's date back.
    """
    counts = Counts()
    existing = {
        d.worker_id: d
        for d in CensusWorkerDetail.objects.filter(worker__authority=authority, year=year)
    }
    attributes = (*DETAIL_ELEMENTS.values(), ROLE_START)
    new = []
    for worker_id, roles in roles_by_worker.items():
        values: dict[str, Any] = {}
        for role in roles:
            for element, attribute in DETAIL_ELEMENTS.items():
                if element in role.values and attribute not in values:
                    values[attribute] = role.values[element]
        if counted_later and worker_id in counted_later:
            values[ROLE_START] = counted_later[worker_id]
        if not values:
            continue
        if worker_id not in existing:
            new.append((worker_id, year, *(values.get(a, _EMPTY.get(a)) for a in attributes)))
        elif save_changes(existing[worker_id], values, log):
            counts.updated += 1
        else:
            counts.unchanged += 1
    columns = ("worker_id", "year", *attributes)
    log.added_ids(CensusWorkerDetail, insert_rows(CensusWorkerDetail, columns, new))
    counts.added += len(new)
    return counts
