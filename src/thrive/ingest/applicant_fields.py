"""The columns of an applicant-tracking export: one row per candidate for one requisition.

Applicant-tracking systems export one row per application with the vacancy's details repeated
and a date column per stage. A council's own headings and codes are mapped onto these names by
a profile (:mod:`thrive.ingest.applicant_file`); Thrive's names and labels are always accepted.
"""

from __future__ import annotations

from decimal import Decimal

from thrive.codes import CareerGrade, Route, TextCode
from thrive.codes.disability import Disability
from thrive.codes.lifecycle import CandidateSource, DeclineReason, Stage
from thrive.ingest.fields import FieldSpec


class YesNo(TextCode):
    """A yes/no answer (``yes``, ``no``, or the labels ``Yes``/``No``; ``y``/``n`` too)."""

    YES = "yes", "Yes"
    NO = "no", "No"
    Y = "y", "Y"
    N = "n", "N"
    TRUE = "true", "True"
    FALSE = "false", "False"


def _f(name: str, label: str, value_type: str, doc: str, **extra: object) -> FieldSpec:
    return FieldSpec(name, label, value_type, doc, **extra)  # type: ignore[arg-type]


STAGE_FIELDS = tuple(str(stage) for stage in Stage)
MONEY: dict[str, object] = {"min": Decimal(0), "max": Decimal(1_000_000), "places": 2}

APPLICANT_FIELDS: tuple[FieldSpec, ...] = (
    _f("requisition", "Requisition", "text", "The vacancy's reference.", required=True,
       max_length=32, example="REQ2024-0012"),
    _f("team", "Team", "text", "The team the vacancy is in (Thrive's team name).", required=True,
       example="Child Protection North"),
    _f("grade", "Grade", "code", "The vacancy's career grade.", required=True, codes=CareerGrade,
       example="social_worker"),
    _f("post_reference", "Post reference", "text", "The establishment post being filled.",
       max_length=24, example="CPN-SW-03"),
    _f("opened", "Opened", "date", "When the vacancy was opened.", required=True,
       example="2024-01-08"),
    _f("closed", "Closed", "date", "When the vacancy was closed, if it has been."),
    _f("advert_cost", "Advert cost", "decimal", "Advertising for the vacancy, in pounds.",
       **MONEY),
    _f("candidate", "Candidate", "text", "The candidate's reference in the tracking system; "
       "empty on the one row of a requisition no one has applied to yet (its other candidate "
       "columns empty too).", required=True, max_length=32, example="C004211"),
    _f("source", "Source", "code", "Where the candidate came from (needed for a candidate).",
       required=True, codes=CandidateSource, example="try_before_you_apply"),
    _f("route", "Route", "code", "Route into social work, if a graduate scheme.", codes=Route),
    *(
        _f(stage, f"{stage.capitalize()} date", "date", f"When the candidate {stage_label}.")
        for stage, stage_label in (
            ("applied", "applied"), ("shortlisted", "was shortlisted"),
            ("interviewed", "was interviewed"), ("offered", "was offered the job"),
            ("accepted", "accepted"), ("started", "started work"),
            ("withdrawn", "withdrew"), ("rejected", "was turned down"),
        )
    ),
    _f("values_score", "Values score", "decimal", "Values-based interview score (0-5).",
       min=Decimal(0), max=Decimal(5), places=1),
    _f("young_people_on_panel", "Young people on panel", "code",
       "Did young people sit on the interview panel?", codes=YesNo),
    _f("decline_reason", "Decline reason", "code", "Why an offer was turned down.",
       codes=DeclineReason),
    _f("cost", "Candidate cost", "decimal", "Costs for this candidate (fees, relocation), pounds.",
       **MONEY),
    _f("worker", "Worker", "text", "The hired worker's Thrive pseudonym or SWE number.",
       max_length=16),
    _f("disability", "Disability", "code", "Whether the candidate declared a disability: yes, "
       "no, prefer_not_to_say or not_known (also Y, N, Disabled, Prefer not to say; empty: not "
       "known).", codes=Disability, example="no"),
    _f("met_minimum_criteria", "Met minimum criteria", "code", "Did shortlisting find the "
       "candidate met the job's minimum criteria? (A disabled candidate who did is guaranteed "
       "an interview.)", codes=YesNo),
)  # fmt: skip
"""Every column an applicant export may carry."""

BY_NAME = {spec.name: spec for spec in APPLICANT_FIELDS}
CANDIDATE_ONLY = (
    "source", "route", *STAGE_FIELDS, "values_score", "young_people_on_panel",
    "decline_reason", "cost", "worker", "disability", "met_minimum_criteria",
)  # fmt: skip
"""The columns about a candidate: empty on a requisition's row with no candidate."""
REQUISITION_FIELDS = ("team", "grade", "post_reference", "opened", "closed", "advert_cost")
