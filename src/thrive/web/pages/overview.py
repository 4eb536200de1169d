"""The Overview's view model: every measure against its target, its change on a year ago and its
trend over 12 quarters, for the whole authority or one service.

All figures come from the metrics registry (:func:`thrive.metrics.compute` and
:func:`thrive.metrics.trend`); this module only chooses, formats and draws them. A count of
people below the small-number threshold is suppressed unless the viewer may see the people in
that part of the council named.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.safestring import SafeString

from thrive import metrics
from thrive.metrics import Measure, Result, Targets
from thrive.web import charts, formatting
from thrive.web.periods import quarter_ends
from thrive.web.suppression import threshold
from thrive.workforce.frame_schema import WorkforceFrames

QUARTERS = 12
LEFT_OUT_SECTIONS = {"Stock and flow"}  # shown on the Workforce page, where it reconciles
STATUS_WORDS = {"green": "Meets target", "amber": "Close to target", "red": "Off target"}


@dataclass(frozen=True)
class TrendPoint:
    on: date
    text: str


@dataclass(frozen=True)
class MeasureRow:
    """One measure as the Overview shows it."""

    name: str
    label: str
    period: str
    value: str
    workings: str
    target: str
    status: str | None
    status_text: str
    change: str
    change_sense: str | None
    trend: SafeString | None
    points: list[TrendPoint] = field(default_factory=list)
    suppressed: bool = False


@dataclass(frozen=True)
class Section:
    title: str
    rows: list[MeasureRow]


@dataclass(frozen=True)
class OverviewPage:
    as_at: date
    year_ago: date
    service: str | None
    quarters: list[date]
    sections: list[Section]

    @property
    def counts(self) -> dict[str, int]:
        """How many measures are green, amber and red: the page's one-line answer."""
        found = {"green": 0, "amber": 0, "red": 0}
        for section in self.sections:
            for row in section.rows:
                if row.status in found:
                    found[row.status] += 1
        return found


def overview_measures() -> list[Measure]:
    """The measures the Overview lists: all but breakdowns and the stock-and-flow check."""
    return [
        m
        for m in metrics.measures().values()
        if m.breakdown is None and m.section not in LEFT_OUT_SECTIONS
    ]


def trend_dates(as_at: date) -> list[date]:
    """The 12 points of the trend: the 11 quarter ends before ``as_at``, then ``as_at``."""
    ends = quarter_ends(as_at, QUARTERS)
    if ends[-1] == as_at:
        return ends
    return [*quarter_ends(as_at, QUARTERS - 1), as_at]


def overview_page(
    frames: WorkforceFrames,
    as_at: date,
    targets: Targets,
    *,
    service: str | None = None,
    named: bool = False,
) -> OverviewPage:
    """Build the Overview "as at" a date, for the authority or one service.

    ``named``: the viewer may see the people counted here by name (HR; a service manager looking
    at their own service), so small counts are not suppressed for them.
    """
    chosen = overview_measures()
    names = [m.name for m in chosen]
    by = "service" if service else None
    wanted = {"service": service} if service else None
    now = {
        r.name: r
        for r in metrics.compute(frames, as_at, by=by, names=names, targets=targets, hr=named)
        if r.slice == wanted
    }
    points = trend_dates(as_at)
    history: dict[str, dict[date, Result]] = {}
    month_ends = [d for d in points if d != as_at]
    if month_ends:
        for r in metrics.trend(
            frames,
            month_ends[0].replace(day=1),
            month_ends[-1],
            by=by,
            names=names,
            targets=targets,
            hr=named,
            compare=False,
        ):
            if r.slice == wanted and r.as_at in points:
                history.setdefault(r.name, {})[r.as_at] = r
    for name, latest in now.items():
        history.setdefault(name, {})[as_at] = latest
    sections: dict[str, list[MeasureRow]] = {}
    for m in chosen:
        result = now.get(m.name)
        if result is None:
            continue
        past = history.get(m.name, {})
        line = [(d, _shown_value(m, past.get(d), named)) for d in points]
        sections.setdefault(m.section, []).append(_row(m, result, line, named))
    return OverviewPage(
        as_at=as_at,
        year_ago=_year_ago(as_at),
        service=service,
        quarters=points,
        sections=[Section(title, rows) for title, rows in sections.items()],
    )


def _year_ago(as_at: date) -> date:
    try:
        return as_at.replace(year=as_at.year - 1)
    except ValueError:  # 29 February
        return as_at.replace(year=as_at.year - 1, day=28)


def _row(m: Measure, r: Result, points: list[tuple[date, float | None]], named: bool) -> MeasureRow:
    unit = str(m.unit)
    small = _too_small(m, r, named)
    value = f"fewer than {threshold()}" if small else formatting.number(r.value, unit)
    if small or sum(v is not None for _, v in points) < 2:
        points = []
    description = (
        f"{m.label}: trend over {len(points)} quarters, "
        f"from {formatting.number(points[0][1], unit)} to {formatting.number(points[-1][1], unit)}"
        if points
        else m.label
    )
    return MeasureRow(
        name=m.name,
        label=m.label,
        period=f"{formatting.short_day(r.period[0])} to {formatting.short_day(r.period[1])}"
        if r.period
        else f"at {formatting.short_day(r.as_at)}",
        value=value,
        workings="" if small or _small_parts(r, named) else _workings(m, r),
        target=formatting.number(r.target, unit) if r.target is not None else "–",
        status=r.status,
        status_text=STATUS_WORDS.get(r.status or "", "No target"),
        change="–" if small else formatting.change(r.change, unit),
        change_sense=None if small else formatting.direction(r.change, m.higher_is_better, unit),
        trend=charts.sparkline(points, r.target, description) if points else None,
        points=[TrendPoint(d, formatting.number(v, unit)) for d, v in points],
        suppressed=small,
    )


def _too_small(m: Measure, r: Result, named: bool) -> bool:
    """Whether a figure is about too few people to show to a viewer who may not name them.

    A count of people from 1 to one below the threshold is suppressed; so is a rate or ratio
    over fewer people (or FTE) than the threshold, which would describe one or two people.
    """
    if r.suppressed:
        return True
    if named:
        return False
    below = threshold()
    if str(m.kind) == "count" and str(m.unit) == "people":
        return r.value is not None and 0 < r.value < below
    if str(m.kind) in {"rate", "ratio"}:
        return r.denominator is not None and 0 < r.denominator < below
    return False


def _small_parts(r: Result, named: bool) -> bool:
    """A rate's workings would reveal a small count (3 leavers of 250) to an unnamed viewer."""
    if named:
        return False
    below = threshold()
    return any(x is not None and 0 < x < below for x in (r.numerator, r.denominator))


def _shown_value(m: Measure, r: Result | None, named: bool) -> float | None:
    if r is None or _too_small(m, r, named):
        return None
    return r.value


def _plain(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.1f}"


def _workings(m: Measure, r: Result) -> str:
    """The numbers behind a rate or ratio, so it can be checked by hand."""
    if r.numerator is None or r.denominator is None or str(m.kind) not in {"rate", "ratio"}:
        return ""
    return f"{_plain(r.numerator)} ÷ {_plain(r.denominator)}"
