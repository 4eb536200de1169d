"""Read one authority's lifecycle records into Polars frames (the only way analysis reads them).

>>> lifecycle = load(Authority.objects.get(la_number="999"))   # doctest: +SKIP
>>> lifecycle.exits.height                                     # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from thrive.frames.lifecycle import INSIGHT_SCHEMAS, LifecycleFrames, lifecycle_frame
from thrive.lifecycle import models
from thrive.workforce.models import Authority

_SOURCES: dict[str, tuple[Any, tuple[str, ...]]] = {
    "conversations": (
        lambda a: models.StayConversation.objects.filter(worker__authority=a),
        ("worker_id", "date", "held_by_id", "prompted_by", "main_concern", "outcome"),
    ),
    "exits": (
        lambda a: models.ExitInterview.objects.filter(worker__authority=a),
        (
            "worker_id",
            "leaving_spell_id",
            "date",
            "method",
            "primary_reason",
            "secondary_reason",
            "would_return",
            "would_recommend",
            "comments",
        ),
    ),
    "survey_waves": (
        lambda a: models.SurveyWave.objects.filter(authority=a),
        ("pk", "name", "kind", "start_date", "end_date"),
    ),
    "survey_items": (
        lambda a: models.SurveyItem.objects.filter(authority=a),
        ("pk", "code", "text", "lga_standard"),
    ),
    "survey_responses": (
        lambda a: models.SurveyResponse.objects.filter(wave__authority=a),
        ("pk", "wave_id", "team_id", "grade", "comments"),
    ),
    "survey_answers": (
        lambda a: models.SurveyAnswer.objects.filter(response__wave__authority=a),
        ("response_id", "item_id", "score"),
    ),
    "requisitions": (
        lambda a: models.Requisition.objects.filter(authority=a),
        ("pk", "reference", "team_id", "post_id", "grade", "start_date", "end_date", "advert_cost"),
    ),
    "candidates": (
        lambda a: models.Candidate.objects.filter(requisition__authority=a),
        (
            "pk",
            "requisition_id",
            "reference",
            "source",
            "route",
            "values_score",
            "young_people_on_panel",
            "decline_reason",
            "cost",
            "hired_worker_id",
            "disability",
            "met_minimum_criteria",
        ),
    ),
    "stages": (
        lambda a: models.StageEvent.objects.filter(candidate__requisition__authority=a),
        ("candidate_id", "stage", "date"),
    ),
    "visits": (
        lambda a: models.Visit.objects.filter(authority=a),
        ("pk", "date", "career_stage", "source", "team_id", "candidate_id"),
    ),
    "registrations": (
        lambda a: models.RegistrationRecord.objects.filter(worker__authority=a),
        ("worker_id", "registration_year", "event", "date"),
    ),
    "cpd": (
        lambda a: models.CpdRecord.objects.filter(worker__authority=a),
        ("worker_id", "date", "title"),
    ),
}


def _rows(queryset: QuerySet[Any], columns: tuple[str, ...]) -> list[tuple[object, ...]]:
    # Decimals (money, scores) become floats here, once.
    rows = queryset.order_by("pk").values_list(*columns)
    return [tuple(float(v) if hasattr(v, "as_tuple") else v for v in row) for row in rows]


def load(authority: Authority) -> LifecycleFrames:
    """Read every lifecycle record of one authority into frames."""
    loaded = {
        name: lifecycle_frame(name, _rows(_SOURCES[name][0](authority), _SOURCES[name][1]))
        for name in INSIGHT_SCHEMAS
    }
    return LifecycleFrames(**loaded)
