"""The pieces of a report (tables, charts, sections) and its figures.

A figure in a report is a number rounded as the registry rounds it, or the Department's mark.

"c" marks a figure withheld to protect a small group, "x" one the records cannot give, as in
the Department's published statistics (:mod:`thrive.published.markers`). The spreadsheet writes
the number as a number; the PDF and HTML show it with its unit's decimals.

>>> str(Figure(13.92, "%", 1)), str(Figure(None, "%", 1, "c")), str(Figure(1234.0, "£", 0))
('13.9', 'c', '1,234')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from django.utils.safestring import SafeString

from thrive.metrics import Measure, Result
from thrive.summaries.forecast import ForecastResults
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


def figure_of(
    m: Measure,
    r: Result | None,
    named: bool,
    *,
    group_small: bool = False,
    people: Mapping[str, Result | None] | None = None,
) -> Figure:
    """Measure ``m``'s result as this reader may see it (the pages' suppression rule;
    ``people``: for an FTE measure, the count of the people it is of)."""
    places = m.unit.decimals
    if r is None or (r.value is None and not r.suppressed):
        return Figure(None, str(m.unit), places, NOT_AVAILABLE)
    if figure_withheld(m, r, named, group_small=group_small, people=people):
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


@dataclass(frozen=True)
class Table:
    """A table of the pack; ``headers`` carry the units where a column has one."""

    caption: str
    headers: list[str]
    rows: list[list[Cell]]


@dataclass(frozen=True)
class PackChart:
    """A chart as the pages draw it, its description (the alt text) and its figures' table."""

    svg: SafeString
    description: str
    table: Table


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[PackChart] = field(default_factory=list)
    commentary: str = ""  # the author's paragraph, added before the pack is issued


@dataclass(frozen=True)
class BoardPack:
    authority: str
    la_number: str
    to: date
    previous: date
    period_start: date
    named: bool
    sections: list[Section]
    measures: list[str]  # every registry measure the pack shows, for the method page and checks

    @property
    def title(self) -> str:
        return f"{self.authority}: workforce board pack to {self.to.day} {self.to:%B %Y}"


def with_commentary(pack: BoardPack, commentary: Mapping[str, str]) -> BoardPack:
    """The pack with the author's paragraph on each section named in ``commentary`` (by key)."""
    sections = [replace(s, commentary=commentary.get(s.key, "").strip()) for s in pack.sections]
    return replace(pack, sections=sections)


def forecast_section(forecast: ForecastResults | str | None) -> Section:
    """The Forecast page's default scenario as a section of the pack, or why it is missing."""
    title = "The capacity forecast"
    if forecast is None or isinstance(forecast, str):
        reason = forecast or "The forecast was not worked out for this pack."
        return Section("forecast", title, [reason])
    scenario = forecast.scenarios[0]
    table = Table(
        f"{scenario.name}: the middle of {forecast.runs:,} runs, with the range 9 in 10 fall in",
        list(forecast.headers),
        [list(row) for row in scenario.rows],
    )
    chart_list = [
        PackChart(c.svg, c.caption, Table(c.caption, list(c.headers), [list(r) for r in c.rows]))
        for c in forecast.charts[:1]
    ]
    return Section(
        "forecast",
        title,
        [
            f"From the records' latest date ({forecast.origin:%-d %B %Y}), "
            f"{forecast.horizon} months ahead, as on the Forecast page: {scenario.description}"
        ],
        [table],
        chart_list,
    )
