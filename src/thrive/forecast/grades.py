"""The grades, tenure bands and post groups the forecast works in.

The forecast follows five career grades: ASYE, social worker, senior practitioner (consultant
social workers count here too), team manager and operations manager. Heads of service are out
of scope: a move up to head of service leaves the forecast like a leaver does. Fixed-term staff
are directly employed, so they count with permanent staff, as the Department for Education's
"social workers in post" does.
"""

from __future__ import annotations

from thrive.codes import CareerGrade, ContractType, Route

GRADES: tuple[str, ...] = (
    "asye",
    "social_worker",
    "senior_practitioner",
    "team_manager",
    "operations_manager",
)
GRADE_LABELS: dict[str, str] = {
    "asye": "ASYE",
    "social_worker": "Social worker",
    "senior_practitioner": "Senior practitioner / consultant",
    "team_manager": "Team manager",
    "operations_manager": "Operations manager",
}
ASYE, SOCIAL_WORKER, SENIOR_PRACTITIONER, TEAM_MANAGER, OPERATIONS_MANAGER = range(5)
CASE_HOLDING: tuple[int, ...] = (ASYE, SOCIAL_WORKER, SENIOR_PRACTITIONER)
MANAGERS: tuple[int, ...] = (TEAM_MANAGER, OPERATIONS_MANAGER)

# Local career grade -> forecast grade index (None: out of the forecast's scope).
GRADE_INDEX: dict[str, int | None] = {
    str(CareerGrade.ASYE): ASYE,
    str(CareerGrade.SOCIAL_WORKER): SOCIAL_WORKER,
    str(CareerGrade.SENIOR_PRACTITIONER): SENIOR_PRACTITIONER,
    str(CareerGrade.CONSULTANT_SOCIAL_WORKER): SENIOR_PRACTITIONER,
    str(CareerGrade.TEAM_MANAGER): TEAM_MANAGER,
    str(CareerGrade.OPERATIONS_MANAGER): OPERATIONS_MANAGER,
    str(CareerGrade.HEAD_OF_SERVICE): None,
}

EMPLOYED_CONTRACTS: tuple[str, ...] = (str(ContractType.PERMANENT), str(ContractType.FIXED_TERM))
AGENCY_CONTRACT: str = str(ContractType.AGENCY)

# Tenure with the council, in months: bands start at these values. Leaving and progression
# hazards are estimated for each grade and band.
TENURE_BANDS: tuple[int, ...] = (0, 12, 36)
TENURE_LABELS: tuple[str, ...] = ("under 1 year", "1 to 3 years", "3 years or more")
# Mean months spent in each band but the last (its width): the model ages people out of a band
# at 1/width a month.
BAND_WIDTHS: tuple[int, ...] = (12, 24)

# The ASYE is followed month by month for its first year; month 12 onwards is one cell
# ("due or extended"), from which completion is drawn each month.
ASYE_CELLS = 13

# Establishment posts are counted in four groups: ASYEs fill social worker posts.
POST_GROUPS: tuple[str, ...] = (
    "social_worker",
    "senior_practitioner",
    "team_manager",
    "operations_manager",
)
POST_GROUP_OF_GRADE: tuple[int, ...] = (0, 0, 1, 2, 3)

ROUTES: tuple[str, ...] = tuple(str(route) for route in Route) + ("agency_conversion",)
NEWLY_QUALIFIED_ROUTES: tuple[str, ...] = tuple(
    str(route) for route in Route if route.is_newly_qualified
)


def band_of(tenure_months: float) -> int:
    """The tenure band a tenure (in months) falls in."""
    band = 0
    for i, lower in enumerate(TENURE_BANDS):
        if tenure_months >= lower:
            band = i
    return band
