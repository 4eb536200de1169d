"""What a forecast tells you: measures per month with P10 / P50 / P90, and milestones.

Measures follow the Department for Education's definitions where one exists:

- ``fte_in_post``: FTE of directly employed social workers (the five forecast grades);
- ``vacancies_fte``: funded FTE not filled by employed staff, summed over post groups (and by
  post group: breakdown ``social_worker_posts`` etc., ASYEs filling social worker posts);
- ``agency_fte``: agency FTE covering vacancies (the gap to demand, up to the cover rate), in
  total and by post group;
- ``uncovered_fte``: case-holding FTE still needed after agency cover (shows as caseload);
- ``permanent_share``: employed FTE / (employed + agency FTE) = 1 - the agency rate;
- ``average_caseload``: cases / FTE of case-holding workers (ASYE, social worker, senior
  practitioner, and agency);
- ``salary_cost``, ``agency_cost``, ``total_cost``: per month, in pounds; salary with on-costs,
  agency at the day rate for ``agency_days_per_year`` / 12 days a month;
- ``agency_cost_to_date``: agency cost from the origin to the month;
- ``turnover_rate``: FTE leavers over the 12 months to the month / FTE in post at the month.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
import polars as pl

from thrive.forecast.grades import GRADES, POST_GROUPS
from thrive.forecast.scenario import Scenario
from thrive.forecast.simulation import Trajectories

if TYPE_CHECKING:
    from thrive.forecast.model import CapacityForecast

QUANTILES = (10, 50, 90)
MEASURES: dict[str, str] = {
    "fte_in_post": "FTE in post (employed)",
    "headcount_in_post": "Headcount in post (employed)",
    "vacancies_fte": "Vacancies (FTE)",
    "agency_fte": "Agency FTE",
    "uncovered_fte": "Case-holding FTE short after agency",
    "permanent_share": "Permanent share of FTE",
    "average_caseload": "Average caseload",
    "turnover_rate": "Turnover (12 months)",
    "starters_fte": "Starters (FTE, month)",
    "leavers_fte": "Leavers (FTE, month)",
    "salary_cost": "Salary cost (month, GBP)",
    "agency_cost": "Agency cost (month, GBP)",
    "total_cost": "Total cost (month, GBP)",
    "agency_cost_to_date": "Agency cost to date (GBP)",
}


@dataclass
class Milestone:
    """When a measure first reaches a level, over the runs."""

    measure: str
    level: float
    by_month: list[tuple[date, float]]  # cumulative probability of having reached it
    month_p10: date | None
    month_p50: date | None
    month_p90: date | None
    probability_within_horizon: float
    agency_cost_until: tuple[float, float, float]  # P10/P50/P90 of agency cost until reached
    at_origin: float = float("nan")  # the measure's value at the origin
    held_at_end: float = float("nan")  # share of runs at or above the level in the last month

    @property
    def already(self) -> bool:
        """The level was already reached at the origin."""
        return bool(self.at_origin >= self.level)

    def as_dict(self) -> dict[str, Any]:
        return {
            "measure": self.measure,
            "level": self.level,
            "month_p10": self.month_p10.isoformat() if self.month_p10 else None,
            "month_p50": self.month_p50.isoformat() if self.month_p50 else None,
            "month_p90": self.month_p90.isoformat() if self.month_p90 else None,
            "probability_within_horizon": self.probability_within_horizon,
            "agency_cost_until_reached": dict(
                zip(("p10", "p50", "p90"), self.agency_cost_until, strict=True)
            ),
            "at_origin": self.at_origin,
            "already_reached_at_origin": self.already,
            "share_of_runs_at_level_in_last_month": self.held_at_end,
        }


@dataclass
class ForecastResult:
    """A scenario's forecast: per-run measures and their summary."""

    scenario: Scenario
    origin: date
    months: list[date]  # month ends 1..H (the origin is month 0)
    runs: int
    seed: int
    paths: Trajectories
    measures: dict[str, np.ndarray]  # name -> (runs, H+1)
    by_grade: dict[str, np.ndarray]  # name -> (runs, H+1, grades)
    by_group: dict[str, np.ndarray]  # name -> (runs, H+1, post groups)
    day_rate: float
    notes: list[str] = field(default_factory=list)

    @property
    def dates(self) -> list[date]:
        return [self.origin, *self.months]

    @classmethod
    def build(
        cls,
        model: CapacityForecast,
        scenario: Scenario,
        paths: Trajectories,
        months: list[date],
        seed: int,
    ) -> ForecastResult:
        start = model.start_
        fte = paths.fte
        employed = fte.sum(axis=2)
        agency = paths.agency_fte.sum(axis=2)
        groups = np.stack(
            [fte[..., 0] + fte[..., 1], fte[..., 2], fte[..., 3], fte[..., 4]], axis=2
        )
        horizon = len(months)
        establishment = model.inputs_establishment(scenario, horizon)
        vacant = np.maximum(establishment[None, :, :] - groups, 0.0)
        vacancies = vacant.sum(axis=2)
        case_fte = fte[..., :3].sum(axis=2) + paths.agency_fte[..., :2].sum(axis=2)
        caseload = np.full_like(employed, np.nan)
        uncovered = np.zeros_like(employed)
        if paths.cases is not None:
            cases = paths.cases.copy()
            cases[:, 0] = start.cases if start.cases is not None else np.nan
            caseload = cases / np.maximum(case_fte, 1e-9)
            capacity = fte[..., :3] @ start.caseload_weights[:3] + paths.agency_fte[..., :2].sum(
                axis=2
            )
            uncovered = np.maximum(cases / scenario.target_caseload - capacity, 0.0)
            uncovered[:, 0] = np.nan if start.cases is None else uncovered[:, 0]
        salaries = np.array([scenario.salaries[g] for g in GRADES]) * (1 + scenario.on_cost) / 12
        day_rate = model.day_rate(scenario)
        salary_cost = fte @ salaries
        agency_cost = agency * day_rate * scenario.agency_days_per_year / 12
        agency_cost[:, 0] = 0.0
        leavers = np.concatenate(
            [np.zeros((paths.fte.shape[0], 1)), paths.leavers_fte.sum(axis=2)], axis=1
        )
        starters = np.concatenate(
            [np.zeros((paths.fte.shape[0], 1)), paths.starters_fte.sum(axis=2)], axis=1
        )
        turnover = np.full_like(employed, np.nan)
        if horizon >= 12:
            rolling = np.cumsum(leavers, axis=1)
            turnover[:, 12:] = (rolling[:, 12:] - rolling[:, :-12]) / np.maximum(
                employed[:, 12:], 1e-9
            )
        measures = {
            "fte_in_post": employed,
            "headcount_in_post": paths.headcount.sum(axis=2).astype(float),
            "vacancies_fte": vacancies,
            "agency_fte": agency,
            "uncovered_fte": uncovered,
            "permanent_share": employed / np.maximum(employed + agency, 1e-9),
            "average_caseload": caseload,
            "turnover_rate": turnover,
            "starters_fte": starters,
            "leavers_fte": leavers,
            "salary_cost": salary_cost,
            "agency_cost": agency_cost,
            "total_cost": salary_cost + agency_cost,
            "agency_cost_to_date": np.cumsum(agency_cost, axis=1),
        }
        notes = []
        if not start.establishment_from_posts:
            notes.append(
                "No establishment posts are recorded: the establishment is taken as the FTE "
                "in post plus agency at the origin."
            )
        if paths.cases is None:
            notes.append("No caseload snapshots and no cases entered: caseload is not forecast.")
        if start.day_rate is None and scenario.day_rate is None:
            notes.append(f"No agency day rates recorded: £{day_rate:,.0f} a day is assumed.")
        trainees = getattr(model, "trainees_", None)  # a model fitted before trainees were kept
        if trainees is not None and trainees.height:
            notes.append(model.trainee_intake(len(months)).describe())
        return cls(
            scenario=scenario,
            origin=model.origin_,
            months=months,
            runs=paths.fte.shape[0],
            seed=seed,
            paths=paths,
            measures=measures,
            by_grade={"fte_in_post": fte, "headcount_in_post": paths.headcount.astype(float)},
            by_group={"vacancies_fte": vacant, "agency_fte": paths.agency_fte},
            day_rate=day_rate,
            notes=notes,
        )

    # --- summaries ---------------------------------------------------------------------------

    @cached_property
    def summary(self) -> pl.DataFrame:
        """P10 / P50 / P90 and the mean of every measure at every month end (long format).

        Worked out once per result (the runs do not change after the forecast is built)."""
        rows: list[dict[str, Any]] = []
        dates = self.dates
        for name, values in self.measures.items():
            rows.extend(_rows(name, "all", dates, values))
        for name, values in self.by_grade.items():
            for g, key in enumerate(GRADES):
                rows.extend(_rows(name, key, dates, values[..., g]))
        for name, values in self.by_group.items():
            for i, group in enumerate(POST_GROUPS):
                rows.extend(_rows(name, f"{group}_posts", dates, values[..., i]))
        return pl.DataFrame(rows)

    def at(self, measure: str, month: date, breakdown: str = "all") -> tuple[float, float, float]:
        """(P10, P50, P90) of a measure at a month end."""
        index = self.dates.index(month)
        values = (
            self.measures[measure][:, index]
            if breakdown == "all"
            else self.by_grade[measure][:, index, GRADES.index(breakdown)]
        )
        if np.isnan(values).all():
            return float("nan"), float("nan"), float("nan")
        p10, p50, p90 = np.nanpercentile(values, QUANTILES)
        return float(p10), float(p50), float(p90)

    def probability(self, month: date, min_share: float, max_caseload: float | None) -> float:
        """The share of runs meeting a permanent share (and caseload) at a month end."""
        index = self.dates.index(month)
        met = self.measures["permanent_share"][:, index] >= min_share
        if max_caseload is not None:
            caseload = self.measures["average_caseload"][:, index]
            met &= np.nan_to_num(caseload, nan=np.inf) <= max_caseload
        return float(met.mean())

    def milestone(self, level: float = 0.9, measure: str = "permanent_share") -> Milestone:
        """When the measure first reaches ``level``, and the agency cost until then."""
        values = self.measures[measure][:, 1:]
        reached = values >= level
        first = np.where(reached.any(axis=1), reached.argmax(axis=1), len(self.months))
        costs = self.measures["agency_cost"][:, 1:]
        upto = np.cumsum(costs, axis=1)
        cost_until = upto[np.arange(self.runs), np.minimum(first, len(self.months) - 1)]

        def month_at(q: float) -> date | None:
            index = int(math.ceil(np.percentile(first, q)))
            return self.months[index] if index < len(self.months) else None

        by_month = [(d, float((first <= i).mean())) for i, d in enumerate(self.months)]
        p10, p50, p90 = np.percentile(cost_until, QUANTILES)
        return Milestone(
            measure=measure,
            level=level,
            by_month=by_month,
            month_p10=month_at(10),
            month_p50=month_at(50),
            month_p90=month_at(90),
            probability_within_horizon=float((first < len(self.months)).mean()),
            agency_cost_until=(float(p10), float(p50), float(p90)),
            at_origin=float(self.measures[measure][0, 0]),
            held_at_end=float((values[:, -1] >= level).mean()),
        )

    def as_dict(self) -> dict[str, Any]:
        """Everything a JSON consumer needs: settings, notes and the monthly summary."""
        return {
            "scenario": self.scenario.name,
            "origin": self.origin.isoformat(),
            "runs": self.runs,
            "seed": self.seed,
            "horizon": len(self.months),
            "day_rate": self.day_rate,
            "notes": self.notes,
            "milestone_90_permanent": self.milestone(0.9).as_dict(),
            "months": [
                {k: (v.isoformat() if isinstance(v, date) else v) for k, v in row.items()}
                for row in self.summary.iter_rows(named=True)
            ],
        }


def _rows(name: str, breakdown: str, dates: list[date], values: np.ndarray) -> list[dict[str, Any]]:
    # A month is either known in every run or in none (e.g. turnover before month 12).
    valid = ~np.isnan(values).any(axis=0)
    if not valid.any():
        return []
    kept = values[:, valid]
    q = np.percentile(kept, QUANTILES, axis=0)
    mean = kept.mean(axis=0)
    kept_dates = [d for d, ok in zip(dates, valid, strict=True) if ok]
    return [
        {
            "date": d,
            "measure": name,
            "breakdown": breakdown,
            "p10": float(q[0, i]),
            "p50": float(q[1, i]),
            "p90": float(q[2, i]),
            "mean": float(mean[i]),
        }
        for i, d in enumerate(kept_dates)
    ]


__all__ = ["MEASURES", "ForecastResult", "Milestone"]
