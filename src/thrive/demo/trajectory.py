"""The demo council's circumstances year by year: the inputs the simulation draws people from.

These are *rates and plans*, never totals: how likely a worker is to leave, how many experienced
social workers the labour market yields, how readily a vacancy is backfilled with agency staff,
how many newly qualified social workers join each ASYE cohort, how many children's cases are open.
Headcounts, turnover, caseloads and the permanent share then emerge from simulating people, and
:mod:`thrive.demo.calibration` checks that they land near Somerset's published trajectory.

The year is the census collection year (year N runs 1 October N-1 to 30 September N). Figures
are per area (``--scale K`` multiplies areas, not rates).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from thrive.demo.dates import collection_year


@dataclass(frozen=True)
class YearPlan:
    """One collection year's circumstances."""

    leaving_rate: float
    """Chance a directly employed worker leaves within the year (before personal factors)."""
    recruitment: float
    """Monthly chance a post without a permanent holder is filled by an experienced hire."""
    agency_cover: float
    """Monthly chance an uncovered vacancy is backfilled with an agency worker."""
    agency_end: float
    """Monthly chance an agency assignment ends."""
    conversion: float
    """Monthly chance an agency worker takes a permanent contract in their post."""
    supervision: float
    """Chance a worker is supervised in a month."""
    appraisal: float
    """Chance an appraisal due in the cycle that starts in April of this year is completed."""
    open_cases: int
    """Children's cases open at 30 September, for the whole area."""


# Somerset's story: an 'Inadequate' service losing experienced staff to 2016, the strategy
# (2016-2017) then recruitment, lower turnover and lower caseloads from 2017-18 on.
YEARS: dict[int, YearPlan] = {
    2015: YearPlan(0.22, 0.027, 0.80, 0.085, 0.003, 0.60, 0.45, 5450),
    2016: YearPlan(0.29, 0.050, 0.80, 0.085, 0.008, 0.65, 0.55, 4650),
    2017: YearPlan(0.21, 0.025, 0.40, 0.090, 0.012, 0.90, 0.745, 4550),
    2018: YearPlan(0.18, 0.024, 0.32, 0.095, 0.012, 0.92, 0.755, 3900),
    2019: YearPlan(0.145, 0.026, 0.09, 0.100, 0.010, 0.92, 0.745, 3750),
    2020: YearPlan(0.145, 0.022, 0.12, 0.090, 0.010, 0.91, 0.735, 3800),
    2021: YearPlan(0.145, 0.022, 0.12, 0.090, 0.010, 0.91, 0.745, 3850),
    2022: YearPlan(0.15, 0.024, 0.13, 0.090, 0.010, 0.90, 0.735, 3950),
    2023: YearPlan(0.15, 0.024, 0.13, 0.090, 0.010, 0.90, 0.745, 3950),
    2024: YearPlan(0.145, 0.022, 0.13, 0.090, 0.010, 0.91, 0.745, 3950),
    2025: YearPlan(0.145, 0.022, 0.13, 0.090, 0.010, 0.91, 0.755, 3950),
}
OPEN_CASES_AT_START = 5400
"""Open cases on 1 October 2014, where the demand line starts."""

# (first day of the month the cohort starts, planned size). The Social Work Academy's intake:
# 71 planned from August 2015 to September 2018, then about 18 a year.
ASYE_COHORTS: tuple[tuple[date, int], ...] = (
    (date(2015, 8, 1), 8),
    (date(2015, 9, 1), 7),
    (date(2016, 2, 1), 6),
    (date(2016, 9, 1), 15),
    (date(2017, 3, 1), 6),
    (date(2017, 9, 1), 16),
    (date(2018, 3, 1), 6),
    (date(2018, 9, 1), 7),
    *(
        (date(year, month, 1), size)
        for year in range(2019, 2026)
        for month, size in ((3, 5), (9, 13))
    ),
)
ACADEMY_FROM = date(2015, 8, 1)
ACADEMY_PROTECTED_UNTIL = date(2018, 9, 30)
"""ASYEs recruited by the academy were very rarely lost before this date (71 hired, 69 kept)."""

# Personal factors on the leaving rate.
MANAGER_LEAVING_FACTOR = 0.6
ACADEMY_LEAVING_FACTOR = 0.025
ACADEMY_LEAVING_FACTOR_LATER = 0.75
RETIREMENT_AGE = 60
RETIREMENT_RATE = 0.18
"""Extra yearly chance of retiring from age 60."""

FIXED_TERM_SHARE = 0.08
FIXED_TERM_CONVERSION = 0.6
INTERNAL_MOVE = 0.003
"""Monthly chance a permanent practitioner moves to another team's vacant post."""
FTE_CHANGE = 0.002
PROMOTION = 0.3
"""Monthly chance a senior post without a permanent holder is filled by promotion."""
ASPIRANT_SCHEME_FROM = date(2017, 1, 1)


def plan_for(day: date) -> YearPlan:
    """The circumstances in force on ``day``."""
    return YEARS[min(max(collection_year(day), 2015), 2025)]


def monthly(annual: float) -> float:
    """The monthly chance that compounds to ``annual`` over twelve months."""
    return 1.0 - (1.0 - min(annual, 0.99)) ** (1.0 / 12.0)


def open_cases(day: date) -> float:
    """Open cases on ``day``: straight lines between the 30 September figures."""
    year = collection_year(day)
    start_cases = OPEN_CASES_AT_START if year <= 2015 else YEARS[year - 1].open_cases
    end_cases = YEARS[min(year, 2025)].open_cases
    year_start = date(year - 1, 10, 1)
    year_end = date(year, 9, 30)
    share = (day - year_start).days / max((year_end - year_start).days, 1)
    return start_cases + (end_cases - start_cases) * share
