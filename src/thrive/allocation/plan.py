"""A plan: who should take each child, who is left for the manager, and the plan's summary."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from thrive.allocation.inputs import ChildToPlace, PlanRules, WorkerCapacity

EPS = 1e-9
SUMMARY_KEYS = (
    "children_planned",
    "children_left_unallocated",
    "workers_pushed_over_cap",
    "sibling_groups_split",
    "children_changing_worker",
)


@dataclass(frozen=True)
class Proposal:
    child_id: str
    worker_id: str
    points: float
    reason: str


@dataclass(frozen=True)
class LeftUnallocated:
    child_id: str
    reason: str


@dataclass(frozen=True)
class WorkerAfter:
    """A worker's load once the plan is carried out."""

    worker_id: str
    weighted_load: float
    case_count: int
    weighted_cap: float
    case_cap: int
    children_added: int

    @property
    def over_cap(self) -> bool:
        return self.weighted_load > self.weighted_cap + EPS or self.case_count > self.case_cap


@dataclass(frozen=True)
class Plan:
    """The planner's (or the greedy rule's) answer for one set of children and workers.

    ``optimal`` is True when the solver proved the plan best over its candidate workers (always
    False for the greedy rule); ``notes`` says how candidates were chosen and what was relaxed.
    """

    method: str
    children: tuple[ChildToPlace, ...]
    proposals: tuple[Proposal, ...]
    left_unallocated: tuple[LeftUnallocated, ...]
    workers_after: tuple[WorkerAfter, ...]
    split_groups: tuple[str, ...]
    optimal: bool
    seconds: float
    notes: tuple[str, ...] = ()

    def worker_for(self, child_id: str) -> str | None:
        for proposal in self.proposals:
            if proposal.child_id == child_id:
                return proposal.worker_id
        return None

    def summary(self) -> dict[str, int]:
        """The five counts the issue asks for, and only those."""
        proposed = {p.child_id: p.worker_id for p in self.proposals}
        changing = 0
        for child in self.children:
            before = child.leaving_worker or child.previous_worker
            if child.child_id in proposed and before is not None:
                changing += proposed[child.child_id] != before
        return {
            "children_planned": len(self.proposals),
            "children_left_unallocated": len(self.left_unallocated),
            "workers_pushed_over_cap": sum(
                1 for w in self.workers_after if w.over_cap and w.children_added > 0
            ),
            "sibling_groups_split": len(self.split_groups),
            "children_changing_worker": changing,
        }


def split_groups(children: tuple[ChildToPlace, ...], proposed: dict[str, str]) -> tuple[str, ...]:
    """Sibling groups whose placed children went to more than one worker."""
    workers: dict[str, set[str]] = defaultdict(set)
    for child in children:
        if child.sibling_group is not None and child.child_id in proposed:
            workers[child.sibling_group].add(proposed[child.child_id])
    return tuple(sorted(group for group, used in workers.items() if len(used) > 1))


def workers_after(
    workers: tuple[WorkerCapacity, ...],
    children: tuple[ChildToPlace, ...],
    proposed: dict[str, str],
    rules: PlanRules,
) -> tuple[WorkerAfter, ...]:
    points = {c.child_id: rules.weighted_points(c) for c in children}
    added: dict[str, list[str]] = defaultdict(list)
    for child_id, worker_id in proposed.items():
        added[worker_id].append(child_id)
    return tuple(
        WorkerAfter(
            worker_id=w.worker_id,
            weighted_load=w.weighted_load + sum(points[c] for c in added[w.worker_id]),
            case_count=w.case_count + len(added[w.worker_id]),
            weighted_cap=w.weighted_cap,
            case_cap=w.effective_case_cap,
            children_added=len(added[w.worker_id]),
        )
        for w in workers
    )


def _num(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def placement_reason(
    child: ChildToPlace,
    worker: WorkerCapacity,
    after: WorkerAfter,
    *,
    siblings_with: int,
    group_split: bool,
) -> str:
    """Plain English for one proposal, e.g. "previous worker; same team; has room: ..."."""
    parts = []
    if child.previous_worker == worker.worker_id:
        parts.append("previous worker")
    if worker.team == child.team:
        parts.append("same team")
    elif worker.locality == child.locality:
        parts.append("same locality, another team")
    else:
        parts.append("another team and locality (none nearer had room)")
    if siblings_with:
        parts.append(
            f"with {siblings_with} sibling{'s' if siblings_with > 1 else ''}"
            + (" (the group is split: see notes)" if group_split else "")
        )
    elif group_split:
        parts.append("apart from siblings (the group is split: see notes)")
    if worker.is_asye:
        limit = worker.asye_max_complexity
        parts.append(
            "ASYE: within protected limits"
            + (f" (no case weighted above {limit:g})" if limit is not None else "")
        )
    verdict = "over cap" if after.over_cap else "has room"
    parts.append(f"{verdict}: {cap_in_words(worker, after)} after this")
    return "; ".join(parts)


def cap_in_words(worker: WorkerCapacity, after: WorkerAfter) -> str:
    """The caps that bind on this worker: points for most ("12 of 25 points"); for an ASYE the
    protected number of cases too ("5 of 6 cases and 7.5 of 12.5 points"). Anyone else's case
    cap is only the most cases their points could hold, so it is named only when exceeded."""
    points = f"{_num(after.weighted_load)} of {_num(after.weighted_cap)} points"
    cases = f"{after.case_count} of {after.case_cap} cases"
    if worker.is_asye and worker.asye_protected_cases is not None:
        return f"{cases} and {points}"
    if after.case_count > after.case_cap:
        return f"{points} and {cases}"
    return points
