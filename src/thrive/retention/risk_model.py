"""The leaving-risk model: a proportional-hazards model of leaving, with covariates that
change month by month.

Each monthly episode from :mod:`thrive.retention.episodes` is a row at risk for part or all of
one month of service, with the covariates of that month. The model gives every month of service
its own baseline leaving rate and multiplies it by each factor's hazard ratio: fitted as a
piecewise-exponential model (:mod:`thrive.retention.piecewise`), which for leaving grouped by
month is Cox's model (it was lifelines' ``CoxTimeVaryingFitter`` until a consortium's million
person-months took it over 15 minutes; the ratios agree closely, and a test checks it).

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
from scipy import sparse

from thrive.retention.errors import InsufficientDataError, UnknownCohortError
from thrive.retention.piecewise import PiecewiseHazards


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
) -> tuple[sparse.csr_matrix, list[str], dict[str, str], dict[str, float]]:
    """The model matrix (sparse): numeric covariates (missing filled) and 0/1 columns per category.

    Each categorical covariate is compared with a reference level (the most common, unless
    ``references`` fixes it); ``medians`` fixes the fill values (so a later period is scored
    with the values the model was fitted with). Returns the matrix, its column names and the
    references and medians used.
    """
    references = dict(references or {})
    medians = dict(medians or {})
    names: list[str] = []
    numeric: list[np.ndarray] = []
    for name in covariates:
        if name not in COVARIATES:
            raise UnknownCohortError(name, sorted(COVARIATES))
        values = episodes[name].cast(pl.Float64)
        if COVARIATES[name].fill == "median":
            if name not in medians:
                typical = values.median()
                medians[name] = float(typical) if isinstance(typical, float) else 0.0
            values = values.fill_null(medians[name])
        numeric.append(values.fill_null(0.0).to_numpy())
        names.append(name)
    blocks: list[sparse.csr_matrix] = []
    if numeric:
        blocks.append(sparse.csr_matrix(np.column_stack(numeric)))
    for name in categorical:
        if name not in CATEGORICAL:
            raise UnknownCohortError(name, list(CATEGORICAL))
        levels = episodes[name].cast(pl.String).fill_null("not recorded")
        if name not in references:
            counts = levels.value_counts().sort(["count", name], descending=[True, False])
            references[name] = str(counts[name][0])
        others = sorted(set(levels.unique().to_list()) - {references[name]})
        position = {level: index for index, level in enumerate(others)}
        code = levels.replace_strict(position, default=-1, return_dtype=pl.Int64).to_numpy()
        rows = np.flatnonzero(code >= 0)
        blocks.append(
            sparse.csr_matrix(
                (np.ones(rows.size), (rows, code[rows])), shape=(episodes.height, len(others))
            )
        )
        names.extend(f"{name}={level}" for level in others)
    matrix = (
        sparse.hstack(blocks, format="csr") if blocks else sparse.csr_matrix((episodes.height, 0))
    )
    return matrix, names, references, medians


def _select(matrix: sparse.csr_matrix, names: list[str], chosen: list[str]) -> sparse.csr_matrix:
    """The ``chosen`` columns of ``matrix`` in that order (a name not among ``names``: zeros)."""
    position = {name: index for index, name in enumerate(names)}
    found = [(position[name], index) for index, name in enumerate(chosen) if name in position]
    rows, columns = zip(*found, strict=True) if found else ((), ())
    picker = sparse.csr_matrix(
        (np.ones(len(found)), (rows, columns)), shape=(len(names), len(chosen))
    )
    return sparse.csr_matrix(matrix @ picker)


def _distinct_columns(matrix: sparse.csr_matrix, names: list[str]) -> list[str]:
    """The columns that vary and do not repeat an earlier one (ASYE grade and ASYE status can
    be the same thing): the others cannot be estimated."""
    columns = matrix.tocsc()
    probe = np.random.default_rng(0).random(matrix.shape[0])
    fingerprints = np.asarray(columns.T @ probe).ravel()
    low = columns.min(axis=0).toarray().ravel()
    high = columns.max(axis=0).toarray().ravel()
    kept: list[int] = []
    for index in range(columns.shape[1]):
        if matrix.shape[0] == 0 or low[index] == high[index]:
            continue
        column = columns[:, [index]]
        alike = np.flatnonzero(np.isclose(fingerprints[kept], fingerprints[index]))
        if any((column != columns[:, [kept[other]]]).nnz == 0 for other in alike):
            continue
        kept.append(index)
    return [names[i] for i in kept]


class RetentionModel:
    """Who is more likely to leave, and why: a proportional-hazards model over monthly episodes.

    ``penalizer`` is a ridge penalty per stint (as lifelines counts it, on standardised
    coefficients); a little keeps the team and grade estimates stable where few people left.
    After :meth:`fit`: ``hazard_ratios_``, ``summary`` (every coefficient with its standard
    error), ``pooled_`` (the teams and grades with too few leavers to judge alone, pooled as
    "other"), ``dropped_`` (covariates left out because they never vary or repeat another),
    ``references_`` (the comparison level of each category), ``matrix_`` (the model matrix of
    the episodes it was fitted to, as :meth:`matrix` would make it) and ``fitter_`` (the
    :class:`~thrive.retention.piecewise.PiecewiseHazards` fit).
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
        matrix, names, self.references_, self.medians_ = design(
            episodes, self.covariates, self.categorical
        )
        varying = _distinct_columns(matrix, names)
        self.dropped_ = [c for c in names if c not in varying]
        self.columns_ = varying
        self.stints_ = episodes["stint_id"].n_unique()
        self.matrix_ = _select(matrix, names, varying)
        self.fitter_ = self.fit_matrix(episodes, self.matrix_, varying)
        self.summary = self.fitter_.summary
        self.leavers_ = leavers
        self.episodes_ = episodes.height
        self.hazard_ratios_ = self._ratios(self.fitter_)
        return self

    def fit_matrix(
        self,
        episodes: pl.DataFrame,
        matrix: sparse.csr_matrix,
        columns: Sequence[str],
        initial: np.ndarray | None = None,
    ) -> PiecewiseHazards:
        """Fit the hazards model to ``matrix`` (a row per episode, ``columns`` naming its
        columns) with this model's penalty: the fit itself, and the checks' refits."""
        return PiecewiseHazards(penalizer=self.penalizer * self.stints_, alpha=self.alpha).fit(
            matrix,
            columns,
            episodes["month_of_service"].to_numpy(),
            (episodes["stop"] - episodes["start"]).to_numpy(),
            episodes["left"].to_numpy(),
            initial,
        )

    def _ratios(self, fitter: PiecewiseHazards) -> pl.DataFrame:
        labels, units = [], []
        for column in self.columns_:
            known = COVARIATES.get(column)
            group, _, value = column.partition("=")
            labels.append(known.label if known else f"{group.capitalize()}: {value}")
            units.append(known.unit if known else f"vs {self.references_[group]}")
        return fitter.summary.select(
            "covariate",
            label=pl.Series(labels, dtype=pl.String),
            unit=pl.Series(units, dtype=pl.String),
            coefficient="coefficient",
            hazard_ratio="hazard_ratio",
            lower="lower",
            upper="upper",
            p_value="p_value",
        )

    def matrix(self, episodes: pl.DataFrame) -> sparse.csr_matrix:
        """The fitted model's matrix for other episodes (same references, pooling and fills)."""
        for name, small in self.pooled_.items():
            values = pl.col(name).cast(pl.String).fill_null("not recorded")
            episodes = episodes.with_columns(
                pl.when(values.is_in(small)).then(pl.lit(OTHER_LEVEL)).otherwise(values).alias(name)
            )
        matrix, names, _, _ = design(
            episodes, self.covariates, self.categorical, self.references_, self.medians_
        )
        # a team or grade the model never saw counts as the reference: an empty column
        return _select(matrix, names, self.columns_)

    def leaving_probability(self, episodes: pl.DataFrame, months: float = 12.0) -> np.ndarray:
        """The chance each episode's worker leaves within ``months`` of the episode's start.

        Uses the baseline cumulative hazard from the stint's current month to ``months`` later
        and the worker's relative risk: 1 - exp(-(H0(t + m) - H0(t)) x risk). Someone already
        in post longer than anyone the model saw leave gets NaN: the model knows nothing there.
        """
        risk = self.fitter_.partial_hazard(self.matrix(episodes))
        now = episodes["start"].to_numpy()
        cumulative = self.fitter_.cumulative_baseline
        later = cumulative(now + months) - cumulative(now)
        chance = 1.0 - np.exp(-later * risk)
        return np.asarray(np.where(now >= self.fitter_.last_event_, np.nan, chance), dtype=float)

    def contributions(self, episodes: pl.DataFrame) -> pd.DataFrame:
        """Each covariate's part in each episode's log relative risk, against the average worker.

        Positive values push risk up: ``coefficient x (value - fitted mean)``.
        """
        values = self.matrix(episodes).toarray()
        parts = (values - self.fitter_.means_) * self.fitter_.params_
        return pd.DataFrame(parts, columns=self.columns_)
