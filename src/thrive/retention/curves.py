"""Retention curves: how long people stay, by cohort, with Kaplan-Meier survival (lifelines).

The curve at *t* years is the share of a cohort still with the council *t* years after starting.
People still in post are *censored* (we know they have stayed at least this long), and people who
started before the records begin enter the risk set late (left truncation), so neither biases the
curve. Median tenure and 1-, 2- and 3-year retention come with confidence bands; cohorts are
compared with a log-rank test.

>>> curves = RetentionCurves(by="route_in").fit(tenure(frames, as_at=date(2025, 9, 30)))
>>> curves.summary   # one row per cohort: people, leavers, median tenure, 1/2/3-year retention
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
import polars as pl
from lifelines import KaplanMeierFitter
from lifelines.exceptions import StatError
from lifelines.statistics import multivariate_logrank_test, pairwise_logrank_test
from lifelines.utils import median_survival_times

from thrive.retention.errors import InsufficientDataError, UnknownCohortError

COHORTS = (
    "route_in",
    "start_year",
    "first_grade",
    "first_team",
    "first_service",
    "source",
    "panel",
)
"""What a retention curve can be split by: route in, start year, grade, team and service on
starting; for hires through the pipeline (``funnel.hire_stints``) also recruitment source and
whether young people sat on the interview panel."""

HORIZONS = (1.0, 2.0, 3.0)


def _finite(value: float) -> float | None:
    return None if value is None or not math.isfinite(value) else float(value)


def _at(frame: pd.DataFrame, years: float) -> list[float]:
    """The step function's values at ``years`` (the last step at or before it)."""
    index = frame.index.to_numpy()
    position = int(np.searchsorted(index, years, side="right")) - 1
    return [float(v) for v in frame.iloc[max(position, 0)].to_numpy()]


class RetentionCurves:
    """Kaplan-Meier retention curves, one per cohort, in the lifelines estimator style.

    ``by`` names a column of :func:`thrive.retention.tenure.tenure` (see :data:`COHORTS`), or
    None for the whole authority. ``alpha`` sets the confidence level (0.05 gives 95% bands).
    After :meth:`fit`: ``curves_`` (cohort, years, retained, lower, upper, at_risk),
    ``summary`` (one row per cohort), ``log_rank_`` (the test across all cohorts),
    ``pairwise_`` (each pair of cohorts) and ``skipped_`` (cohorts whose curve cannot be drawn,
    with the reason).
    """

    def __init__(
        self,
        by: str | None = "route_in",
        alpha: float = 0.05,
        horizons: Sequence[float] = HORIZONS,
        min_people: int = 1,
    ) -> None:
        if by is not None and by not in COHORTS:
            raise UnknownCohortError(by, list(COHORTS))
        self.by = by
        self.alpha = alpha
        self.horizons = tuple(horizons)
        self.min_people = min_people

    def fit(self, stints: pl.DataFrame) -> RetentionCurves:
        """Fit one curve per cohort to the stints (one row per stint, as ``tenure`` gives)."""
        if stints.is_empty():
            raise InsufficientDataError("No one has been employed yet: there is nothing to fit.")
        cohort = pl.col(self.by).cast(pl.String) if self.by else pl.lit("All")
        data = stints.with_columns(cohort=cohort.fill_null("Not recorded"))
        sizes = data.group_by("cohort").len().filter(pl.col("len") >= self.min_people)
        data = data.join(sizes.select("cohort"), on="cohort").sort("cohort")
        curves: list[pl.DataFrame] = []
        rows: list[dict[str, object]] = []
        self.fitters_: dict[str, KaplanMeierFitter] = {}
        self.skipped_: dict[str, str] = {}
        for (name,), group in data.group_by("cohort", maintain_order=True):
            try:
                fitter = KaplanMeierFitter(alpha=self.alpha).fit(
                    group["duration_years"].to_numpy(),
                    event_observed=group["left"].to_numpy(),
                    entry=group["entry_years"].to_numpy(),
                    label=str(name),
                )
            except StatError:
                self.skipped_[str(name)] = (
                    "Everyone observed early in their time here left: too few people were "
                    "already in post when the records began to draw this curve."
                )
                continue
            self.fitters_[str(name)] = fitter
            curves.append(self._curve(str(name), fitter))
            rows.append(self._summary_row(str(name), group, fitter))
        if not curves:
            raise InsufficientDataError("No cohort has enough people to draw a curve.")
        self.curves_ = pl.concat(curves)
        self.summary = pl.DataFrame(rows)
        self._compare(data)
        return self

    def _curve(self, name: str, fitter: KaplanMeierFitter) -> pl.DataFrame:
        band = fitter.confidence_interval_survival_function_
        table = fitter.event_table
        return pl.DataFrame(
            {
                "cohort": name,
                "years": fitter.survival_function_.index.to_numpy(dtype=float),
                "retained": fitter.survival_function_.iloc[:, 0].to_numpy(dtype=float),
                "lower": band.iloc[:, 0].to_numpy(dtype=float),
                "upper": band.iloc[:, 1].to_numpy(dtype=float),
                "at_risk": table["at_risk"].to_numpy(dtype=np.int64),
            }
        )

    def _summary_row(
        self, name: str, group: pl.DataFrame, fitter: KaplanMeierFitter
    ) -> dict[str, object]:
        median_band = median_survival_times(fitter.confidence_interval_)
        row: dict[str, object] = {
            "cohort": name,
            "people": group.height,
            "leavers": int(group["left"].sum()),
            "in_post": int((~group["left"]).sum()),
            "median_years": _finite(float(fitter.median_survival_time_)),
            "median_lower": _finite(float(median_band.iloc[0, 0])),
            "median_upper": _finite(float(median_band.iloc[0, 1])),
        }
        longest = float(group["duration_years"].max())  # type: ignore[arg-type]
        for years in self.horizons:
            key = f"retained_{years:g}y"
            if years > longest:  # the curve says nothing beyond the longest stint
                row[key] = row[f"{key}_lower"] = row[f"{key}_upper"] = None
                continue
            row[key] = _at(fitter.survival_function_, years)[0]
            lower, upper = _at(fitter.confidence_interval_survival_function_, years)
            row[f"{key}_lower"], row[f"{key}_upper"] = lower, upper
        return row

    def _compare(self, data: pl.DataFrame) -> None:
        """Log-rank tests between cohorts (None when there is only one cohort).

        lifelines' log-rank test has no delayed entry, so it compares the stints observed from
        their first day (started on or after the records begin); ``log_rank_['people']`` says how
        many that is.
        """
        observed = data.filter(pl.col("entry_years") == 0)
        self.log_rank_: dict[str, object] | None = None
        self.pairwise_ = pl.DataFrame(
            schema={"cohort_a": pl.String, "cohort_b": pl.String, "statistic": pl.Float64,
                    "p_value": pl.Float64}
        )  # fmt: skip
        if observed["cohort"].n_unique() < 2 or not observed["left"].any():
            return
        durations = observed["duration_years"].to_numpy()
        groups = observed["cohort"].to_numpy()
        events = observed["left"].to_numpy()
        test = multivariate_logrank_test(durations, groups, events)
        self.log_rank_ = {
            "statistic": float(test.test_statistic),
            "degrees_of_freedom": int(test.degrees_of_freedom),
            "p_value": float(test.p_value),
            "people": observed.height,
        }
        pairs = pairwise_logrank_test(durations, groups, events).summary.reset_index()
        self.pairwise_ = pl.DataFrame(
            {
                "cohort_a": pairs.iloc[:, 0].astype(str).to_list(),
                "cohort_b": pairs.iloc[:, 1].astype(str).to_list(),
                "statistic": pairs["test_statistic"].astype(float).to_list(),
                "p_value": pairs["p"].astype(float).to_list(),
            }
        )
