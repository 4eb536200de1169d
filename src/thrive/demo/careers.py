"""Careers inside the council: finishing the ASYE, promotion, moving team, changing hours, schemes.

None of these makes a leaver: each ends a spell and starts the next the following day (on the
1st, or mid-month when an agency worker hands the post back). Senior posts without a permanent
holder are offered first to the people below them (aspirant managers first for team manager
posts), so the career path the strategy built (social worker -> senior practitioner -> consultant
social worker or team manager) shows up in the spells.
"""

from __future__ import annotations

from datetime import date, timedelta

from thrive.codes import (
    AsyeOutcome,
    CareerGrade,
    DevelopmentScheme,
    LeaverDestination,
    ReasonLeave,
)
from thrive.demo import trajectory as plan
from thrive.demo.dates import HISTORY_END, add_months, month_end
from thrive.demo.staffing import ASYE, SW, day_between, pick, takeable
from thrive.demo.state import DAY, AreaState, Membership, Person, Post

SP = str(CareerGrade.SENIOR_PRACTITIONER)
CSW = str(CareerGrade.CONSULTANT_SOCIAL_WORKER)
TM = str(CareerGrade.TEAM_MANAGER)
OM = str(CareerGrade.OPERATIONS_MANAGER)
HOS = str(CareerGrade.HEAD_OF_SERVICE)

# The post's grade: (grades that may be promoted into it, years qualified needed, same service?)
_LADDER: dict[str, tuple[frozenset[str], float, bool]] = {
    SP: (frozenset({SW}), 3.0, True),
    CSW: (frozenset({SP}), 5.0, True),
    TM: (frozenset({SP, CSW}), 5.0, False),
    OM: (frozenset({TM}), 8.0, False),
    HOS: (frozenset({OM}), 10.0, False),
}
_OUTCOMES = ((AsyeOutcome.PASS, 0.93), (AsyeOutcome.EXTENDED, 0.055), (AsyeOutcome.FAIL, 0.015))


def _permanent(person: Person) -> bool:
    return not person.is_agency


def years_qualified(person: Person, on: date) -> float:
    return (on - person.identity.qualified_on).days / 365.25


def asye_progress(state: AreaState, first: date) -> None:
    """ASYEs reaching twelve months get their outcome; those who pass become social workers."""
    rng = state.rng
    for person in state.holders():
        if person.grade != ASYE or person.asye_start is None or person.spell_start >= first:
            continue
        year_done = add_months(person.asye_start, 12)
        if not person.asye_outcome and year_done < first:
            outcome = pick(rng, _OUTCOMES)
            person.asye_outcome = str(outcome)
            person.asye_outcome_date = year_done
            if outcome is AsyeOutcome.EXTENDED:
                person.asye_extended_to = add_months(person.asye_start, 18)
            elif outcome is AsyeOutcome.FAIL:
                last = month_end(first) - DAY
                state.leave(person, day_between(rng, first, last), int(ReasonLeave.OTHER),
                            int(LeaverDestination.NOT_KNOWN))  # fmt: skip
                continue
        finished = person.asye_extended_to or year_done
        if person.asye_outcome and finished < first:
            state.change(person, first, grade=SW)


def _candidates(state: AreaState, post: Post, first: date) -> list[Person]:
    below, years, same_service = _LADDER[post.grade]
    return [
        person
        for person in state.holders()
        if person.grade in below
        and _permanent(person)
        and person.spell_start < first
        and (post.service == person.post.service or not same_service)
        and years_qualified(person, first) >= years
    ]


def promotions(state: AreaState, first: date) -> None:
    """Senior posts without a permanent holder go to someone from the grade below, if ready."""
    rng = state.rng
    for post in state.open_posts(first):
        if post.grade not in _LADDER or post.free_from > first or not takeable(post, first):
            continue
        if rng.random() >= plan.PROMOTION:
            continue
        candidates = _candidates(state, post, first)
        if not candidates:
            continue
        aspirant = DevelopmentScheme.ASPIRANT_MANAGER
        aspirants = [p for p in candidates if _on_scheme(p, aspirant, first)]
        pool = aspirants if post.grade == TM and aspirants else candidates
        chosen = pool[int(rng.integers(len(pool)))]
        state.change(chosen, _vacate(state, post, first), post=post, grade=post.grade)


def _vacate(state: AreaState, post: Post, first: date) -> date:
    """The day a post can be taken this month: the 1st, or after its agency cover's last day.

    An agency worker handed back mid-month never ends on a month's last day, so "in post at the
    month end" stays unambiguous.
    """
    if post.holder is None:
        return first
    on = day_between(state.rng, first + DAY, month_end(first))
    state.leave(post.holder, on - DAY)
    return on


def _on_scheme(person: Person, scheme: DevelopmentScheme, on: date | None = None) -> bool:
    """Whether the person is on the scheme on ``on`` (or was ever, if no day is given)."""
    return any(
        m.scheme == str(scheme)
        and (on is None or (m.start <= on and (m.end is None or m.end >= on)))
        for m in person.schemes
    )


def internal_moves(state: AreaState, first: date) -> None:
    """A few permanent practitioners move to a vacant post of their grade in another team."""
    rng = state.rng
    for person in state.holders():
        if person.grade not in (SW, SP) or not _permanent(person) or person.spell_start >= first:
            continue
        if rng.random() >= plan.INTERNAL_MOVE:
            continue
        posts = [
            p
            for p in state.open_posts(first)
            if p.grade == person.post.grade
            and p.team != person.team
            and p.free_from <= first
            and takeable(p, first)
        ]
        if not posts:
            continue
        post = posts[int(rng.integers(len(posts)))]
        state.change(person, _vacate(state, post, first), post=post)


def hours_changes(state: AreaState, first: date) -> None:
    """Now and then a permanent practitioner changes their hours (a new spell, same post)."""
    rng = state.rng
    for person in state.holders():
        if person.is_agency or person.grade == ASYE or person.spell_start >= first:
            continue
        if rng.random() < plan.FTE_CHANGE:
            options = [f for f in (1.0, 0.9, 0.8, 0.6, 0.5) if f != person.fte]
            state.change(person, first, fte=float(options[int(rng.integers(len(options)))]))


def schemes(state: AreaState, first: date) -> None:
    """Aspirant managers (each January from 2017), practice educators, leadership programmes."""
    rng = state.rng
    if first.month == 1 and first >= plan.ASPIRANT_SCHEME_FROM:
        for person in state.holders():
            ready = person.grade in (SP, CSW) or (
                person.grade == SW and years_qualified(person, first) >= 4
            )
            if ready and _permanent(person) and rng.random() < 0.06:
                _join(person, DevelopmentScheme.ASPIRANT_MANAGER, first + timedelta(days=9), 12)
    if first.month == 10:
        for person in state.holders():
            ready = person.grade in (SW, SP, CSW) and years_qualified(person, first) >= 3
            educator = _on_scheme(person, DevelopmentScheme.PRACTICE_EDUCATOR)
            if ready and _permanent(person) and not educator and rng.random() < 0.05:
                _join(person, DevelopmentScheme.PRACTICE_EDUCATOR, first + timedelta(days=14))
    if first.month == 9 and first.year >= 2018:
        for person in state.holders():
            if person.grade == TM and _permanent(person) and rng.random() < 0.3:
                _join(person, DevelopmentScheme.LEADERSHIP, first + timedelta(days=20), 9)


def _join(person: Person, scheme: DevelopmentScheme, on: date, months: int | None = None) -> None:
    end = None if months is None else add_months(on, months) - DAY
    person.schemes.append(Membership(str(scheme), on, end if end and end <= HISTORY_END else None))


def first_practice_educators(state: AreaState, on: date) -> None:
    """Some experienced staff were already practice educators when the history starts."""
    for person in state.holders():
        experienced = person.grade in (SW, SP) and years_qualified(person, on) >= 4
        if experienced and not person.is_agency and state.rng.random() < 0.12:
            started = max(person.spell_start, on - timedelta(days=int(state.rng.integers(30, 900))))
            _join(person, DevelopmentScheme.PRACTICE_EDUCATOR, started)
