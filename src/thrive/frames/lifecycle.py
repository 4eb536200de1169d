"""The shape of the lifecycle frames that :mod:`thrive.retention` receives. Plain Polars, no Django.

``thrive.frames.load_lifecycle.load`` fills a :class:`LifecycleFrames` from the store; tests
build one with :func:`empty_lifecycle` and ``dataclasses.replace``. Staff survey responses
carry no worker.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from thrive.frames.workforce import padded

INSIGHT_SCHEMAS: dict[str, dict[str, pl.DataType | type[pl.DataType]]] = {
    "conversations": {
        "worker_id": pl.Int64,
        "date": pl.Date,
        "held_by_id": pl.Int64,
        "prompted_by": pl.String,
        "main_concern": pl.String,
        "outcome": pl.String,
    },
    "exits": {
        "worker_id": pl.Int64,
        "spell_id": pl.Int64,
        "date": pl.Date,
        "method": pl.String,
        "primary_reason": pl.String,
        "secondary_reason": pl.String,
        "would_return": pl.Boolean,
        "would_recommend": pl.Boolean,
        "comments": pl.String,
    },
    "survey_waves": {
        "wave_id": pl.Int64,
        "wave": pl.String,
        "kind": pl.String,
        "start_date": pl.Date,
        "end_date": pl.Date,
    },
    "survey_items": {
        "item_id": pl.Int64,
        "code": pl.String,
        "text": pl.String,
        "lga_standard": pl.Int64,
    },
    "survey_responses": {
        "response_id": pl.Int64,
        "wave_id": pl.Int64,
        "team_id": pl.Int64,
        "grade": pl.String,
        "comments": pl.String,
    },
    "survey_answers": {
        "response_id": pl.Int64,
        "item_id": pl.Int64,
        "score": pl.Int64,
    },
    "requisitions": {
        "requisition_id": pl.Int64,
        "reference": pl.String,
        "team_id": pl.Int64,
        "post_id": pl.Int64,
        "grade": pl.String,
        "start_date": pl.Date,
        "end_date": pl.Date,
        "advert_cost": pl.Float64,
    },
    "candidates": {
        "candidate_id": pl.Int64,
        "requisition_id": pl.Int64,
        "reference": pl.String,
        "source": pl.String,
        "route": pl.String,
        "values_score": pl.Float64,
        "young_people_on_panel": pl.Boolean,
        "decline_reason": pl.String,
        "cost": pl.Float64,
        "hired_worker_id": pl.Int64,
        "disability": pl.String,
        "met_minimum_criteria": pl.Boolean,
    },
    "stages": {
        "candidate_id": pl.Int64,
        "stage": pl.String,
        "date": pl.Date,
    },
    "visits": {
        "visit_id": pl.Int64,
        "date": pl.Date,
        "career_stage": pl.String,
        "source": pl.String,
        "team_id": pl.Int64,
        "candidate_id": pl.Int64,
    },
    "registrations": {
        "worker_id": pl.Int64,
        "registration_year": pl.Int64,
        "event": pl.String,
        "date": pl.Date,
    },
    "cpd": {
        "worker_id": pl.Int64,
        "date": pl.Date,
        "title": pl.String,
    },
}


@dataclass(frozen=True)
class LifecycleFrames:
    """One authority's lifecycle records as Polars frames, one per kind of record."""

    conversations: pl.DataFrame
    exits: pl.DataFrame
    survey_waves: pl.DataFrame
    survey_items: pl.DataFrame
    survey_responses: pl.DataFrame
    survey_answers: pl.DataFrame
    requisitions: pl.DataFrame
    candidates: pl.DataFrame
    stages: pl.DataFrame
    visits: pl.DataFrame
    registrations: pl.DataFrame
    cpd: pl.DataFrame


def lifecycle_frame(
    name: str, rows: list[tuple[object, ...]] | list[dict[str, object]]
) -> pl.DataFrame:
    """A frame of the named kind from rows (tuples in schema order, or dicts); a tuple shorter
    than the schema leaves the later columns null (columns added since it was written)."""
    schema = INSIGHT_SCHEMAS[name]
    if rows and isinstance(rows[0], dict):
        return pl.DataFrame(rows, schema=schema)
    return pl.DataFrame(padded(rows, len(schema)), schema=schema, orient="row")


def empty_lifecycle() -> LifecycleFrames:
    """Lifecycle frames with no rows: a starting point for hand-made fixtures."""
    return LifecycleFrames(
        **{name: pl.DataFrame(schema=schema) for name, schema in INSIGHT_SCHEMAS.items()}
    )
