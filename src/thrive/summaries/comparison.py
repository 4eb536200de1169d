"""The authority beside England, its region and comparator authorities, from the Department's
published statistics (``thrive.published``) and the metrics registry's own figures.

The comparison year is the latest published year up to the page's "as at" date; the authority's
figures are computed by the registry at 30 September of each year, exactly as the Department
defines them, so they sit beside the published ones like for like.

Comparators are the user's choice; by default the five authorities nearest in size, measured by
FTE social workers in post and cases held in the comparison year (distance on a log scale, so
"twice as big" counts the same at any size). This is labelled on the page: the Department's
statistical neighbours use socio-economic data the workforce table does not hold.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.safestring import SafeString

from thrive import metrics
from thrive.frames.workforce import WorkforceFrames
from thrive.metrics import Targets
from thrive.published.models import PublishedFigure
from thrive.summaries import charts, formatting, palette

# (registry measure, published column, unit) compared like for like.
COMPARED = (
    ("turnover_rate", "turnover_rate_fte", "%"),
    ("agency_rate", "agency_rate_fte", "%"),
    ("vacancy_rate", "vacancy_rate_fte", "%"),
    ("average_caseload", "caseload_fte", "cases per FTE"),
    ("absence_rate", "absence_rate_fte", "%"),
    ("fte_in_post", "inpost_fte", "FTE"),
)
SIZE = ("inpost_fte", "cases")
NEAREST = 5
ENGLAND = "National"
REGIONAL = "Regional"
LOCAL = "Local authority"


@dataclass(frozen=True)
class Published:
    """One published figure, as plain values (read from ``PublishedFigure`` by the view)."""

    year: int
    level: str
    la_number: str
    area_name: str
    region_name: str
    measure: str
    value: float | None


@dataclass(frozen=True)
class ComparisonRow:
    label: str
    ours: str
    england: str
    region: str
    comparators: str


@dataclass(frozen=True)
class Comparison:
    year: int
    region: str
    comparators: list[tuple[str, str]]
    chosen_by_user: bool
    rows: list[ComparisonRow]
    chart: SafeString | None
    chart_rows: list[tuple[int, str, str, str, str]]
    choices: list[tuple[str, list[tuple[str, str, bool]]]]


def published_years(figures: Iterable[Published]) -> list[int]:
    return sorted({f.year for f in figures})


def comparison(
    frames: WorkforceFrames,
    la_number: str,
    region: str,
    as_at: date,
    targets: Targets,
    figures: Sequence[Published],
    chosen: Sequence[str] = (),
) -> Comparison | None:
    """The comparison for the latest published year up to ``as_at``; None with nothing to show."""
    found = compared_figures(frames, la_number, region, as_at, targets, figures, chosen)
    if found is None:
        return None
    year, region, picked = found.year, found.region, [n for n, _ in found.comparators]
    rows = [
        ComparisonRow(
            label=f.label,
            ours=formatting.number(f.ours, f.unit),
            england=formatting.number(f.england, f.unit),
            region=formatting.number(f.region, f.unit),
            comparators=_spread([v for _, v in f.comparators], f.unit),
        )
        for f in found.figures
    ]
    chart, chart_rows = _turnover_chart(found.years, found.ours, found.table, region, picked)
    return Comparison(
        year=year,
        region=region,
        comparators=found.comparators,
        chosen_by_user=bool(chosen) and picked == [n for n in chosen if n in found.names],
        rows=rows,
        chart=chart,
        chart_rows=chart_rows,
        choices=_choices(figures, year, la_number, set(picked)),
    )


@dataclass(frozen=True)
class ComparedFigure:
    """One measure beside England, the region and each comparator, as numbers."""

    measure: str
    label: str
    unit: str
    ours: float | None
    england: float | None
    region: float | None
    comparators: list[tuple[str, float | None]]


@dataclass(frozen=True)
class ComparedYear:
    """The comparison's figures for one published year (the page formats them)."""

    year: int
    region: str
    comparators: list[tuple[str, str]]
    figures: list[ComparedFigure]
    years: list[int]
    names: dict[str, str]
    ours: dict[int, dict[str, float | None]]
    table: dict[tuple[int, str, str], dict[str, float | None]]


def compared_figures(
    frames: WorkforceFrames,
    la_number: str,
    region: str,
    as_at: date,
    targets: Targets,
    figures: Sequence[Published],
    chosen: Sequence[str] = (),
) -> ComparedYear | None:
    """The comparison's numbers for the latest published year up to ``as_at`` (None if none)."""
    as_at_year = as_at.year + 1 if as_at.month >= 10 else as_at.year
    years = [y for y in published_years(figures) if y <= as_at_year]
    if not years:
        return None
    year = years[-1]
    ours = _ours(frames, years, targets)
    table = _index(figures)
    names = {f.la_number: f.area_name for f in figures if f.level == LOCAL and f.la_number}
    picked = [n for n in chosen if n in names and n != la_number]
    if not picked:
        picked = _nearest(table, year, la_number, ours.get(year, {}))
    region = region or next(
        (f.region_name for f in figures if f.level == LOCAL and f.la_number == la_number), ""
    )
    registry = metrics.measures()
    rows = [
        ComparedFigure(
            measure=name,
            label=registry[name].label if name in registry else column,
            unit=unit,
            ours=ours.get(year, {}).get(name),
            england=table.get((year, ENGLAND, ""), {}).get(column),
            region=table.get((year, REGIONAL, region), {}).get(column),
            comparators=[(n, table.get((year, LOCAL, n), {}).get(column)) for n in picked],
        )
        for name, column, unit in COMPARED
    ]
    return ComparedYear(
        year, region, [(n, names[n]) for n in picked], rows, years, names, ours, table
    )


def published_figures() -> list[Published]:
    """The published figures the comparison uses, as plain values, from the store."""
    columns = [column for _, column, _ in COMPARED] + list(SIZE)
    rows = PublishedFigure.objects.filter(measure__in=columns).values_list(
        "year", "level", "la_number", "area_name", "region_name", "measure", "value"
    )
    return [
        Published(year, level, la, area, region, measure, None if value is None else float(value))
        for year, level, la, area, region, measure, value in rows
    ]


def _ours(
    frames: WorkforceFrames, years: list[int], targets: Targets
) -> dict[int, dict[str, float | None]]:
    dates = [date(y, 9, 30) for y in years]
    names = [name for name, _, _ in COMPARED] + ["cases"]
    found: dict[int, dict[str, float | None]] = {}
    for r in metrics.series(frames, dates, names=names, targets=targets, compare=False):
        if r.slice is None:
            found.setdefault(r.as_at.year, {})[r.name] = r.value
    return found


def _index(figures: Iterable[Published]) -> dict[tuple[int, str, str], dict[str, float | None]]:
    """Figures by (year, level, key): key is '' for England, the region name, or the LA number."""
    table: dict[tuple[int, str, str], dict[str, float | None]] = {}
    for f in figures:
        key = "" if f.level == ENGLAND else f.area_name if f.level == REGIONAL else f.la_number
        table.setdefault((f.year, f.level, key), {})[f.measure] = f.value
    return table


def _nearest(
    table: dict[tuple[int, str, str], dict[str, float | None]],
    year: int,
    la_number: str,
    ours: dict[str, float | None],
) -> list[str]:
    """The authorities nearest in size (FTE in post and cases, on a log scale) that year."""
    size = (ours.get("fte_in_post"), ours.get("cases"))
    if not all(v and v > 0 for v in size):
        return []
    target = [math.log(v) for v in size if v]
    distances = []
    for (y, level, key), values in table.items():
        if y != year or level != LOCAL or key == la_number or not key:
            continue
        theirs = [values.get(m) for m in SIZE]
        if not all(v and v > 0 for v in theirs):
            continue
        logs = [math.log(v) for v in theirs if v]
        distances.append((math.dist(target, logs), key))
    return [key for _, key in sorted(distances)[:NEAREST]]


def _spread(values: Sequence[float | None], unit: str) -> str:
    known = [v for v in values if v is not None]
    if not known:
        return "–"
    middle = statistics.median(known)
    if len(known) == 1:
        return formatting.number(middle, unit)
    low, high = formatting.number(min(known), unit), formatting.number(max(known), unit)
    return f"{formatting.number(middle, unit)} ({low} to {high})"


def _turnover_chart(
    years: list[int],
    ours: dict[int, dict[str, float | None]],
    table: dict[tuple[int, str, str], dict[str, float | None]],
    region: str,
    picked: list[str],
) -> tuple[SafeString | None, list[tuple[int, str, str, str, str]]]:
    column = "turnover_rate_fte"
    series: dict[str, list[tuple[date, float | None]]] = {
        "Us": [],
        "England": [],
        region or "Region": [],
        "Comparators (median)": [],
    }
    rows = []
    for y in years:
        day = date(y, 9, 30)
        values = [
            ours.get(y, {}).get("turnover_rate"),
            table.get((y, ENGLAND, ""), {}).get(column),
            table.get((y, REGIONAL, region), {}).get(column),
        ]
        known = [v for n in picked if (v := table.get((y, LOCAL, n), {}).get(column)) is not None]
        values.append(statistics.median(known) if known else None)
        for name, value in zip(series, values, strict=True):
            series[name].append((day, value))
        ours_text, england, region_text, median = (formatting.number(v, "%") for v in values)
        rows.append((y, ours_text, england, region_text, median))
    if sum(v is not None for _, v in series["Us"]) < 2:
        return None, rows
    names = list(series)
    chart = charts.line_chart(
        series,
        y_title="Turnover rate (%)",
        description="Turnover rate at each 30 September: us, England, the region and the "
        "comparators' median; the figures are in the table below",
        colours=dict(
            zip(
                names,
                [palette.AUTHORITY, palette.ENGLAND, palette.REGION, palette.COMPARATORS],
                strict=True,
            )
        ),
        dashed=[names[1], names[3]],
        ticks=[date(y, 9, 30) for y in years],
        tick_format="%Y",
    )
    return chart, rows


def _choices(
    figures: Iterable[Published], year: int, la_number: str, picked: set[str]
) -> list[tuple[str, list[tuple[str, str, bool]]]]:
    """Every authority published that year, by region, for the comparator picker."""
    regions: dict[str, list[tuple[str, str, bool]]] = {}
    seen = set()
    for f in figures:
        if f.year != year or f.level != LOCAL or not f.la_number or f.la_number == la_number:
            continue
        if f.la_number in seen:
            continue
        seen.add(f.la_number)
        regions.setdefault(f.region_name, []).append(
            (f.la_number, f.area_name, f.la_number in picked)
        )
    return [(r, sorted(a, key=lambda x: x[1])) for r, a in sorted(regions.items())]
