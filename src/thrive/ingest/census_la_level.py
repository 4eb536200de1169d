"""The LA-level part of a census return: vacancies, agency totals and the 2025 flags.

``NumberOfVacancies`` goes into the store as unfilled establishment posts that exist on the
census date only (30 September), in a team of their own ("Vacancies returned in the census"):
whole posts of 1 FTE and one for the remainder. A vacancy measure that counts unfilled funded
FTE on 30 September then gives back exactly the figure returned. The return's own figures,
including the 2025 LA-level flags, are kept in :class:`CensusAuthorityReturn` for the export.
If the agency totals are more than the agency worker records add up to, the difference is
stored as unnamed agency placeholder workers in post on 30 September, so the agency rate
matches what was returned.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_DOWN, Decimal
from math import ceil
from typing import Any

from thrive.census.record import LA_LEVEL_FLAGS
from thrive.census.validate import CheckedReturn
from thrive.codes import CareerGrade, ContractType, OrgRole, TeamKind
from thrive.import_records.models import CensusAuthorityReturn
from thrive.ingest.census_mapping import VACANCY_SERVICE, VACANCY_TEAM
from thrive.ingest.changes import ChangeLog, save_changes
from thrive.ingest.counts import Counts
from thrive.ingest.fast_insert import insert_rows
from thrive.problems import Problem, Severity
from thrive.workforce import models as wf


def vacancy_post_reference(year: int, n: int) -> str:
    return f"CSWW{year}-V{n:03d}"


def split_fte(total: Decimal, pieces: int | None = None) -> list[Decimal]:
    """A total FTE as posts of at most 1 FTE each (``pieces`` equal shares if given)."""
    if total <= 0:
        return []
    if pieces is None:
        whole = int(total)
        rest = total - whole
        return [Decimal(1)] * whole + ([rest] if rest > 0 else [])
    share = (total / pieces).quantize(Decimal("0.000001"), rounding=ROUND_DOWN)
    return [share] * (pieces - 1) + [total - share * (pieces - 1)]


def _vacancy_posts(
    authority: wf.Authority, year: int, vacancies: Decimal, log: ChangeLog
) -> Counts:
    counts = Counts()
    census_day = date(year, 9, 30)
    service, _ = wf.Service.objects.get_or_create(authority=authority, name=VACANCY_SERVICE)
    team = wf.Team.objects.filter(service=service, name=VACANCY_TEAM).first()
    if team is None:
        team = wf.Team.objects.create(
            service=service, name=VACANCY_TEAM, kind=str(TeamKind.MANAGEMENT)
        )
        log.added([team])
    wanted = split_fte(vacancies)
    prefix = f"CSWW{year}-V"
    existing = {
        p.reference: p
        for p in wf.EstablishmentPost.objects.filter(team=team, reference__startswith=prefix)
    }
    new = []
    for n, fte in enumerate(wanted, start=1):
        post = existing.pop(vacancy_post_reference(year, n), None)
        values: dict[str, Any] = {
            "funded_fte": fte,
            "start_date": census_day,
            "end_date": census_day,
        }
        if post is None:
            new.append(
                (
                    team.pk,
                    vacancy_post_reference(year, n),
                    str(CareerGrade.SOCIAL_WORKER),
                    fte,
                    census_day,
                    census_day,
                )
            )
        elif save_changes(post, values, log):
            counts.updated += 1
        else:
            counts.unchanged += 1
    for post in existing.values():
        log.deleted(post)
        post.delete()
        counts.updated += 1
    columns = ("team_id", "reference", "grade", "funded_fte", "start_date", "end_date")
    log.added_ids(wf.EstablishmentPost, insert_rows(wf.EstablishmentPost, columns, new))
    counts.added += len(new)
    return counts


def _placeholders(
    authority: wf.Authority, checked: CheckedReturn, log: ChangeLog, problems: list[Problem]
) -> Counts:
    """Agency FTE the LA-level figures give beyond the agency worker records, as placeholders."""
    counts = Counts()
    year = checked.year
    returned_fte = checked.la_level.get("NoAgencyFTE")
    returned_heads = checked.la_level.get("NoAgencyHeadcount")
    if not isinstance(returned_fte, Decimal):
        return counts
    agency = [w for w in checked.workers if w.ok and w.agency]
    recorded = sum((Decimal(str(w.values.get("FTE", 0))) for w in agency), Decimal(0))
    missing = returned_fte - recorded
    if missing < 0:
        problems.append(
            Problem(
                checked.file,
                "Message/LALevelVacancies/NoAgencyFTE",
                "NoAgencyFTE",
                str(returned_fte),
                f"at least the {recorded} FTE the agency worker records add up to "
                "(Thrive counts the records)",
                Severity.WARNING,
            )
        )
        return counts
    if missing == 0:
        return counts
    heads = int(str(returned_heads)) - len(agency) if returned_heads is not None else 0
    pieces = max(heads, ceil(missing))
    team = wf.Team.objects.get(service__authority=authority, name=VACANCY_TEAM)
    census_day = date(year, 9, 30)
    workers = [
        wf.Worker(
            authority=authority, pseudonym=f"A{year}-{n:04d}", name="Agency worker (census total)"
        )
        for n in range(1, pieces + 1)
    ]
    wf.Worker.objects.bulk_create(workers)
    spells = [
        wf.EmploymentSpell(
            worker=worker,
            team=team,
            contract_type=str(ContractType.AGENCY),
            grade=str(CareerGrade.SOCIAL_WORKER),
            org_role=int(OrgRole.CASE_HOLDER),
            fte=fte,
            start_date=census_day,
            end_date=census_day,
        )
        for worker, fte in zip(workers, split_fte(missing, pieces), strict=True)
    ]
    wf.EmploymentSpell.objects.bulk_create(spells)
    log.added(workers)
    log.added(spells)
    counts.added += len(workers) + len(spells)
    problems.append(
        Problem(
            checked.file,
            "Message/LALevelVacancies/NoAgencyFTE",
            "NoAgencyFTE",
            str(returned_fte),
            f"agency worker records adding up to it (they add up to {recorded}); the other "
            f"{missing} FTE is stored as {pieces} unnamed agency placeholder(s) on {census_day}",
            Severity.WARNING,
        )
    )
    return counts


def apply_la_level(
    authority: wf.Authority, checked: CheckedReturn, log: ChangeLog, problems: list[Problem]
) -> Counts:
    """Store the LA-level figures of a checked return (vacancies, agency totals, flags)."""
    la = checked.la_level
    values: dict[str, Any] = {
        "number_of_vacancies": la.get("NumberOfVacancies"),
        "agency_fte": la.get("NoAgencyFTE"),
        "agency_headcount": la.get("NoAgencyHeadcount"),
        "flags": {name: str(la[name]) for name in LA_LEVEL_FLAGS if name in la},
        "other_allowances": str(la.get("OtherAllowances", "")),
        "software_code": "",
    }
    counts = Counts()
    record = CensusAuthorityReturn.objects.filter(authority=authority, year=checked.year).first()
    if record is None:
        record = CensusAuthorityReturn.objects.create(
            authority=authority, year=checked.year, **values
        )
        log.added([record])
        counts.added += 1
    elif save_changes(record, values, log):
        counts.updated += 1
    else:
        counts.unchanged += 1
    vacancies = la.get("NumberOfVacancies")
    counts += _vacancy_posts(
        authority, checked.year, vacancies if isinstance(vacancies, Decimal) else Decimal(0), log
    )
    counts += _placeholders(authority, checked, log, problems)
    return counts
