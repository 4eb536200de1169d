"""``thrive forecast``: capacity under scenarios, goal seek, succession and the backtest."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from rich.console import Console

from thrive.commands.arguments import iso_date
from thrive.commands.base import ThriveCommand
from thrive.commands.forecast_tables import (
    print_backtest,
    print_scenario,
    print_side_by_side,
    print_succession,
)
from thrive.forecast import (
    CapacityForecast,
    ForecastError,
    ForecastResult,
    Scenario,
    load_scenario,
    packaged_scenarios,
)
from thrive.forecast.wording import (
    goal_sentence,
)
from thrive.frames.workforce import WorkforceFrames


class Command(ThriveCommand):
    help = (
        "Forecast capacity: FTE, vacancies, agency, caseload and cost with P10/P50/P90.\n\n"
        "Example: thrive forecast --scenario asye25_turnover_minus25 --horizon 36 --runs 10000\n"
        "Also:    thrive forecast --scenario baseline --scenario my_plan.toml   (side by side)\n"
        "         thrive forecast goal-seek --scenario asye25_turnover_minus25\n"
        "         thrive forecast succession --horizon 24\n"
        "         thrive forecast backtest --runs 2000\n"
        "         thrive forecast scenarios   (list the example scenario files)"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "action",
            nargs="?",
            default="run",
            choices=["run", "goal-seek", "succession", "backtest", "scenarios"],
            help="What to do (default: run the scenarios).",
        )
        parser.add_argument(
            "--scenario",
            action="append",
            default=[],
            help="A scenario TOML file, or the name of an example (repeat to compare).",
        )
        parser.add_argument("--horizon", type=int, default=None, help="Months ahead (default 36).")
        parser.add_argument("--runs", type=int, default=None, help="Monte Carlo runs.")
        parser.add_argument(
            "--seed", type=int, default=1, help="Random seed (same seed, same answer)."
        )
        parser.add_argument("--format", choices=["table", "json"], default="table")
        parser.add_argument("--authority", help="LA number (default: the only authority loaded).")
        parser.add_argument("--origin", type=iso_date, help="Forecast from this date.")
        parser.add_argument("--charts", type=Path, help="Write SVG fan charts into this folder.")
        parser.add_argument("--step", type=int, default=6, help="Backtest: months between origins.")
        parser.add_argument(
            "--goal-by", help="Goal seek: override the goal's date (a month, e.g. 2019-09)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        buffer = io.StringIO()
        console = Console(file=buffer, width=140, highlight=False)
        try:
            self._act(options, console)
        finally:
            self.stdout.write(buffer.getvalue(), ending="")

    def _act(self, options: dict[str, Any], console: Console) -> None:
        if options["action"] == "scenarios":
            for name in packaged_scenarios():
                console.print(f"{name:<28} {load_scenario(name).name}")
            return
        try:
            frames = self._frames(options.get("authority"))
            action = options["action"]
            if action == "backtest":
                self._backtest(frames, options, console)
                return
            model = CapacityForecast().fit(frames, options.get("origin"))
            scenarios = [load_scenario(s) for s in options["scenario"] or ["baseline"]]
            if action == "goal-seek":
                self._goal_seek(model, scenarios[0], options, console)
            elif action == "succession":
                self._succession(model, frames, options, console)
            else:
                self._run(model, scenarios, options, console)
        except ForecastError as error:
            raise CommandError(str(error)) from error

    def _frames(self, la_number: str | None) -> WorkforceFrames:
        from thrive.centre.centre import Centre
        from thrive.workforce.models import Authority

        authorities = Authority.objects.all()
        if la_number:
            authorities = authorities.filter(la_number=la_number)
        found = list(authorities[:2])
        if not found:
            raise CommandError("No authority loaded: run `thrive demo` or import records first.")
        if len(found) > 1:
            raise CommandError("Several authorities are loaded: choose one with --authority.")
        return Centre.for_authority(found[0]).frames

    def _run(
        self,
        model: CapacityForecast,
        scenarios: list[Scenario],
        options: dict[str, Any],
        console: Console,
    ) -> None:
        runs = options["runs"] or 10_000
        results = [
            model.run(
                s, runs=runs, horizon=options["horizon"] or s.horizon or 36, seed=options["seed"]
            )
            for s in scenarios
        ]
        if options["charts"]:
            self._charts(model, results, options["charts"], console)
        if options["format"] == "json":
            console.file.write(json.dumps([r.as_dict() for r in results], indent=1, default=str))
            return
        for result in results:
            print_scenario(result, console)
        if len(results) > 1:
            print_side_by_side(results, console)

    def _charts(
        self, model: CapacityForecast, results: list[ForecastResult], folder: Path, console: Console
    ) -> None:
        from thrive.forecast.charts import fan_chart, to_svg

        folder.mkdir(parents=True, exist_ok=True)
        for measure in (
            "fte_in_post",
            "permanent_share",
            "agency_fte",
            "average_caseload",
            "agency_cost_to_date",
        ):
            path = folder / f"{measure}.svg"
            path.write_text(to_svg(fan_chart(results, measure, history=model.history_)), "utf-8")
            console.print(f"Wrote {path}")

    def _goal_seek(
        self, model: CapacityForecast, scenario: Scenario, options: dict[str, Any], console: Console
    ) -> None:
        from thrive.forecast.goal_seek import GoalSeek

        if options.get("goal_by"):
            from dataclasses import replace

            from thrive.forecast.scenario import Goal, month_of

            goal = scenario.goal or Goal(by=month_of(options["goal_by"], "--goal-by", ""))
            scenario = replace(
                scenario, goal=replace(goal, by=month_of(options["goal_by"], "--goal-by", ""))
            )
        seek = GoalSeek(
            model,
            scenario,
            runs=min(options["runs"] or 2000, 10_000),
            confirm_runs=options["runs"] or 10_000,
            seed=options["seed"],
        )
        result = seek.solve()
        if options["format"] == "json":
            console.file.write(json.dumps(result.as_dict(), indent=1))
            return
        console.print(goal_sentence(result))
        console.print("Tried: " + ", ".join(f"{t}/yr -> {p:.0%}" for t, p in result.tried))

    def _succession(
        self,
        model: CapacityForecast,
        frames: WorkforceFrames,
        options: dict[str, Any],
        console: Console,
    ) -> None:
        from thrive.forecast.succession import succession

        plan = succession(
            model,
            frames,
            horizon=options["horizon"] or 36,
            runs=options["runs"] or 2000,
            seed=options["seed"],
        )
        if options["format"] == "json":
            console.file.write(
                json.dumps(
                    {"grades": plan.grades.to_dicts(), "posts": plan.posts.to_dicts()},
                    indent=1,
                    default=str,
                )
            )
            return
        print_succession(plan, console)

    def _backtest(self, frames: WorkforceFrames, options: dict[str, Any], console: Console) -> None:
        from thrive.forecast.backtest import backtest

        result = backtest(
            frames, runs=options["runs"] or 2000, seed=options["seed"], step_months=options["step"]
        )
        if options["format"] == "json":
            console.file.write(json.dumps(result.as_dict(), indent=1, default=str))
            return
        print_backtest(result, console)
