"""The training records of an authority, as rows of their import templates (``thrive export
records``): the course catalogue (its lists of who must take each course written as codes
separated by ``; ``), the completions (course by name) and the inductions."""

from __future__ import annotations

from collections.abc import Callable

from thrive.ingest.development_exports import Rows, _row, _who
from thrive.training.models import Completion, Course, Induction
from thrive.workforce import models as wf


def _listed(codes: list[object]) -> str | None:
    return "; ".join(str(code) for code in codes) or None


def course_rows(authority: wf.Authority) -> Rows:
    for course in Course.objects.filter(authority=authority).order_by("pk"):
        yield _row(
            "courses",
            course=course.name,
            mandatory=course.mandatory,
            renewal_months=course.renewal_months,
            grades=_listed(course.grades),
            org_roles=_listed(course.org_roles),
            contract_types=_listed(course.contract_types),
            staff_groups=_listed(course.staff_groups),
        )


def completion_rows(authority: wf.Authority) -> Rows:
    done = Completion.objects.filter(worker__authority=authority).select_related("worker", "course")
    for record in done.order_by("pk"):
        yield _row(
            "training",
            **_who(record.worker),
            course=record.course.name,
            completed_date=record.completed_date,
        )


def induction_rows(authority: wf.Authority) -> Rows:
    inductions = Induction.objects.filter(worker__authority=authority).select_related("worker")
    for record in inductions.order_by("pk"):
        yield _row(
            "induction",
            **_who(record.worker),
            start_date=record.start_date,
            completed_date=record.completed_date,
        )


TRAINING_EXPORTERS: dict[str, Callable[[wf.Authority], Rows]] = {
    "courses": course_rows,
    "training": completion_rows,
    "induction": induction_rows,
}
