"""The demo council's answers to the census items no workforce record holds.

From 2025 the return asks each council, at LA level, which pay and reward offers it makes: 0 no;
1 yes, every LA-employed social worker eligible; 2 yes, some eligible. Somervale's answers follow
the reward package the seed strategies describe: relocation packages and car allowances for all,
a recruitment bonus for hard-to-fill posts only, no retention bonus (the strategy keeps people
through career development and support, not pay), and Social Work England registration and DBS
checks paid by the council for everyone.

Up to 2024 every worker record also names the institution where the worker qualified (QualInst).
Each demo worker gets one of the English universities that teach social work, chosen from their
pseudonym (not from the simulation's random draws, so the rest of the demo is unchanged), and it
is kept for each collection year they appear in, as importing the council's returns would keep it.
"""

from __future__ import annotations

import zlib
from datetime import date

from django.db.models import Q

from thrive.codes.staff import SOCIAL_WORKER
from thrive.demo.dates import HISTORY_START
from thrive.demo.pay import add_pay
from thrive.import_records.models import CensusAuthorityReturn, CensusWorkerDetail
from thrive.workforce.models import Authority, EmploymentSpell

NO, YES_ALL, YES_SOME = 0, 1, 2
PAY_OFFERS_2025 = {
    "RecruitmentBonus": YES_SOME,
    "RetentionBonus": NO,
    "PerformanceAward": NO,
    "CarAllowance": YES_ALL,
    "RelocationPackage": YES_ALL,
    "RegionalWeighting": NO,
    "CostSWE": YES_ALL,
    "CostDBS": YES_ALL,
}
OTHER_ALLOWANCES = (
    "Green car scheme, cycle to work scheme, employee assistance programme, annual leave purchase"
)

INSTITUTIONS = (
    "University of Bristol",
    "University of the West of England",
    "Bath Spa University",
    "University of Plymouth",
    "University of Exeter",
    "Bournemouth University",
    "University of Gloucestershire",
    "Oxford Brookes University",
    "University of Birmingham",
    "Cardiff University",
    "The Open University",
    "University of Sussex",
    "Goldsmiths, University of London",
    "University of Nottingham",
    "Lancaster University",
)
LAST_QUALINST_YEAR = 2024
"""The last collection year whose worker records carry QualInst."""


def institution(pseudonym: str) -> str:
    """The demo worker's qualifying institution (the same for the same pseudonym, always)."""
    return INSTITUTIONS[zlib.crc32(pseudonym.encode()) % len(INSTITUTIONS)]


def _qualinst_years() -> range:
    return range(HISTORY_START.year + 1, LAST_QUALINST_YEAR + 1)


def _add_institutions(authority: Authority) -> None:
    """A CensusWorkerDetail with QualInst for each worker and collection year they appear in."""
    have = set(
        CensusWorkerDetail.objects.filter(worker__authority=authority).values_list(
            "worker_id", "year"
        )
    )
    spells = EmploymentSpell.objects.filter(worker__authority=authority, staff_group=SOCIAL_WORKER)
    new = []
    for year in _qualinst_years():
        start, census_day = date(year - 1, 10, 1), date(year, 9, 30)
        overlapping = spells.filter(start_date__lte=census_day).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=start)
        )
        for worker_id, pseudonym in sorted(
            set(overlapping.values_list("worker_id", "worker__pseudonym"))
        ):
            if (worker_id, year) not in have:
                have.add((worker_id, year))
                new.append(
                    CensusWorkerDetail(
                        worker_id=worker_id, year=year, qual_inst=institution(pseudonym)
                    )
                )
    CensusWorkerDetail.objects.bulk_create(new, batch_size=2000)


def add_census_answers(authority: Authority) -> None:
    """Record the demo's census answers, so ``thrive census export`` needs no flags and every
    year's return validates. Safe to run again: it brings an older demo store up to date."""
    CensusAuthorityReturn.objects.update_or_create(
        authority=authority,
        year=2025,
        defaults={
            "flags": dict(PAY_OFFERS_2025),
            "other_allowances": OTHER_ALLOWANCES,
            "software_code": "Thrive demo",
        },
    )
    _add_institutions(authority)
    add_pay(authority)
