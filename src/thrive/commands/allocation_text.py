"""``thrive allocate``'s text output: the plan as a team manager would read it."""

from __future__ import annotations

from typing import Any

from thrive.allocation import SUMMARY_KEYS
from thrive.summaries.allocation_plan import AllocationPlan

LABELS = {
    "children_planned": "Children given a proposed worker",
    "children_left_unallocated": "Children left for the manager's decision",
    "workers_pushed_over_cap": "Workers pushed over their cap",
    "sibling_groups_split": "Sibling groups split",
    "children_changing_worker": "Children changing social worker",
}


def _waiting(days: int | None) -> str:
    return "" if days is None else f", waiting {days} day{'s' if days != 1 else ''}"


def print_plan(result: AllocationPlan, out: Any) -> None:
    """Proposals, children left (with why), the summary beside the greedy rule's, and notes."""
    out.write(f"Allocation plan: {result.planning}\n")
    proven = "proven best" if result.optimal else "not proven best (see notes)"
    out.write(f"Exact planner, {proven}, {result.seconds:.2f} s\n\n")
    out.write(f"Proposals ({len(result.proposals)}):\n")
    for r in result.proposals:
        out.write(
            f"  child {r.child} ({r.case_type}, {r.team}{_waiting(r.waiting_days)}) -> "
            f"{r.worker} ({r.worker_team}): {r.reason}\n"
        )
    if not result.proposals:
        out.write("  none\n")
    out.write(f"\nLeft for the manager's decision ({len(result.left)}):\n")
    for r in result.left:
        out.write(f"  child {r.child} ({r.case_type}, {r.team}{_waiting(r.waiting_days)}): ")
        out.write(f"{r.reason}\n")
    if not result.left:
        out.write("  none\n")
    out.write(f"\n{'Summary':<44}{'planner':>8}{'least loaded first':>20}\n")
    for key in SUMMARY_KEYS:
        out.write(f"{LABELS[key]:<44}{result.summary[key]:>8}{result.greedy[key]:>20}\n")
    if result.notes:
        out.write("\nNotes:\n" + "".join(f"  {n}\n" for n in result.notes))
