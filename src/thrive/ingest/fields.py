"""The canonical fields of each kind of HR extract: Thrive's column names, types and meanings.

A council's own column names are mapped onto these by a profile (:mod:`thrive.ingest.profiles`);
``thrive import template KIND`` writes them as an empty template, and ``docs/importing.md``
documents each one. A field with a code list accepts the code or its label
(``social_worker`` or ``Social worker``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from thrive import codes

KINDS = ("staff", "leavers", "absence", "supervision", "appraisal", "caseloads", "posts")


@dataclass(frozen=True)
class FieldSpec:
    """One canonical column."""

    name: str
    label: str
    value_type: str  # text | date | decimal | integer | code
    doc: str
    required: bool = False
    codes: type[Enum] | None = None
    min: Decimal | None = None
    max: Decimal | None = None
    above_min: bool = False  # the value must be more than ``min``, not equal to it
    warn_above: Decimal | None = None
    max_length: int = 120
    example: str = ""

    def expected(self) -> str:
        if self.codes is not None:
            listed = ", ".join(f"{m.value} ({getattr(m, 'label', m.value)})" for m in self.codes)
            return f"one of {listed}"
        if self.value_type == "date":
            return "a date (e.g. 2024-09-30, 30/09/2024 or an Excel date)"
        if self.value_type in ("decimal", "integer"):
            kind = "a whole number" if self.value_type == "integer" else "a number"
            bounds = []
            if self.min is not None:
                bounds.append(f"more than {self.min}" if self.above_min else f"at least {self.min}")
            if self.max is not None:
                bounds.append(f"at most {self.max}")
            return kind + (" " + " and ".join(bounds) if bounds else "")
        return f"text of at most {self.max_length} characters"


def _f(name: str, label: str, type_: str, doc: str, **extra: object) -> FieldSpec:
    return FieldSpec(name, label, type_, doc, **extra)  # type: ignore[arg-type]


WORKER_ID = _f(
    "worker_id",
    "Worker ID",
    "text",
    "The council's stable id for the person (HR employee number); becomes the worker's "
    "pseudonymous id. Either this or swe_number identifies the worker.",
    max_length=16,
    example="E012345",
)
SWE_NUMBER = _f(
    "swe_number",
    "SWE number",
    "text",
    "Social Work England registration number, e.g. SW123456.",
    max_length=12,
    example="SW123456",
)
FTE: dict[str, object] = {"min": Decimal(0), "max": Decimal(1), "above_min": True}

FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    "staff": (
        WORKER_ID,
        SWE_NUMBER,
        _f(
            "name",
            "Name",
            "text",
            "Name, shown only to the worker's managers.",
            example="Sam Jones",
        ),
        _f("birth_date", "Date of birth", "date", "Date of birth.", example="1985-04-01"),
        _f("sex", "Sex", "code", "Sex.", codes=codes.Sex, example="F"),
        _f(
            "ethnicity",
            "Ethnicity",
            "code",
            "Census ethnicity code.",
            codes=codes.Ethnicity,
            example="WBRI",
        ),
        _f(
            "qualification_level",
            "Qualification level",
            "code",
            "Level of the social work qualification.",
            codes=codes.QualLevel,
            example="1",
        ),
        _f(
            "route",
            "Route",
            "code",
            "Route into social work.",
            codes=codes.Route,
            example="experienced",
        ),
        _f(
            "team",
            "Team",
            "text",
            "The team's name, as already in Thrive (posts extract or admin).",
            required=True,
            example="Child Protection North",
        ),
        _f(
            "grade",
            "Grade",
            "code",
            "Local career grade.",
            required=True,
            codes=codes.CareerGrade,
            example="social_worker",
        ),
        _f(
            "org_role",
            "Census OrgRole",
            "code",
            "Census OrgRole; taken from the grade if empty.",
            codes=codes.OrgRole,
            example="5",
        ),
        _f(
            "contract_type",
            "Contract type",
            "code",
            "Permanent, fixed-term or agency.",
            required=True,
            codes=codes.ContractType,
            example="permanent",
        ),
        _f(
            "fte",
            "FTE",
            "decimal",
            "Contracted hours over the standard week, more than 0, at most 1.",
            required=True,
            example="1",
            **FTE,
        ),
        _f(
            "start_date",
            "Start date",
            "date",
            "First day of this spell (a change of team, grade or FTE starts a new one).",
            required=True,
            example="2021-04-01",
        ),
        _f(
            "end_date",
            "End date",
            "date",
            "Last day of this spell; empty while current.",
            example="",
        ),
        _f(
            "start_origin",
            "Start origin",
            "code",
            "Census StartOrigin, for the spell that starts the worker's time here.",
            codes=codes.StartOrigin,
            example="2",
        ),
        _f(
            "reason_leave",
            "Reason for leaving",
            "code",
            "Census ReasonLeave, only when this spell ends with the worker leaving.",
            codes=codes.ReasonLeave,
            example="",
        ),
        _f(
            "leaver_destination",
            "Leaver destination",
            "code",
            "Census LeaverDestination, with the reason for leaving.",
            codes=codes.LeaverDestination,
            example="",
        ),
        _f(
            "day_rate",
            "Day rate",
            "decimal",
            "Agency day rate in pounds.",
            min=Decimal(0),
            example="",
        ),
        _f(
            "post_reference",
            "Post reference",
            "text",
            "The establishment post occupied (posts extract reference).",
            max_length=24,
            example="CPN-004",
        ),
    ),
    "leavers": (
        WORKER_ID,
        SWE_NUMBER,
        _f(
            "leaving_date",
            "Leaving date",
            "date",
            "Last day of employment.",
            required=True,
            example="2024-06-30",
        ),
        _f(
            "reason_leave",
            "Reason for leaving",
            "code",
            "Census ReasonLeave.",
            required=True,
            codes=codes.ReasonLeave,
            example="1",
        ),
        _f(
            "leaver_destination",
            "Leaver destination",
            "code",
            "Census LeaverDestination.",
            required=True,
            codes=codes.LeaverDestination,
            example="1",
        ),
    ),
    "absence": (
        WORKER_ID,
        SWE_NUMBER,
        _f(
            "start_date",
            "Start date",
            "date",
            "First day of the absence.",
            required=True,
            example="2024-01-08",
        ),
        _f(
            "end_date",
            "End date",
            "date",
            "Last day of the absence.",
            required=True,
            example="2024-01-12",
        ),
        _f(
            "reason",
            "Reason",
            "code",
            "Census ReasonAbsence.",
            required=True,
            codes=codes.ReasonAbsence,
            example="SIC",
        ),
        _f(
            "working_days_lost",
            "Working days lost",
            "decimal",
            "Working days lost (FTE-adjusted as the census asks).",
            required=True,
            min=Decimal(0),
            warn_above=Decimal(253),
            example="5",
        ),
    ),
    "supervision": (
        WORKER_ID,
        SWE_NUMBER,
        _f("date", "Date", "date", "Date of the session.", required=True, example="2024-03-14"),
        _f(
            "kind",
            "Kind",
            "code",
            "Individual, group or reflective.",
            required=True,
            codes=codes.SupervisionKind,
            example="individual",
        ),
        _f(
            "supervisor_id",
            "Supervisor ID",
            "text",
            "The supervisor's worker_id, if known.",
            max_length=16,
            example="E000777",
        ),
    ),
    "appraisal": (
        WORKER_ID,
        SWE_NUMBER,
        _f(
            "cycle",
            "Cycle",
            "text",
            "The appraisal year, e.g. 2023/24.",
            required=True,
            max_length=9,
            example="2023/24",
        ),
        _f(
            "due_date",
            "Due date",
            "date",
            "When the appraisal was due.",
            required=True,
            example="2024-03-31",
        ),
        _f(
            "completed_date",
            "Completed date",
            "date",
            "When it was done; empty if not yet.",
            example="2024-03-20",
        ),
    ),
    "caseloads": (
        WORKER_ID,
        SWE_NUMBER,
        _f(
            "date",
            "Date",
            "date",
            "The date the cases were counted.",
            required=True,
            example="2024-09-30",
        ),
        _f(
            "cases",
            "Cases",
            "integer",
            "Cases held (one per child, as the Department counts).",
            required=True,
            min=Decimal(0),
            warn_above=Decimal(40),
            example="16",
        ),
        _f(
            "children",
            "Children",
            "integer",
            "Children on the caseload.",
            min=Decimal(0),
            example="18",
        ),
        _f(
            "weighted_points",
            "Weighted points",
            "decimal",
            "Workload points (100 = a full-time worker's capacity).",
            min=Decimal(0),
            example="92.5",
        ),
    ),
    "posts": (
        _f(
            "service",
            "Service",
            "text",
            "The service the team belongs to.",
            required=True,
            example="Safeguarding",
        ),
        _f(
            "team",
            "Team",
            "text",
            "The team's name.",
            required=True,
            example="Child Protection North",
        ),
        _f(
            "team_kind",
            "Team kind",
            "code",
            "What the team does (for a team new to Thrive).",
            codes=codes.TeamKind,
            example="child_protection",
        ),
        _f(
            "reference",
            "Post reference",
            "text",
            "The council's post number.",
            required=True,
            max_length=24,
            example="CPN-004",
        ),
        _f(
            "grade",
            "Grade",
            "code",
            "Grade of the post.",
            required=True,
            codes=codes.CareerGrade,
            example="social_worker",
        ),
        _f(
            "funded_fte",
            "Funded FTE",
            "decimal",
            "Funded FTE, more than 0, at most 1.",
            required=True,
            example="1",
            **FTE,
        ),
        _f(
            "start_date",
            "Start date",
            "date",
            "When the post was established.",
            required=True,
            example="2020-04-01",
        ),
        _f(
            "end_date",
            "End date",
            "date",
            "When the post was deleted; empty while it exists.",
            example="",
        ),
    ),
}
