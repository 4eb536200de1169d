"""Writing a collection year's census return from the store, checked before it is written.

``thrive census export --year 2025 --out FILE`` calls :func:`export_return`. One record per
worker role (a run of spells in one OrgRole) that overlaps the collection year, and one per
agency worker in post at 30 September; the LA-level figures are worked out from the store
(vacancies = unfilled funded FTE of establishment posts on 30 September). A role ended by a move
inside the council is returned with ReasonLeave 8 and LeaverDestination 7 (other): Thrive's
importer recognises a move by the next role, not by these codes.

The return is checked twice before anything is written: against the year's rules
(``rules/<year>.yaml``: required items, codes, cross-checks) and, once written as XML, against the
year's schema (``rules/<year>.xsd``: the Department's order of the items). A worker's qualifying
institution (QualInst, to 2024) is the one the store holds for that year, or else for the nearest
year it holds one: it does not change from one return to the next. A role that the store counts
from a later 1 October because an earlier return did not have it in post is returned with the
RoleStartDate the council gave for it (kept on import), not that 1 October.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import numpy
from django.utils import timezone

from thrive.census.record import LA_LEVEL_FLAGS, CensusHeader, CensusReturn, WorkerRecord
from thrive.census.rules import rules_for
from thrive.census.schema import schema_problems
from thrive.census.validate import check_return
from thrive.census.writer import return_xml
from thrive.codes import CareerGrade, ReasonAbsence, Route, Sex
from thrive.codes.staff import SOCIAL_WORKER
from thrive.import_records.models import CensusAuthorityReturn, CensusWorkerDetail
from thrive.metrics import Options
from thrive.problems import ImportValidationError, Problem
from thrive.workforce import models as wf

ONE_DAY = timedelta(days=1)
MOVE_REASON, MOVE_DESTINATION = "8", "7"


class ReturnNotValidError(ImportValidationError):
    """The return built from the store breaks its year's rules, so it was not written."""


def _fixed(value: Decimal | float, places: int) -> str:
    return format(Decimal(str(value)).quantize(Decimal(1).scaleb(-places)), "f")


@dataclass
class _Chain:
    """A worker's run of spells in one OrgRole: one census record."""

    worker: wf.Worker
    spells: list[wf.EmploymentSpell]

    @property
    def start(self) -> date:
        return self.spells[0].start_date

    @property
    def end(self) -> date | None:
        return self.spells[-1].end_date

    def at(self, day: date) -> wf.EmploymentSpell | None:
        for spell in self.spells:
            if spell.start_date <= day and (spell.end_date is None or spell.end_date >= day):
                return spell
        return None


def _chains(spells: Iterable[wf.EmploymentSpell]) -> list[_Chain]:
    by_worker_role: dict[tuple[int, int, bool], list[wf.EmploymentSpell]] = defaultdict(list)
    for spell in spells:
        by_worker_role[(spell.worker_id, spell.org_role, spell.is_agency)].append(spell)
    chains = []
    for runs in by_worker_role.values():
        runs.sort(key=lambda s: s.start_date)
        current: list[wf.EmploymentSpell] = []
        for spell in runs:
            joined = current and current[-1].end_date is not None
            if joined and spell.start_date == current[-1].end_date + ONE_DAY:  # type: ignore[operator]
                current.append(spell)
                continue
            if current:
                chains.append(_Chain(current[0].worker, current))
            current = [spell]
        if current:
            chains.append(_Chain(current[0].worker, current))
    return chains


SICKNESS = str(ReasonAbsence.SICKNESS)
CASELOAD_LOOKBACK_DAYS = Options().caseload_lookback_days  # the registry's default: 31 days


def days_in_year(episode: wf.AbsenceEpisode, year_start: date, census_day: date) -> Decimal:
    """The working days lost that fall in the year: as the metrics registry counts them, an
    absence running over the year's start or end counts pro rata to its weekdays inside it."""
    first, last = max(episode.start_date, year_start), min(episode.end_date, census_day)
    if first == episode.start_date and last == episode.end_date:
        return episode.working_days_lost
    one = timedelta(days=1)
    inside = int(numpy.busday_count(first, last + one))
    whole = int(numpy.busday_count(episode.start_date, episode.end_date + one))
    if whole == 0:
        inside, whole = (last - first).days + 1, (episode.end_date - episode.start_date).days + 1
    return episode.working_days_lost * inside / whole


@dataclass
class _Store:
    """What the export reads for one authority and year."""

    authority: wf.Authority
    year: int
    year_start: date
    census_day: date
    items: frozenset[str]
    """The items of the year's worker record."""

    def __post_init__(self) -> None:
        a, ys, ref = self.authority, self.year_start, self.census_day
        # Social workers only: the census never returns another staff group.
        spells = wf.EmploymentSpell.objects.filter(
            worker__authority=a, staff_group=SOCIAL_WORKER
        ).select_related("worker")
        self.chains = [
            c for c in _chains(spells) if c.start <= ref and (c.end is None or c.end >= ys)
        ]
        self.tenure_origin: dict[int, int] = {}
        for spell in spells.order_by("start_date"):
            if spell.start_origin is not None:
                self.tenure_origin.setdefault(spell.worker_id, spell.start_origin)
        # Cases held at the census date, as the metrics registry reads them: each worker's
        # latest caseload snapshot in the look-back window ending on 30 September.
        window = wf.CaseloadSnapshot.objects.filter(
            worker__authority=a,
            date__gt=ref - timedelta(days=CASELOAD_LOOKBACK_DAYS),
            date__lte=ref,
        )
        self.cases = dict(window.order_by("date").values_list("worker_id", "cases"))
        employed: dict[int, list[tuple[date, date]]] = defaultdict(list)
        for spell in spells:
            if not spell.is_agency:
                employed[spell.worker_id].append((spell.start_date, spell.end_date or date.max))
        self.days_lost: dict[int, Decimal] = defaultdict(Decimal)
        self.absent_at_census: dict[int, str] = {}
        absences = wf.AbsenceEpisode.objects.filter(worker__authority=a, start_date__lte=ref)
        for episode in absences.filter(end_date__gte=ys):
            if episode.reason == SICKNESS and any(
                s <= episode.start_date <= e for s, e in employed[episode.worker_id]
            ):
                self.days_lost[episode.worker_id] += days_in_year(episode, ys, ref)
            if episode.start_date <= ref <= episode.end_date:
                self.absent_at_census.setdefault(episode.worker_id, episode.reason)
        details = CensusWorkerDetail.objects.filter(worker__authority=a)
        self.details = {d.worker_id: d for d in details.filter(year=self.year)}
        self.institutions: dict[int, str] = {}
        nearest = sorted(
            details.exclude(qual_inst="").values_list("worker_id", "year", "qual_inst"),
            key=lambda row: (row[1] == self.year, -abs(row[1] - self.year), row[1]),
        )
        self.institutions.update((worker, institution) for worker, _, institution in nearest)
        # The RoleStartDate a return gave for a role the store counts from a later 1 October
        # (an earlier return did not have it in post): this year's, or else the latest before.
        returned = details.filter(year__lte=self.year, role_start_date__isnull=False)
        self.returned_starts: dict[int, tuple[date, int]] = {
            worker: (start, year)
            for worker, start, year in returned.order_by("year").values_list(
                "worker_id", "role_start_date", "year"
            )
            if start is not None
        }
        self.la_return = (
            CensusAuthorityReturn.objects.filter(authority=a, year__lte=self.year)
            .order_by("-year")
            .first()
        )

    def vacancies(self) -> Decimal:
        """Unfilled funded FTE of the establishment posts open on the census date."""
        ref = self.census_day
        posts = wf.EstablishmentPost.objects.filter(team__service__authority=self.authority).filter(
            start_date__lte=ref
        )
        filled: dict[int, Decimal] = defaultdict(Decimal)
        for chain in self.chains:
            spell = chain.at(ref)
            if spell is not None and spell.post_id is not None and not spell.is_agency:
                filled[spell.post_id] += spell.fte
        total = Decimal(0)
        for post in posts:
            if post.end_date is None or post.end_date >= ref:
                total += max(Decimal(0), post.funded_fte - filled[post.pk])
        return total


def _role_start(chain: _Chain, store: _Store) -> str:
    """The RoleStartDate to return: the chain's start, or the date the council returned for a
    role that the store counts from a later 1 October (and not as a starter)."""
    start = chain.start
    if chain.worker.pk not in store.returned_starts:
        return start.isoformat()
    returned, year = store.returned_starts[chain.worker.pk]
    counted_later = (start.month, start.day) == (10, 1) and chain.spells[0].start_origin is None
    # the role was in post in the year whose return gave the date (not a later role)
    if counted_later and returned < start <= date(year - 1, 10, 1):
        return returned.isoformat()
    return start.isoformat()


def _person(values: dict[str, str], worker: wf.Worker, year: int) -> None:
    if worker.birth_date is not None:
        values["PersonBirthDate"] = worker.birth_date.isoformat()
    if year <= 2023:
        values["GenderCurrent"] = {"M": "1", "F": "2"}.get(worker.sex, "0")
    elif worker.sex in (str(Sex.MALE), str(Sex.FEMALE)):
        values["Sex"] = worker.sex
    values["Ethnicity"] = worker.ethnicity


def _census_details(values: dict[str, str], store: _Store, worker_id: int) -> None:
    """The items the workforce model has no field for: qualifying institution, contract weeks."""
    names = store.items
    if "QualInst" in names and worker_id in store.institutions:
        values["QualInst"] = store.institutions[worker_id]
    detail = store.details.get(worker_id)
    if "ContractWeeks" in names and detail is not None and detail.contract_weeks is not None:
        values["ContractWeeks"] = _fixed(detail.contract_weeks, 1)


def _employed(chain: _Chain, store: _Store, holds_cases: bool) -> dict[str, str]:
    worker, ref, year = chain.worker, store.census_day, store.year
    active = chain.at(ref)
    last = active or [s for s in chain.spells if s.start_date <= ref][-1]
    left = active is None or (chain.end == ref and last.reason_leave is not None)
    values = {"AgencyWorker": "0", "SWENo": worker.swe_number or ""}
    values["FTE"] = _fixed(last.fte, 6)
    values["FTE30"] = _fixed(0 if left else last.fte, 6)
    _person(values, worker, year)
    detail = store.details.get(worker.pk)
    _census_details(values, store, worker.pk)
    if worker.qualification_level is not None:
        values["QualLevel"] = str(worker.qualification_level)
    values["StepUpGrad"] = "1" if worker.route == str(Route.STEP_UP) else "0"
    values["FrontlineGrad"] = "1" if worker.route == str(Route.FRONTLINE) else "0"
    values["OrgRole"] = str(chain.spells[0].org_role)
    values["RoleStartDate"] = _role_start(chain, store)
    origin = chain.spells[0].start_origin or store.tenure_origin.get(worker.pk) or 9
    values["StartOrigin"] = str(origin)
    if left:
        assert chain.end is not None
        values["RoleEndDate"] = chain.end.isoformat()
        reason, destination = last.reason_leave, last.leaver_destination
        values["LeaverDestination"] = str(destination) if destination else MOVE_DESTINATION
        values["ReasonLeave"] = str(reason) if reason else MOVE_REASON
    elif holds_cases and worker.pk in store.cases:
        values["Cases30"] = str(store.cases[worker.pk])
    values["WorkingDaysLost"] = "0.00"
    if not left and worker.pk in store.absent_at_census:
        values["Absat30Sept"] = "1"
        values["ReasonAbsence"] = store.absent_at_census[worker.pk]
    if year <= 2024 and last.grade == str(CareerGrade.ASYE):
        values["CFKSSstatus"] = "1"
    if detail is not None and year >= 2025:
        for element, attribute in (
            ("BaseSalary", "base_salary"),
            ("RRPayments", "rr_payments"),
            ("OtherPayments", "other_payments"),
        ):
            amount = getattr(detail, attribute)
            if amount is not None:
                values[element] = _fixed(amount, 2)
    return values


def _agency(chain: _Chain, store: _Store) -> dict[str, str] | None:
    spell = chain.at(store.census_day)
    if spell is None or not chain.worker.swe_number:
        return None
    values = {
        "AgencyWorker": "1",
        "SWENo": chain.worker.swe_number,
        "FTE": _fixed(spell.fte, 6),
        "OrgRole": str(spell.org_role),
        "RoleStartDate": _role_start(chain, store),
    }
    if chain.worker.pk in store.cases:
        values["Cases30"] = str(store.cases[chain.worker.pk])
    _census_details(values, store, chain.worker.pk)
    return values


def build_return(
    authority: wf.Authority,
    year: int,
    *,
    la_flags: dict[str, str] | None = None,
    created: datetime | None = None,
) -> CensusReturn:
    """The collection year's return as the store has it (not yet checked)."""
    rules = rules_for(year)
    items = frozenset(rules.worker_names())
    store = _Store(authority, year, rules.year_start, rules.reference_date, items)
    ref = store.census_day
    by_worker: dict[int, list[_Chain]] = defaultdict(list)
    agency: list[dict[str, str]] = []
    for chain in store.chains:
        if chain.spells[0].is_agency:
            record = _agency(chain, store)
            if record is not None:
                agency.append(record)
        else:
            by_worker[chain.worker.pk].append(chain)
    employed: list[dict[str, str]] = []
    for chains in sorted(by_worker.values(), key=lambda cs: cs[0].worker.pseudonym):
        chains.sort(key=lambda c: c.start)
        active = [c for c in chains if c.at(ref) is not None]
        case_chain = min(active, key=lambda c: (c.spells[0].org_role != 5, c.start), default=None)
        records = [_employed(c, store, c is case_chain) for c in chains]
        lost = store.days_lost.get(chains[0].worker.pk)
        if lost:
            target = records[chains.index(active[0])] if active else records[-1]
            target["WorkingDaysLost"] = _fixed(lost, 2)
        employed += records
    agency_fte = sum(
        (s.fte for c in store.chains if c.spells[0].is_agency if (s := c.at(ref)) is not None),
        Decimal(0),
    )
    agency_heads = len({c.worker.pk for c in store.chains if c.spells[0].is_agency and c.at(ref)})
    la_level = {
        "NumberOfVacancies": _fixed(store.vacancies(), 2),
        "NoAgencyFTE": _fixed(agency_fte, 2),
        "NoAgencyHeadcount": str(agency_heads),
    }
    if year >= 2025:
        stored = dict(store.la_return.flags) if store.la_return is not None else {}
        stored.update(la_flags or {})
        la_level.update({name: str(stored[name]) for name in LA_LEVEL_FLAGS if name in stored})
        if store.la_return is not None and store.la_return.other_allowances:
            la_level["OtherAllowances"] = store.la_return.other_allowances
    header = CensusHeader(
        year=year,
        la_number=authority.la_number,
        reference_date=ref,
        software_code="Thrive",
        created=(created or timezone.now()).replace(microsecond=0, tzinfo=None),
    )
    workers = [WorkerRecord(i, v) for i, v in enumerate([*employed, *agency], start=1)]
    return CensusReturn(header=header, la_level=la_level, workers=workers)


def export_return(
    authority: wf.Authority, year: int, out: Path, *, la_flags: dict[str, str] | None = None
) -> CensusReturn:
    """Build, check and write the year's return; nothing is written if it breaks a rule of the
    year or does not validate against the year's schema."""
    census = build_return(authority, year, la_flags=la_flags)
    name = f"the {year} return for LA {authority.la_number}"
    checked = check_return(census, name)
    if checked.errors:
        raise ReturnNotValidError(_name_workers(checked.problems, census))
    xml = return_xml(census)
    refused = schema_problems(xml, year, name)
    if refused:
        raise ReturnNotValidError(_name_workers(refused, census))
    tmp = out.with_name(out.name + ".part")
    tmp.write_bytes(xml)
    tmp.replace(out)
    return census


def _name_workers(problems: list[Problem], census: CensusReturn) -> list[Problem]:
    """Problems with the SWE number of the worker added, so they can be found in the store."""
    by_path = {w.path: w.values.get("SWENo", "") for w in census.workers}
    named = []
    for p in problems:
        record = p.location.split("/")[0:2]
        swe = by_path.get("/".join(record), "")
        location = f"{p.location} (worker {swe})" if swe else p.location
        named.append(Problem(p.file, location, p.field, p.value, p.expected, p.severity))
    return named
