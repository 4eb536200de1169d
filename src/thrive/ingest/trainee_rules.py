"""The rules that tie a student's or trainee's row together: dates in order, a post taken only
if offered, and a status date that goes with the status."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from thrive.codes.trainees import TraineeStatus

Report = Callable[[str, str, str], None]  # (field, value found, what was expected)


def _on_or_after(v: dict[str, Any], later: str, earlier: str, report: Report) -> bool:
    first, then = v.get(earlier), v.get(later)
    if isinstance(first, date) and isinstance(then, date) and then < first:
        report(later, then.isoformat(), f"a date on or after {earlier} ({first})")
        return False
    return True


def _students(v: dict[str, Any], noted: set[str], report: Report) -> None:
    _on_or_after(v, "end_date", "start_date", report)
    if v.get("took_post") is True and v.get("offered_post") is False:
        report("took_post", "yes", "no, or empty, when offered_post is no")


def _trainees(v: dict[str, Any], noted: set[str], report: Report) -> None:
    if not _on_or_after(v, "expected_qualification", "start_date", report):
        return
    status, when = v.get("status"), v.get("status_date")
    if status == TraineeStatus.IN_TRAINING and when is not None:
        report("status_date", when.isoformat(), "nothing while the trainee is in_training")
    elif status in (TraineeStatus.QUALIFIED, TraineeStatus.WITHDREW) and "status" not in noted:
        if when is None:
            report("status_date", "", f"a date: the day they {status}")
        else:
            _on_or_after(v, "status_date", "start_date", report)


TRAINEE_RULES: dict[str, Callable[[dict[str, Any], set[str], Report], None]] = {
    "students": _students,
    "trainees": _trainees,
}
