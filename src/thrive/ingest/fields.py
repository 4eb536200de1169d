"""The canonical fields of each kind of HR extract: Thrive's column names, types and meanings.

A council's own column names are mapped onto these by a profile (:mod:`thrive.ingest.profiles`);
``thrive import template KIND`` writes them as an empty template, and ``docs/importing.md``
documents each one. A field with a code list accepts the code or its label
(``social_worker`` or ``Social worker``).
"""

from __future__ import annotations

from decimal import Decimal

from thrive import codes
from thrive.codes.disability import Disability
from thrive.codes.staff import StaffGroup
from thrive.ingest.allocation_fields import ALLOCATION_FIELDS, ALLOCATION_LABELS
from thrive.ingest.field_spec import FTE, SWE_NUMBER, WORKER_ID, FieldSpec
from thrive.ingest.field_spec import spec as _f
from thrive.ingest.record_fields import RECORD_FIELDS, RECORD_LABELS
from thrive.ingest.trainee_fields import TRAINEE_FIELDS, TRAINEE_LABELS
from thrive.ingest.training_fields import TRAINING_FIELDS, TRAINING_LABELS
from thrive.ingest.visit_fields import VISIT_FIELDS, VISIT_LABELS

__all__ = ["FIELDS", "KINDS", "NO_WORKER", "FieldSpec", "kind_label"]

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
            "qualified_on",
            "Qualified on",
            "date",
            "The day the worker qualified as a social worker (shown on the worker's page).",
            example="2014-07-01",
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
            "disability",
            "Disability",
            "code",
            "Whether the worker declares a disability: yes, no, prefer_not_to_say or not_known "
            "(also Y, N, Disabled, Prefer not to say). Empty: not known for a new worker, "
            "unchanged for one already stored. Not in the census return.",
            codes=Disability,
            example="no",
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
            "Agency day rate in pounds (at most 5,000: more is not a day rate).",
            min=Decimal(0),
            max=Decimal(5000),
            places=2,
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
        _f(
            "staff_group",
            "Staff group",
            "code",
            "Social workers (if empty), or another staff group: family support workers, personal "
            "advisers, early help officers, nursery workers, business support or other staff. "
            "Only social workers enter the census return.",
            codes=StaffGroup,
            example="social_worker",
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
            "Working days lost (FTE-adjusted as the census asks); a longer absence than "
            "1,000 working days (about four years) is given as more than one row.",
            required=True,
            min=Decimal(0),
            max=Decimal(1000),
            warn_above=Decimal(253),
            places=2,
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
            "Cases held (one per child, as the Department counts); over 40 is a warning, "
            "over 200 cannot be one worker's caseload and is refused.",
            required=True,
            min=Decimal(0),
            max=Decimal(200),
            warn_above=Decimal(40),
            example="16",
        ),
        _f(
            "children",
            "Children",
            "integer",
            "Children on the caseload (at most 400).",
            min=Decimal(0),
            max=Decimal(400),
            example="18",
        ),
        _f(
            "weighted_points",
            "Weighted points",
            "decimal",
            "Workload points (100 = a full-time worker's capacity; at most 1,000).",
            min=Decimal(0),
            max=Decimal(1000),
            places=2,
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
    **RECORD_FIELDS,
    **ALLOCATION_FIELDS,
    **TRAINING_FIELDS,
    **TRAINEE_FIELDS,
    **VISIT_FIELDS,
}
KINDS = tuple(FIELDS)
# The kinds whose rows are not about one worker (posts and teams are the establishment, survey
# answers are anonymous, targets are the council's).
# An allocation row names a worker only when the child has one (empty: the child is waiting).
NO_WORKER = frozenset(
    {
        "posts",
        "survey",
        "teams",
        "targets",
        "allocations",
        "courses",
        "students",
        "trainees",
        "visits",
    }
)


def kind_label(kind: str) -> str:
    """The kind as people say it, e.g. ``Staff extract`` or ``Line management``."""
    return {
        **RECORD_LABELS,
        **ALLOCATION_LABELS,
        **TRAINING_LABELS,
        **TRAINEE_LABELS,
        **VISIT_LABELS,
    }.get(kind, f"{kind.capitalize()} extract")
