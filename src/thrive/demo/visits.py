"""Demo Try Before You Apply visits: the first step of the recruitment funnel, from 2017.

Most candidates who came through a visit (their source says so) visited one to three months
before applying, and a few from other channels did too; other visitors never applied. Drawn
from a random stream of their own, so adding them moves no other demo record or figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import numpy as np

from thrive.codes.lifecycle import CandidateSource as S
from thrive.codes.lifecycle import Stage, VisitorStage
from thrive.lifecycle.models import Candidate, Requisition, Visit
from thrive.workforce.models import Authority

STREAM = 20_261_204  # keeps these draws apart from every other demo stream
VISITS_FROM = date(2017, 1, 1)
VISITED_THOUGH_OTHER_SOURCE = 0.08  # candidates from other channels who visited first
TBYA_WHO_VISITED = 0.9  # the rest of the 'Try Before You Apply' candidates: no booking kept
NEVER_APPLIED = 0.35  # visitors who did not apply, as a share of those who did
NO_TEAM = 0.15  # visits recorded without the team visited
VISIT_SOURCES = {S.SOCIAL_MEDIA: 4, S.MICROSITE: 3, S.RECRUITMENT_FAIR: 3, S.REFERRAL: 2}


def _stage(rng: np.random.Generator, candidate: Candidate, grade: str) -> VisitorStage:
    if candidate.source == S.AGENCY_CONVERSION:
        return VisitorStage.AGENCY
    if grade == "asye" or candidate.route in ("step_up", "frontline"):
        return VisitorStage.STUDENT if rng.random() < 0.45 else VisitorStage.NEWLY_QUALIFIED
    return VisitorStage.AGENCY if rng.random() < 0.2 else VisitorStage.EXPERIENCED


def _source(rng: np.random.Generator) -> str:
    if rng.random() < 0.2:
        return ""  # not asked
    keys, weights = list(VISIT_SOURCES), np.array(list(VISIT_SOURCES.values()), dtype=float)
    return str(keys[int(rng.choice(len(keys), p=weights / weights.sum()))])


def add_visits(
    authority: Authority,
    candidates: Sequence[Candidate],
    requisitions: Sequence[Requisition],
    applied: Sequence[date],
) -> int:
    """Write the demo's visits (``applied[i]`` is candidate i's application day); how many."""
    rng = np.random.default_rng([authority.demo_seed or 0, STREAM])
    last_day = max(applied)
    teams = sorted({r.team_id for r in requisitions})
    visits: list[Visit] = []
    for candidate, day in zip(candidates, applied, strict=True):
        came_this_way = candidate.source == S.TRY_BEFORE_YOU_APPLY
        chance = TBYA_WHO_VISITED if came_this_way else VISITED_THOUGH_OTHER_SOURCE
        draw = rng.random()
        visited = day - timedelta(days=int(rng.integers(7, 100)))
        if draw >= chance or visited < VISITS_FROM:
            continue
        requisition = candidate.requisition
        visits.append(
            Visit(
                candidate=candidate,
                date=visited,
                career_stage=str(_stage(rng, candidate, requisition.grade)),
                source=_source(rng),
                team_id=None if rng.random() < NO_TEAM else requisition.team_id,
            )
        )
    span = (last_day - VISITS_FROM).days
    for _ in range(int(len(visits) * NEVER_APPLIED)):
        stage = rng.choice([str(s) for s in VisitorStage], p=[0.35, 0.25, 0.3, 0.1])
        visits.append(
            Visit(
                date=VISITS_FROM + timedelta(days=int(rng.integers(0, span + 1))),
                career_stage=str(stage),
                source=_source(rng),
                team_id=None if rng.random() < NO_TEAM else teams[int(rng.integers(len(teams)))],
            )
        )
    visits.sort(key=lambda v: (v.date, v.candidate.pk if v.candidate else 0))
    for number, visit in enumerate(visits, start=1):
        visit.authority = authority
        visit.reference = f"TBYA{visit.date.year}-{number:05d}"
    return len(Visit.objects.bulk_create(visits, batch_size=1000))


def application_days(stages: Sequence[tuple[int, list[tuple[Stage, date]]]]) -> list[date]:
    """Each candidate's first stage day, in the candidates' order."""
    return [min(day for _, day in events) for _, events in stages]
