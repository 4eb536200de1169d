"""One measure as a row of a page: value, workings, target, status in words, change, trend.

Shared by the Overview and the ASYE and careers page. The figures come from the metrics
registry's :class:`~thrive.metrics.Result`; this module formats them. What is withheld from a viewer
who may not see the people named is decided in :mod:`thrive.summaries.suppression`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from django.utils.safestring import SafeString

from thrive.metrics import Measure, Result
from thrive.summaries import charts, formatting
from thrive.summaries.suppression import (
    NOT_SHOWN,
    figure_withheld,
    withheld_text,
    workings_withheld,
)

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
    m: Measure,
    r: Result,
    points: list[tuple[date, float | None]],
    named: bool,
    *,
    group_small: bool = False,
    previous_withheld: bool = False,
    people: Mapping[str, Result | None] | None = None,
) -> MeasureRow:
    """One measure as a row, with what the viewer may not see withheld.

    ``group_small``: the part of the council the row is about has too few people to show any
    figure of it (:func:`~thrive.summaries.suppression.group_withheld`). ``previous_withheld``:
    the figure a year ago would have been withheld, so the change would give it away. ``points``
    come already decided (None where a point is withheld). ``people``: for an FTE measure, the
    count of the people it is of (:func:`~thrive.summaries.suppression.people_result`). A
    withheld figure takes its status, change, workings and trend with it.
    """
    unit = str(m.unit)
    small = figure_withheld(m, r, named, group_small=group_small, people=people)
    # A whole group withheld reads "not shown" throughout, so its zeros can't be told apart.
    value = (NOT_SHOWN if group_small and not named else withheld_text(1)) if small else None
    if small or sum(v is not None for _, v in points) < 2:
        points = []
    description = (
        f"{m.label}: trend over {len(points)} quarters, "
        f"from {formatting.number(points[0][1], unit)} to {formatting.number(points[-1][1], unit)}"
        if points
        else m.label
    )
    no_change = small or previous_withheld
    status = None if small else r.status
    return MeasureRow(
        name=m.name,
        label=m.label,
        period=f"{formatting.short_day(r.period[0])} to {formatting.short_day(r.period[1])}"
        if r.period
        else f"at {formatting.short_day(r.as_at)}",
        value=value or formatting.number(r.value, unit),
        workings="" if small or workings_withheld(r, named) else _workings(m, r),
        target=target_text(r.target, m.higher_is_better, unit),
        status=status,
        status_text=NOT_SHOWN if small else STATUS_WORDS.get(r.status or "", "No target"),
        change="–" if no_change else formatting.change(r.change, unit),
        change_sense=None
        if no_change
        # "worse" beside "Meets target" reads as a contradiction: the sense agrees with status
        else formatting.sense_for_target(
            formatting.direction(r.change, m.higher_is_better, unit), status
        ),
        trend=charts.sparkline(points, r.target, description) if points else None,
        points=[TrendPoint(d, formatting.number(v, unit)) for d, v in points],
        suppressed=small,
    )


def target_text(target: float | None, higher_is_better: bool | None, unit: str) -> str:
    """A target with its direction ("at most 14", "at least 90.0%"), so a figure beside it and
    its status never read as a contradiction; "–" where there is no target."""
    if target is None:
        return "–"
    figure = formatting.number(target, unit)
    if higher_is_better is None:
        return figure
    return f"at least {figure}" if higher_is_better else f"at most {figure}"


def shown_value(
    m: Measure,
    r: Result | None,
    named: bool,
    *,
    group_small: bool = False,
    people: Mapping[str, Result | None] | None = None,
) -> float | None:
    """A point of a trend line: None where it is missing or withheld."""
    if r is None or figure_withheld(m, r, named, group_small=group_small, people=people):
        return None
    return r.value


def _plain(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.1f}"


def _workings(m: Measure, r: Result) -> str:
    """The numbers behind a rate or ratio, so it can be checked by hand."""
    if r.numerator is None or r.denominator is None or str(m.kind) not in {"rate", "ratio"}:
        return ""
    return f"{_plain(r.numerator)} ÷ {_plain(r.denominator)}"
