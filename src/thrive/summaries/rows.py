"""One measure as a row of a page: value, workings, target, status in words, change, trend.

Shared by the Overview and the ASYE and careers page. The figures come from the metrics
registry's :class:`~thrive.metrics.Result`; this module formats them and hides what is about too
few people for a viewer who may not see those people named.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.safestring import SafeString

from thrive.metrics import Measure, Result
from thrive.summaries import charts, formatting
from thrive.summaries.suppression import threshold

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


def measure_row(
    m: Measure, r: Result, points: list[tuple[date, float | None]], named: bool
) -> MeasureRow:
    unit = str(m.unit)
    small = too_small(m, r, named)
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


def too_small(m: Measure, r: Result, named: bool) -> bool:
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


def shown_value(m: Measure, r: Result | None, named: bool) -> float | None:
    if r is None or too_small(m, r, named):
        return None
    return r.value


def _plain(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.1f}"


def _workings(m: Measure, r: Result) -> str:
    """The numbers behind a rate or ratio, so it can be checked by hand."""
    if r.numerator is None or r.denominator is None or str(m.kind) not in {"rate", "ratio"}:
        return ""
    return f"{_plain(r.numerator)} ÷ {_plain(r.denominator)}"
