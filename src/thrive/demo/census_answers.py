"""The demo council's answers to the census items no workforce record holds.

From 2025 the return asks each council, at LA level, which pay and reward offers it makes (0 yes,
to all; 1 to some; 2 no). Somervale's answers follow the reward package the seed strategies
describe: relocation packages and car allowances for all, a recruitment bonus for hard-to-fill
posts only, no retention bonus (the strategy keeps people through career development and support,
not pay), and Social Work England registration and DBS checks paid by the council.
"""

from __future__ import annotations

from thrive.import_records.models import CensusAuthorityReturn
from thrive.workforce.models import Authority

PAY_OFFERS_2025 = {
    "RecruitmentBonus": 1,
    "RetentionBonus": 2,
    "PerformanceAward": 2,
    "CarAllowance": 0,
    "RelocationPackage": 0,
    "RegionalWeighting": 2,
    "CostSWE": 0,
    "CostDBS": 0,
}
OTHER_ALLOWANCES = (
    "Green car scheme, cycle to work scheme, employee assistance programme, annual leave purchase"
)


def add_census_answers(authority: Authority) -> None:
    """Record the 2025 LA-level answers, so ``thrive census export --year 2025`` needs no flags."""
    CensusAuthorityReturn.objects.create(
        authority=authority,
        year=2025,
        flags=dict(PAY_OFFERS_2025),
        other_allowances=OTHER_ALLOWANCES,
        software_code="Thrive demo",
    )
