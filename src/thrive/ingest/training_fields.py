"""The canonical fields of the training records: the course catalogue, completions, inductions.

``courses`` is the council's catalogue (one row per course: mandatory or not, how often it is
renewed, who must take it); ``training`` is who completed which course on which day, in bulk
from a learning system; ``induction`` is each worker's induction for a time with the council
(agency workers included), started and, when done, completed. Each is an extract kind like the
HR ones (same templates, checks, profiles, batches and undo).
"""

from __future__ import annotations

from decimal import Decimal

from thrive.ingest.field_spec import SWE_NUMBER, WORKER_ID, FieldSpec, spec

TRAINING_LABELS = {
    "courses": "Course catalogue",
    "training": "Training completions",
    "induction": "Inductions",
}

LIST_DOC = "Separate several with ';'. Empty: anyone."

COURSE = spec(
    "course",
    "Course",
    "text",
    "The course's name, as in the course catalogue.",
    required=True,
    example="Safeguarding refresher",
)

TRAINING_FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    "courses": (
        spec(
            "course",
            "Course",
            "text",
            "The course's name (a course new to Thrive is added to the catalogue).",
            required=True,
            example="Safeguarding refresher",
        ),
        spec(
            "mandatory",
            "Mandatory",
            "yes_no",
            "Whether those it applies to must take it.",
            required=True,
            example="yes",
        ),
        spec(
            "renewal_months",
            "Renewal months",
            "integer",
            "Taken again every this many months (1 to 120); empty: taken once.",
            min=Decimal(1),
            max=Decimal(120),
            example="12",
        ),
        spec(
            "grades",
            "Grades",
            "text",
            "The local career grades who must take it, e.g. social_worker; team_manager. "
            + LIST_DOC,
            max_length=400,
            example="",
        ),
        spec(
            "org_roles",
            "Census OrgRoles",
            "text",
            "The census OrgRoles who must take it, e.g. 3; 4; 5. " + LIST_DOC,
            max_length=40,
            example="",
        ),
        spec(
            "contract_types",
            "Contract types",
            "text",
            "Permanent, fixed_term or agency: who must take it. " + LIST_DOC,
            max_length=60,
            example="",
        ),
        spec(
            "staff_groups",
            "Staff groups",
            "text",
            "The staff groups who must take it, e.g. social_worker; family_support (codes or "
            "labels). Separate several with ';'. Empty: every staff group, social workers and "
            "other staff alike.",
            max_length=200,
            example="",
        ),
    ),
    "training": (
        WORKER_ID,
        SWE_NUMBER,
        COURSE,
        spec(
            "completed_date",
            "Completed date",
            "date",
            "The day the worker completed the course.",
            required=True,
            example="2024-05-20",
        ),
    ),
    "induction": (
        WORKER_ID,
        SWE_NUMBER,
        spec(
            "start_date",
            "Start date",
            "date",
            "The day the worker started with the council (the time this induction is for).",
            required=True,
            example="2024-04-01",
        ),
        spec(
            "completed_date",
            "Completed date",
            "date",
            "The day the induction was signed off; empty while not yet.",
            example="2024-05-10",
        ),
    ),
}
