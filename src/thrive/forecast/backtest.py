"""Backtest: how far the forecast can be trusted, judged against what actually happened.

From each of a series of past origins (every ``step_months``), the forecast is fitted on the
history up to that origin only, run as the baseline (nothing changed), and its FTE in post at
12, 24 and 36 months compared with the FTE actually in post then (the measures registry's
``fte_in_post``, in the five forecast grades). Two
figures per horizon: the mean absolute percentage error (MAPE) of the median forecast, and the
share of actuals that fell inside the P10-P90 band (80% if the band is honest).

Limits: origins overlap, so the comparisons are not independent; the establishment is frozen at
its origin value (later funded posts were not known then); and a handful of origins is a small
sample for a calibration figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import polars as pl

from thrive.forecast.errors import InsufficientHistoryError
from thrive.forecast.grades import GRADE_INDEX, GRADES
from thrive.forecast.history import (
    add_months,
    grade_episodes,
    last_month_end,
    records_begin,
)
from thrive.forecast.model import CapacityForecast
from thrive.forecast.scenario import Scenario
from thrive.frames.workforce import WorkforceFrames

HORIZONS = (12, 24, 36)


@dataclass
class BacktestResult:
    """One row per origin, horizon and breakdown (all grades, or one grade)."""

    comparisons: pl.DataFrame

    @property
    def summary(self) -> pl.DataFrame:
        """Per horizon (all grades together): forecasts, MAPE (%) and band coverage (%)."""
        return (
            self.comparisons.filter(pl.col("breakdown") == "all")
            .group_by("horizon")
            .agg(
                pl.len().alias("forecasts"),
                (pl.col("ape").mean() * 100).alias("mape_pct"),
                (pl.col("inside").mean() * 100).alias("coverage_pct"),
            )
            .sort("horizon")
        )

    @property
    def coverage(self) -> float:
        """Share of all-grade actuals inside the P10-P90 band, over every origin and horizon."""
        rows = self.comparisons.filter(pl.col("breakdown") == "all")
        return float(rows["inside"].mean()) if rows.height else float("nan")  # type: ignore[arg-type]

    @property
    def grade_coverage(self) -> float:
        """The same share over grade-level comparisons (a harder test)."""
        rows = self.comparisons.filter(pl.col("breakdown") != "all")
        return float(rows["inside"].mean()) if rows.height else float("nan")  # type: ignore[arg-type]

    def as_dict(self) -> dict[str, Any]:
        return {
            "coverage": self.coverage,
            "grade_coverage": self.grade_coverage,
            "summary": self.summary.to_dicts(),
            "comparisons": [
                {k: (v.isoformat() if isinstance(v, date) else v) for k, v in row.items()}
                for row in self.comparisons.iter_rows(named=True)
            ],
        }


def measured_fte_in_post(
    frames: WorkforceFrames, days: list[date]
) -> dict[tuple[date, str], float]:
    """FTE in post by forecast grade on each date, from the measures registry.

    ``thrive.metrics``' ``fte_in_post`` (the Department's definition) sliced by career grade,
    folded into the forecast's grades (consultants with senior practitioners; heads of service
    left out, as the forecast leaves them out).
    """
    from thrive.metrics import compute

    out: dict[tuple[date, str], float] = {}
    for day in days:
        for g in GRADES:
            out[(day, g)] = 0.0
        results = compute(
            frames, as_at=day, names=["fte_in_post"], by="grade", compare=False, hr=True
        )
        for result in results:
            if not result.slice or result.value is None:
                continue
            index = GRADE_INDEX.get(result.slice.get("grade", ""))
            if index is not None:
                out[(day, GRADES[index])] += float(result.value)
    return out


def origins_for(frames: WorkforceFrames, step_months: int = 6, warm_up: int = 24) -> list[date]:
    """Origins from ``warm_up`` months after the records begin to 12 months before they end."""
    if grade_episodes(frames).height == 0:
        raise InsufficientHistoryError("No employment records to backtest on.")
    first = records_begin(frames)
    last = last_month_end(frames)
    origin = add_months(first, warm_up)
    found = []
    while add_months(origin, min(HORIZONS)) <= last:
        found.append(origin)
        origin = add_months(origin, step_months)
    return found


def backtest(
    frames: WorkforceFrames,
    origins: list[date] | None = None,
    horizons: tuple[int, ...] = HORIZONS,
    runs: int = 2000,
    window_months: int = 36,
    seed: int = 1,
    step_months: int = 6,
) -> BacktestResult:
    """Fit at each origin on the history before it, forecast, and compare with the actuals."""
    chosen = origins or origins_for(frames, step_months)
    if not chosen:
        raise InsufficientHistoryError("The history is too short for any backtest origin.")
    last = last_month_end(frames)
    wanted = sorted(
        {add_months(o, h) for o in chosen for h in horizons if add_months(o, h) <= last}
    )
    by_grade = measured_fte_in_post(frames, wanted)
    totals: dict[date, float] = {}
    for (day, _), value in by_grade.items():
        totals[day] = totals.get(day, 0.0) + value
    rows: list[dict[str, Any]] = []
    for origin in chosen:
        usable = [h for h in horizons if add_months(origin, h) <= last]
        if not usable:
            continue
        model = CapacityForecast(window_months=window_months).fit(frames, origin)
        result = model.run(Scenario(), runs=runs, horizon=max(usable), seed=seed)
        for h in usable:
            when = add_months(origin, h)
            checks = [("all", totals.get(when, 0.0), result.measures["fte_in_post"][:, h])]
            checks += [
                (key, by_grade.get((when, key), 0.0), result.by_grade["fte_in_post"][:, h, g])
                for g, key in enumerate(GRADES)
            ]
            for breakdown, observed, simulated in checks:
                p10, p50, p90 = np.percentile(simulated, (10, 50, 90))
                rows.append(
                    {
                        "origin": origin,
                        "horizon": h,
                        "breakdown": breakdown,
                        "actual": float(observed),
                        "p10": float(p10),
                        "p50": float(p50),
                        "p90": float(p90),
                        "inside": bool(p10 <= observed <= p90),
                        "ape": abs(p50 - observed) / observed if observed > 0 else float("nan"),
                    }
                )
    return BacktestResult(comparisons=pl.DataFrame(rows))
