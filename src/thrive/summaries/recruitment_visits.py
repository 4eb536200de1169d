"""The Recruitment page's first step: Try Before You Apply visits, and where the visitors went.

The visitors' funnel follows every visit to the application it led to (visited, applied, ...,
started), and two tables give the conversion from visit to application by how the visitor
heard of the visits and by their career stage. Visitors who applied or started are people:
outside HR a group's count of 1 to 4 is withheld, with the next smallest where it alone would
give it away from the total, and its share with it. With no visit recorded the page says so
instead of showing a step of nought.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from thrive.codes.lifecycle import CandidateSource, Stage, VisitorStage
from thrive.summaries.recruitment_results import RecruitmentResult, VisitsApplied
from thrive.summaries.suppression import shown_parts

NOT_RECORDED = "not_recorded"


@dataclass(frozen=True)
class VisitStepRow:
    stage: str
    visits: str
    from_previous: str
    from_visit: str


@dataclass(frozen=True)
class VisitGroupRow:
    group: str
    visits: str
    applied: str
    applied_share: str
    started: str


@dataclass(frozen=True)
class Visits:
    """What the page shows: ``recorded`` (any visit), the funnel from the visit, and the
    conversion by source and by career stage."""

    recorded: bool
    total: str = "0"
    steps: list[VisitStepRow] = field(default_factory=list)
    by_source: list[VisitGroupRow] = field(default_factory=list)
    by_career_stage: list[VisitGroupRow] = field(default_factory=list)


def _label(value: str) -> str:
    if value == NOT_RECORDED:
        return "Not recorded"
    for code in (Stage, CandidateSource, VisitorStage):
        try:
            return str(code(value).label)
        except ValueError:
            continue
    return "Visited" if value == "visited" else value


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}%"


def _groups(
    rows: list[VisitsApplied], named: bool, applied: int, started: int
) -> list[VisitGroupRow]:
    applied_shown = shown_parts([r.applied for r in rows], named=named, total=applied)
    started_shown = shown_parts([r.started for r in rows], named=named, total=started)
    return [
        VisitGroupRow(
            group=_label(row.group),
            visits=f"{row.visits:,}",
            applied=str(went),
            applied_share="–" if went.suppressed else _pct(row.applied_pct),
            started=str(began),
        )
        for row, went, began in zip(rows, applied_shown, started_shown, strict=True)
    ]


def visits_part(summary: RecruitmentResult, *, named: bool) -> Visits:
    steps = summary.visit_funnel
    if not steps or steps[0].visits == 0:
        return Visits(recorded=False)
    reached = {row.stage: row.visits for row in steps}
    applied, started = reached.get("applied", 0), reached.get("started", 0)
    return Visits(
        recorded=True,
        total=f"{steps[0].visits:,}",
        steps=[
            VisitStepRow(
                _label(row.stage),
                f"{row.visits:,}",
                _pct(row.from_previous_pct),
                _pct(row.from_visit_pct),
            )
            for row in steps
        ],
        by_source=_groups(summary.visits_by_source, named, applied, started),
        by_career_stage=_groups(summary.visits_by_career_stage, named, applied, started),
    )
