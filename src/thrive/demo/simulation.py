"""Run the demo council month by month, October 2014 to September 2025, person by person.

Each month, in this order: careers on the 1st (ASYE outcomes, promotions, moves, changes of
hours, agency workers going permanent); then leavers and agency endings during the month; then
the month's arrivals (the ASYE cohort, experienced hires, agency cover); then the month end
(team managers, line management, caseloads, supervision, absence). One
``numpy.random.default_rng(seed)`` drives every draw and everything is visited in a fixed order,
so a seed always gives the same council.

>>> records = simulate(seed=1)                      # doctest: +SKIP
>>> len(records.workers) > 500                      # doctest: +SKIP
True
"""

from __future__ import annotations

import numpy as np

from thrive.demo import careers, development, management, practice, staffing
from thrive.demo.dates import HISTORY_START, month_end, months
from thrive.demo.identities import IdentityMaker
from thrive.demo.organisation import build_area
from thrive.demo.records import DemoRecords, WorkerRecord
from thrive.demo.state import AreaState


class DemoConfigurationError(Exception):
    """The demo was asked for something it cannot build (e.g. a scale below one)."""


def simulate(seed: int = 1, scale: int = 1) -> DemoRecords:
    """Simulate a demo council of ``scale`` areas; return its records (nothing is written)."""
    if scale < 1:
        raise DemoConfigurationError(f"The scale must be at least 1, not {scale}.")
    rng = np.random.default_rng(seed)
    out = DemoRecords(seed=seed, scale=scale)
    identities = IdentityMaker(rng)
    for number in range(1, scale + 1):
        area = build_area(number, scale)
        out.services.extend(area.services)
        out.teams.extend(area.teams)
        out.posts.extend(area.posts)
        _simulate_area(AreaState(area, rng, identities, out))
    return out


def _simulate_area(state: AreaState) -> None:
    staffing.initial_workforce(state)
    careers.first_practice_educators(state, HISTORY_START)
    appraisals: list[development.PendingAppraisal] = []
    for first in months():
        last = month_end(first)
        state.leavers_this_month = []
        careers.asye_progress(state, first)
        careers.promotions(state, first)
        careers.internal_moves(state, first)
        careers.hours_changes(state, first)
        staffing.agency_conversions(state, first)
        careers.schemes(state, first)
        development.open_appraisals(state, first, appraisals)
        staffing.leavers_and_endings(state, first)
        cohort = staffing.cohort_size(state, first)
        if cohort:
            staffing.asye_cohort(state, first, cohort)
        staffing.experienced_hires(state, first)
        staffing.agency_cover(state, first)
        management.team_managers(state, first)
        state.out.unmanaged_month_ends += management.line_management(state, first, last)
        practice.caseloads(state, last)
        practice.supervision(state, first, last)
        practice.absence(state, first, last)
    state.finish()
    development.write_appraisals(state, appraisals)
    development.write_asye(state)
    for person in state.people:
        i = person.identity
        state.out.workers.append(WorkerRecord(
            i.pseudonym, i.name, i.swe_number, i.birth_date, i.sex, i.ethnicity,
            i.qualification_level, i.qualified_on, i.route,
        ))  # fmt: skip
