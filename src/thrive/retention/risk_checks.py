"""Can the leaving-risk model be trusted? The proportional-hazards check and a test on later data.

- **Proportional hazards**: a Cox model assumes each factor multiplies the risk by the same
  amount however long someone has been here. The check refits the model with every covariate
  also multiplied by log(1 + months in post); an interaction whose coefficient differs from zero
  (p < 0.05) means that factor's effect changes with tenure. lifelines' Schoenfeld-residual test
  does not support the delayed entry our monthly episodes need, so this is the time-interaction
  form of the same check (Cox 1972; Therneau and Grambsch 2000, section 6.2). Both fits are of
  the model's own kind (:mod:`thrive.retention.piecewise`), so the likelihoods compare.
- **Out-of-time validation**: fit on the episodes that ended by a cut-off date, then rank the
  people in post on that date by the model's chance of leaving and compare with who actually left
  afterwards (Harrell's concordance: 0.5 is a coin toss, 1.0 a perfect ranking), and compare the
  expected number of leavers with the number who left. The concordance's 95% interval is a
  bootstrap over the people scored (:data:`BOOTSTRAP_DRAWS` resamples, a fixed seed so the same
  records give the same interval).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import polars as pl
from lifelines.utils import concordance_index
from scipy import sparse
from scipy.stats import chi2

from thrive.retention.errors import InsufficientDataError
from thrive.retention.piecewise import scale_rows
from thrive.retention.risk_model import RetentionModel

SIGNIFICANCE = 0.05
BOOTSTRAP_DRAWS = 200
# The out-of-time check must show the model ranks people usefully before anyone is named as
# likely to leave: a concordance of at least USEFUL_CONCORDANCE, and the lower end of its 95%
# interval above a coin toss (docs/retention.md, "When people are named").
USEFUL_CONCORDANCE = 0.65
COIN_TOSS = 0.5


def ranks_people(concordance: float, lower: float | None) -> bool:
    """True when an out-of-time concordance (and its interval's lower end) carries a list of
    named people: at least :data:`USEFUL_CONCORDANCE`, and surely better than a coin toss."""
    return concordance >= USEFUL_CONCORDANCE and lower is not None and lower > COIN_TOSS


@dataclass(frozen=True)
class ProportionalHazardsCheck:
    """The time-interaction check: one row per covariate, and a global likelihood-ratio test."""

    table: pl.DataFrame
    statistic: float
    degrees_of_freedom: int
    p_value: float

    @property
    def holds(self) -> bool:
        """True when the global test finds no sign that effects change with tenure."""
        return self.p_value >= SIGNIFICANCE


def proportional_hazards_check(
    model: RetentionModel, episodes: pl.DataFrame
) -> ProportionalHazardsCheck:
    """Refit ``model`` with covariate x log(time) terms added and test them.

    ``episodes`` are the ones ``model`` was fitted to: its own fit and matrix are the model
    without the terms (refitting it would give the same coefficients and likelihood, at the cost
    of a fit).
    """
    matrix = model.matrix_
    # time at the episode's start, like the covariates: evaluating it at each row's own end would
    # give the leaver's row (which ends at the leaving day) a systematically earlier time
    log_time = np.log1p(episodes["start"].to_numpy())
    log_time = log_time - log_time.mean()
    augmented = sparse.hstack([matrix, scale_rows(matrix, log_time)], format="csr")
    terms = [f"{column}:log_time" for column in model.columns_]
    plain = model.fitter_
    start = np.concatenate([plain.params_, np.zeros(len(terms))])
    interacted = model.fit_matrix(episodes, augmented, [*model.columns_, *terms], start)
    statistic = max(0.0, 2.0 * (interacted.log_likelihood_ - plain.log_likelihood_))
    table = interacted.summary.filter(pl.col("covariate").is_in(terms))
    freedom = len(model.columns_)
    return ProportionalHazardsCheck(
        table=table.select(
            covariate=pl.Series(model.columns_, dtype=pl.String),
            interaction="coefficient",
            p_value="p_value",
            holds=pl.col("p_value") >= SIGNIFICANCE,
        ),
        statistic=statistic,
        degrees_of_freedom=freedom,
        p_value=float(chi2.sf(statistic, freedom)),
    )


@dataclass(frozen=True)
class OutOfTimeValidation:
    """How well a model fitted up to ``cutoff`` ranked who left between ``cutoff`` and ``end``."""

    cutoff: date
    end: date
    concordance: float
    concordance_lower: float
    concordance_upper: float
    people: int
    leavers: int
    expected_leavers: float
    training_episodes: int
    training_leavers: int

    @property
    def ranks_people(self) -> bool:
        """Whether the ranking held well enough on the later period to name people."""
        return ranks_people(self.concordance, self.concordance_lower)


def validate_out_of_time(
    episodes: pl.DataFrame, cutoff: date, end: date, model: RetentionModel
) -> OutOfTimeValidation:
    """Fit an unfitted ``model`` on episodes that ended by ``cutoff``; score the later period.

    The people scored are those in post the day after ``cutoff`` who had started by it; each is
    followed until they left or ``end``. ``expected_leavers`` sums each person's modelled chance
    of leaving within the window, a check on calibration beside the ranking.
    """
    day_after = cutoff + timedelta(days=1)
    training = episodes.filter(pl.col("until") <= day_after)
    model.fit(training)
    # the people in post the day after the cut-off who had started by it
    running = episodes.filter(
        (pl.col("on") <= day_after)
        & (pl.col("until") > day_after)
        & ~((pl.col("on") == day_after) & (pl.col("start") == 0))
    )
    end_after = end + timedelta(days=1)
    outcome = (
        episodes.filter(pl.col("on") <= end)
        .group_by("stint_id")
        .agg(
            last=pl.col("until").max(),
            left_by_end=((pl.col("left") == 1) & (pl.col("until") <= end_after)).any(),
        )
    )
    scored = running.join(outcome, on="stint_id").with_columns(
        # score from the cut-off day, as if the episode began then
        start=pl.col("start") + (pl.lit(day_after) - pl.col("on")).dt.total_days() / (365.25 / 12)
    )
    if scored.is_empty() or not scored["left_by_end"].any():
        raise InsufficientDataError(f"No one in post on {cutoff} left by {end}: nothing to rank.")
    window_months = (end - cutoff).days / (365.25 / 12)
    # people longer in post than anyone who left in training have no modelled chance: rank them
    # as least likely, which is what the training data says
    chance = np.nan_to_num(model.leaving_probability(scored, months=window_months), nan=0.0)
    followed = (scored["last"].clip(upper_bound=end_after) - day_after).dt.total_days().to_numpy()
    left = scored["left_by_end"].to_numpy().astype(bool)
    lower, upper = _concordance_interval(followed, chance, left)
    return OutOfTimeValidation(
        cutoff=cutoff,
        end=end,
        concordance=float(concordance_index(followed, -chance, left)),
        concordance_lower=lower,
        concordance_upper=upper,
        people=scored.height,
        leavers=int(left.sum()),
        expected_leavers=float(chance.sum()),
        training_episodes=training.height,
        training_leavers=int(training["left"].sum()),
    )


def _concordance_interval(
    followed: np.ndarray, chance: np.ndarray, left: np.ndarray, draws: int = BOOTSTRAP_DRAWS
) -> tuple[float, float]:
    """The concordance's 95% percentile-bootstrap interval over the people scored.

    A resample with no leaver (or no one to compare them with) has no concordance and is
    skipped; if fewer than half the draws can be scored the interval is the widest there is,
    0 to 1, so it never reads as surer than the data.
    """
    rng = np.random.default_rng(20240930)
    values = []
    for _ in range(draws):
        pick = rng.integers(0, len(followed), len(followed))
        if not left[pick].any() or left[pick].all():
            continue
        try:
            values.append(concordance_index(followed[pick], -chance[pick], left[pick]))
        except ZeroDivisionError:  # no pair can be compared in this resample
            continue
    if len(values) < draws // 2:
        return 0.0, 1.0
    low, high = np.percentile(values, [2.5, 97.5])
    return float(low), float(high)
