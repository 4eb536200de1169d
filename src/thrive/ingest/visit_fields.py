"""The columns of a Try Before You Apply visits file: one row per visit.

A visit is someone thinking of applying spending time with the service before they apply. The
row says when, where the visitor was in their career, how they heard of the visits (the same
source codes as the candidates'), the team visited if there was one, and, when the visitor
later applied, their candidate reference in the applicant-tracking system.

Thrive holds no visitor's or candidate's name or email, so it cannot match a visitor to a
candidate by name or email itself: the council fills in ``candidate`` from its booking list
(matching the visitor's email or name to the tracking system's applicants there) before the
export. ``requisition`` is needed only where the same candidate reference was used on more than
one vacancy.
"""

from __future__ import annotations

from thrive.codes.lifecycle import CandidateSource, VisitorStage
from thrive.ingest.field_spec import FieldSpec, spec

VISIT_LABELS = {"visits": "Try Before You Apply visits"}

VISIT_FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    "visits": (
        spec(
            "visit",
            "Visit",
            "text",
            "The visit's reference in the booking list (one row per visit).",
            required=True,
            max_length=32,
            example="TBYA-0042",
        ),
        spec("date", "Visit date", "date", "The day of the visit.", required=True,
             example="2024-03-12"),
        spec(
            "career_stage",
            "Career stage",
            "code",
            "Where the visitor is in their career.",
            required=True,
            codes=VisitorStage,
            example="newly_qualified",
        ),
        spec(
            "source",
            "Source",
            "code",
            "How the visitor heard of the visits (the candidates' source codes); empty: not "
            "recorded.",
            codes=CandidateSource,
            example="social_media",
        ),
        spec("team", "Team", "text", "The team visited (Thrive's team name); empty: none "
             "named.", example="Child Protection North"),
        spec(
            "candidate",
            "Candidate",
            "text",
            "The visitor's candidate reference in the applicant-tracking system when they "
            "later applied (import the applicant export first); empty: has not applied.",
            max_length=32,
            example="C004211",
        ),
        spec(
            "requisition",
            "Requisition",
            "text",
            "The vacancy the visitor applied to: needed only when the candidate reference is "
            "on more than one vacancy.",
            max_length=32,
            example="REQ2024-0012",
        ),
    ),
}  # fmt: skip
