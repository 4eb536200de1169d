"""Who joins and who goes: the workforce on 1 October 2014, leavers, agency workers, new hires.

Every flow follows the rates in :mod:`thrive.demo.trajectory`: how many people it happens to in
a month is aligned to the sum of their chances (:mod:`thrive.demo.alignment`); who, on which day,
with which reason and destination, is drawn. Leaving and ending days fall on any day of the month
except the last, so "in post at the month end" never hangs on whether a last day counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TypeVar

import numpy as np

from thrive.codes import (
    CareerGrade,
    ContractType,
    LeaverDestination,
    ReasonLeave,
    Route,
    StartOrigin,
)
from thrive.demo import trajectory as plan
from thrive.demo.dates import HISTORY_START, month_end
from thrive.demo.state import DAY, AreaState, Person, Post

SW, ASYE = str(CareerGrade.SOCIAL_WORKER), str(CareerGrade.ASYE)
MANAGERS = frozenset({"team_manager", "operations_manager", "head_of_service"})

_EXPERIENCE = {  # grade: (minimum years qualified, gamma shape, gamma scale)
    "social_worker": (1.0, 2.0, 2.5), "senior_practitioner": (4.0, 2.0, 3.0),
    "consultant_social_worker": (6.0, 2.0, 3.0), "team_manager": (7.0, 2.0, 4.0),
    "operations_manager": (12.0, 2.0, 4.0), "head_of_service": (15.0, 2.0, 4.0),
}  # fmt: skip
_DAY_RATES = {  # grade: (lowest, highest) agency day rate in pounds
    "social_worker": (250, 330), "senior_practitioner": (290, 360),
    "consultant_social_worker": (300, 370), "team_manager": (340, 400),
    "operations_manager": (380, 400), "head_of_service": (390, 400),
}  # fmt: skip
_ORIGINS = (
    (StartOrigin.OTHER_LA_ENGLAND, 0.45), (StartOrigin.AGENCY_ENGLAND, 0.20),
    (StartOrigin.NON_LA_SOCIAL_WORK, 0.10), (StartOrigin.OTHER_SOCIAL_CARE, 0.05),
    (StartOrigin.NON_SOCIAL_CARE, 0.05), (StartOrigin.OTHER, 0.03), (StartOrigin.NOT_KNOWN, 0.12),
)  # fmt: skip
_REASONS = (
    (ReasonLeave.RESIGNATION, 0.78), (ReasonLeave.DISMISSED, 0.03),
    (ReasonLeave.VOLUNTARY_REDUNDANCY, 0.01), (ReasonLeave.MOVED_WITHIN_LA, 0.03),
    (ReasonLeave.OTHER, 0.07), (ReasonLeave.NOT_KNOWN, 0.08),
)  # fmt: skip
D = LeaverDestination
_DESTINATIONS = {
    ReasonLeave.RESIGNATION: ((D.OTHER_LA_ENGLAND, 0.38), (D.AGENCY_ENGLAND, 0.22),
                              (D.NON_LA_SOCIAL_WORK, 0.10), (D.OUTSIDE_ENGLAND, 0.03),
                              (D.OTHER_SOCIAL_CARE, 0.07), (D.NON_SOCIAL_CARE, 0.08),
                              (D.NOT_KNOWN, 0.12)),
    ReasonLeave.DISMISSED: ((D.NOT_KNOWN, 0.6), (D.NON_SOCIAL_CARE, 0.4)),
    ReasonLeave.VOLUNTARY_REDUNDANCY: ((D.NON_SOCIAL_CARE, 0.5), (D.NOT_KNOWN, 0.5)),
    ReasonLeave.MOVED_WITHIN_LA: ((D.OTHER_SOCIAL_CARE, 1.0),),
    ReasonLeave.OTHER: ((D.OTHER, 0.5), (D.NOT_KNOWN, 0.5)),
    ReasonLeave.NOT_KNOWN: ((D.NOT_KNOWN, 1.0),),
    ReasonLeave.RETIRED: ((D.NON_SOCIAL_CARE, 1.0),),
}  # fmt: skip


T = TypeVar("T")


def pick(rng: np.random.Generator, weighted: Sequence[tuple[T, float]]) -> T:
    """One of the choices, drawn with the given weights."""
    weights = np.array([w for _, w in weighted])
    return weighted[int(rng.choice(len(weighted), p=weights / weights.sum()))][0]


def day_between(rng: np.random.Generator, first: date, last: date) -> date:
    """A day from ``first`` to ``last`` inclusive."""
    return first + timedelta(days=int(rng.integers(0, (last - first).days + 1)))


def _fte(rng: np.random.Generator, grade: str, contract: ContractType) -> float:
    """Contracted FTE: mostly full time; part time is commoner among practitioners."""
    if grade == ASYE or contract.is_agency or grade in MANAGERS:
        return 1.0 if rng.random() < (0.93 if contract.is_agency else 0.96) else 0.8
    return float(rng.choice([1.0, 0.8, 0.6, 0.5, 0.9], p=[0.78, 0.1, 0.06, 0.03, 0.03]))


def _experience(rng: np.random.Generator, grade: str) -> float:
    """Years since qualifying of someone hired into ``grade``."""
    low, shape, scale = _EXPERIENCE[grade]
    return low + float(rng.gamma(shape, scale))


def day_rate(rng: np.random.Generator, grade: str) -> int:
    """An agency day rate for the grade, in pounds, to the nearest 5 (250-400)."""
    low, high = _DAY_RATES[grade]
    return int(round(rng.uniform(low, high) / 5) * 5)


def hire_experienced(state: AreaState, post: Post, on: date, origin: StartOrigin | None = None,
                     contract: ContractType | None = None) -> Person:  # fmt: skip
    """An experienced social worker takes ``post`` on ``on`` (permanent, or fixed-term)."""
    rng = state.rng
    international = rng.random() < (0.05 if on.year < 2017 else 0.10)
    route = Route.INTERNATIONAL if international else Route.EXPERIENCED
    identity = state.identities.make(route, on, _experience(rng, post.grade))
    if contract is None:
        fixed = rng.random() < plan.FIXED_TERM_SHARE
        contract = ContractType.FIXED_TERM if fixed else ContractType.PERMANENT
    if origin is None:
        origin = StartOrigin.OUTSIDE_ENGLAND if international else pick(rng, _ORIGINS)
    person = state.start(identity, post, contract, post.grade, _fte(rng, post.grade, contract),
                         on, start_origin=int(origin))  # fmt: skip
    if contract is ContractType.FIXED_TERM:
        end = on + timedelta(days=int(rng.choice([364, 546])))
        person.fixed_term_end = end - DAY if end == month_end(end) else end
    return person


def hire_agency(state: AreaState, post: Post, on: date) -> Person:
    """An agency worker starts covering ``post`` on ``on``."""
    rng = state.rng
    identity = state.identities.make(Route.EXPERIENCED, on, _experience(rng, post.grade))
    return state.start(identity, post, ContractType.AGENCY, post.grade,
                       _fte(rng, post.grade, ContractType.AGENCY), on,
                       day_rate=day_rate(rng, post.grade))  # fmt: skip


def hire_asye(state: AreaState, post: Post, on: date, route: Route) -> Person:
    """A newly qualified social worker starts their ASYE in ``post`` on ``on``."""
    identity = state.identities.make(route, on, float(state.rng.uniform(0.05, 0.4)))
    person = state.start(identity, post, ContractType.PERMANENT, ASYE, 1.0, on,
                         start_origin=int(StartOrigin.NEWLY_QUALIFIED))  # fmt: skip
    person.asye_start = on
    person.academy = on >= plan.ACADEMY_FROM
    return person


def initial_workforce(state: AreaState) -> None:
    """Fill the posts open on 1 October 2014: permanent staff of all tenures, agency cover."""
    rng = state.rng
    fill = {  # grade: (permanent, agency) shares; the rest vacant
        "head_of_service": (1.0, 0.0), "operations_manager": (1.0, 0.0),
        "team_manager": (0.75, 0.25), "senior_practitioner": (0.8, 0.12),
        "social_worker": (0.66, 0.30),
    }  # fmt: skip
    for post in state.open_posts(HISTORY_START):
        permanent, agency = fill[post.grade]
        draw = rng.random()
        if draw < permanent:
            if post.grade == SW and rng.random() < 0.05:
                started = HISTORY_START - timedelta(days=int(rng.integers(20, 330)))
                person = hire_asye(state, post, started, Route.ASYE)
            else:
                years = float(rng.exponential(4.5))
                started = HISTORY_START - timedelta(days=int(years * 365.25) + 1)
                person = hire_experienced(state, post, started, contract=ContractType.PERMANENT)
                person.start_origin = int(pick(rng, (*_ORIGINS, (StartOrigin.NOT_KNOWN, 0.3))))
        elif draw < permanent + agency:
            started = HISTORY_START - timedelta(days=int(rng.integers(1, 300)))
            hire_agency(state, post, started)
        else:
            post.free_from = HISTORY_START - timedelta(days=int(rng.integers(1, 90)))


def _leaving_chance(person: Person, on: date) -> tuple[float, float]:
    """(monthly chance of leaving, monthly chance of retiring) for a directly employed person."""
    rate = plan.monthly(plan.plan_for(on).leaving_rate)
    if person.grade in MANAGERS:
        rate *= plan.MANAGER_LEAVING_FACTOR
    if person.academy:
        protected = on <= plan.ACADEMY_PROTECTED_UNTIL
        rate *= plan.ACADEMY_LEAVING_FACTOR if protected else plan.ACADEMY_LEAVING_FACTOR_LATER
    age = (on - person.identity.birth_date).days / 365.25
    retiring = plan.monthly(plan.RETIREMENT_RATE) if age >= plan.RETIREMENT_AGE else 0.0
    return rate, retiring


def _last_day(rng: np.random.Generator, first: date, earliest: date) -> date:
    """A last day in this month, not before ``earliest`` and never the month's last day."""
    return day_between(rng, max(first, earliest), month_end(first) - DAY)


def leavers_and_endings(state: AreaState, first: date) -> None:
    """Fixed-term contracts run out; agency assignments end; directly employed workers leave.

    Nobody leaves in the month their current spell began. How many go is aligned to the sum of
    their chances (:mod:`thrive.demo.alignment`); who goes is drawn.
    """
    rng = state.rng
    year = plan.plan_for(first)
    last = month_end(first)
    for person in state.holders():
        if person.fixed_term_end is not None and person.fixed_term_end <= last:
            ends = max(person.fixed_term_end, person.spell_start)
            person.fixed_term_end = None
            if rng.random() < plan.FIXED_TERM_CONVERSION:
                state.change(person, ends + DAY, contract=ContractType.PERMANENT)
            else:
                destination = pick(rng, _DESTINATIONS[ReasonLeave.RESIGNATION])
                state.leave(person, ends, int(ReasonLeave.OTHER), int(destination))
    settled = [p for p in state.holders() if p.spell_start < first]
    agency = [p for p in settled if p.is_agency]
    for i in state.aligner.choose("agency end", [year.agency_end] * len(agency)):
        state.leave(agency[i], _last_day(rng, first, first))
    direct = [p for p in settled if not p.is_agency]
    chances = [_leaving_chance(p, first) for p in direct]
    for i in state.aligner.choose("leaving", [leaving + retiring for leaving, retiring in chances]):
        leaving, retiring = chances[i]
        if rng.random() * (leaving + retiring) < retiring:
            reason = ReasonLeave.RETIRED
        else:
            reason = pick(rng, _REASONS)
        destination = pick(rng, _DESTINATIONS[reason])
        state.leave(direct[i], _last_day(rng, first, first), int(reason), int(destination))


def agency_conversions(state: AreaState, first: date) -> None:
    """Some agency workers take a permanent contract in the post they cover (mid-month)."""
    chance = plan.plan_for(first).conversion
    agency = [p for p in state.holders() if p.is_agency and p.spell_start < first]
    for i in state.aligner.choose("conversion", [chance] * len(agency)):
        on = day_between(state.rng, first + DAY, month_end(first))
        state.change(agency[i], on, contract=ContractType.PERMANENT,
                     start_origin=int(StartOrigin.AGENCY_ENGLAND))  # fmt: skip


def takeable(post: Post, first: date) -> bool:
    """A post a new permanent holder could take this month: empty, or held by agency cover."""
    holder = post.holder
    if holder is None:
        return post.free_from <= month_end(first)
    return holder.is_agency and holder.spell_start < first


def take(state: AreaState, post: Post, first: date, earliest_day: int = 2) -> date:
    """Free ``post`` for a new holder this month (ending agency cover); return the start day."""
    last = month_end(first)
    earliest = max(first.replace(day=earliest_day), post.free_from)
    if post.holder is not None:  # the agency worker's last day is the day before
        on = day_between(state.rng, earliest, last)
        state.leave(post.holder, on - DAY)
        return on
    return day_between(state.rng, earliest, last)


def _choose_post(state: AreaState, candidates: list[Post]) -> Post | None:
    """An empty post if there is one, else one held by agency cover (drawn at random)."""
    empty = [p for p in candidates if p.holder is None]
    pool = empty or candidates
    return pool[int(state.rng.integers(len(pool)))] if pool else None


def asye_cohort(state: AreaState, first: date, size: int) -> None:
    """A cohort of newly qualified social workers starts in social worker posts."""
    rng = state.rng
    start_day = first + timedelta(days=1)
    while start_day.weekday() != 0:
        start_day += DAY
    for _ in range(size):
        posts = [p for p in state.open_posts(first) if p.grade == SW and takeable(p, first)]
        post = _choose_post(state, posts)
        if post is None:
            return
        if post.holder is not None:
            state.leave(post.holder, start_day - DAY)
        on = max(start_day, post.free_from)
        route = _asye_route(rng, first)
        hire_asye(state, post, on, route)


def _asye_route(rng: np.random.Generator, on: date) -> Route:
    routes = [(Route.ASYE, 0.85), (Route.STEP_UP, 0.15)]
    if on >= date(2016, 9, 1):
        routes = [(Route.ASYE, 0.75), (Route.STEP_UP, 0.13), (Route.FRONTLINE, 0.12)]
    if on >= date(2019, 1, 1):
        routes = [*routes, (Route.APPRENTICESHIP, 0.1)]
    return pick(rng, routes)


def experienced_hires(state: AreaState, first: date) -> None:
    """Experienced permanent hires into posts without a permanent holder."""
    chance = plan.plan_for(first).recruitment
    posts = [p for p in state.open_posts(first) if takeable(p, first)]
    for i in state.aligner.choose("hire", [chance] * len(posts)):
        hire_experienced(state, posts[i], take(state, posts[i], first))


def agency_cover(state: AreaState, first: date) -> None:
    """Empty posts are backfilled with agency workers (managers' posts almost at once)."""
    chance = plan.plan_for(first).agency_cover
    last = month_end(first)
    empty = [p for p in state.open_posts(first) if p.holder is None and p.free_from <= last]
    chances = [0.8 if p.grade in MANAGERS else chance for p in empty]
    for i in state.aligner.choose("agency cover", chances):
        hire_agency(state, empty[i], take(state, empty[i], first))


def cohort_size(state: AreaState, first: date) -> int:
    """This month's ASYE intake: the academy's planned cohort, give or take one or two."""
    planned = dict(plan.ASYE_COHORTS).get(first, 0)
    if planned == 0:
        return 0
    return max(0, planned + int(state.rng.choice([-1, 0, 0, 1])))
