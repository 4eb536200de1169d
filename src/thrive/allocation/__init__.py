"""Who should take each child: the allocation planner (pure analysis, no Django, no store).

- :mod:`~thrive.allocation.inputs` - :class:`ChildToPlace`, :class:`WorkerCapacity`,
  :class:`PlanRules` (ids only: the caller maps them to names);
- :mod:`~thrive.allocation.planner` - :func:`plan`: own team first, then the locality;
- :mod:`~thrive.allocation.part` - one part of the plan, the exact MILP (SciPy's HiGHS);
- :mod:`~thrive.allocation.greedy` - :func:`greedy`, "least loaded first", the comparison;
- :mod:`~thrive.allocation.plan` - :class:`Plan` and its :meth:`Plan.summary`.

Guarantees and method: ``docs/allocation.md``.
"""

from thrive.allocation.greedy import greedy
from thrive.allocation.inputs import ChildToPlace, PlanRules, WorkerCapacity
from thrive.allocation.plan import SUMMARY_KEYS, LeftUnallocated, Plan, Proposal
from thrive.allocation.planner import plan

__all__ = [
    "SUMMARY_KEYS",
    "ChildToPlace",
    "LeftUnallocated",
    "Plan",
    "PlanRules",
    "Proposal",
    "WorkerCapacity",
    "greedy",
    "plan",
]
