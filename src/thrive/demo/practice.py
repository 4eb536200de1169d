"""The work itself: caseloads at each month end, supervision sessions, absence.

Caseloads: the area's open cases (its own demand line, in :mod:`thrive.demo.trajectory`) are
shared between kinds of team in fixed proportions, between teams of a kind by their funded
case-holding posts, and within a team by each case holder's capacity (FTE; ASYEs about 10%
lighter and never above 12 cases). So the average caseload *emerges*: it falls when more
case-holding FTE shares the demand. Weighted points use 100 as a full-time worker's capacity.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from thrive.codes import ReasonAbsence, SupervisionKind
from thrive.demo import trajectory as plan
from thrive.demo.dates import HISTORY_END, STRATEGY_START, add_working_days, working_days
from thrive.demo.records import AbsenceRecord, CaseloadRecord, SupervisionRecord
from thrive.demo.staffing import ASYE, day_between
from thrive.demo.state import CASE_HOLDING, AreaState, Person

KIND_SHARE = {
    "assessment": 0.27, "child_protection": 0.31, "children_in_care": 0.25, "care_leavers": 0.09,
    "disabled_children": 0.04, "fostering": 0.02, "adoption": 0.02,
}  # fmt: skip
POINTS_PER_CASE = {
    "assessment": 6.2, "child_protection": 7.4, "children_in_care": 6.8, "care_leavers": 5.2,
    "disabled_children": 6.8, "fostering": 9.0, "adoption": 9.0,
}  # fmt: skip
CAPACITY = {"asye": 0.9, "social_worker": 1.0, "senior_practitioner": 0.85,
            "consultant_social_worker": 0.7}  # fmt: skip
ASYE_CAP = 12


def _share(total: int, weights: np.ndarray) -> np.ndarray:
    """Whole numbers summing to ``total`` in proportion to ``weights`` (largest remainder)."""
    exact = total * weights / weights.sum()
    whole = np.floor(exact).astype(int)
    short = total - int(whole.sum())
    if short > 0:
        whole[np.argsort(-(exact - whole), kind="stable")[:short]] += 1
    return whole


def _team_cases(total: int, holders: list[Person], rng: np.random.Generator) -> np.ndarray:
    weights = np.array([p.fte * CAPACITY[p.grade] for p in holders])
    weights = weights * rng.lognormal(0.0, 0.12, len(holders))
    asye = np.array([p.grade == ASYE for p in holders])
    cases = _share(total, weights)
    if asye.any() and not asye.all():
        over = asye & (cases > ASYE_CAP)
        if over.any():
            spare = int((cases[over] - ASYE_CAP).sum())
            cases[over] = ASYE_CAP
            cases[~asye] += _share(spare, weights[~asye])
    return np.maximum(cases, 1)


def caseloads(state: AreaState, last: date) -> None:
    """Every case holder's caseload on the month's last day."""
    rng = state.rng
    demand = plan.open_cases(last) * rng.normal(1.0, 0.01)
    holders_by_team: dict[str, list[Person]] = {}
    for person in state.holders():
        if person.grade in CASE_HOLDING:
            holders_by_team.setdefault(person.team, []).append(person)
    funded: dict[str, int] = {}
    for post in state.open_posts(last):
        if post.grade in CASE_HOLDING:
            funded[post.team] = funded.get(post.team, 0) + 1
    kinds: dict[str, list[str]] = {}
    for team_state in state.teams.values():
        if team_state.name in funded:
            kinds.setdefault(team_state.kind, []).append(team_state.name)
    for kind, teams in kinds.items():
        staffed = [t for t in teams if holders_by_team.get(t)]
        if not staffed:
            continue
        team_weights = np.array([funded[t] for t in staffed], dtype=float)
        team_weights *= rng.lognormal(0.0, 0.05, len(staffed))
        for team, total in zip(staffed, _share(round(demand * KIND_SHARE[kind]), team_weights),
                               strict=True):  # fmt: skip
            holders = holders_by_team[team]
            cases = _team_cases(int(total), holders, rng)
            lighter = np.array([0.88 if p.grade == ASYE else 1.0 for p in holders])
            points = cases * POINTS_PER_CASE[kind] * lighter * rng.lognormal(0.0, 0.06, len(cases))
            state.out.caseloads.extend(
                CaseloadRecord(person.pseudonym, last, n, n, round(score, 2))
                for person, n, score in zip(holders, cases.tolist(), points.tolist(), strict=True)
            )


def supervision(state: AreaState, first: date, last: date) -> None:
    """Supervision sessions this month, each with the worker's line manager on the day."""
    rng = state.rng
    chance = plan.plan_for(first).supervision
    reflective = 0.05 if first < date(2016, 4, 1) else (0.15 if first < STRATEGY_START else 0.3)
    group = 0.25 if first >= STRATEGY_START else 0.0
    managed = [p for p in state.holders() if p.manager is not None and p.manager_since is not None]
    draws = rng.random((len(managed), 5))
    earliest = [max(first, p.manager_since or first) for p in managed]
    spans = np.array([(last - day).days + 1 for day in earliest])
    individual_day = [e + timedelta(days=int(d * s)) for e, d, s in
                      zip(earliest, draws[:, 0].tolist(), spans.tolist(), strict=True)]  # fmt: skip
    group_day = [e + timedelta(days=int(d * s)) for e, d, s in
                 zip(earliest, draws[:, 1].tolist(), spans.tolist(), strict=True)]  # fmt: skip
    supervised = (draws[:, 2] < chance).tolist()
    reflected = (draws[:, 3] < reflective).tolist()
    grouped = (draws[:, 4] < group).tolist()
    out = state.out.supervisions
    for i, person in enumerate(managed):
        if not supervised[i]:
            continue
        manager = person.manager.pseudonym  # type: ignore[union-attr]
        kind = REFLECTIVE if reflected[i] else INDIVIDUAL
        out.append(SupervisionRecord(person.pseudonym, individual_day[i], kind, manager))
        if grouped[i]:
            out.append(SupervisionRecord(person.pseudonym, group_day[i], GROUP, manager))


REFLECTIVE = str(SupervisionKind.REFLECTIVE)
INDIVIDUAL = str(SupervisionKind.INDIVIDUAL)
GROUP = str(SupervisionKind.GROUP)
_ABSENCES = (  # reason, monthly chance, shortest and longest run of working days
    (ReasonAbsence.SICKNESS, 0.12, 1, 5),
    (ReasonAbsence.SICKNESS, 0.0085, 15, 80),
    (ReasonAbsence.TRAINING, 0.01, 1, 3),
    (ReasonAbsence.OTHER_PAID, 0.004, 1, 3),
    (ReasonAbsence.UNPAID, 0.001, 2, 10),
    (ReasonAbsence.PUBLIC_DUTIES, 0.001, 1, 5),
)


def absence(state: AreaState, first: date, last: date) -> None:
    """Absence episodes of directly employed staff who were in post this month."""
    rng = state.rng
    people = [p for p in state.holders() if not p.is_agency]
    people += [p for p in state.leavers_this_month if not p.is_agency and p.left]
    chances = np.array([chance for _, chance, _, _ in _ABSENCES])
    happens = rng.random((len(people), len(_ABSENCES))) < chances
    for i, j in zip(*np.nonzero(happens), strict=True):
        person = people[int(i)]
        reason, _, shortest, longest = _ABSENCES[int(j)]
        until = min(last, person.left or last, HISTORY_END)
        begin = max(first, person.joined, person.absent_until + timedelta(days=1))
        if begin > until:
            continue
        start = day_between(rng, begin, until)
        if start.weekday() >= 5:
            start += timedelta(days=7 - start.weekday())
            if start > until:
                continue
        run = int(rng.integers(shortest, longest + 1))
        if start < person.direct_from:  # drawn over the agency time before a conversion
            continue
        end = min(add_working_days(start, run), person.left or HISTORY_END, HISTORY_END)
        lost = round(working_days(start, end) * person.fte, 2)
        person.open_absence = len(state.out.absences)
        state.out.absences.append(AbsenceRecord(person.pseudonym, start, end, str(reason), lost))
        person.absent_until = end
