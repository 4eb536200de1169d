"""Workers and spells an import is about to add, held as plain records until written in bulk.

Building a Django model instance costs more than the rest of a row's work put together, so the
census history builder keeps the records it adds as these small dataclasses (with the model's
field names) and writes them with one multi-row insert each.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from operator import attrgetter

from thrive.codes import ContractType
from thrive.codes.staff import SOCIAL_WORKER
from thrive.ingest.changes import ChangeLog
from thrive.ingest.fast_insert import insert_rows
from thrive.workforce import models as wf

AGENCY = str(ContractType.AGENCY)  # enum value lookups are slow in a loop


@dataclass
class PendingWorker:
    authority_id: int
    pseudonym: str
    swe_number: str | None
    birth_date: date | None = None
    sex: str = "U"
    ethnicity: str = "NOBT"
    qualification_level: int | None = None
    qualified_on: date | None = None
    route: str = ""
    name: str = ""
    disability: str = "not_known"
    pk: int = 0  # set when written


@dataclass
class PendingSpell:
    worker_id: int
    team_id: int
    contract_type: str
    grade: str
    org_role: int
    fte: Decimal
    start_date: date
    end_date: date | None
    start_origin: int | None = None
    reason_leave: int | None = None
    leaver_destination: int | None = None
    post_id: int | None = None
    day_rate: Decimal | None = None
    staff_group: str = SOCIAL_WORKER
    pk: int | None = None

    @property
    def is_agency(self) -> bool:
        return self.contract_type == AGENCY


def _write(model: type, records: Sequence[PendingWorker | PendingSpell], log: ChangeLog) -> None:
    if not records:
        return
    columns = [f.name for f in fields(records[0]) if f.name != "pk"]
    values = attrgetter(*columns)  # not dataclasses.astuple, which deep-copies every value
    ids = insert_rows(model, columns, (values(r) for r in records))
    for record, pk in zip(records, ids, strict=True):
        record.pk = pk
    log.added_ids(model, ids)


def write_workers(workers: Sequence[PendingWorker], log: ChangeLog) -> None:
    _write(wf.Worker, workers, log)


def write_spells(spells: Sequence[PendingSpell], log: ChangeLog) -> None:
    _write(wf.EmploymentSpell, spells, log)
