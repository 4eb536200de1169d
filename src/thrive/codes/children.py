"""The code lists of children's allocation records (plain Python, no Django).

Case types are the four stages of children's social care a case-management system records; an
allocation's end reason says why a child's social worker changed (the Children's Commissioner's
Stability Index counts every change of social worker, whatever its reason).
"""

from __future__ import annotations

from thrive.codes import TextCode


class CaseType(TextCode):
    """The stage of a child's case during an allocation."""

    CHILD_IN_NEED = "cin", "Child in need"
    CHILD_PROTECTION = "cp", "Child protection"
    LOOKED_AFTER = "cla", "Child looked after"
    CARE_LEAVER = "care_leaver", "Care leaver"


class AllocationEnd(TextCode):
    """Why an allocation (or a spell waiting for one) ended."""

    WORKER_LEFT = "worker_left", "Worker left"
    STAGE_TRANSFER = "stage_transfer", "Team transfer at a change of stage"
    REBALANCING = "rebalancing", "Rebalancing of caseloads"
    CASE_CLOSED = "case_closed", "Case closed"
    ALLOCATED = "allocated", "Allocated a worker (ends a wait)"


class AgeBand(TextCode):
    """A child's age band: the only thing about a child's age the store keeps."""

    UNDER_1 = "0", "Under 1"
    ONE_TO_4 = "1-4", "1 to 4"
    FIVE_TO_9 = "5-9", "5 to 9"
    TEN_TO_15 = "10-15", "10 to 15"
    SIXTEEN_PLUS = "16+", "16 and over"


# An end reason that is a change of social worker the child did not choose to avoid: the worker
# left (or stopped working there) rather than the council moving the child internally.
LEAVING_ENDS = frozenset({AllocationEnd.WORKER_LEFT.value})
INTERNAL_ENDS = frozenset({AllocationEnd.STAGE_TRANSFER.value, AllocationEnd.REBALANCING.value})
