"""The Forecast page's view model: a scenario's capacity with its range, beside the baseline.

The levers a person sets on the page (recruits a year by route, a change in leaving rates, the
target caseload, agency conversions, the horizon) are applied to one of the example scenarios
shipped with Thrive; the forecast runs as ``thrive forecast`` does (10,000 runs, seed 1), so the
page and the command line give the same figures for the same scenario. All figures are for the
whole council; the posts at risk name teams only where the viewer may see that team's people.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import polars as pl
from django.utils.safestring import SafeString

from thrive.codes import Route
from thrive.forecast import CapacityForecast, ForecastResult, Scenario, load_scenario
from thrive.forecast.charts import fan_chart
from thrive.forecast.grades import GRADE_LABELS
from thrive.forecast.scenario import Goal, RecruitmentPlan
from thrive.forecast.succession import SuccessionPlan, succession
from thrive.forecast.wording import (
    KEY_MEASURES,
    band,
    difference_sentences,
    goal_sentence,
    milestone_sentence,
    reached,
    year_ends,
)
from thrive.frames.workforce import WorkforceFrames
from thrive.summaries import charts, palette
from thrive.summaries.forecast_children import ChildrenForecast, children_forecast
from thrive.summaries.suppression import shown_count

RUNS = 10_000
SEED = 1
HORIZONS = (12, 24, 36, 60)
DEFAULT_SCENARIO = "asye25_turnover_minus25"
BASELINE = "baseline"
CHARTED = ("fte_in_post", "permanent_share", "agency_fte", "average_caseload")
GOAL_SEEK_RUNS = 2_000  # each step of the search; the plan found is confirmed with RUNS
# Intake months when a page sets a yearly number for a route the scenario does not plan:
# newly qualified routes start in cohorts, experienced hires arrive through the year.
INTAKE_MONTHS = {
    str(Route.ASYE): (9, 1),
    str(Route.STEP_UP): (9,),
    str(Route.FRONTLINE): (9,),
    str(Route.APPRENTICESHIP): (9,),
}


@dataclass(frozen=True)
class Levers:
    """What the page was asked for, as plain values (also the key its rendering is kept under)."""

    scenario: str = DEFAULT_SCENARIO
    asye_per_year: int | None = None
    experienced_per_year: int | None = None
    turnover_change: int | None = None
    target_caseload: float | None = None
    conversions_per_quarter: float | None = None
    horizon: int | None = None
    compare: bool = True
    goal_by: date | None = None

    @classmethod
    def from_form(cls, data: dict[str, Any]) -> Levers:
        values: dict[str, Any] = {name: data.get(name) for name in cls.__dataclass_fields__}
        return cls(**values)

    @property
    def key(self) -> str:
        return "|".join(str(getattr(self, name)) for name in self.__dataclass_fields__)

    @property
    def changed(self) -> list[str]:
        """The levers set on the page, in words."""
        said = []
        if self.asye_per_year is not None:
            said.append(f"{self.asye_per_year} ASYEs a year")
        if self.experienced_per_year is not None:
            said.append(f"{self.experienced_per_year} experienced social workers a year")
        if self.turnover_change is not None:
            said.append(f"leaving rates {self.turnover_change:+d}%")
        if self.target_caseload is not None:
            said.append(f"target caseload {self.target_caseload:g}")
        if self.conversions_per_quarter is not None:
            said.append(f"{self.conversions_per_quarter:g} agency conversions a quarter")
        return said


def _yearly(route: str, per_year: int, plan: RecruitmentPlan | None) -> RecruitmentPlan:
    """A route's plan with a new yearly total: the scenario's months, else the usual intake."""
    if plan is not None:
        return plan.scaled(per_year)
    months = INTAKE_MONTHS.get(route, tuple(range(1, 13)))
    per_month = [0.0] * 12
    for month in months:
        per_month[month - 1] += per_year / len(months)
    return RecruitmentPlan(route, tuple(per_month))


def scenario_for(levers: Levers) -> Scenario:
    """The chosen example scenario with the page's levers applied."""
    scenario = load_scenario(levers.scenario)
    plans = tuple(
        _yearly(route, n, scenario.plan_for(route))
        for route, n in (
            (str(Route.ASYE), levers.asye_per_year),
            (str(Route.EXPERIENCED), levers.experienced_per_year),
        )
        if n is not None
    )
    changes: dict[str, Any] = {}
    if plans:
        changes["recruitment"] = scenario.with_plans(plans).recruitment
    if levers.turnover_change is not None:
        changes["turnover_change"] = levers.turnover_change / 100
    if levers.target_caseload is not None:
        changes["target_caseload"] = levers.target_caseload
    if levers.conversions_per_quarter is not None:
        changes["agency_conversions_per_quarter"] = levers.conversions_per_quarter
    if levers.horizon is not None:
        changes["horizon"] = levers.horizon
    if levers.changed:
        changes["name"] = f"{scenario.name}, changed: {', '.join(levers.changed)}"
    return replace(scenario, **changes) if changes else scenario


@dataclass(frozen=True)
class ScenarioSummary:
    name: str
    description: str
    milestone: str
    rows: list[list[str]]  # per year end: month, then each key measure's band


@dataclass(frozen=True)
class Succession:
    horizon: int
    grades: list[list[str]]
    posts_at_risk: list[list[str]]
    hidden_posts: int  # posts at risk in teams the viewer may not see named


@dataclass(frozen=True)
class ForecastResults:
    """Everything the page shows that is the same for every viewer (all figures are for the
    whole council): worked out once per store version and set of levers, and kept for the
    authority, so each role's first view of the page only lays it out."""

    origin: date
    runs: int
    horizon: int
    headers: list[str]
    scenarios: list[ScenarioSummary]
    comparison_headers: list[str]
    comparison: list[list[str]]
    charts: list[charts.Chart]
    notes: list[str]
    succession: SuccessionPlan
    goal: str | None
    # what the plan changes against the baseline, in words (empty without a baseline beside it)
    difference: tuple[str, ...] = ()
    # expected changes of social worker per child under each scenario (None: kept before these)
    children: ChildrenForecast | None = None


@dataclass(frozen=True)
class ForecastPage:
    origin: date
    runs: int
    horizon: int
    headers: list[str]
    scenarios: list[ScenarioSummary]
    comparison_headers: list[str] = field(default_factory=list)
    comparison: list[list[str]] = field(default_factory=list)
    charts: list[charts.Chart] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    succession: Succession | None = None
    goal: str | None = None
    difference: tuple[str, ...] = ()
    children: ChildrenForecast | None = None

    @property
    def runs_text(self) -> str:
        return f"{self.runs:,}"


def forecast_results(
    model: CapacityForecast, frames: WorkforceFrames, levers: Levers
) -> ForecastResults:
    """Run the scenario (and the baseline beside it), the succession picture and any goal seek:
    the slow part of the page, the same for every viewer."""
    scenario = scenario_for(levers)
    horizon = scenario.horizon or 36
    results = [model.run(scenario, runs=RUNS, horizon=horizon, seed=SEED)]
    if levers.compare and not (levers.scenario == BASELINE and not levers.changed):
        baseline = replace(load_scenario(BASELINE), horizon=horizon)
        results.append(model.run(baseline, runs=RUNS, horizon=horizon, seed=SEED))
    comparison_headers: list[str] = []
    comparison: list[list[str]] = []
    if len(results) > 1:
        end = results[0].months[-1]
        comparison_headers = [f"At {end:%-d %B %Y}", *(r.scenario.name for r in results)]
        comparison = [
            [label, *(band(r, measure, end, fmt) for r in results)]
            for measure, label, fmt in KEY_MEASURES
        ]
        comparison.append(
            ["90% permanent (median month)", *(reached(r.milestone(0.9)) for r in results)]
        )
    return ForecastResults(
        origin=results[0].origin,
        runs=RUNS,
        horizon=horizon,
        headers=["Month end", *(label for _, label, _ in KEY_MEASURES)],
        scenarios=[_summary(result) for result in results],
        comparison_headers=comparison_headers,
        comparison=comparison,
        charts=[_chart(model, results, measure) for measure in CHARTED],
        notes=sorted({note for result in results for note in result.notes}),
        succession=succession(model, frames, horizon=horizon, runs=2000, seed=SEED),
        goal=None if levers.goal_by is None else _goal_seek(model, scenario, levers.goal_by),
        difference=tuple(difference_sentences(*results)) if len(results) > 1 else (),
        children=children_forecast(frames, results),
    )


def forecast_page(
    results: ForecastResults, *, named_teams: set[str], sees_everyone: bool
) -> ForecastPage:
    """The page as this viewer sees it: the posts at risk name only teams they may see, and the
    succession counts of fewer than five people are withheld from those who see no names."""
    return ForecastPage(
        origin=results.origin,
        runs=results.runs,
        horizon=results.horizon,
        headers=results.headers,
        scenarios=results.scenarios,
        comparison_headers=results.comparison_headers,
        comparison=results.comparison,
        charts=results.charts,
        notes=results.notes,
        succession=_succession(results.succession, named_teams, sees_everyone),
        goal=results.goal,
        difference=results.difference,
        children=results.children,
    )


def _summary(result: ForecastResult) -> ScenarioSummary:
    rows = [
        [
            f"{when:%-d %b %Y}",
            *(band(result, measure, when, fmt) for measure, _, fmt in KEY_MEASURES),
        ]
        for when in year_ends(result)
    ]
    return ScenarioSummary(
        name=result.scenario.name,
        description=result.scenario.description,
        milestone=milestone_sentence(result.milestone(0.9)),
        rows=rows,
    )


def _chart(model: CapacityForecast, results: list[ForecastResult], measure: str) -> charts.Chart:
    colours = [palette.AUTHORITY, palette.COMPARATORS][: len(results)]
    chart = fan_chart(
        results, measure, history=model.history_, width=640, height=260, colours=colours
    )
    spec = chart.to_dict(validate=False)  # Altair's schema check costs more than the drawing
    spec.pop("config", None)
    spec.pop("$schema", None)
    label = str(spec.get("title", measure))
    svg: SafeString = charts.draw(spec, f"Fan chart: {label}")
    step = 6 if len(results[0].months) > 24 else 3
    months = [results[0].origin, *results[0].months[step - 1 :: step]]
    rows = [[f"{when:%b %Y}", *(band(r, measure, when) for r in results)] for when in months]
    recorded = (
        " The dashed black line is what was recorded before the forecast starts."
        if (measure == "fte_in_post")
        else ""
    )
    return charts.Chart(
        svg=svg,
        caption=f"{label}. The line is the median of {RUNS:,} runs; the shaded band holds 8 runs "
        f"in 10 (the likely range).{recorded}",
        headers=["Month end", *(f"{r.scenario.name}: most likely (likely range)" for r in results)],
        rows=rows,
    )


def _succession(plan: SuccessionPlan, named_teams: set[str], sees_everyone: bool) -> Succession:
    grades = [
        [
            str(row["label"]),
            str(row["posts"]),
            str(shown_count(int(row["in_post"]), named=sees_everyone)),
            f"{row['expected_vacancies']:.1f} ({row['vacancies_p10']:.0f} to "
            f"{row['vacancies_p90']:.0f})",
            str(shown_count(int(row["pipeline"]), named=sees_everyone)),
            f"{row['coverage_ratio']:.1f}",
            str(row["posts_at_risk"]),
        ]
        for row in plan.grades.iter_rows(named=True)
    ]
    at_risk = plan.posts.filter(pl.col("at_risk"))
    shown = at_risk.filter(pl.lit(sees_everyone) | pl.col("team").is_in(sorted(named_teams)))
    posts = [
        [
            str(row["post"]),
            str(row["team"] or "-"),
            GRADE_LABELS.get(str(row["grade"]), str(row["grade"])),
            f"{row['vacancy_chance']:.0%}",
            f"{row['service_pipeline']} for {row['service_expected']:.1f} expected vacancies",
        ]
        for row in shown.iter_rows(named=True)
    ]
    return Succession(plan.horizon, grades, posts, at_risk.height - shown.height)


def _goal_seek(model: CapacityForecast, scenario: Scenario, by: date) -> str:
    from thrive.forecast.goal_seek import GoalSeek

    start = model.origin_
    if by <= start:
        return (
            f"Goal seek needs a month after the forecast starts ({start:%-d %B %Y}): "
            f"{by:%B %Y} is not."
        )

    goal = replace(scenario.goal, by=by) if scenario.goal else Goal(by=by, max_per_year=150)
    seek = GoalSeek(
        model,
        replace(scenario, goal=goal),
        runs=GOAL_SEEK_RUNS,
        confirm_runs=RUNS,
        seed=SEED,
    )
    return goal_sentence(seek.solve())
