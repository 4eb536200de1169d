"""Many problems on one page: problems alike (same file, field and expectation) counted together.

A first load can report thousands of problems (one bad column in a 5,000-row extract); the page
shows each kind once, with how many and the first few places, and the full list goes to a CSV.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from thrive.problems import Problem, Severity


@dataclass(frozen=True)
class ProblemGroup:
    """Problems alike (same file, field and expectation) counted, with the first few places."""

    severity: str
    file: str
    field: str
    expected: str
    count: int
    where: tuple[str, ...]
    found: tuple[str, ...]

    @property
    def is_error(self) -> bool:
        return self.severity == Severity.ERROR

    @property
    def where_text(self) -> str:
        shown = ", ".join(w or "whole file" for w in self.where)
        more = self.count - len(self.where)
        return f"{shown} and {more} more" if more > 0 else shown

    @property
    def found_text(self) -> str:
        return ", ".join(repr(v) for v in self.found if v != "") or "nothing"


def summarise(problems: Sequence[Problem], examples: int = 3) -> list[ProblemGroup]:
    """A long list of problems as groups (errors first), so one page can show them all."""
    groups: dict[tuple[str, str, str, str], list[Problem]] = {}
    for p in problems:
        groups.setdefault((str(p.severity), p.file, p.field, p.expected), []).append(p)
    summary = [
        ProblemGroup(
            severity,
            file,
            field_name,
            expected,
            len(alike),
            tuple(p.location for p in alike[:examples]),
            tuple(dict.fromkeys(p.value for p in alike[:examples])),
        )
        for (severity, file, field_name, expected), alike in groups.items()
    ]
    return sorted(summary, key=lambda g: not g.is_error)
