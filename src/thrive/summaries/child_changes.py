"""Which of a team's children have had too many social workers in the year, and why.

The children are those the Stability Index measure counts (``children_by_changes_of_social_worker``
in :mod:`thrive.metrics.definitions.continuity`): open on the date, in the team on the date, and
open throughout the 12 months to it. Each child's changes of social worker are the measure's own
rows (:func:`~thrive.metrics.definitions.continuity.counted_changes`), so a child's count here is
the count the measure puts in its band. Each change is dated by the new allocation's start and
explained by how the previous allocation ended, in the end reasons' words
(:class:`thrive.codes.children.AllocationEnd`). Children are named by pseudonymous id only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from thrive.codes.children import AllocationEnd, CaseType
from thrive.frames.workforce import WorkforceFrames
from thrive.metrics.context import Context
from thrive.metrics.definitions.continuity import children_counted, counted_changes
from thrive.metrics.periods import period_start, points_frame

TOO_MANY = 2  # the Stability Index's "two or more changes in the year"
NO_REASON = "no reason recorded"


def why_in_words(code: str | None) -> str:
    """How the previous allocation ended, as the change's reason ("worker left").

    >>> why_in_words("stage_transfer"), why_in_words(None)
    ('team transfer at a change of stage', 'no reason recorded')
    """
    if not code:
        return NO_REASON
    try:
        label = str(AllocationEnd(code).label)
    except ValueError:
        return code
    return label[0].lower() + label[1:]


@dataclass(frozen=True)
class Change:
    """One change of social worker: the day the new worker took the child on, and why."""

    on: date
    why: str  # an AllocationEnd code, or ""
    cause: str  # worker_left, internal_move or other (the measure's causes)

    @property
    def words(self) -> str:
        return f"{why_in_words(self.why)} ({self.on:%-d %B %Y})"


@dataclass(frozen=True)
class ChildChanges:
    """One child the Stability Index counts, with their changes of social worker in the year."""

    child: str
    case_type: str
    changes: tuple[Change, ...]

    @property
    def count(self) -> int:
        return len(self.changes)

    @property
    def too_many(self) -> bool:
        return self.count >= TOO_MANY

    @property
    def words(self) -> str:
        """The changes in words: "2 changes: worker left (1 June 2025), rebalancing of
        caseloads (4 August 2025)"; "No change" for none."""
        if not self.changes:
            return "No change"
        listed = ", ".join(c.words for c in self.changes)
        return f"{self.count} change{'s' if self.count != 1 else ''}: {listed}"


@dataclass(frozen=True)
class TeamChanges:
    """A team's children counted for stability on a date, the most changes first."""

    as_at: date
    period_start: date
    children: tuple[ChildChanges, ...]

    @property
    def counted(self) -> int:
        return len(self.children)

    @property
    def too_many(self) -> tuple[ChildChanges, ...]:
        return tuple(c for c in self.children if c.too_many)

    def causes(self) -> dict[str, int]:
        """The changes of the children with two or more, by the measure's cause."""
        out = {"worker_left": 0, "internal_move": 0, "other": 0}
        for child in self.too_many:
            for change in child.changes:
                out[change.cause] += 1
        return out


def team_changes(frames: WorkforceFrames, team_id: int, as_at: date) -> TeamChanges:
    """The team's children counted by the Stability Index measure on ``as_at``, each with their
    changes of social worker in the year to it, sorted by most changes, then child id."""
    ctx = Context(frames, points_frame([as_at]))
    mine = pl.col("team_id") == team_id
    counted = children_counted(ctx).filter(mine)
    changes = counted_changes(ctx).filter(mine).sort("child", "start_date")
    by_child: dict[str, list[Change]] = {}
    for child, on, cause, why in changes.select("child", "start_date", "cause", "why").iter_rows():
        by_child.setdefault(str(child), []).append(Change(on, str(why or ""), str(cause)))
    rows = [
        ChildChanges(
            child=str(child),
            case_type=_case_type(case_type),
            changes=tuple(by_child.get(str(child), [])),
        )
        for child, case_type in counted.select("child", "case_type").iter_rows()
    ]
    rows.sort(key=lambda r: (-r.count, r.child))
    return TeamChanges(as_at=as_at, period_start=period_start(as_at), children=tuple(rows))


def _case_type(code: object) -> str:
    try:
        return str(CaseType(str(code)).label)
    except ValueError:
        return str(code or "")
