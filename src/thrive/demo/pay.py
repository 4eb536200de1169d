"""The demo council's pay, as its 2025 census return gives it (the first year the census asks).

Each directly employed social worker in post on 30 September 2025 has a base salary on their
grade's local pay band (an English council's scale: a social worker about £33,000-£40,000, a
senior practitioner £40,000-£45,000, a team manager £48,000-£55,000), a spinal point within the
band chosen from their pseudonym. The reward package the seeds describe (``census_answers``)
pays a recruitment bonus for hard-to-fill posts only and no retention bonus, so the recruitment
and retention payments go to those who joined a child protection or assessment team in the
year: £2,000 or £3,000. Everyone else returns 0.

Nothing here draws from the simulation's random numbers (the pseudonym's checksum chooses), so
every other figure of the demo is unchanged, and the same seed gives the same pay.
"""

from __future__ import annotations

import zlib
from datetime import date
from decimal import Decimal

from django.db.models import Q

from thrive.codes import CareerGrade, ContractType, TeamKind
from thrive.import_records.models import CensusWorkerDetail
from thrive.workforce.models import Authority, EmploymentSpell

PAY_YEAR = 2025
CENSUS_DAY = date(PAY_YEAR, 9, 30)
YEAR_START = date(PAY_YEAR - 1, 10, 1)
# Each grade's band: the bottom and top of its scale, in pounds a year (full time).
BANDS: dict[str, tuple[int, int]] = {
    CareerGrade.ASYE: (31_500, 33_500),
    CareerGrade.SOCIAL_WORKER: (33_000, 40_000),
    CareerGrade.SENIOR_PRACTITIONER: (40_000, 45_000),
    CareerGrade.CONSULTANT_SOCIAL_WORKER: (44_000, 48_000),
    CareerGrade.TEAM_MANAGER: (48_000, 55_000),
    CareerGrade.OPERATIONS_MANAGER: (57_000, 64_000),
    CareerGrade.HEAD_OF_SERVICE: (68_000, 78_000),
}
POINTS = 6  # spinal points in a band
HARD_TO_FILL = (TeamKind.CHILD_PROTECTION, TeamKind.ASSESSMENT)
BONUSES = (Decimal("2000.00"), Decimal("3000.00"))


def salary(grade: str, pseudonym: str) -> Decimal:
    """The worker's base salary on the grade's band (the same for the same pseudonym)."""
    low, high = BANDS.get(grade, BANDS[CareerGrade.SOCIAL_WORKER])
    point = zlib.crc32(f"pay:{pseudonym}".encode()) % POINTS
    return Decimal(round(low + (high - low) * point / (POINTS - 1))).quantize(Decimal("0.01"))


def bonus(pseudonym: str) -> Decimal:
    """A recruitment bonus's amount (the same for the same pseudonym)."""
    return BONUSES[zlib.crc32(f"bonus:{pseudonym}".encode()) % len(BONUSES)]


def add_pay(authority: Authority) -> None:
    """Base salary and recruitment and retention payments for the 2025 census year, on the
    census worker details (kept where a worker already has them)."""
    employed = EmploymentSpell.objects.filter(worker__authority=authority).exclude(
        contract_type=ContractType.AGENCY
    )
    in_post = employed.filter(start_date__lte=CENSUS_DAY).filter(
        Q(end_date__isnull=True)
        | Q(end_date__gt=CENSUS_DAY)
        | Q(end_date=CENSUS_DAY, reason_leave__isnull=True)
    )
    rank = {str(g): g.rank for g in CareerGrade}
    senior: dict[int, tuple[int, str, str]] = {}
    for worker_id, grade, pseudonym in in_post.values_list(
        "worker_id", "grade", "worker__pseudonym"
    ):
        if worker_id not in senior or rank.get(grade, -1) > senior[worker_id][0]:
            senior[worker_id] = (rank.get(grade, -1), grade, pseudonym)
    recruited = set(
        employed.filter(
            start_origin__isnull=False,
            start_date__gte=YEAR_START,
            start_date__lte=CENSUS_DAY,
            team__kind__in=[str(k) for k in HARD_TO_FILL],
        ).values_list("worker_id", flat=True)
    )
    existing = {
        d.worker_id: d
        for d in CensusWorkerDetail.objects.filter(worker__authority=authority, year=PAY_YEAR)
    }
    new, changed = [], []
    for worker_id, (_, grade, pseudonym) in sorted(senior.items()):
        base = salary(grade, pseudonym)
        payments = bonus(pseudonym) if worker_id in recruited else Decimal("0.00")
        detail = existing.get(worker_id)
        if detail is None:
            new.append(
                CensusWorkerDetail(
                    worker_id=worker_id, year=PAY_YEAR, base_salary=base, rr_payments=payments
                )
            )
        elif detail.base_salary is None:
            detail.base_salary, detail.rr_payments = base, payments
            changed.append(detail)
    CensusWorkerDetail.objects.bulk_create(new, batch_size=2000)
    CensusWorkerDetail.objects.bulk_update(changed, ["base_salary", "rr_payments"], batch_size=2000)
