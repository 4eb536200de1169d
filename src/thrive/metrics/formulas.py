"""The Department for Education's rate formulas, as numerator and denominator.

Each function takes the published counts (plain numbers, or Polars expressions over columns of
them) and returns ``(numerator, denominator)``; the rate is ``100 x numerator / denominator``
(``Kind.RATE``) or, for the average caseload, ``numerator / denominator``. The measures call these
on the counts they derive from worker records, and the golden test calls them on the counts the
Department publishes for every local authority, so both go through the same arithmetic.

>>> turnover_rate(18.3, 83.8)
(18.3, 83.8)
>>> agency_rate(11.6, 83.8)
(11.6, 95.4)
"""

from __future__ import annotations

from typing import TypeVar

import polars as pl

N = TypeVar("N", float, pl.Expr)

WORKING_DAYS_PER_YEAR = 253
ABSENCE_CAVEAT = (
    "The Department publishes the absence rate as working days lost to sickness over FTE in post "
    "x 253 working days, but not the 253: it is back-solved (365 days less weekends and 8 bank "
    "holidays) and reproduces 97% of the published local-authority rates exactly; the rest differ "
    "by 0.1 point, so the Department's exact denominator is not public."
)


def turnover_rate(leavers_fte: N, fte_in_post: N) -> tuple[N, N]:
    """FTE leavers in the year over FTE social workers in post at its end."""
    return leavers_fte, fte_in_post


def agency_rate(agency_fte: N, fte_in_post: N) -> tuple[N, N]:
    """FTE agency workers over agency plus directly employed FTE in post."""
    return agency_fte, agency_fte + fte_in_post


def vacancy_rate(vacancy_fte: N, fte_in_post: N) -> tuple[N, N]:
    """FTE vacancies over vacancies plus directly employed FTE in post."""
    return vacancy_fte, vacancy_fte + fte_in_post


def average_caseload(cases: N, case_holders_fte: N) -> tuple[N, N]:
    """Cases held over the FTE of the workers (agency included) holding one or more."""
    return cases, case_holders_fte


def absence_rate(
    working_days_lost: N, fte_in_post: N, working_days: int = WORKING_DAYS_PER_YEAR
) -> tuple[N, N]:
    """Working days lost to sickness over FTE in post x working days in a year."""
    return working_days_lost, fte_in_post * working_days
