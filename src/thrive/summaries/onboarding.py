"""The headline measures after a first load, by collection year, beside the Department's figures.

After ``thrive onboard`` (or the Data page's first load) the analyst sees, for each collection
year the records cover, what the metrics registry now makes of the store (FTE in post, starters,
leavers, turnover, agency, vacancy, caseload, absence, each at 30 September as the Department
defines it) beside what the Department published for that council (``PublishedFigure``, matched
by LA number), with the difference. A figure the Department did not publish shows its reason
("suppressed small number"), never a zero; a year it has not published yet shows "not published".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from thrive import metrics
from thrive.frames.load import load
from thrive.published.markers import MARKER_REASONS
from thrive.published.models import PublishedFigure
from thrive.summaries import formatting
from thrive.workforce.models import Authority

# (registry measure, the published table's column) compared like for like.
HEADLINE = (
    ("fte_in_post", "inpost_fte"),
    ("starters_fte", "starters_fte"),
    ("leavers_fte", "leavers_fte"),
    ("turnover_rate", "turnover_rate_fte"),
    ("agency_rate", "agency_rate_fte"),
    ("vacancy_rate", "vacancy_rate_fte"),
    ("average_caseload", "caseload_fte"),
    ("absence_rate", "absence_rate_fte"),
)
FIRST_YEAR = 2017  # the first year of the Department's table
YEARS_SHOWN = 6
NOT_PUBLISHED = "not published"


@dataclass(frozen=True)
class HeadlineCell:
    """One measure in one year: ours, the Department's, and ours less theirs."""

    year: int
    ours: float | None
    published: float | None
    ours_text: str
    published_text: str
    difference_text: str


@dataclass(frozen=True)
class HeadlineRow:
    name: str
    label: str
    unit: str
    cells: tuple[HeadlineCell, ...]


@dataclass(frozen=True)
class Headline:
    """The headline table: one row per measure, one cell per collection year."""

    la_number: str
    area_name: str
    years: tuple[int, ...]
    rows: tuple[HeadlineRow, ...]
    published_loaded: bool

    @property
    def by_year(self) -> tuple[tuple[int, tuple[tuple[str, HeadlineCell], ...]], ...]:
        """The same cells year by year: (year, ((measure label, cell), ...))."""
        return tuple(
            (year, tuple((row.label, row.cells[i]) for row in self.rows))
            for i, year in enumerate(self.years)
        )


def _published(la_number: str) -> dict[tuple[int, str], tuple[float | None, str]]:
    """The council's published figures by (year, column): (value, marker)."""
    figures = PublishedFigure.objects.filter(
        level=PublishedFigure.Level.LOCAL_AUTHORITY, la_number=la_number
    ).values_list("year", "measure", "value", "marker")
    return {
        (year, measure): (float(value) if value is not None else None, marker)
        for year, measure, value, marker in figures
    }


def headline(
    authority: Authority, years: Sequence[int] = (), today: date | None = None
) -> Headline:
    """The headline measures for ``years`` (default: the latest years with anyone in post)."""
    today = today or date.today()
    latest = today.year if today >= date(today.year, 9, 30) else today.year - 1
    candidates = sorted(set(years) or set(range(min([FIRST_YEAR, *years]), latest + 1)))
    frames = load(authority)
    registry = metrics.measures()
    names = [name for name, _ in HEADLINE]
    ours: dict[int, dict[str, float | None]] = {}
    dates = [date(y, 9, 30) for y in candidates]
    for r in metrics.series(frames, dates, names=names, compare=False, hr=True):
        if r.slice is None:
            ours.setdefault(r.as_at.year, {})[r.name] = r.value
    shown = candidates if years else [y for y in candidates if ours.get(y, {}).get("fte_in_post")]
    shown = shown[-YEARS_SHOWN:]
    published = _published(authority.la_number)
    rows = []
    for name, column in HEADLINE:
        unit = str(registry[name].unit) if name in registry else ""
        cells = tuple(
            _cell(year, ours.get(year, {}).get(name), published.get((year, column)), unit)
            for year in shown
        )
        label = registry[name].label if name in registry else name
        rows.append(HeadlineRow(name, label, unit, cells))
    return Headline(
        la_number=authority.la_number,
        area_name=authority.name,
        years=tuple(shown),
        rows=tuple(rows),
        published_loaded=PublishedFigure.objects.exists(),
    )


def _cell(
    year: int, ours: float | None, figure: tuple[float | None, str] | None, unit: str
) -> HeadlineCell:
    if figure is None:
        theirs, published_text = None, NOT_PUBLISHED
    else:
        theirs, marker = figure
        published_text = (
            formatting.number(theirs, unit)
            if theirs is not None
            else MARKER_REASONS.get(marker, marker)
        )
    difference = None if ours is None or theirs is None else ours - theirs
    difference_text = formatting.change(difference, unit).replace("no change", "the same")
    return HeadlineCell(
        year, ours, theirs, formatting.number(ours, unit), published_text, difference_text
    )
