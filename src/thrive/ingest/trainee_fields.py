"""The canonical fields of the pipeline before qualifying: students on placement, and
apprentices and sponsored trainees.

``students`` is one row per placement (a student with two placements here has two rows);
``trainees`` one row per apprentice or sponsored trainee. Neither is a worker yet: each is
known by the council's own reference (``student``, ``trainee``); ``worker_id`` or
``swe_number`` names the worker they became once they start with the council (optional).
Each is an extract kind like the HR ones (same templates, checks, profiles, batches and undo).
"""

from __future__ import annotations

from thrive.codes.trainees import PlacementType, TraineeRoute, TraineeStatus
from thrive.ingest.field_spec import FieldSpec, spec

TRAINEE_LABELS = {
    "students": "Students on placement",
    "trainees": "Apprentices and sponsored trainees",
}

BECAME = (
    "The worker they became once they started with the council (their worker_id); empty "
    "until then. Either this or swe_number."
)
WORKER_BECAME = spec("worker_id", "Worker ID", "text", BECAME, max_length=16, example="")
SWE_BECAME = spec(
    "swe_number",
    "SWE number",
    "text",
    "The Social Work England number of the worker they became; empty until then.",
    max_length=12,
    example="",
)

TRAINEE_FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    "students": (
        spec(
            "student",
            "Student",
            "text",
            "The council's reference for the student (not their name).",
            required=True,
            max_length=40,
            example="ST0001",
        ),
        spec(
            "university",
            "University",
            "text",
            "The university or programme provider.",
            required=True,
            example="University of Leeds",
        ),
        spec(
            "placement_type",
            "Placement type",
            "code",
            "First, final, fast-track (Step Up, Frontline...) or other placement.",
            required=True,
            codes=PlacementType,
            example="final",
        ),
        spec(
            "team",
            "Team",
            "text",
            "The team hosting the placement, as in the teams file; empty if not known.",
            example="Child Protection North",
        ),
        spec(
            "start_date",
            "Start date",
            "date",
            "The placement's first day.",
            required=True,
            example="2024-01-08",
        ),
        spec(
            "end_date",
            "End date",
            "date",
            "The placement's last day (planned or actual).",
            example="2024-05-24",
        ),
        spec(
            "offered_post",
            "Offered a post",
            "yes_no",
            "Whether the council offered them a post; empty if not known (yet).",
            example="yes",
        ),
        spec(
            "took_post",
            "Took a post",
            "yes_no",
            "Whether they took a post with the council; empty if not known (yet).",
            example="yes",
        ),
        WORKER_BECAME,
        SWE_BECAME,
    ),
    "trainees": (
        spec(
            "trainee",
            "Trainee",
            "text",
            "The council's reference for the apprentice or sponsored trainee (not their name).",
            required=True,
            max_length=40,
            example="TR0001",
        ),
        spec(
            "route",
            "Route",
            "code",
            "Degree apprenticeship, sponsored degree or masters, Step Up, Frontline or other.",
            required=True,
            codes=TraineeRoute,
            example="apprenticeship",
        ),
        spec(
            "start_date",
            "Start date",
            "date",
            "The day their training started.",
            required=True,
            example="2023-09-18",
        ),
        spec(
            "expected_qualification",
            "Expected qualification date",
            "date",
            "The day they are expected to qualify (may be in the future).",
            required=True,
            example="2026-07-31",
        ),
        spec(
            "status",
            "Status",
            "code",
            "In training, qualified or withdrew.",
            required=True,
            codes=TraineeStatus,
            example="in_training",
        ),
        spec(
            "status_date",
            "Status date",
            "date",
            "The day they qualified or withdrew; empty while in training.",
            example="",
        ),
        WORKER_BECAME,
        SWE_BECAME,
    ),
}
