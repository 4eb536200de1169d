"""A team's mandatory training: what is overdue and what falls due soon, for the Team page.

Its managers and HR see each worker's courses overdue or due within :data:`SOON` days, soonest
first; leadership sees how many workers have something overdue or due soon, and the share of
required courses in date, each withheld as every count of people is outside the named scope
(:mod:`thrive.summaries.suppression`). Nothing is shown where the council keeps no catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import polars as pl

from thrive.codes.staff import SOCIAL_WORKER
from thrive.frames.workforce import WorkforceFrames
from thrive.metrics.training_status import (
    FIRST_DUE_DAYS,
    course_status,
    due_within,
    required_courses,
)
from thrive.summaries.periods import in_post
from thrive.summaries.suppression import ShownCount, group_withheld, is_small, shown_count

SOON = 60
METHOD = (
    "A mandatory course is required of everyone in post, social workers and other staff "
    "alike, whose grade, census role, contract and staff group match the course's lists of who "
    "must take it (an empty list matches everyone). The last completion on or before the date "
    "lasts the course's renewal period (for ever for a course taken once). A course never "
    f"completed falls due {FIRST_DUE_DAYS} days after the worker's post started. Overdue: due "
    f"on or before the date. Due soon: due within the next {SOON} days."
)


@dataclass(frozen=True)
class TrainingDue:
    """One worker's mandatory course that is overdue or due soon."""

    pseudonym: str
    name: str
    course: str
    due: date
    overdue: bool
    never_done: bool
    may_open: bool


@dataclass(frozen=True)
class TeamTraining:
    """The Team page's training section."""

    overdue: ShownCount
    due_soon: ShownCount
    in_date: float | None  # % of required courses in date; None when withheld or none required
    required: int
    rows: list[TrainingDue] = field(default_factory=list)
    soon_days: int = SOON
    method: str = METHOD


def _members(frames: WorkforceFrames, team_id: int, as_at: date) -> pl.DataFrame:
    """Each worker in post in the team, of every staff group (their largest post there), as the
    status reads them."""
    posts = in_post(frames.all_spells, as_at).filter(pl.col("team_id") == team_id)
    return (
        posts.sort("fte", "spell_id", descending=[True, False])
        .unique("worker_id", keep="first", maintain_order=True)
        .select(
            pl.lit(0).alias("point"),
            pl.lit(as_at).alias("as_at"),
            "worker_id",
            "start_date",
            "grade",
            "org_role",
            "contract_type",
            "staff_group",
        )
    )


def team_training(
    frames: WorkforceFrames,
    team_id: int,
    as_at: date,
    named: frozenset[int],
    openable: frozenset[int],
    show_named: bool,
) -> TeamTraining | None:
    """The team's training section, or None where the council keeps no course catalogue."""
    if frames.courses.is_empty():
        return None
    members = _members(frames, team_id, as_at)
    status = course_status(required_courses(members, frames.courses), frames.completions)
    overdue = status.filter(pl.col("overdue"))
    soon = status.filter(due_within(SOON))
    size = members.height
    behind = status.filter(~pl.col("compliant"))["worker_id"].n_unique()
    withheld = group_withheld(size, named=show_named) or (not show_named and is_small(behind))
    in_date: float | None = None
    if status.height and not withheld:
        in_date = round(100 * int(status["compliant"].sum()) / status.height, 1)
    rows: list[TrainingDue] = []
    if show_named:
        # The team's other staff are named to whoever sees the team named (the scope's named
        # workers are social workers, whose spells it reads); only HR may open their records.
        others = members.filter(pl.col("staff_group") != SOCIAL_WORKER)["worker_id"].to_list()
        visible = named | frozenset(others)
        people = frames.workers.select("worker_id", "pseudonym", "name")
        listed = pl.concat([overdue, soon]).join(people, on="worker_id")
        for r in listed.sort("due", "course").iter_rows(named=True):
            if r["worker_id"] not in visible:
                continue
            rows.append(
                TrainingDue(
                    pseudonym=r["pseudonym"],
                    name=r["name"] or r["pseudonym"],
                    course=r["course"],
                    due=r["due"],
                    overdue=r["overdue"],
                    never_done=r["last_done"] is None,
                    may_open=r["worker_id"] in openable,
                )
            )
    return TeamTraining(
        overdue=shown_count(overdue["worker_id"].n_unique(), named=show_named, within=size),
        due_soon=shown_count(soon["worker_id"].n_unique(), named=show_named, within=size),
        in_date=in_date,
        required=status.height,
        rows=rows,
    )
