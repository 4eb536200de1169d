"""The canonical fields of a case-management allocation extract (``thrive import allocations``).

One row per spell of a child's case: allocated to a social worker, or waiting with no worker
(worker_id and swe_number both empty). A child is named only by the case system's pseudonymous id
and, at most, an age band: the extract must carry no names and no dates of birth.
"""

from __future__ import annotations

from decimal import Decimal

from thrive.codes.children import AgeBand, AllocationEnd, CaseType
from thrive.ingest.field_spec import FieldSpec, spec

ALLOCATION_LABELS = {"allocations": "Children's allocations"}

ALLOCATION_FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    "allocations": (
        spec(
            "child_id",
            "Child ID",
            "text",
            "The case system's pseudonymous id for the child (never a name or date of birth).",
            required=True,
            max_length=40,
            example="C004512",
        ),
        spec(
            "age_band",
            "Age band",
            "code",
            "The child's age band at the start of the spell (the only age kept).",
            codes=AgeBand,
            example="5-9",
        ),
        spec(
            "worker_id",
            "Worker ID",
            "text",
            "The allocated social worker's worker_id; empty (with swe_number) while the child "
            "waits unallocated.",
            max_length=16,
            example="E012345",
        ),
        spec(
            "swe_number",
            "SWE number",
            "text",
            "The allocated worker's Social Work England number, instead of worker_id.",
            max_length=12,
            example="",
        ),
        spec(
            "team",
            "Team",
            "text",
            "The team holding the case (or where the child waits), as already in Thrive.",
            required=True,
            example="Child Protection North",
        ),
        spec(
            "case_type",
            "Case type",
            "code",
            "The stage of the case: child in need, child protection, child looked after or "
            "care leaver.",
            required=True,
            codes=CaseType,
            example="cp",
        ),
        spec(
            "start_date",
            "Start date",
            "date",
            "The first day of the allocation (or of the wait).",
            required=True,
            example="2024-03-04",
        ),
        spec(
            "end_date",
            "End date",
            "date",
            "The last day; empty while it is open. The child's next spell starts the day after.",
            example="",
        ),
        spec(
            "end_reason",
            "End reason",
            "code",
            "Why it ended: worker left, team transfer at a change of stage, rebalancing, case "
            "closed, or (for a wait) allocated. Only with an end date.",
            codes=AllocationEnd,
            example="",
        ),
        spec(
            "complexity",
            "Complexity weight",
            "decimal",
            "The council's complexity weight (1 = usual), if it uses one; more than 0, at most 5.",
            min=Decimal(0),
            above_min=True,
            max=Decimal(5),
            places=2,
            example="1.5",
        ),
        spec(
            "sibling_group",
            "Sibling group",
            "text",
            "An id shared by siblings (the allocation planner keeps them with one worker).",
            max_length=40,
            example="S0091",
        ),
    ),
}
