"""The comparison: "least loaded first", the rule a busy manager might use by hand.

Each child in turn (in the order given) goes to the worker of their own team with the lowest
weighted load for their cap (ties: fewest cases, then worker id), among those who may take them
(ASYE complexity limits; never the leaving worker); a team with nobody who may take the child
falls back to every such worker. Caps are not checked and siblings are not kept together: that is
what the planner is compared against.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from thrive.allocation.inputs import ChildToPlace, PlanRules, WorkerCapacity
from thrive.allocation.plan import (
    LeftUnallocated,
    Plan,
    Proposal,
    placement_reason,
    split_groups,
    workers_after,
)
from thrive.allocation.planner import check_inputs


def greedy(
    children: Sequence[ChildToPlace], workers: Sequence[WorkerCapacity], rules: PlanRules
) -> Plan:
    started = time.perf_counter()
    check_inputs(children, workers)
    kids = tuple(children)
    staff = tuple(sorted(workers, key=lambda w: w.worker_id))
    load = {w.worker_id: w.weighted_load for w in staff}
    cases = {w.worker_id: w.case_count for w in staff}
    proposed: dict[str, str] = {}
    left: list[LeftUnallocated] = []
    for child in kids:
        allowed = [w for w in staff if w.may_take(child)]
        team = [w for w in allowed if w.team == child.team] or allowed
        if not team:
            left.append(LeftUnallocated(child.child_id, "no worker may take this child"))
            continue
        best = min(
            team,
            key=lambda w: (
                load[w.worker_id] / w.weighted_cap if w.weighted_cap > 0 else float("inf"),
                cases[w.worker_id],
                w.worker_id,
            ),
        )
        proposed[child.child_id] = best.worker_id
        load[best.worker_id] += rules.weighted_points(child)
        cases[best.worker_id] += 1
    after = workers_after(staff, kids, proposed, rules)
    index = {w.worker_id: j for j, w in enumerate(staff)}
    splits = split_groups(kids, proposed)
    proposals = tuple(
        Proposal(
            c.child_id,
            proposed[c.child_id],
            rules.weighted_points(c),
            "least loaded first: "
            + placement_reason(
                c,
                staff[index[proposed[c.child_id]]],
                after[index[proposed[c.child_id]]],
                siblings_with=0,
                group_split=c.sibling_group in splits,
            ),
        )
        for c in kids
        if c.child_id in proposed
    )
    return Plan(
        method="greedy (least loaded first)",
        children=kids,
        proposals=proposals,
        left_unallocated=tuple(left),
        workers_after=after,
        split_groups=splits,
        optimal=False,
        seconds=time.perf_counter() - started,
    )
