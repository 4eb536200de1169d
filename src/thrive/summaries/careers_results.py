"""View models: careers (ASYE, progression, schemes) and registration with team reminders."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

import polars as pl

from thrive.codes import CareerGrade
from thrive.retention.careers import (
    asye_cohorts,
    asye_progress,
    progressions,
    scheme_members,
    time_to_progression,
)
from thrive.retention.errors import InsufficientDataError
from thrive.retention.registration import registration_status, reminders
from thrive.retention.tenure import tenure
from thrive.summaries.results_common import Loaded, latest_day, rows


def careers_summary(
    data: Loaded, as_at: date | None = None, visible: Collection[int] | None = None
) -> dict[str, Any]:
    """ASYE cohorts and progress, progressions by year, time to progression, scheme members.

    Named lists (ASYEs in progress, scheme members) carry only the ``visible`` workers (None:
    everyone); the counts are for the whole council.
    """
    day = as_at or latest_day(data.frames)
    stints = tenure(data.frames, day)
    moves = progressions(data.frames, day)
    by_year = moves.group_by("year", "from_grade", "to_grade").agg(people=pl.len()).sort("year")
    speed = []
    for grade in (CareerGrade.SOCIAL_WORKER, CareerGrade.SENIOR_PRACTITIONER):
        try:
            speed.append(time_to_progression(data.frames, day, str(grade)))
        except InsufficientDataError:
            continue
    progress = asye_progress(data.frames, day).filter(pl.col("status") == "in progress")
    members = scheme_members(data.frames, day)
    if visible is not None:
        progress = progress.filter(pl.col("worker_id").is_in(list(visible)))
        members = members.filter(pl.col("worker_id").is_in(list(visible)))
    return {
        "authority": data.authority,
        "as_at": day.isoformat(),
        "asye_cohorts": rows(asye_cohorts(data.frames, stints, day)),
        "asye_in_progress": rows(progress.drop("in_post")),
        "progressions": rows(by_year),
        "time_to_progression": [dict(s) for s in speed],
        "scheme_counts": rows(members.group_by("scheme").agg(people=pl.len()).sort("scheme")),
        "scheme_members": rows(members.select("scheme", "pseudonym", "name", "team", "grade")),
    }


def registration_summary(
    data: Loaded, as_at: date | None = None, team: str | None = None,
    visible: Collection[int] | None = None,
) -> dict[str, Any]:  # fmt: skip
    """Social Work England registration status counts, and reminders (for a team page)."""
    day = as_at or latest_day(data.frames)
    status = registration_status(data.frames, data.lifecycle, day)
    due = reminders(data.frames, data.lifecycle, day, team=team)
    if visible is not None:
        due = due.filter(pl.col("worker_id").is_in(list(visible)))
    return {
        "authority": data.authority,
        "as_at": day.isoformat(),
        "status_counts": rows(status.group_by("status").agg(people=pl.len()).sort("status")),
        "cpd_short": int(status["cpd_short"].sum()),
        "reminders": rows(due),
        "note": "The registration year runs 1 December to 30 November; renewal opens 1 September.",
    }
