"""View model: the recruitment pipeline and which channels deliver hires who stay."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date

import polars as pl

from thrive.retention.curves import RetentionCurves
from thrive.retention.disability import disabled_by_stage, interview_check
from thrive.retention.errors import InsufficientDataError
from thrive.retention.funnel import declined_offers, funnel, hire_stints, time_and_cost
from thrive.retention.tenure import tenure
from thrive.retention.visits import visit_funnel, visits_applied
from thrive.summaries.results_common import (
    JsonRow,
    Loaded,
    LogRank,
    latest_day,
    log_rank,
    rows,
    typed,
)


@dataclass(frozen=True)
class FunnelStage:
    """How many candidates reached a stage, and the conversion from the stage before and from
    applying."""

    candidates: int
    stage: str
    step: int
    from_previous_pct: float | None
    from_applied_pct: float | None


@dataclass(frozen=True)
class TimeAndCost:
    """Median days to hire and cost per hire (None: no hire had a cost recorded)."""

    hires: int
    started: int
    median_days_to_accept: float | None
    median_days_to_start: float | None
    median_days_open_to_accept: float | None
    costed_hires: int
    total_cost: float | None
    mean_values_score: float | None
    cost_per_hire: float | None


@dataclass(frozen=True)
class DeclinedOffers:
    """Offers declined for one reason, and their share of all declined offers."""

    decline_reason: str
    declined: int
    label: str | None
    share_pct: float | None


@dataclass(frozen=True)
class StayedCohort:
    """Hires from one source (or panel): how many, and their 1- and 2-year retention."""

    cohort: str
    people: int
    leavers: int
    retained_1y: float | None
    retained_2y: float | None
    retained_2y_lower: float | None
    retained_2y_upper: float | None


@dataclass(frozen=True)
class HiresWhoStay:
    """Retention of hires by one cohort (source, or young people on the panel)."""

    cohorts: list[StayedCohort]
    log_rank: LogRank | None


@dataclass(frozen=True)
class DisabledAtStage:
    """Candidates reaching a stage: how many said whether they are disabled, how many are, and
    the share disabled of those who said (None where no one did)."""

    stage: str
    step: int
    candidates: int
    declared: int
    disabled: int
    disabled_pct: float | None


@dataclass(frozen=True)
class InterviewCheck:
    """A disabled candidate who met the minimum criteria and had no interview (``flagged``
    false: they withdrew). ``criteria``: "recorded" or "shortlisted" (how it is known)."""

    reference: str
    requisition: str | None
    team: str | None
    grade: str | None
    applied: str | None
    criteria: str
    status: str
    flagged: bool


@dataclass(frozen=True)
class VisitStage:
    """How many Try Before You Apply visits reached a step (``visited``, then the funnel's
    stages), and the conversion from the step before and from the visit."""

    stage: str
    step: int
    visits: int
    from_previous_pct: float | None
    from_visit_pct: float | None


@dataclass(frozen=True)
class VisitsApplied:
    """Visits in one group (a source, or a career stage; ``group``) and how many applied and
    started."""

    group: str
    visits: int
    applied: int
    started: int
    applied_pct: float | None


@dataclass(frozen=True)
class RecruitmentResult:
    """:func:`recruitment_summary`. ``funnel_by`` and ``time_and_cost_by`` lead with the ``by``
    column, so stay rows of plain values (the columns of ``funnel`` and ``time_and_cost``
    after it); ``hires_who_stay`` has "source" and "panel" where there are hires to follow."""

    authority: str
    as_at: str
    funnel: list[FunnelStage]
    funnel_by: list[JsonRow]
    time_and_cost: list[TimeAndCost]
    time_and_cost_by: list[JsonRow]
    declined_offers: list[DeclinedOffers]
    hires_who_stay: dict[str, HiresWhoStay]
    note: str
    # the first and last day any candidate's stage is recorded (ISO; None in results kept
    # before these were worked out, or with no stage recorded): the period the figures cover
    recorded_from: str | None = None
    recorded_to: str | None = None
    # disabled applicants at each stage, and the guaranteed-interview check
    disabled_by_stage: list[DisabledAtStage] = field(default_factory=list)
    interview_check: list[InterviewCheck] = field(default_factory=list)
    # Try Before You Apply visits: the funnel from the visit, and visit to application by how
    # the visitor heard and by their career stage (all empty where no visit is recorded)
    visit_funnel: list[VisitStage] = field(default_factory=list)
    visits_by_source: list[VisitsApplied] = field(default_factory=list)
    visits_by_career_stage: list[VisitsApplied] = field(default_factory=list)


STAYED = tuple(f.name for f in fields(StayedCohort))


def recruitment_summary(
    data: Loaded, by: str | None = "source", as_at: date | None = None
) -> RecruitmentResult:
    """The funnel (whole and by ``by``), time and cost per hire, declined offers, and 1- and
    2-year retention of hires by source and by whether young people sat on the panel."""
    day = as_at or latest_day(data.frames)
    stayed: dict[str, HiresWhoStay] = {}
    hires = hire_stints(data.lifecycle, tenure(data.frames, day))
    for cohort in ("source", "panel"):
        try:
            curves = RetentionCurves(by=cohort).fit(hires)
        except InsufficientDataError:
            continue
        stayed[cohort] = HiresWhoStay(
            cohorts=typed(StayedCohort, rows(curves.summary.select(STAYED))),
            log_rank=log_rank(curves.log_rank_),
        )
    return RecruitmentResult(
        authority=data.authority,
        as_at=day.isoformat(),
        funnel=typed(FunnelStage, rows(funnel(data.lifecycle))),
        funnel_by=rows(funnel(data.lifecycle, by=by)) if by else [],
        time_and_cost=typed(TimeAndCost, rows(time_and_cost(data.lifecycle))),
        time_and_cost_by=rows(time_and_cost(data.lifecycle, by=by)) if by else [],
        declined_offers=typed(DeclinedOffers, rows(declined_offers(data.lifecycle))),
        hires_who_stay=stayed,
        recorded_from=_iso(data.lifecycle.stages["date"].min()),
        recorded_to=_iso(data.lifecycle.stages["date"].max()),
        disabled_by_stage=typed(DisabledAtStage, rows(disabled_by_stage(data.lifecycle))),
        interview_check=typed(InterviewCheck, rows(_checked(data))),
        visit_funnel=typed(VisitStage, rows(visit_funnel(data.lifecycle))),
        visits_by_source=_visits_by(data, "source"),
        visits_by_career_stage=_visits_by(data, "career_stage"),
        note="Cost per hire adds each candidate's own costs to the advertising of their "
        "vacancy shared between its hires; the overall figure also counts adverts that "
        "filled nobody.",
    )


def _checked(data: Loaded) -> pl.DataFrame:
    """The guaranteed-interview check with each vacancy's team by name."""
    teams = data.frames.teams.select("team_id", "team")
    return (
        interview_check(data.lifecycle)
        .join(teams, on="team_id", how="left", maintain_order="left")
        .select("reference", "requisition", "team", "grade", "applied", "criteria", "status",
                "flagged")
    )  # fmt: skip


def _visits_by(data: Loaded, by: str) -> list[VisitsApplied]:
    table = visits_applied(data.lifecycle, by).rename({by: "group"})
    return typed(VisitsApplied, rows(table))


def _iso(day: object) -> str | None:
    return day.isoformat() if isinstance(day, date) else None
