"""One canonical column of an extract: its name, label, type, meaning and bounds.

Kept apart from the tables of fields (:mod:`thrive.ingest.fields` and
:mod:`thrive.ingest.record_fields`) so both can share the worker columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

# The text columns that name something (a worker, a team, a post, a survey item...) rather than
# say something: they are normalised (Unicode NFKC) and may hold no control or direction
# characters, so the same id always matches (``cells.to_identifier``).
IDENTIFIERS = frozenset(
    {
        "worker_id", "swe_number", "manager_id", "manager_swe_number", "supervisor_id",
        "held_by_id", "worker", "team", "service", "reference", "post_reference",
        "requisition", "candidate", "respondent", "wave", "item", "cohort", "cycle",
        "measure", "group", "child_id", "sibling_group", "course",
        "student", "trainee", "visit",
    }
)  # fmt: skip
# Social Work England numbers, as the census has them from 2023: SW and up to 8 digits.
SWE_NUMBERS = frozenset({"swe_number", "manager_swe_number"})
SWE_PATTERN = r"SW[0-9]{1,8}"


@dataclass(frozen=True)
class FieldSpec:
    """One canonical column."""

    name: str
    label: str
    value_type: str  # text | date | decimal | integer | code | yes_no
    doc: str
    required: bool = False
    codes: type[Enum] | None = None
    min: Decimal | None = None
    max: Decimal | None = None
    above_min: bool = False  # the value must be more than ``min``, not equal to it
    warn_above: Decimal | None = None
    places: int | None = None  # decimal places kept: a decimal is rounded to these (half up)
    max_length: int = 120
    example: str = ""

    @property
    def identifier(self) -> bool:
        return self.name in IDENTIFIERS

    def expected(self) -> str:
        if self.name in SWE_NUMBERS:
            return "a Social Work England number: SW and 1 to 8 digits, e.g. SW123456"
        if self.codes is not None:
            listed = ", ".join(f"{m.value} ({getattr(m, 'label', m.value)})" for m in self.codes)
            return f"one of {listed}"
        if self.value_type == "yes_no":
            return "yes or no (also y, n, true, false, 1 or 0)"
        if self.value_type == "date":
            return "a date (e.g. 2024-09-30, 30/09/2024 or an Excel date)"
        if self.value_type in ("decimal", "integer"):
            kind = "a whole number" if self.value_type == "integer" else "a number"
            bounds = []
            if self.min is not None:
                bounds.append(f"more than {self.min}" if self.above_min else f"at least {self.min}")
            if self.max is not None:
                bounds.append(f"at most {self.max}")
            return kind + (" " + " and ".join(bounds) if bounds else "")
        return f"text of at most {self.max_length} characters"


def spec(name: str, label: str, type_: str, doc: str, **extra: object) -> FieldSpec:
    return FieldSpec(name, label, type_, doc, **extra)  # type: ignore[arg-type]


WORKER_ID = spec(
    "worker_id",
    "Worker ID",
    "text",
    "The council's stable id for the person (HR employee number); becomes the worker's "
    "pseudonymous id. Either this or swe_number identifies the worker.",
    max_length=16,
    example="E012345",
)
SWE_NUMBER = spec(
    "swe_number",
    "SWE number",
    "text",
    "Social Work England registration number, e.g. SW123456.",
    max_length=12,
    example="SW123456",
)
FTE: dict[str, object] = {"min": Decimal(0), "max": Decimal(1), "above_min": True, "places": 6}
