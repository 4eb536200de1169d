"""A figure in a report: a number rounded as the registry rounds it, or the Department's mark.

"c" marks a figure withheld to protect a small group, "x" one the records cannot give, as in
the Department's published statistics (:mod:`thrive.published.markers`). The spreadsheet writes
the number as a number; the PDF and HTML show it with its unit's decimals.

>>> str(Figure(13.92, "%", 1)), str(Figure(None, "%", 1, "c")), str(Figure(1234.0, "£", 0))
('13.9', 'c', '1,234')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from thrive.metrics import Measure, Result
from thrive.summaries.suppression import figure_withheld, shown_parts

SUPPRESSED = "c"
NOT_AVAILABLE = "x"


@dataclass(frozen=True)
class Figure:
    value: float | None
    unit: str
    places: int
    mark: str = ""

    @classmethod
    def of(cls, value: float | None, m: Measure) -> Figure:
        """A figure of measure ``m`` that is not about a small group (a target, a council)."""
        places = m.unit.decimals
        if value is None:
            return cls(None, str(m.unit), places, NOT_AVAILABLE)
        return cls(_rounded(value, places), str(m.unit), places)

    def minus(self, other: Figure) -> Figure:
        """The change from ``other``: withheld if either is, "x" if either is missing."""
        if self.mark == SUPPRESSED or other.mark == SUPPRESSED:
            return Figure(None, self.unit, self.places, SUPPRESSED)
        if self.value is None or other.value is None:
            return Figure(None, self.unit, self.places, NOT_AVAILABLE)
        return Figure(_rounded(self.value - other.value, self.places), self.unit, self.places)

    def __str__(self) -> str:
        if self.value is None:
            return self.mark or NOT_AVAILABLE
        return f"{self.value:,.{self.places}f}"


Cell = Figure | str


def _rounded(value: float, places: int) -> float:
    rounded = round(value, places)
    return 0.0 if rounded == 0 else rounded


def figure_of(m: Measure, r: Result | None, named: bool, *, group_small: bool = False) -> Figure:
    """Measure ``m``'s result as this reader may see it (the pages' suppression rule)."""
    places = m.unit.decimals
    if r is None or (r.value is None and not r.suppressed):
        return Figure(None, str(m.unit), places, NOT_AVAILABLE)
    if figure_withheld(m, r, named, group_small=group_small):
        return Figure(None, str(m.unit), places, SUPPRESSED)
    assert r.value is not None
    return Figure(_rounded(r.value, places), str(m.unit), places)


def mark_parts(parts: Sequence[Result], named: bool, *, group_small: bool) -> list[Figure]:
    """The people counted in each part of a breakdown (leavers by reason), with the primary and
    secondary suppression the pages apply."""
    withheld = [r.suppressed or r.numerator is None for r in parts]
    counts = [
        0 if gone else round(r.numerator or 0) for r, gone in zip(parts, withheld, strict=True)
    ]
    if group_small and not named:
        return [Figure(None, "people", 0, SUPPRESSED) for _ in counts]
    shown = shown_parts(counts, named=named)
    return [
        Figure(None, "people", 0, SUPPRESSED)
        if gone or s.suppressed
        else Figure(float(c), "people", 0)
        for c, s, gone in zip(counts, shown, withheld, strict=True)
    ]
