"""The leaving-risk model: a Cox proportional-hazards model of leaving, with covariates that
change month by month (lifelines ``CoxTimeVaryingFitter`` on episode-split data).

Each monthly episode from :mod:`thrive.retention.episodes` is a row that is at risk from its
``start`` to its ``stop`` (months since the stint began), with the covariates of that month.
lifelines' ``CoxPHFitter`` with ``entry_col`` fits the same partial likelihood faster, but its
baseline hazard ignores the late entries (so its leaving chances come out far too low) and its
robust variance takes minutes: the time-varying fitter gets both right.

A hazard ratio of 2 for ``high_caseload`` means that, month for month, people whose caseload
averaged above the threshold over the last six months were twice as likely to leave as
otherwise similar people.

>>> model = RetentionModel(penalizer=0.01).fit(episode_frame)
>>> model.hazard_ratios_   # covariate, hazard_ratio, lower, upper, p_value, unit
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import polars as pl
from lifelines import CoxTimeVaryingFitter
from lifelines.exceptions import ConvergenceError
from threadpoolctl import threadpool_limits

from thrive.retention.errors import InsufficientDataError, UnknownCohortError


@dataclass(frozen=True)
class Covariate:
    """A covariate the model can use: its episode column, plain label and unit of its ratio."""

    column: str
    label: str
    unit: str
    fill: str = "none"  # "median": a missing value is set to the typical value (neutral)


COVARIATES: dict[str, Covariate] = {
    c.column: c
    for c in (
        Covariate("high_caseload", "Caseload above the threshold (6-month average)", "yes vs no"),
        Covariate("caseload_6m", "Average caseload over the last 6 months", "per case", "median"),
        Covariate(
            "months_since_supervision", "Months since last supervision", "per month", "median"
        ),
        Covariate("manager_span", "Line manager's direct reports", "per report", "median"),
        Covariate("years_in_grade", "Years in current grade", "per year"),
        Covariate("part_time", "Part-time (FTE under 1)", "yes vs no"),
        Covariate("fte", "FTE", "per 1.0 FTE"),
        Covariate("absence_days_12m", "Sickness days lost in the last 12 months", "per day"),
        Covariate("asye", "On the ASYE", "yes vs no"),
    )
}
"""Every numeric covariate the episodes carry, keyed by column."""

CATEGORICAL = ("grade", "team")
DEFAULT_COVARIATES = (
    "high_caseload",
    "months_since_supervision",
    "manager_span",
    "years_in_grade",
    "part_time",
    "absence_days_12m",
    "asye",
)
DEFAULT_CATEGORICAL = ("grade", "team")
MIN_LEAVERS = 10
MIN_LEVEL_LEAVERS = 5
OTHER_LEVEL = "other"


def pool_small_levels(
    episodes: pl.DataFrame, categorical: Sequence[str], min_leavers: int
) -> tuple[pl.DataFrame, dict[str, list[str]]]:
    """Pool the levels of each category (e.g. teams) with fewer than ``min_leavers`` leavers.

    A team that lost two people cannot be told apart from chance; pooled together as "other"
    such teams still count, and the model keeps few enough columns to fit quickly. Returns the
    episodes with pooled values and, per category, the levels that were pooled.
    """
    pooled: dict[str, list[str]] = {}
    for name in categorical:
        values = pl.col(name).cast(pl.String).fill_null("not recorded")
        counts = episodes.group_by(values.alias("level")).agg(pl.col("left").sum())
        small = counts.filter(pl.col("left") < min_leavers)["level"].to_list()
        pooled[name] = sorted(small)
        episodes = episodes.with_columns(
            pl.when(values.is_in(small)).then(pl.lit(OTHER_LEVEL)).otherwise(values).alias(name)
        )
    return episodes, pooled


def design(
    episodes: pl.DataFrame,
    covariates: Sequence[str],
    categorical: Sequence[str],
    references: dict[str, str] | None = None,
    medians: dict[str, float] | None = None,
) -> tuple[pd.DataFrame, dict[str, str], dict[str, float]]:
    """The model matrix: numeric covariates (missing filled) and 0/1 columns per category.

    Each categorical covariate is compared with a reference level (the most common, unless
    ``references`` fixes it); ``medians`` fixes the fill values (so a later period is scored
    with the values the model was fitted with). Returns the matrix and the references and
    medians used.
    """
    references = dict(references or {})
    medians = dict(medians or {})
    columns: dict[str, np.ndarray] = {}
    for name in covariates:
        if name not in COVARIATES:
            raise UnknownCohortError(name, sorted(COVARIATES))
        values = episodes[name].cast(pl.Float64)
        if COVARIATES[name].fill == "median":
            if name not in medians:
                typical = values.median()
                medians[name] = float(typical) if isinstance(typical, float) else 0.0
            values = values.fill_null(medians[name])
        columns[name] = values.fill_null(0.0).to_numpy()
    for name in categorical:
        if name not in CATEGORICAL:
            raise UnknownCohortError(name, list(CATEGORICAL))
        levels = episodes[name].cast(pl.String).fill_null("not recorded")
        if name not in references:
            references[name] = str(levels.value_counts(sort=True)[name][0])
        for level in sorted(set(levels.to_list()) - {references[name]}):
            columns[f"{name}={level}"] = (levels == level).cast(pl.Float64).to_numpy()
    return pd.DataFrame(columns), references, medians


class RetentionModel:
    """Who is more likely to leave, and why: a Cox model of leaving over monthly episodes.

    ``penalizer`` is a ridge penalty per stint (it is rescaled to lifelines' per-row penalty so
    that splitting stints into months does not change its strength); a little keeps the team
    and grade estimates stable where few people left. After :meth:`fit`: ``hazard_ratios_``,
    ``summary`` (lifelines' own table), ``pooled_`` (the teams and grades with too few leavers
    to judge alone, pooled as "other"), ``dropped_`` (covariates left out because they never
    vary or repeat another), ``references_`` (the comparison level of each category) and
    ``fitter_`` (the lifelines model).
    """

    def __init__(
        self,
        penalizer: float = 0.01,
        covariates: Sequence[str] = DEFAULT_COVARIATES,
        categorical: Sequence[str] = DEFAULT_CATEGORICAL,
        alpha: float = 0.05,
        min_leavers: int = MIN_LEAVERS,
        min_level_leavers: int = MIN_LEVEL_LEAVERS,
    ) -> None:
        self.penalizer = penalizer
        self.covariates = tuple(covariates)
        self.categorical = tuple(categorical)
        self.alpha = alpha
        self.min_leavers = min_leavers
        self.min_level_leavers = min_level_leavers

    def fit(self, episodes: pl.DataFrame) -> RetentionModel:
        """Fit the model to monthly episodes (from :func:`thrive.retention.episodes.episodes`)."""
        leavers = int(episodes["left"].sum()) if episodes.height else 0
        if leavers < self.min_leavers:
            raise InsufficientDataError(
                f"{leavers} leavers in the period: the leaving-risk model needs at least "
                f"{self.min_leavers}."
            )
        episodes, self.pooled_ = pool_small_levels(
            episodes, self.categorical, self.min_level_leavers
        )
        matrix, self.references_, self.medians_ = design(
            episodes, self.covariates, self.categorical
        )
        varying: list[str] = []
        for column in matrix.columns:
            values = matrix[column].to_numpy()
            # a column that never varies, or repeats one already in (ASYE grade and ASYE
            # status can be the same thing), cannot be estimated: leave it out and say so
            if values.std() > 0 and not any(
                np.array_equal(values, matrix[kept].to_numpy()) for kept in varying
            ):
                varying.append(column)
        self.dropped_ = [c for c in matrix.columns if c not in varying]
        self.columns_ = varying
        data = matrix[varying].assign(
            start=episodes["start"].to_numpy(),
            stop=episodes["stop"].to_numpy(),
            left=episodes["left"].to_numpy(),
            stint=episodes["stint_id"].to_numpy(),
        )
        stints = episodes["stint_id"].n_unique()
        fitter = CoxTimeVaryingFitter(
            penalizer=self.penalizer * stints / episodes.height, alpha=self.alpha
        )
        try:
            fitter.fit(data, id_col="stint", event_col="left", start_col="start", stop_col="stop")
        except ConvergenceError as error:
            raise InsufficientDataError(
                "The leaving-risk model did not converge: too few leavers for this many "
                "covariates (try a larger penalizer or fewer covariates)."
            ) from error
        self.fitter_ = fitter
        self.summary = fitter.summary
        self.leavers_ = leavers
        self.stints_ = stints
        self.episodes_ = episodes.height
        self.hazard_ratios_ = self._ratios(fitter)
        return self

    def _ratios(self, fitter: CoxTimeVaryingFitter) -> pl.DataFrame:
        table = fitter.summary
        level = f"{100 * (1 - self.alpha):g}%"
        rows = []
        for column in self.columns_:
            known = COVARIATES.get(column)
            group, _, value = column.partition("=")
            label = known.label if known else f"{group.capitalize()}: {value}"
            unit = known.unit if known else f"vs {self.references_[group]}"
            rows.append(
                {
                    "covariate": column,
                    "label": label,
                    "unit": unit,
                    "coefficient": float(table.loc[column, "coef"]),
                    "hazard_ratio": float(table.loc[column, "exp(coef)"]),
                    "lower": float(table.loc[column, f"exp(coef) lower {level}"]),
                    "upper": float(table.loc[column, f"exp(coef) upper {level}"]),
                    "p_value": float(table.loc[column, "p"]),
                }
            )
        return pl.DataFrame(rows)

    def matrix(self, episodes: pl.DataFrame) -> pd.DataFrame:
        """The fitted model's matrix for other episodes (same references, pooling and fills)."""
        for name, small in self.pooled_.items():
            values = pl.col(name).cast(pl.String).fill_null("not recorded")
            episodes = episodes.with_columns(
                pl.when(values.is_in(small)).then(pl.lit(OTHER_LEVEL)).otherwise(values).alias(name)
            )
        matrix, _, _ = design(
            episodes, self.covariates, self.categorical, self.references_, self.medians_
        )
        for column in self.columns_:
            if column not in matrix.columns:
                matrix[column] = 0.0  # a team or grade the model never saw counts as reference
        return matrix[self.columns_]

    def leaving_probability(self, episodes: pl.DataFrame, months: float = 12.0) -> np.ndarray:
        """The chance each episode's worker leaves within ``months`` of the episode's start.

        Uses the baseline cumulative hazard from the stint's current month to ``months`` later
        and the worker's relative risk: 1 - exp(-(H0(t + m) - H0(t)) x risk). Someone already
        in post longer than anyone the model saw leave gets NaN: the model knows nothing there.
        """
        with threadpool_limits(limits=1, user_api="blas"):
            risk = np.asarray(
                self.fitter_.predict_partial_hazard(self.matrix(episodes)), dtype=float
            )
        baseline = self.fitter_.baseline_cumulative_hazard_
        times = baseline.index.to_numpy(dtype=float)
        values = baseline.iloc[:, 0].to_numpy(dtype=float)

        def cumulative(at: np.ndarray) -> np.ndarray:
            position = np.searchsorted(times, at, side="right") - 1
            return np.where(position >= 0, values[np.clip(position, 0, None)], 0.0)

        now = episodes["start"].to_numpy()
        later = cumulative(now + months) - cumulative(now)
        chance = 1.0 - np.exp(-later * risk)
        return np.asarray(np.where(now >= times[-1], np.nan, chance), dtype=float)

    def contributions(self, episodes: pl.DataFrame) -> pd.DataFrame:
        """Each covariate's part in each episode's log relative risk, against the average worker.

        Positive values push risk up: ``coefficient x (value - fitted mean)``.
        """
        matrix = self.matrix(episodes)
        params = self.fitter_.params_[self.columns_]
        means = self.fitter_._norm_mean[self.columns_]
        return (matrix - means) * params
