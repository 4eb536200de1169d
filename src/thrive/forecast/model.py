"""The capacity forecast, in the estimator style: fit on the history, then run scenarios.

>>> model = CapacityForecast().fit(frames)                          # doctest: +SKIP
>>> result = model.run(load_scenario("baseline"), runs=10_000, horizon=36)  # doctest: +SKIP
>>> result.summary.filter(pl.col("measure") == "permanent_share")   # doctest: +SKIP
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import polars as pl

from thrive.forecast.demand import CasesModel, entered_cases, fit_cases
from thrive.forecast.errors import InsufficientHistoryError
from thrive.forecast.grades import (
    ASYE,
    GRADES,
    NEWLY_QUALIFIED_ROUTES,
    POST_GROUP_OF_GRADE,
    POST_GROUPS,
    SOCIAL_WORKER,
)
from thrive.forecast.history import (
    Window,
    add_months,
    cases_by_date,
    establishment_on,
    grade_episodes,
    last_month_end,
    monthly_stocks,
    records_begin,
    starters,
)
from thrive.forecast.rates import SupplyRates, estimate_rates
from thrive.forecast.scenario import DEFAULT_DAY_RATE, RecruitmentPlan, Scenario
from thrive.forecast.simulation import ModelInputs, Trajectories, simulate
from thrive.forecast.starting_point import StartingPoint, starting_point
from thrive.forecast.trainee_intake import TraineeIntake, trainee_intake, without_own_trainees
from thrive.frames.workforce import WorkforceFrames

if TYPE_CHECKING:
    from thrive.forecast.outcomes import ForecastResult

MIN_HISTORY_MONTHS = 12


def _whole_numbers(expected: np.ndarray) -> np.ndarray:
    """Round a monthly series to whole people without losing any over time."""
    cumulative = np.floor(np.cumsum(expected) + 1e-9)
    return np.diff(np.concatenate([[0.0], cumulative])).astype(np.int64)


def _vacancy_months(frames: WorkforceFrames, stocks: pl.DataFrame) -> np.ndarray | None:
    """Vacant funded FTE by post group, summed over month ends; None if no posts recorded."""
    total = np.zeros(len(POST_GROUPS))
    employed = stocks.filter(pl.col("contract") == "employed")
    for day in employed["date"].unique().sort().to_list():
        funded = np.asarray(establishment_on(frames, day))
        if funded.sum() == 0:
            continue
        in_post = np.zeros(len(POST_GROUPS))
        for grade, fte in employed.filter(pl.col("date") == day).select("grade", "fte").iter_rows():
            in_post[POST_GROUP_OF_GRADE[GRADES.index(grade)]] += fte
        total += np.maximum(funded - in_post, 0.0)
    return total if total.sum() > 0 else None


class CapacityForecast:
    """Supply, demand and cost of the social work workforce, month by month, with uncertainty.

    ``window_months`` is how much recent history the flow rates are estimated from.
    """

    def __init__(self, window_months: int = 36) -> None:
        self.window_months = window_months

    def fit(self, frames: WorkforceFrames, origin: date | None = None) -> CapacityForecast:
        """Estimate every rate and the starting point from the history up to ``origin``."""
        self.origin_ = origin or last_month_end(frames)
        episodes = grade_episodes(frames)
        if episodes.height == 0:
            raise InsufficientHistoryError(
                "The authority has no employed social workers on record."
            )
        available = (self.origin_ - records_begin(frames)).days / 30.4
        if available < MIN_HISTORY_MONTHS:
            raise InsufficientHistoryError(
                f"Only {available:.0f} months of history before {self.origin_}; "
                f"the forecast needs at least {MIN_HISTORY_MONTHS}."
            )
        window = Window.ending(self.origin_, min(self.window_months, int(available)))
        starts = without_own_trainees(
            starters(frames, date(1900, 1, 1), self.origin_), frames, ASYE
        )
        self.trainees_ = frames.trainees
        stocks = monthly_stocks(frames, window.first, self.origin_)
        agency_months = float(
            stocks.filter((pl.col("contract") == "agency") & pl.col("grade").is_in(GRADES[:3]))[
                "headcount"
            ].sum()
        )
        self.rates_: SupplyRates = estimate_rates(
            episodes,
            starts,
            agency_months,
            window,
            vacancy_months=_vacancy_months(frames, stocks),
            records_from=records_begin(frames),
        )
        self.start_: StartingPoint = starting_point(frames, episodes, self.origin_)
        self.cases_model_: CasesModel | None = fit_cases(cases_by_date(frames), self.origin_)
        self.history_ = monthly_stocks(frames, add_months(self.origin_, -60), self.origin_)
        return self

    # --- turning a scenario into per-run inputs ------------------------------------------------

    def _months(self, horizon: int) -> list[date]:
        return [add_months(self.origin_, m) for m in range(1, horizon + 1)]

    def trainee_intake(self, horizon: int) -> TraineeIntake:
        """The council's trainees due to qualify in each forecast month, as ASYE starters."""
        return trainee_intake(self.trainees_, self.origin_, self._months(horizon))

    def _planned(
        self, scenario: Scenario, months: list[date]
    ) -> tuple[np.ndarray, list[int], list[float], list[bool]]:
        columns: list[np.ndarray] = []
        grades: list[int] = []
        ftes: list[float] = []
        capped: list[bool] = []
        intake = self.trainee_intake(len(months))
        if intake.due.any():
            columns.append(_whole_numbers(intake.expected))
            grades.append(ASYE)
            ftes.append(1.0)
            capped.append(False)
        for plan in scenario.recruitment:
            for g, share, fte in self._plan_grades(plan):
                expected = np.array(
                    [
                        plan.per_month[d.month - 1] * share
                        if plan.starting is None or d >= plan.starting
                        else 0.0
                        for d in months
                    ]
                )
                columns.append(_whole_numbers(expected))
                grades.append(g)
                ftes.append(fte)
                capped.append(g != ASYE)
        planned = np.stack(columns, axis=1) if columns else np.zeros((len(months), 0), np.int64)
        return planned, grades, ftes, capped

    def _plan_grades(self, plan: RecruitmentPlan) -> list[tuple[int, float, float]]:
        streams = [s for s in self.rates_.hires if s.route == plan.route]
        fte_of = {s.g: s.mean_fte for s in streams}
        if plan.grade is not None:
            g = GRADES.index(plan.grade)
            return [(g, 1.0, fte_of.get(g, 1.0))]
        if plan.route == "agency_conversion":
            return [(SOCIAL_WORKER, 1.0, self._agency_fte_per_head())]
        if plan.route in NEWLY_QUALIFIED_ROUTES and not streams:
            return [(ASYE, 1.0, 1.0)]
        if not streams:
            return [(SOCIAL_WORKER, 1.0, 1.0)]
        total = sum(s.count for s in streams)
        return [(s.g, s.count / total, s.mean_fte) for s in streams]

    def _agency_fte_per_head(self) -> float:
        heads = float(self.start_.agency_headcount[:2].sum())
        return float(self.start_.agency_fte[:2].sum()) / heads if heads else 1.0

    def inputs_establishment(self, scenario: Scenario, horizon: int) -> np.ndarray:
        """Funded FTE by post group at the origin and each forecast month end: (H+1, groups)."""
        establishment = np.broadcast_to(
            self.start_.establishment, (horizon + 1, len(POST_GROUPS))
        ).copy()
        for change in scenario.establishment:
            group = POST_GROUPS.index(change.group)
            for m, d in enumerate([self.origin_, *self._months(horizon)]):
                if change.starting is None or d >= change.starting:
                    establishment[m, group] = max(0.0, establishment[m, group] + change.change_fte)
        return establishment

    def inputs(self, scenario: Scenario, runs: int, horizon: int, seed: int) -> ModelInputs:
        """Per-run model inputs for a scenario: rates drawn from their posteriors."""
        rng = np.random.default_rng(np.random.SeedSequence([seed, 7]))
        rates, start = self.rates_, self.start_
        months = self._months(horizon)
        leave = np.stack([h.draw(rng, runs) for h in rates.leaving], axis=1)
        turnover = np.ones((horizon, len(GRADES)))
        begin = scenario.turnover_from or months[0]
        for m, d in enumerate(months):
            if d >= begin and scenario.turnover_change:
                elapsed = sum(1 for x in months[: m + 1] if x >= begin)
                ramp = (
                    min(1.0, elapsed / scenario.turnover_ramp_months)
                    if scenario.turnover_ramp_months
                    else 1.0
                )
                for g, key in enumerate(GRADES):
                    if key in scenario.turnover_grades:
                        turnover[m, g] = 1.0 + scenario.turnover_change * ramp
        progress = np.stack(
            [
                -np.expm1(
                    -rates.progression[g].draw(rng, runs)
                    * scenario.progression.get(GRADES[g + 1], 1.0)
                )
                for g in (1, 2, 3)
            ],
            axis=1,
        )
        completion = -np.expm1(-rates.asye_completion.draw(rng, runs)[:, 0])
        planned_routes = {p.route for p in scenario.recruitment}
        streams = [s for s in rates.hires if s.route not in planned_routes]
        hire_rate = (
            np.stack([s.draw(rng, runs) for s in streams], axis=1)
            if streams
            else np.zeros((runs, 0))
        )
        planned, p_grades, p_ftes, p_capped = self._planned(scenario, months)
        conversions = None
        if scenario.agency_conversions_per_quarter is not None:
            conversions = _whole_numbers(
                np.full(horizon, scenario.agency_conversions_per_quarter / 3)
            )
        elif "agency_conversion" in planned_routes:
            conversions = np.zeros(horizon, np.int64)  # planned above as recruits
        establishment = self.inputs_establishment(scenario, horizon)
        cases: np.ndarray | None = None
        if scenario.cases is not None:
            cases = entered_cases(scenario.cases, scenario.cases_growth_per_year, runs, horizon)
        elif self.cases_model_ is not None:
            cases = self.cases_model_.simulate(rng, runs, horizon)
        cover = start.agency_cover.copy()
        if scenario.agency_cover is not None:
            cover[:] = scenario.agency_cover
        return ModelInputs(
            runs=runs,
            horizon=horizon,
            month_of_year=np.array([d.month - 1 for d in months]),
            leave_hazard=leave,
            turnover_multiplier=turnover,
            progress_prob=progress,
            asye_completion_prob=completion,
            hire_rate=hire_rate,
            hire_season=np.stack([s.season for s in streams]) if streams else np.ones((0, 12)),
            hire_grade=np.array([s.g for s in streams], dtype=np.int64),
            hire_fte=np.array([s.mean_fte for s in streams]),
            hire_capped=np.array([s.g != ASYE for s in streams], dtype=bool),
            hire_per_vacancy=np.array([s.per_vacancy for s in streams], dtype=bool),
            planned=planned,
            planned_grade=np.array(p_grades, dtype=np.int64),
            planned_fte=np.array(p_ftes),
            planned_capped=np.array(p_capped, dtype=bool),
            conversion_rate=rates.conversion_draw(rng, runs),
            planned_conversions=conversions,
            leaving_drift=rates.leaving_drift,
            hiring_drift=rates.hiring_drift,
            headcount0=start.headcount,
            fte0=start.fte,
            asye_headcount0=start.asye_headcount,
            asye_fte0=start.asye_fte,
            agency_fte0=start.agency_fte,
            establishment=establishment,
            cases=cases,
            target_caseload=scenario.target_caseload,
            caseload_weights=start.caseload_weights,
            agency_cover=cover,
            agency_fte_per_head=self._agency_fte_per_head(),
            recruit_to_vacancies=scenario.recruit_to_vacancies,
        )

    def simulate(
        self, scenario: Scenario, runs: int = 10_000, horizon: int = 36, seed: int = 1
    ) -> Trajectories:
        """Every run's path for a scenario (see ``thrive.forecast.simulation``)."""
        return simulate(self.inputs(scenario, runs, horizon, seed), seed)

    def run(
        self,
        scenario: Scenario | None = None,
        runs: int = 10_000,
        horizon: int | None = None,
        seed: int = 1,
    ) -> ForecastResult:
        """Forecast a scenario: ``runs`` Monte Carlo runs over ``horizon`` months."""
        from thrive.forecast.outcomes import ForecastResult

        chosen = scenario or Scenario()
        months = horizon or chosen.horizon or 36
        paths = self.simulate(chosen, runs, months, seed)
        return ForecastResult.build(self, chosen, paths, self._months(months), seed)

    @property
    def summary(self) -> pl.DataFrame:
        """The fitted leaving and progression rates by grade and tenure band.

        One row per grade, band and kind (leaving / progression): events and exposure
        (person-months) in the window, the maximum-likelihood monthly hazard (events / exposure,
        where every band of the grade had events), the posterior mean the forecast centres on, and
        the chance of leaving (or moving up) within a year with its 80% interval.
        """
        from scipy.stats import gamma

        from thrive.forecast.grades import TENURE_LABELS

        rows = []
        for kind, table in (
            ("leaving", self.rates_.leaving),
            ("progression", self.rates_.progression),
        ):
            for g, hazard in enumerate(table):
                if kind == "progression" and g == len(GRADES) - 1:
                    continue
                shape, rate = hazard.posterior()
                likeliest = hazard.maximum_likelihood() if kind == "leaving" else None
                for b, label in enumerate(TENURE_LABELS):
                    low, high = gamma.ppf([0.1, 0.9], shape[b], scale=1 / rate[b])
                    rows.append(
                        {
                            "kind": kind,
                            "grade": GRADES[g],
                            "tenure": label,
                            "events": float(hazard.events[b]),
                            "exposure_months": float(hazard.exposure[b]),
                            "mle_hazard": float(likeliest[b]) if likeliest is not None else None,
                            "hazard": float(shape[b] / rate[b]),
                            "per_year": float(-np.expm1(-12 * shape[b] / rate[b])),
                            "per_year_p10": float(-np.expm1(-12 * low)),
                            "per_year_p90": float(-np.expm1(-12 * high)),
                        }
                    )
        return pl.DataFrame(rows)

    def day_rate(self, scenario: Scenario) -> float:
        return scenario.day_rate or self.start_.day_rate or DEFAULT_DAY_RATE
