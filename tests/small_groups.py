"""The generated councils of the small-number tests (tests/web/test_small_numbers.py for the
pages, tests/api/test_small_numbers.py for the API and the board pack): a steady team of seven
and a tiny team of 1 to 4 generated workers (starts, leavings and exit interviews, absence,
supervision, appraisals, survey answers, hires by source and panel, routes into social work),
and how the tests count the tiny group's people."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import User
from hypothesis import strategies as st

import factories
from thrive.codes import (
    CareerGrade,
    LeaverDestination,
    ReasonAbsence,
    ReasonLeave,
    Role,
    Route,
    SupervisionKind,
)
from thrive.codes.lifecycle import CandidateSource, ExitMethod, LeavingReason, SurveyKind
from thrive.lifecycle.models import (
    Candidate,
    ExitInterview,
    Requisition,
    StageEvent,
    SurveyAnswer,
    SurveyItem,
    SurveyResponse,
    SurveyWave,
)
from thrive.workforce import models

AS_AT = date(2025, 9, 30)
YEAR_START = date(2024, 10, 1)


TINY_SOURCES = [CandidateSource.FRONTLINE, CandidateSource.REFERRAL]
HIRED = ("applied", "shortlisted", "interviewed", "offered", "accepted", "started")


@dataclass(frozen=True)
class Person:
    start: date
    left: date | None
    grade: CareerGrade
    fte: str
    reason: LeavingReason
    supervised_weeks_ago: int | None
    appraisal_due: date | None
    sick_days: int
    source: CandidateSource = CandidateSource.FRONTLINE
    panel: bool = True
    route: Route = Route.FRONTLINE


@st.composite
def people(draw: st.DrawFn) -> Person:
    start = draw(st.dates(date(2014, 1, 1), date(2025, 8, 1)))
    leaves = draw(st.booleans())
    left = draw(st.dates(start + timedelta(days=30), AS_AT)) if leaves else None
    return Person(
        start=start,
        left=left,
        grade=draw(st.sampled_from([CareerGrade.SOCIAL_WORKER, CareerGrade.ASYE])),
        fte=draw(st.sampled_from(["1", "0.8", "0.5"])),
        reason=draw(st.sampled_from(list(LeavingReason))),
        supervised_weeks_ago=draw(st.none() | st.integers(0, 10)),
        appraisal_due=draw(st.none() | st.dates(date(2025, 6, 1), date(2025, 11, 30))),
        sick_days=draw(st.integers(0, 15)),
        source=draw(st.sampled_from(TINY_SOURCES)),
        panel=draw(st.booleans()),
        route=draw(st.sampled_from([Route.FRONTLINE, Route.STEP_UP])),
    )


STEADY_LEFT = date(2023, 6, 30)  # collection year 2023
STEADY_REASONS = [LeavingReason.WORKLOAD, LeavingReason.PAY, LeavingReason.CULTURE]


def _store(tiny: list[Person], steady_reasons: list[LeavingReason]) -> dict[str, object]:
    la = factories.authority(la_number="995", name="Smallhampton Council")
    big = factories.team(la, name="Steady Team", service="Steady Service")
    small = factories.team(la, name="Tiny Team", service="Tiny Service")
    for team in (big, small):  # a vacant post in each, so both have a row of vacancies
        models.EstablishmentPost.objects.create(
            team=team,
            reference="VAC1",
            grade=CareerGrade.SOCIAL_WORKER.value,
            funded_fte=Decimal("1"),
            start_date=date(2014, 1, 1),
        )
    wave = SurveyWave.objects.create(
        authority=la, name="Autumn 2025", kind=SurveyKind.ALL_STAFF.value, start_date=AS_AT
    )
    item = SurveyItem.objects.create(authority=la, code="supported", text="I feel supported")
    steady = []
    for i in range(7):
        grade = CareerGrade.TEAM_MANAGER if i == 0 else CareerGrade.SOCIAL_WORKER
        w = factories.worker(la)
        factories.spell(w, big, date(2018, 4, 1), grade=grade, start_origin=2)
        _hire(w, big, date(2018, 4, 1), CandidateSource.JOB_BOARD, panel=False)
        steady.append(w)
        _answer(wave, item, big, 4)
    for reason in steady_reasons:  # a year of 5 or more interviews, some reasons given by 1-4
        w = factories.worker(la)
        spell = factories.spell(
            w,
            big,
            date(2018, 4, 1),
            STEADY_LEFT,
            start_origin=2,
            reason_leave=ReasonLeave.RESIGNATION.value,
            leaver_destination=LeaverDestination.OTHER_LA_ENGLAND.value,
        )
        ExitInterview.objects.create(
            worker=w,
            leaving_spell=spell,
            date=STEADY_LEFT,
            method=ExitMethod.INTERVIEW.value,
            primary_reason=reason.value,
            would_return=False,
            would_recommend=True,
        )
    for n, p in enumerate(tiny):
        w = factories.worker(la, route=p.route)
        _hire(w, small, p.start, p.source, panel=p.panel)
        post = models.EstablishmentPost.objects.create(
            team=small,
            reference=f"P{n}",
            grade=p.grade.value,
            funded_fte=Decimal("1"),
            start_date=date(2014, 1, 1),
        )
        ending = {}
        if p.left is not None:
            ending = {
                "reason_leave": ReasonLeave.RESIGNATION.value,
                "leaver_destination": LeaverDestination.OTHER_LA_ENGLAND.value,
            }
        spell = factories.spell(
            w,
            small,
            p.start,
            p.left,
            grade=p.grade,
            fte=p.fte,
            start_origin=2,
            post=post,
            **ending,
        )
        if _in_post(p, AS_AT):
            _answer(wave, item, small, 2)
        if p.left is not None:
            ExitInterview.objects.create(
                worker=w,
                leaving_spell=spell,
                date=p.left,
                method=ExitMethod.INTERVIEW.value,
                primary_reason=p.reason.value,
                would_return=True,
                would_recommend=False,
            )
        if p.supervised_weeks_ago is not None:
            models.Supervision.objects.create(
                worker=w,
                date=AS_AT - timedelta(weeks=p.supervised_weeks_ago),
                kind=SupervisionKind.INDIVIDUAL.value,
            )
        if p.appraisal_due is not None:
            models.Appraisal.objects.create(
                worker=w, cycle="2025/26", due_date=p.appraisal_due, completed_date=None
            )
        first = max(p.start, YEAR_START)
        last = first + timedelta(days=p.sick_days - 1)
        if p.sick_days and last <= (p.left or AS_AT):
            models.AbsenceEpisode.objects.create(
                worker=w,
                start_date=first,
                end_date=last,
                working_days_lost=Decimal(p.sick_days),
                reason=ReasonAbsence.SICKNESS.value,
            )
    users = {}
    for name, spec in {
        "lead": {"role": Role.LEADERSHIP},
        "tm.steady": {"role": Role.TEAM_MANAGER, "team": big, "worker": steady[0]},
        "tm.tiny": {"role": Role.TEAM_MANAGER, "team": small},
        "hr": {"role": Role.HR_ADMIN},
    }.items():
        user = User.objects.create(username=f"small.{name}")
        role = spec.pop("role")
        models.UserAccess.objects.create(user=user, authority=la, role=role.value, **spec)
        users[name] = user
    return {"users": users, "tiny_team": small.pk}


def _hire(
    w: models.Worker, team: models.Team, start: date, source: CandidateSource, *, panel: bool
) -> None:
    """A vacancy of the team's filled by ``w``, from ``source``, started on ``start``."""
    opened = start - timedelta(days=90)
    requisition = Requisition.objects.create(
        authority=w.authority,
        reference=f"R{w.pk}",
        team=team,
        grade=CareerGrade.SOCIAL_WORKER.value,
        start_date=opened,
        advert_cost=Decimal("500"),
    )
    candidate = Candidate.objects.create(
        requisition=requisition,
        reference=f"C{w.pk}",
        source=source.value,
        young_people_on_panel=panel,
        values_score=Decimal("4.0"),
        cost=Decimal("100"),
        hired_worker=w,
    )
    for step, stage in enumerate(HIRED):
        day = start if stage == "started" else opened + timedelta(days=10 * (step + 1))
        StageEvent.objects.create(candidate=candidate, stage=stage, date=day)


def _answer(wave: SurveyWave, item: SurveyItem, team: models.Team, score: int) -> None:
    response = SurveyResponse.objects.create(wave=wave, team=team)
    SurveyAnswer.objects.create(response=response, item=item, score=score)


def _in_post(p: Person, on: date) -> bool:
    return p.start <= on and (p.left is None or p.left > on)


def _tiny_group(tiny: list[Person]) -> int:
    """The people the tiny service's figures are about, as this test counts them."""
    on_day = sum(_in_post(p, AS_AT) for p in tiny)
    in_year = sum(p.start <= AS_AT and (p.left is None or p.left >= YEAR_START) for p in tiny)
    counted = [n for n in (on_day, in_year) if n > 0]
    return min(counted) if counted else 0
