"""The ASYE and careers page's view model: newly qualified social workers and how careers go.

- the ASYE and career measures against their targets, with change and a 12-quarter trend (the
  Overview's rows, for these measures only);
- year by year at each 30 September: ASYEs passed, the pass rate, and ASYEs still employed two
  and three years after starting (each year's figure follows the cohort that reached that
  anniversary in the year);
- by route into social work (ASYE, Step Up, Frontline, apprenticeship...): still employed;
- coming through: students on placement and trainees due to qualify (:mod:`.pipeline`).

All from the metrics registry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.safestring import SafeString

from thrive import metrics
from thrive.codes import Route
from thrive.frames.workforce import WorkforceFrames
from thrive.metrics import Result, Targets
from thrive.summaries import charts, formatting, palette
from thrive.summaries.careers_results import AsyeCohort, CareersResult, ProgressionCount
from thrive.summaries.overview import OverviewPage, overview_page
from thrive.summaries.pipeline import PipelineSection, pipeline_section
from thrive.summaries.suppression import figure_withheld, shown_count, threshold

CAREER_MEASURES = (
    "asye_passed",
    "asye_pass_rate",
    "asye_still_employed",
    "asye_retained_2_years",
    "asye_retained_3_years",
    "asye_average_caseload",
    "asye_caseload_ratio",
    "asye_over_caseload_cap",
    "progressions_to_senior_practitioner",
    "aspirant_managers",
    "average_years_in_service",
    "retention_rate",
)
YEARLY = {
    "asye_passed": "ASYEs passed",
    "asye_pass_rate": "Pass rate",
    "asye_retained_2_years": "Still employed after 2 years",
    "asye_retained_3_years": "Still employed after 3 years",
}
YEARS = 8


@dataclass(frozen=True)
class RouteRow:
    route: str
    still_employed: str
    retention: str


@dataclass(frozen=True)
class CareersPage:
    measures: OverviewPage
    years: list[date]
    yearly: list[tuple[str, list[str]]]
    yearly_chart: SafeString | None
    routes: list[RouteRow]
    cohorts: list[Any] = field(default_factory=list)
    progressions: list[Any] = field(default_factory=list)
    progression_labels: list[str] = field(default_factory=list)
    pipeline: PipelineSection | None = None


def careers_page(
    frames: WorkforceFrames,
    as_at: date,
    targets: Targets,
    *,
    named: bool,
    summary: CareersResult | None = None,
) -> CareersPage:
    """``summary``: ``thrive.summaries.results.careers_summary`` (cohorts, progressions), if any."""
    registry = metrics.measures()
    chosen = [registry[name] for name in CAREER_MEASURES if name in registry]
    measures = overview_page(frames, as_at, targets, named=named, chosen=chosen)
    years, yearly, chart = _yearly(frames, as_at, targets, named)
    return CareersPage(
        measures,
        years,
        yearly,
        chart,
        _routes(frames, as_at, targets, named),
        cohorts=cohort_rows(summary.asye_cohorts if summary else [], named),
        progressions=progression_rows(summary.progressions if summary else [], named),
        progression_labels=[label for _, _, label in PROGRESSIONS],
        pipeline=pipeline_section(frames, as_at, named=named),
    )


def _septembers(as_at: date) -> list[date]:
    last = as_at.year if (as_at.month, as_at.day) >= (9, 30) else as_at.year - 1
    return [date(year, 9, 30) for year in range(last - YEARS + 1, last + 1)]


def _yearly(
    frames: WorkforceFrames, as_at: date, targets: Targets, named: bool
) -> tuple[list[date], list[tuple[str, list[str]]], SafeString | None]:
    years = _septembers(as_at)
    registry = metrics.measures()
    found: dict[str, dict[date, Result]] = {}
    for r in metrics.series(
        frames, years, names=list(YEARLY), targets=targets, hr=named, compare=False
    ):
        if r.slice is None:
            found.setdefault(r.name, {})[r.as_at] = r
    rows: list[tuple[str, list[str]]] = []
    series: dict[str, list[tuple[date, float | None]]] = {}
    for name, label in YEARLY.items():
        m = registry[name]
        values = []
        line = []
        for year in years:
            got = found.get(name, {}).get(year)
            hidden = got is not None and figure_withheld(m, got, named)
            value = None if got is None or hidden else got.value
            shown = f"fewer than {threshold()}" if hidden else formatting.number(value, str(m.unit))
            values.append(shown)
            line.append((year, value))
        rows.append((label, values))
        if str(m.unit) == "%":
            series[label] = line
    chart = None
    if any(sum(v is not None for _, v in points) >= 2 for points in series.values()):
        chart = charts.line_chart(
            series,
            y_title="Per cent",
            description="ASYE pass rate and ASYEs still employed after 2 and 3 years, at each "
            "30 September: the figures are in the table below",
            colours=dict(zip(series, palette.series_colours(len(series)), strict=True)),
            dashed=["Pass rate"],
            ticks=years,
        )
    return years, rows, chart


def _routes(frames: WorkforceFrames, as_at: date, targets: Targets, named: bool) -> list[RouteRow]:
    registry = metrics.measures()
    found: dict[str, dict[str, Result]] = {}
    for r in metrics.compute(
        frames,
        as_at,
        by="route",
        names=["asye_still_employed", "retention_rate"],
        targets=targets,
        hr=named,
        compare=False,
    ):
        if r.slice is not None:
            found.setdefault(r.slice["route"], {})[r.name] = r
    rows = []
    for route, results in sorted(found.items()):
        try:
            label = Route(route).label
        except ValueError:
            label = route

        def shown(name: str, results: dict[str, Result] = results) -> str:
            r = results.get(name)
            if r is None or r.value is None:
                return "–"
            if figure_withheld(registry[name], r, named):
                return f"fewer than {threshold()} people"
            return formatting.number(r.value, str(registry[name].unit))

        rows.append(RouteRow(label, shown("asye_still_employed"), shown("retention_rate")))
    return rows


@dataclass(frozen=True)
class CohortRow:
    cohort: str
    started: str
    passed: str
    in_progress: str
    kept: list[str]


@dataclass(frozen=True)
class ProgressionRow:
    year: int
    moves: list[str]


PROGRESSIONS = (
    ("asye", "social_worker", "ASYE to social worker"),
    ("social_worker", "senior_practitioner", "Social worker to senior practitioner"),
    ("senior_practitioner", "consultant_social_worker", "To consultant social worker"),
    ("senior_practitioner", "team_manager", "Senior practitioner to team manager"),
    ("team_manager", "operations_manager", "Team manager to operations manager"),
)


def cohort_rows(cohorts: list[AsyeCohort], named: bool) -> list[CohortRow]:
    """ASYE cohorts (from ``thrive.retention``): counts shown, small ones suppressed."""
    below = threshold()
    rows = []
    for c in cohorts:
        started = int(c.started or 0)
        small = not named and 0 < started < below
        kept = []
        for due, stayed in ((c.due_1y, c.kept_1y), (c.due_2y, c.kept_2y), (c.due_3y, c.kept_3y)):
            if not due:
                kept.append("not yet")
            elif small or (not named and 0 < due < below):
                kept.append("–")
            elif named:
                kept.append(f"{stayed} of {due} ({100 * (stayed or 0) / due:.0f}%)")
            else:  # a share only: "4 of 5" would name the one who left
                kept.append(f"{100 * (stayed or 0) / due:.0f}%")
        rows.append(
            CohortRow(
                cohort=str(c.cohort),
                started=f"fewer than {below}" if small else str(started),
                passed="–" if small else _count(c.passed, named),
                in_progress="–" if small else _count(c.in_progress, named),
                kept=kept,
            )
        )
    return rows


def progression_rows(
    moves: list[ProgressionCount], named: bool, last: int = 8
) -> list[ProgressionRow]:
    """People moving up each collection year (from ``thrive.retention``), small counts hidden."""
    counts: dict[int, dict[tuple[str, str], int]] = {}
    for m in moves:
        counts.setdefault(int(m.year), {})[(m.from_grade, m.to_grade)] = int(m.people)
    rows = []
    for year in sorted(counts)[-last:]:
        found = counts[year]
        rows.append(
            ProgressionRow(year, [_count(found.get((a, b), 0), named) for a, b, _ in PROGRESSIONS])
        )
    return rows


def _count(value: object, named: bool) -> str:
    number = int(value or 0)  # type: ignore[call-overload]
    return str(shown_count(number, named=named))
