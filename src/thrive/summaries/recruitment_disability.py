"""The Recruitment page's part on disabled applicants: their share at each stage, and the
guaranteed-interview check.

The council offers an interview to every disabled applicant who meets the minimum criteria
(Disability Confident). Those who met them and had no interview are listed by candidate
reference for HR only; anyone else sees how many there are, a number of 1 to 4 withheld, as
everywhere. A stage's disabled share is withheld outside HR where the disabled candidates
there, or the others who declared, are 1 to 4.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from thrive.codes import CareerGrade
from thrive.codes.lifecycle import Stage
from thrive.summaries.recruitment_results import RecruitmentResult
from thrive.summaries.suppression import shown_count


@dataclass(frozen=True)
class DisabledStageRow:
    stage: str
    candidates: str
    declared: str
    disabled: str
    share: str


@dataclass(frozen=True)
class InterviewRow:
    candidate: str
    vacancy: str
    team: str
    grade: str
    applied: str
    criteria: str
    status: str


@dataclass(frozen=True)
class DisabledApplicants:
    """What the page shows: ``declared`` (anyone said either way), the stage table, how many
    are flagged (and withdrew) as shown to this viewer, and the list, for HR only."""

    declared: bool
    stages: list[DisabledStageRow]
    flagged: str
    flagged_count: int | None
    withdrew: str
    listed: list[InterviewRow] = field(default_factory=list)


def _label(code: type[Stage] | type[CareerGrade], value: str | None) -> str:
    try:
        return str(code(value).label) if value else "–"
    except ValueError:
        return str(value)


def _day(value: str | None) -> str:
    return f"{date.fromisoformat(value):%-d %B %Y}" if value else "not recorded"


def disabled_applicants(summary: RecruitmentResult, *, named: bool) -> DisabledApplicants:
    stages = []
    for row in summary.disabled_by_stage:
        disabled = shown_count(row.disabled, named=named, within=row.declared)
        share = (
            "–" if disabled.suppressed or row.disabled_pct is None else f"{row.disabled_pct:.0f}%"
        )
        stages.append(
            DisabledStageRow(
                stage=_label(Stage, row.stage),
                candidates=f"{row.candidates:,}",
                declared=f"{row.declared:,}",
                disabled=str(disabled),
                share=share,
            )
        )
    checked = summary.interview_check
    flagged = shown_count(sum(1 for c in checked if c.flagged), named=named)
    withdrew = shown_count(sum(1 for c in checked if not c.flagged), named=named)
    listed = [
        InterviewRow(
            candidate=c.reference,
            vacancy=c.requisition or "–",
            team=c.team or "–",
            grade=_label(CareerGrade, c.grade),
            applied=_day(c.applied),
            criteria="Recorded as met" if c.criteria == "recorded" else "Shortlisted",
            status=c.status,
        )
        for c in checked
        if named and c.flagged
    ]
    return DisabledApplicants(
        declared=any(row.declared for row in summary.disabled_by_stage),
        stages=stages,
        flagged=str(flagged),
        flagged_count=flagged.value,
        withdrew=str(withdrew),
        listed=listed,
    )
