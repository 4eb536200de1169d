"""Demo recruitment pipeline: a requisition behind every hire from October 2015, with the other
candidates who applied, the stages each reached, offers declined and what it all cost.

The channels follow the seeds: the branded microsite from the autumn 2015 campaign, recruitment
fairs, Try Before You Apply visits from 2017, referrals, Step Up and Frontline, and agency staff
converting. Hires who went on to stay came more often through visits, fairs and referrals and had
higher values-based interview scores, and young people sat on more of their panels: the story
the task group should be able to read back out. The Try Before You Apply visits before the
applications come from :mod:`thrive.demo.visits`.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import polars as pl

from thrive.codes.lifecycle import CandidateSource as S
from thrive.codes.lifecycle import DeclineReason, Stage
from thrive.demo.bulk import insert_rows
from thrive.demo.disability import declare_candidates
from thrive.demo.visits import add_visits, application_days
from thrive.frames.workforce import WorkforceFrames
from thrive.lifecycle.models import Candidate, Requisition, StageEvent
from thrive.retention.tenure import AGENCY_CONVERSION
from thrive.workforce.models import Authority

PIPELINE_FROM = date(2015, 10, 1)
MICROSITE_FROM = date(2015, 10, 1)
VISITS_FROM = date(2017, 1, 1)
PANELS_FROM = date(2017, 1, 1)
STAYED: dict[S, float] = {
    S.TRY_BEFORE_YOU_APPLY: 4,
    S.RECRUITMENT_FAIR: 3,
    S.REFERRAL: 3,
    S.MICROSITE: 3,
    S.JOB_BOARD: 2,
    S.SOCIAL_MEDIA: 1,
}
LEFT_SOON: dict[S, float] = {
    S.JOB_BOARD: 5,
    S.SOCIAL_MEDIA: 3,
    S.MICROSITE: 2,
    S.RECRUITMENT_FAIR: 2,
    S.REFERRAL: 1,
    S.TRY_BEFORE_YOU_APPLY: 1,
}
FIXED_SOURCE = {
    "step_up": S.STEP_UP,
    "frontline": S.FRONTLINE,
    AGENCY_CONVERSION: S.AGENCY_CONVERSION,
}
HIRE_COST = {
    S.REFERRAL: 500,
    S.AGENCY_CONVERSION: 2500,
    S.RECRUITMENT_FAIR: 120,
    S.TRY_BEFORE_YOU_APPLY: 60,
}
D = DeclineReason
DECLINES = {
    D.ANOTHER_OFFER: 4,
    D.PAY: 2,
    D.LOCATION: 2,
    D.CASELOAD: 2,
    D.COUNTER_OFFER: 1,
    D.PERSONAL: 1,
}


_CUMULATIVE: dict[tuple[int, bool, bool], tuple[list[S], np.ndarray]] = {}


def _choose(rng: np.random.Generator, weights: dict[S, float], on: date) -> S:
    """A source drawn by weight among those running on ``on``."""
    key = (id(weights), on >= MICROSITE_FROM, on >= VISITS_FROM)
    if key not in _CUMULATIVE:
        allowed = {
            source: weight
            for source, weight in weights.items()
            if not (source is S.MICROSITE and not key[1])
            and not (source is S.TRY_BEFORE_YOU_APPLY and not key[2])
        }
        total = np.cumsum(list(allowed.values()), dtype=float)
        _CUMULATIVE[key] = (list(allowed), total / total[-1])
    sources, cumulative = _CUMULATIVE[key]
    return sources[int(np.searchsorted(cumulative, rng.random(), side="right"))]


def _days(rng: np.random.Generator, low: int, high: int) -> timedelta:
    return timedelta(days=int(rng.integers(low, high + 1)))


class _Pipeline:
    """Collects the rows, then writes them in bulk."""

    def __init__(self, authority: Authority, rng: np.random.Generator) -> None:
        self.authority, self.rng = authority, rng
        self.requisitions: list[Requisition] = []
        self.candidates: list[tuple[int, Candidate]] = []
        self.stages: list[tuple[int, list[tuple[Stage, date]]]] = []

    def requisition(
        self,
        team_id: int,
        post_id: int | None,
        grade: str,
        opened: date,
        closed: date | None,
        advert: float | None,
    ) -> int:
        number = len(self.requisitions) + 1
        self.requisitions.append(
            Requisition(
                authority=self.authority,
                reference=f"REQ{opened.year}-{number:05d}",
                team_id=team_id,
                post_id=post_id,
                grade=grade,
                start_date=opened,
                end_date=closed,
                advert_cost=advert,
            )
        )
        return number - 1

    def candidate(
        self, requisition: int, source: S, stages: list[tuple[Stage, date]], **fields: object
    ) -> None:
        number = len(self.candidates) + 1
        self.candidates.append(
            (requisition, Candidate(reference=f"C{number:06d}", source=str(source), **fields))
        )
        self.stages.append((len(self.candidates) - 1, stages))

    def other_applicants(self, requisition: int, opened: date, route: str, hired: bool) -> None:
        """Applicants who did not get (or did not take) the job."""
        rng = self.rng
        for _ in range(int(rng.integers(2, 6)) + int(rng.poisson(2))):
            source = _choose(rng, LEFT_SOON, opened)
            day = opened + _days(rng, 1, 35)
            stages = [(Stage.APPLIED, day)]
            score, reason = None, ""
            for stage, (low, high), chance in (
                (Stage.SHORTLISTED, (5, 14), 0.55),
                (Stage.INTERVIEWED, (5, 14), 0.7),
                (Stage.OFFERED, (1, 7), 0.25 if hired else 0.4),
            ):
                day += _days(rng, low, high)
                if rng.random() > chance:
                    ending = Stage.WITHDRAWN if rng.random() < 0.25 else Stage.REJECTED
                    stages.append((ending, day))
                    break
                stages.append((stage, day))
                if stage is Stage.INTERVIEWED:
                    score = round(float(np.clip(rng.normal(3.3, 0.7), 0.5, 5)), 1)
            else:  # offered, and turned it down
                keys = list(DECLINES)
                p = np.array(list(DECLINES.values()), dtype=float)
                reason = str(keys[int(rng.choice(len(keys), p=p / p.sum()))])
                stages.append((Stage.WITHDRAWN, day + _days(rng, 1, 10)))
            panel = (rng.random() < 0.6) if opened >= PANELS_FROM else (rng.random() < 0.1)
            self.candidate(
                requisition,
                source,
                stages,
                route=route,
                values_score=score,
                young_people_on_panel=panel if score is not None else None,
                decline_reason=reason,
            )

    def write(self) -> dict[str, int]:
        saved = Requisition.objects.bulk_create(self.requisitions, batch_size=500)
        for requisition, candidate in self.candidates:
            candidate.requisition = saved[requisition]
        declare_candidates(self.authority.demo_seed, self.candidates, self.stages)
        people = Candidate.objects.bulk_create([c for _, c in self.candidates], batch_size=500)
        events = insert_rows(
            StageEvent,
            ("candidate_id", "stage", "date"),
            (
                (people[index].pk, str(stage), day)
                for index, stages in self.stages
                for stage, day in stages
            ),
        )
        visits = add_visits(self.authority, people, saved, application_days(self.stages))
        return {
            "requisitions": len(saved),
            "candidates": len(people),
            "stage_events": events,
            "visits": visits,
        }


def pipeline(
    authority: Authority, frames: WorkforceFrames, stints: pl.DataFrame, rng: np.random.Generator
) -> dict[str, int]:
    """A requisition, candidates and stage events behind each hire since October 2015."""
    work = _Pipeline(authority, rng)
    first_spell = {
        (w, s): (t, p)
        for w, s, t, p in frames.spells.select(
            "worker_id", "start_date", "team_id", "post_id"
        ).iter_rows()
    }
    hires = stints.filter(pl.col("start_date") >= PIPELINE_FROM).sort("start_date", "pseudonym")
    team_ids = dict(frames.teams.select("team", "team_id").iter_rows())
    for row in hires.iter_rows(named=True):
        start, route = row["start_date"], row["route_in"]
        team_id, post_id = first_spell.get(
            (row["worker_id"], start), (team_ids[row["first_team"]], None)
        )
        stayed = not (row["left"] and row["duration_years"] < 2)
        source = FIXED_SOURCE.get(route) or _choose(rng, STAYED if stayed else LEFT_SOON, start)
        accepted = start - _days(rng, 21, 75)
        offered = accepted - _days(rng, 1, 7)
        interviewed = offered - _days(rng, 1, 10)
        shortlisted = interviewed - _days(rng, 5, 14)
        applied = shortlisted - _days(rng, 3, 21)
        opened = applied - _days(rng, 3, 30)
        conversion = source is S.AGENCY_CONVERSION
        advert = (
            None
            if conversion or source in (S.STEP_UP, S.FRONTLINE)
            else float(10 * rng.integers(25, 120))
        )
        index = work.requisition(team_id, post_id, row["first_grade"], opened, accepted, advert)
        score = round(float(np.clip(rng.normal(4.1 if stayed else 3.6, 0.45), 2.5, 5)), 1)
        on_panel = rng.random() < ((0.8 if stayed else 0.45) if opened >= PANELS_FROM else 0.1)
        stages = [
            (Stage.APPLIED, applied),
            (Stage.SHORTLISTED, shortlisted),
            (Stage.INTERVIEWED, interviewed),
            (Stage.OFFERED, offered),
            (Stage.ACCEPTED, accepted),
            (Stage.STARTED, start),
        ]
        cost = HIRE_COST.get(source)
        if route == "international":
            cost = (cost or 0) + 3000
        work.candidate(
            index,
            source,
            stages,
            route=route if route in ("step_up", "frontline") else "",
            values_score=score,
            young_people_on_panel=bool(on_panel),
            cost=cost,
            hired_worker_id=row["worker_id"],
        )
        if not conversion:
            work.other_applicants(index, opened, "", hired=True)
        if rng.random() < 0.12:  # a vacancy advertised and not filled this time
            reopened = opened - _days(rng, 60, 150)
            closed = reopened + _days(rng, 60, 90)
            spent = float(10 * rng.integers(25, 120))
            unfilled = work.requisition(
                team_id, post_id, row["first_grade"], reopened, closed, spent
            )
            work.other_applicants(unfilled, reopened, "", hired=False)
    return work.write()
