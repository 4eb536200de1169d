"""What ``thrive forecast`` prints: a scenario's year ends, scenarios side by side, the
succession plan and the backtest, as rich tables."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from thrive.forecast import ForecastResult
from thrive.forecast.backtest import BacktestResult
from thrive.forecast.succession import SuccessionPlan
from thrive.forecast.wording import KEY_MEASURES, band, milestone_sentence, reached, year_ends


def print_scenario(result: ForecastResult, console: Console) -> None:
    """One scenario's year ends: median (P10 to P90) of each key measure, and the milestone."""
    console.print(
        f"[bold]{result.scenario.name}[/bold]: from {result.origin} for "
        f"{len(result.months)} months, {result.runs:,} runs (seed {result.seed}). "
        "Median (P10 to P90)."
    )
    table = Table("Month end", *(label for _, label, _ in KEY_MEASURES))
    for when in year_ends(result):
        table.add_row(str(when), *(band(result, m, when, fmt) for m, _, fmt in KEY_MEASURES))
    console.print(table)
    console.print(milestone_sentence(result.milestone(0.9)))
    for note in result.notes:
        console.print(f"Note: {note}")
    console.print()


def print_side_by_side(results: list[ForecastResult], console: Console) -> None:
    """Several scenarios at the last month they share."""
    end = min(r.months[-1] for r in results)
    table = Table(f"At {end}", *(r.scenario.name for r in results), title="Side by side")
    for measure, label, fmt in KEY_MEASURES:
        table.add_row(label, *(band(r, measure, end, fmt) for r in results))
    table.add_row("90% permanent (median month)", *(reached(r.milestone(0.9)) for r in results))
    console.print(table)


def print_succession(plan: SuccessionPlan, console: Console) -> None:
    """Each grade's expected vacancies against its pipeline, and the posts at risk."""
    columns = ("Grade", "Posts", "In post", "Expected vacancies (P10-P90)", "Pipeline")
    table = Table(
        *columns,
        "Coverage",
        "Posts at risk",
        title=f"Succession over {plan.horizon} months from {plan.origin}",
    )
    for row in plan.grades.iter_rows(named=True):
        expected = f"{row['expected_vacancies']:.1f}"
        spread = f"({row['vacancies_p10']:.0f}-{row['vacancies_p90']:.0f})"
        table.add_row(
            row["label"],
            str(row["posts"]),
            str(row["in_post"]),
            f"{expected} {spread}",
            str(row["pipeline"]),
            f"{row['coverage_ratio']:.2f}",
            str(row["posts_at_risk"]),
        )
    console.print(table)
    at_risk = plan.posts.filter(plan.posts["at_risk"])
    if at_risk.height:
        posts = Table(
            "Post",
            "Team",
            "Grade",
            "Chance vacant",
            "Service pipeline",
            "Service expects",
            title="Posts at risk",
        )
        for row in at_risk.iter_rows(named=True):
            posts.add_row(
                row["post"],
                row["team"] or "-",
                row["grade"],
                f"{row['vacancy_chance']:.0%}",
                str(row["service_pipeline"]),
                f"{row['service_expected']:.1f}",
            )
        console.print(posts)


def print_backtest(result: BacktestResult, console: Console) -> None:
    """How far out the baseline forecast was at each horizon, over rolling origins."""
    table = Table(
        "Horizon (months)",
        "Forecasts",
        "MAPE of FTE in post",
        "Actuals inside P10-P90",
        title="Backtest (baseline, rolling origins)",
    )
    for row in result.summary.iter_rows(named=True):
        table.add_row(
            str(row["horizon"]),
            str(row["forecasts"]),
            f"{row['mape_pct']:.1f}%",
            f"{row['coverage_pct']:.0f}%",
        )
    console.print(table)
    console.print(
        f"All horizons: {result.coverage:.0%} of actual FTE in post inside the P10-P90 band "
        f"(by grade: {result.grade_coverage:.0%}); an honest band holds about 80%."
    )
