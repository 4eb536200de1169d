"""Plain English for each proposal and for each child left for the manager's decision."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from thrive.allocation.inputs import ChildToPlace, WorkerCapacity
from thrive.allocation.plan import EPS, Proposal, WorkerAfter, placement_reason


def proposals(
    kids: tuple[ChildToPlace, ...],
    staff: tuple[WorkerCapacity, ...],
    after: Sequence[WorkerAfter],
    proposed: dict[str, str],
    splits: tuple[str, ...],
    points: dict[str, float],
) -> tuple[Proposal, ...]:
    index = {w.worker_id: j for j, w in enumerate(staff)}
    together: dict[tuple[str, str], int] = defaultdict(int)
    for child in kids:
        if child.sibling_group is not None and child.child_id in proposed:
            together[(child.sibling_group, proposed[child.child_id])] += 1
    out = []
    for child in kids:
        worker_id = proposed.get(child.child_id)
        if worker_id is None:
            continue
        j = index[worker_id]
        with_siblings = together[(child.sibling_group, worker_id)] - 1 if child.sibling_group else 0
        out.append(
            Proposal(
                child.child_id,
                worker_id,
                points[child.child_id],
                placement_reason(
                    child,
                    staff[j],
                    after[j],
                    siblings_with=with_siblings,
                    group_split=child.sibling_group in splits,
                ),
            )
        )
    return tuple(out)


def why_unplaced(
    child: ChildToPlace,
    kids: tuple[ChildToPlace, ...],
    staff: tuple[WorkerCapacity, ...],
    points_of: dict[str, float],
    room_points: list[float],
    room_cases: list[int],
    proposed: dict[str, str],
) -> str:
    """Why the manager has to decide: nobody may take the child, nobody has room, or the room
    there is went to other children."""
    points = points_of[child.child_id]
    allowed = [j for j, w in enumerate(staff) if w.may_take(child)]
    if not allowed:
        if any(w.is_asye for w in staff) and all(
            w.is_asye or w.worker_id == child.leaving_worker for w in staff
        ):
            return (
                f"no worker may take this child: complexity {child.complexity:g} is above the "
                "ASYE limit of every worker available"
            )
        return "no worker may take this child (ASYE complexity limits; the leaving worker)"
    with_room = [j for j in allowed if points <= room_points[j] + EPS and room_cases[j] >= 1]
    if not with_room:
        most = max(room_points[j] for j in allowed)
        return (
            f"no worker has room: this child needs {points:.1f} points and the most room any "
            f"worker who may take them has is {max(most, 0.0):.1f} points (or no case left under "
            "their case cap); placing them would push someone over their cap"
        )
    siblings = [c for c in kids if child.sibling_group and c.sibling_group == child.sibling_group]
    placed_siblings = sum(1 for c in siblings if c.child_id in proposed)
    group_note = ""
    if len(siblings) > 1:
        group_note = (
            f" (one of {len(siblings)} siblings, {placed_siblings} placed; "
            "the group is kept together where any worker has room for them all)"
        )
    return (
        f"the {len(with_room)} worker(s) with room for this child's {points:.1f} points are "
        "needed for other children: placing this child too would push someone over their cap"
        + group_note
    )
