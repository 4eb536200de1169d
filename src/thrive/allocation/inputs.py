"""What the planner is given: the children to place, the workers' room, and the council's rules.

All three are frozen dataclasses holding ids only (a child's pseudonymous id, a worker's id): the
caller maps ids to names. Weighted points for a child = the points for their case type x their
complexity weight (1.0 where the council uses no complexity weighting).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

CASE_TYPES = ("child_in_need", "child_protection", "child_looked_after", "care_leaver")


@dataclass(frozen=True)
class ChildToPlace:
    """A child who needs a social worker: new, unallocated, or on a leaving worker's caseload."""

    child_id: str
    case_type: str
    complexity: float
    team: str
    locality: str
    sibling_group: str | None = None
    previous_worker: str | None = None
    leaving_worker: str | None = None


@dataclass(frozen=True)
class WorkerCapacity:
    """A case-holding worker's caps and what they hold now.

    ``asye_max_complexity`` and ``asye_protected_cases`` apply when ``is_asye``: an ASYE may not
    take a child whose complexity weight is above the first, nor hold more cases than the second
    (the protected caseload), whatever the general case cap says.
    """

    worker_id: str
    team: str
    locality: str
    grade: str
    is_asye: bool
    weighted_load: float
    case_count: int
    weighted_cap: float
    case_cap: int
    asye_max_complexity: float | None = None
    asye_protected_cases: int | None = None

    @property
    def effective_case_cap(self) -> int:
        if self.is_asye and self.asye_protected_cases is not None:
            return min(self.case_cap, self.asye_protected_cases)
        return self.case_cap

    def may_take(self, child: ChildToPlace) -> bool:
        """Whether this worker may hold this child at all (ASYE complexity; not the leaver)."""
        if child.leaving_worker == self.worker_id:
            return False
        return not (
            self.is_asye
            and self.asye_max_complexity is not None
            and child.complexity > self.asye_max_complexity
        )


def _default_points() -> dict[str, float]:
    return {
        "child_in_need": 1.0,
        "child_protection": 1.5,
        "child_looked_after": 1.2,
        "care_leaver": 0.8,
    }


@dataclass(frozen=True)
class PlanRules:
    """Points by case type and how much each preference is worth (whole numbers, >= 0).

    The preference weights only order plans that place the same children: placing one more child
    always comes first (see docs/allocation.md). ``spread`` is given in full to a worker with no
    load and scaled down in whole steps as their load nears their cap.
    """

    points: Mapping[str, float] = field(default_factory=_default_points)
    previous_worker: int = 8
    same_team: int = 4
    same_locality: int = 2
    spread: int = 2
    preference_gap: float = 0.01
    time_limit: float = 2.0  # seconds per pass on each independent part of the plan

    def weighted_points(self, child: ChildToPlace) -> float:
        if child.case_type not in self.points:
            raise ValueError(f"no points for case type {child.case_type!r} in the rules")
        return self.points[child.case_type] * child.complexity
