"""The pipeline before qualifying of an authority, as rows of its import templates (``thrive
export records``): students' placements (team by name) and apprentices and sponsored trainees,
each with the worker they became, if any."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from thrive.ingest.development_exports import Rows, _row, _who
from thrive.trainees.models import StudentPlacement, Trainee
from thrive.workforce import models as wf


def _became(worker: wf.Worker | None) -> dict[str, Any]:
    return _who(worker) if worker is not None else {}


def student_rows(authority: wf.Authority) -> Rows:
    placements = StudentPlacement.objects.filter(authority=authority)
    for record in placements.select_related("team", "worker").order_by("pk"):
        yield _row(
            "students",
            student=record.student,
            university=record.university,
            placement_type=record.placement_type,
            team=record.team.name if record.team is not None else None,
            start_date=record.start_date,
            end_date=record.end_date,
            offered_post=record.offered_post,
            took_post=record.took_post,
            **_became(record.worker),
        )


def trainee_rows(authority: wf.Authority) -> Rows:
    trainees = Trainee.objects.filter(authority=authority).select_related("worker")
    for record in trainees.order_by("pk"):
        yield _row(
            "trainees",
            trainee=record.trainee,
            route=record.route,
            start_date=record.start_date,
            expected_qualification=record.expected_qualification,
            status=record.status,
            status_date=record.status_date,
            **_became(record.worker),
        )


TRAINEE_EXPORTERS: dict[str, Callable[[wf.Authority], Rows]] = {
    "students": student_rows,
    "trainees": trainee_rows,
}
