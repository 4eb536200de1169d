"""Demand: how many cases the workforce will hold, and so how much case-holding FTE is needed.

Case-holding FTE needed = projected cases / target caseload, where an ASYE's protected caseload
counts at its reduced weight (about 0.9 of a social worker's).

Cases are either entered by the user (a number, with an optional yearly growth) or projected
from the authority's caseload snapshots over the last three years with a log-linear trend and
AR(1) errors, fitted by least squares::

    log(cases_t) = a + b*t + u_t,   u_t = phi * u_(t-1) + e_t,   e_t ~ Normal(0, s^2)

Each Monte Carlo run draws s^2 from its scaled inverse chi-square posterior and (a, b) from
the normal posterior given s^2, then simulates the AR(1) errors forward from the last residual:
the spread covers both parameter uncertainty and month-to-month noise. With fewer than six
snapshots the projection holds the last count, wandering 10% a year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import polars as pl

from thrive.forecast.history import DAYS_PER_MONTH, add_months

_MIN_POINTS = 6
_FLAT_DRIFT = 0.10


@dataclass(frozen=True)
class CasesModel:
    """A fitted projection of total cases held (see the module docstring)."""

    coef: np.ndarray  # (a, b): level and monthly log growth
    xtx_inv: np.ndarray
    s2: float
    dof: int
    phi: float
    last_residual: float
    t_origin: float  # the origin's time on the fitted clock (months)
    points: int

    @property
    def yearly_growth(self) -> float:
        return float(np.expm1(12 * self.coef[1]))

    def simulate(self, rng: np.random.Generator, runs: int, horizon: int) -> np.ndarray:
        """Cases at each month end 1..horizon for each run: shape (runs, horizon)."""
        if self.points < _MIN_POINTS:
            steps = rng.normal(0.0, _FLAT_DRIFT / np.sqrt(12), size=(runs, horizon))
            return float(np.exp(self.coef[0])) * np.exp(np.cumsum(steps, axis=1))
        s2 = self.s2 * self.dof / rng.chisquare(self.dof, size=runs)
        chol = np.linalg.cholesky(self.xtx_inv)
        coef = self.coef[None, :] + np.sqrt(s2)[:, None] * (rng.standard_normal((runs, 2)) @ chol.T)
        times = self.t_origin + np.arange(1, horizon + 1)
        innovation_sd = np.sqrt(s2 * (1 - self.phi**2))
        residual = np.full(runs, self.last_residual)
        out = np.empty((runs, horizon))
        for h in range(horizon):
            residual = self.phi * residual + innovation_sd * rng.standard_normal(runs)
            out[:, h] = np.exp(coef[:, 0] + coef[:, 1] * times[h] + residual)
        return out


def fit_cases(snapshots: pl.DataFrame, origin: date, months: int = 36) -> CasesModel | None:
    """Fit the projection to snapshot totals (columns date, cases) up to the origin.

    Returns None when there are no snapshots at all.
    """
    recent = snapshots.filter(
        (pl.col("date") <= origin) & (pl.col("date") > add_months(origin, -months))
    ).sort("date")
    if recent.height == 0:
        earlier = snapshots.filter(pl.col("date") <= origin).sort("date")
        if earlier.height == 0:
            return None
        recent = earlier.tail(1)
    cases = recent["cases"].to_numpy().astype(float)
    t = np.array([(d - origin).days / DAYS_PER_MONTH for d in recent["date"].to_list()])
    y = np.log(np.maximum(cases, 1.0))
    if len(y) < _MIN_POINTS:
        return CasesModel(
            coef=np.array([y[-1], 0.0]),
            xtx_inv=np.eye(2),
            s2=0.0,
            dof=1,
            phi=0.0,
            last_residual=0.0,
            t_origin=0.0,
            points=len(y),
        )
    x = np.column_stack([np.ones_like(t), t])
    xtx_inv = np.linalg.inv(x.T @ x)
    coef = xtx_inv @ x.T @ y
    residuals = y - x @ coef
    dof = len(y) - 2
    s2 = float(residuals @ residuals / dof)
    phi = 0.0
    if len(residuals) > 3 and residuals[:-1] @ residuals[:-1] > 0:
        phi = float(
            np.clip(residuals[1:] @ residuals[:-1] / (residuals[:-1] @ residuals[:-1]), 0.0, 0.95)
        )
    return CasesModel(
        coef=coef,
        xtx_inv=xtx_inv,
        s2=max(s2, 1e-8),
        dof=dof,
        phi=phi,
        last_residual=float(residuals[-1]),
        t_origin=0.0,
        points=len(y),
    )


def entered_cases(cases: float, growth_per_year: float, runs: int, horizon: int) -> np.ndarray:
    """Cases entered by the user, growing at a fixed yearly rate: the same for every run."""
    months = np.arange(1, horizon + 1)
    path = cases * (1.0 + growth_per_year) ** (months / 12.0)
    return np.broadcast_to(path, (runs, horizon)).copy()
