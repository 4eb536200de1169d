"""A census return held in memory, exactly as the file says it (every value a string).

Values stay as the text in the file so a return read and written again is identical; the
validator (:mod:`thrive.census.validate`) turns them into dates and numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

LA_LEVEL_FLAGS = (
    "RecruitmentBonus",
    "RetentionBonus",
    "PerformanceAward",
    "CarAllowance",
    "RelocationPackage",
    "RegionalWeighting",
    "CostSWE",
    "CostDBS",
)
"""The 2025 LA-level pay answers held as codes: 0 no; 1 yes, every LA-employed social worker
eligible; 2 yes, some eligible (the codes and their labels are in ``rules/2025.yaml``).
OtherAllowances is free text, kept apart."""


@dataclass(frozen=True)
class CensusHeader:
    """The return's header: which collection, year and authority."""

    year: int
    la_number: str
    reference_date: date
    software_code: str = "Thrive"
    created: datetime | None = None
    collection: str = "CSWW"
    source_level: str = "L"
    release: str = ""
    serial_no: str = ""


@dataclass(frozen=True)
class WorkerRecord:
    """One ``CSWWWorker`` element: its position in the file and its elements, in file order."""

    index: int
    values: dict[str, str]

    @property
    def path(self) -> str:
        return f"Message/CSWWWorker[{self.index}]"

    def get(self, name: str) -> str | None:
        return self.values.get(name)


@dataclass
class CensusReturn:
    """A whole return: header, the LA-level figures and one record per worker role."""

    header: CensusHeader
    la_level: dict[str, str] = field(default_factory=dict)
    workers: list[WorkerRecord] = field(default_factory=list)
