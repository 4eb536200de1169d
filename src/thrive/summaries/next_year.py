"""Next year from the Department's published statistics alone: the council, its region, England
and its comparators, each measure's latest published figure beside next year's most likely
figure and the range 8 years in 10 should fall in (the model is :mod:`thrive.forecast.published`).

The forecast is made from the published figures in the store (``PublishedFigure``, loaded by
``thrive import dfe-stats``): the very rows the Overview's comparison shows, so a newer release,
once imported, moves both. How often such ranges held in the backtest (2022, 2023 and 2024, each
forecast from the years before it) is said in words beside every measure. Both are slow (seconds):
pages take them kept (:mod:`thrive.summaries.kept_results`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import polars as pl

from thrive import metrics
from thrive.forecast.published import BACKTEST_YEARS, MAIN_MEASURES, forecast, summarise
from thrive.forecast.published.backtest import compare
from thrive.forecast.published.table import COLUMNS, Record, from_records
from thrive.published.models import PublishedFigure
from thrive.summaries import charts, formatting, palette
from thrive.summaries.comparison import COMPARED

# published column -> (registry measure, unit), the five main measures in the model's order
UNITS = {column: (name, unit) for name, column, unit in COMPARED if column in MAIN_MEASURES}
ENGLAND, REGIONAL, LOCAL = "National", "Regional", "Local authority"
SHORT = {
    "inpost_fte": "FTE in post",
    "turnover_rate_fte": "turnover",
    "agency_rate_fte": "agency rate",
    "vacancy_rate_fte": "vacancy rate",
    "caseload_fte": "caseload",
}
COLOURS = {
    "us": palette.AUTHORITY,
    "region": palette.REGION,
    "england": palette.ENGLAND,
    "comparator": palette.COMPARATORS,
}


def published_records() -> list[Record]:
    """Every published figure the forecast reads, as plain rows."""
    rows = PublishedFigure.objects.filter(measure__in=COLUMNS).values_list(
        "year", "level", "area_code", "la_number", "area_name", "region_code", "region_name",
        "measure", "value",
    )  # fmt: skip
    return [(*row[:8], None if row[8] is None else float(row[8])) for row in rows]


@dataclass(frozen=True)
class Forecasts:
    """Next collection year's forecast of the main measures for every published area."""

    year: int
    rows: list[dict[str, Any]]  # as ``thrive published forecast --format json`` prints them

    def of(self, level: str, key: str, measure: str) -> dict[str, Any] | None:
        """One area's row: ``key`` is the LA number, the region's name, or '' for England."""
        for row in self.rows:
            if row["measure"] != measure or row["level"] != level:
                continue
            if level == ENGLAND or key in (row["old_la_code"], row["la_name"]):
                return row
        return None


def forecasts(records: list[Record]) -> Forecasts:
    """The year after the latest published, from the published years before it (raises
    :class:`~thrive.forecast.published.PublishedForecastError` when it cannot be made)."""
    table = from_records(records)
    year = int(table["year"].max()) + 1 if table.height else 0  # type: ignore[arg-type]
    made = forecast(table, year, MAIN_MEASURES)
    return Forecasts(year, made.to_dicts())


@dataclass(frozen=True)
class Held:
    """How often the P10-P90 range held the published figure in the backtest, in per cent."""

    years: tuple[int, ...]
    councils: dict[str, float]
    areas: dict[str, float]  # the regions and England


def held_in_backtest(records: list[Record]) -> Held:
    """The backtest's coverage per main measure (the years the published table allows)."""
    table = from_records(records)
    latest = int(table["year"].max()) if table.height else 0  # type: ignore[arg-type]
    years = tuple(y for y in BACKTEST_YEARS if y <= latest)
    parts = [compare(forecast(table, y, MAIN_MEASURES), table, table) for y in years]
    if not parts:
        return Held((), {}, {})
    together = pl.concat(parts, how="diagonal_relaxed")

    def coverage(councils: bool) -> dict[str, float]:
        summary = summarise(together, councils=councils)
        return {r["measure"]: r["coverage_pct"] for r in summary.to_dicts() if r["main"]}

    return Held(years, coverage(True), coverage(False))


def held_sentence(held: Held, measure: str) -> str:
    """How often such ranges held, in words a director uses."""
    councils, areas = held.councils.get(measure), held.areas.get(measure)
    if councils is None or not held.years:
        return "There are too few published years to test how often such ranges hold."
    years = f"{held.years[0]} to {held.years[-1]}" if len(held.years) > 1 else str(held.years[0])
    said = (
        f"Tested on {years} (each year forecast from the years before it), the published figure "
        f"fell inside a council's 8 in 10 likely range {councils:.0f}% of the time"
        + (", about as often as it should." if 70 <= councils <= 90 else ".")
    )
    if areas is not None:
        verdict = (
            "so their ranges are too narrow: the figure may well move further than they show"
            if areas < 70
            else "about as often as it should"
        )
        said += f" For regions and England it did {areas:.0f}% of the time, {verdict}."
    return said


@dataclass(frozen=True)
class AreaRow:
    name: str
    kind: str  # us, region, england or comparator
    latest: str
    median: str
    likely: str  # "low to high"


@dataclass(frozen=True)
class Section:
    measure: str
    label: str
    chart: charts.Chart | None
    rows: list[AreaRow]
    held: str


@dataclass(frozen=True)
class NextYearPage:
    year: int
    council: str
    published: bool  # the Department publishes the council's own figures
    region: str
    comparators: list[str]
    sections: list[Section] = field(default_factory=list)
    own: list[str] = field(default_factory=list)  # the forecast from the council's records


def _areas(
    made: Forecasts, la_number: str, region: str, comparators: list[str], measure: str
) -> list[tuple[str, dict[str, Any]]]:
    picked = [
        ("us", made.of(LOCAL, la_number, measure)),
        ("region", made.of(REGIONAL, region, measure)),
        ("england", made.of(ENGLAND, "", measure)),
        *(("comparator", made.of(LOCAL, la, measure)) for la in comparators),
    ]
    return [(kind, row) for kind, row in picked if row is not None]


def next_year_page(
    made: Forecasts,
    held: Held,
    council: str,
    la_number: str,
    region: str,
    comparators: list[str],
) -> NextYearPage:
    """The page's sections: one per main measure, the council first."""
    registry = metrics.measures()
    published = any(made.of(LOCAL, la_number, m) for m in MAIN_MEASURES)
    names = [r["la_name"] for la in comparators if (r := made.of(LOCAL, la, MAIN_MEASURES[0]))]
    sections = []
    for measure in MAIN_MEASURES:
        name, unit = UNITS[measure]
        label = registry[name].label if name in registry else measure
        areas = _areas(made, la_number, region, comparators, measure)
        rows = [
            AreaRow(
                row["la_name"],
                kind,
                formatting.number(row["last"], unit),
                formatting.number(row["p50"], unit),
                f"{formatting.number(row['p10'], unit)} to {formatting.number(row['p90'], unit)}",
            )
            for kind, row in areas
        ]
        sections.append(
            Section(
                measure,
                label,
                _chart(areas, label, unit, made.year),
                rows,
                held_sentence(held, measure),
            )
        )
    return NextYearPage(made.year, council, published, region, names, sections)


def _chart(
    areas: list[tuple[str, dict[str, Any]]], label: str, unit: str, year: int
) -> charts.Chart | None:
    if not areas:
        return None
    # FTE in post differs a hundredfold between a council and England: drawn as the change
    # on the latest published figure, in per cent, so every area shares one scale.
    relative = unit == "FTE"

    def scaled(row: dict[str, Any], p: str) -> float:
        value = float(row[p])
        return round(100 * (value / row["last"] - 1), 1) if relative and row["last"] else value

    values = [
        {"area": row["la_name"], "kind": kind, "last": scaled(row, "last"),
         "p10": scaled(row, "p10"), "p50": scaled(row, "p50"), "p90": scaled(row, "p90")}
        for kind, row in areas
        if not relative or row["last"]
    ]  # fmt: skip
    kinds = [k for k in COLOURS if any(kind == k for kind, _ in areas)]
    colour = {
        "field": "kind",
        "type": "nominal",
        "legend": None,
        "scale": {"domain": kinds, "range": [COLOURS[k] for k in kinds]},
    }
    y = {"field": "area", "type": "nominal", "title": None, "sort": None,
         "axis": {"labelLimit": 240}}  # fmt: skip
    title = f"{label} ({unit})"
    if relative:
        title = f"Change on {year - 1} (%)"
    x = {"field": "p10", "type": "quantitative", "title": title, "scale": {"zero": False}}
    spec = {
        "data": {"values": values},
        "width": 520,
        "height": {"step": 28},
        "layer": [
            {
                "mark": {"type": "rule", "strokeWidth": 6, "opacity": 0.45},
                "encoding": {"y": y, "x": x, "x2": {"field": "p90"}, "color": colour},
            },
            {
                "mark": {"type": "tick", "thickness": 3, "size": 22},
                "encoding": {"y": y, "x": {"field": "p50", "type": "quantitative"},
                             "color": colour},
            },
            {
                "mark": {"type": "point", "shape": "circle", "filled": False, "size": 70,
                         "strokeWidth": 2, "color": palette.TEXT},
                "encoding": {"y": y, "x": {"field": "last", "type": "quantitative"}},
            },
        ],
    }  # fmt: skip
    description = (
        f"{label}: each area's latest published figure and its {year} forecast, most likely "
        "and 8 in 10 likely range; the figures are in the table beside the chart"
    )
    caption = (
        f"{label}{', as the change on ' + str(year - 1) if relative else ''}: the bar is each "
        f"area's 8 in 10 likely range for {year}, the upright line its most likely figure and "
        f"the open circle its latest published figure ({year - 1})."
    )
    return charts.Chart(charts.draw(spec, description), caption)


def overview_line(made: Forecasts, la_number: str, region: str) -> tuple[str, str] | None:
    """The Overview's "next year" line: whose forecast it is, and the figures in words (the
    council's own when the Department publishes them, else its region's)."""
    level, key = (LOCAL, la_number) if made.of(LOCAL, la_number, MAIN_MEASURES[0]) else (
        REGIONAL, region)  # fmt: skip
    parts = []
    whose = ""
    for measure in MAIN_MEASURES:
        row = made.of(level, key, measure)
        if row is None:
            continue
        whose = row["la_name"]
        _, unit = UNITS[measure]
        parts.append(
            f"{SHORT[measure]} {formatting.number(row['p50'], unit)} "
            f"({formatting.number(row['p10'], unit)} to {formatting.number(row['p90'], unit)})"
        )
    return (whose, "; ".join(parts)) if parts else None
