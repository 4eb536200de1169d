"""Flow rates estimated from the authority's own history, with their uncertainty.

Leaving and progression are time-to-event data with censoring (people still in post) and late
entry (people already in post when the estimation window opens). Both are modelled as piecewise-
constant hazards over tenure bands, with right censoring and left truncation. For a piecewise-
exponential hazard the maximum likelihood estimate of a band's hazard is events / exposure, in
closed form (a test checks it against lifelines' ``PiecewiseExponentialFitter``, which finds the
same by numerical optimisation at many times the cost), and with a Gamma prior the posterior
is Gamma(prior shape + events, prior rate + exposure): the Monte Carlo draws each run's hazards
from that posterior, so a band with little data gets a wide spread. The prior is weak (worth one
event) and centred on the grade's all-tenure hazard, so a thin band borrows from its grade.

Recruitment by route and month is Poisson with a Gamma(0.5 + starters, exposure) posterior on
its rate and a month-of-year profile from the whole history. Newly qualified intakes are a rate
per month; experienced hires, where the establishment is recorded, a rate per vacant funded FTE
(councils recruit to vacancies), so hiring slows as posts fill. Agency-to-permanent
conversions are a rate per agency worker per month, estimated the same way.

Year-to-year drift: rates change over time (a retention drive works, a neighbouring council
pays more). ``drift`` measures how much the yearly leaving and hiring rates moved from one year
to the next beyond Poisson noise; each run lets its rates wander by that much (a random walk on
the log scale), so the fan widens with the horizon as it should.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np
import polars as pl

from thrive.forecast.errors import InsufficientHistoryError
from thrive.forecast.grades import (
    GRADES,
    NEWLY_QUALIFIED_ROUTES,
    OPERATIONS_MANAGER,
    POST_GROUP_OF_GRADE,
    TENURE_BANDS,
)
from thrive.forecast.history import DAYS_PER_MONTH, Window, add_months, starters
from thrive.frames.dates import overlaps

_PRIOR_EVENTS = 1.0
_MIN_DRIFT = 0.05
_MAX_DRIFT = 0.6


@dataclass(frozen=True)
class BandedHazard:
    """Events and exposure (person-months) per tenure band for one grade and one kind of exit."""

    events: np.ndarray
    exposure: np.ndarray

    @property
    def grade_rate(self) -> float:
        """The all-tenure monthly hazard (the prior's centre)."""
        total = float(self.exposure.sum())
        return float(self.events.sum()) / total if total > 0 else 0.0

    def posterior(self) -> tuple[np.ndarray, np.ndarray]:
        """Gamma posterior (shape, rate) per band."""
        centre = max(self.grade_rate, 1e-4)
        shape = self.events + _PRIOR_EVENTS
        rate = self.exposure + _PRIOR_EVENTS / centre
        return shape, rate

    def maximum_likelihood(self) -> np.ndarray | None:
        """The maximum-likelihood hazard per band (events / exposure), or None when a band has
        no events or no exposure (the estimate would sit on the edge of the parameter space)."""
        if (self.events == 0).any() or (self.exposure == 0).any():
            return None
        estimate: np.ndarray = self.events / self.exposure
        return estimate

    def point(self) -> np.ndarray:
        """Posterior mean hazard per band (per month)."""
        shape, rate = self.posterior()
        mean: np.ndarray = shape / rate
        return mean

    def draw(self, rng: np.random.Generator, runs: int) -> np.ndarray:
        """Hazards per run and band, drawn from the posterior: shape (runs, bands)."""
        shape, rate = self.posterior()
        drawn: np.ndarray = rng.gamma(shape, 1.0, size=(runs, shape.size)) / rate
        return drawn


def band_counts(
    entry: np.ndarray, exit_: np.ndarray, event: np.ndarray, bounds: tuple[float, ...]
) -> BandedHazard:
    """Events and exposure per band from (entry, exit, event) in months; exact, vectorised."""
    lowers = np.asarray(bounds, dtype=float)
    uppers = np.append(lowers[1:], np.inf)
    exposure = np.clip(
        np.minimum(exit_[:, None], uppers[None, :]) - np.maximum(entry[:, None], lowers[None, :]),
        0.0,
        None,
    ).sum(axis=0)
    in_band = (exit_[:, None] >= lowers[None, :]) & (exit_[:, None] < uppers[None, :])
    events = (in_band & event[:, None]).sum(axis=0).astype(float)
    return BandedHazard(events=events, exposure=exposure)


def exposure_table(
    episodes: pl.DataFrame, window: Window, clock: str = "chain_start"
) -> pl.DataFrame:
    """Episodes clipped to the window, with entry and exit times in months on ``clock``.

    ``clock`` is the column the time is measured from: ``chain_start`` gives tenure with the
    council, ``start`` time in the grade. An exit counts as an event only if it falls inside the
    window.
    """
    first, origin = window.first, window.origin
    clipped = episodes.filter(overlaps(first, origin, start="start", end="end")).with_columns(
        pl.max_horizontal(pl.col("start"), pl.lit(first)).alias("a"),
        pl.min_horizontal(pl.col("end").fill_null(origin), pl.lit(origin)).alias("b"),
    )
    ended_inside = pl.col("end").is_not_null() & (pl.col("end") <= origin)
    return clipped.select(
        "g",
        "exit",
        ((pl.col("a") - pl.col(clock)).dt.total_days() / DAYS_PER_MONTH).alias("entry"),
        ((pl.col("b") - pl.col(clock)).dt.total_days().add(1) / DAYS_PER_MONTH).alias("exit_t"),
        pl.when(ended_inside).then(pl.col("exit")).otherwise(pl.lit("censored")).alias("outcome"),
    )


@dataclass(frozen=True)
class HireStream:
    """Starters by one route into one grade: a Poisson rate and its month-of-year profile.

    With ``per_vacancy`` the rate is per vacant funded FTE per month in the grade's post group
    (``exposure`` is vacant FTE-months): experienced hires fill vacancies, so they slow down as
    posts fill. Otherwise (newly qualified intakes, or no establishment recorded) it is a rate
    per month (``exposure`` is months).
    """

    route: str
    g: int
    count: float
    exposure: float
    season: np.ndarray  # 12 multipliers, mean 1, January first
    mean_fte: float
    per_vacancy: bool = False

    @property
    def rate(self) -> float:
        return (self.count + 0.5) / self.exposure

    def draw(self, rng: np.random.Generator, runs: int) -> np.ndarray:
        return rng.gamma(self.count + 0.5, 1.0, size=runs) / self.exposure


@dataclass(frozen=True)
class SupplyRates:
    """Everything the supply model needs that is estimated from history."""

    window: Window
    leaving: tuple[BandedHazard, ...]  # by grade
    progression: tuple[BandedHazard, ...]  # by grade (operations managers: none)
    asye_completion: BandedHazard  # one band: months 12+ of the programme
    hires: tuple[HireStream, ...]
    conversion_events: float
    agency_months: float
    conversion_grade_mix: np.ndarray  # by grade
    leaving_drift: float
    hiring_drift: float

    def conversion_draw(self, rng: np.random.Generator, runs: int) -> np.ndarray:
        return rng.gamma(self.conversion_events + 0.5, 1.0, size=runs) / max(
            self.agency_months, 1.0
        )


def _season(all_starts: pl.DataFrame, route: str) -> np.ndarray:
    months = all_starts.filter(pl.col("route") == route)["start"].dt.month().to_numpy()
    counts = np.bincount(months - 1, minlength=12).astype(float) if months.size else np.zeros(12)
    smoothed = counts + 1.0  # one start spread over each month: a thin history stays flat
    pattern: np.ndarray = smoothed / smoothed.mean()
    return pattern


def _drift(yearly_events: list[float], yearly_exposure: list[float]) -> float:
    pairs = [(e, x) for e, x in zip(yearly_events, yearly_exposure, strict=True) if e > 0 and x > 0]
    if len(pairs) < 3:
        return _MIN_DRIFT * 2
    logs = np.log([e / x for e, x in pairs])
    noise = np.array([1.0 / e for e, _ in pairs])
    diffs = np.diff(logs)
    excess = float(np.mean(diffs**2) - np.mean(noise[1:] + noise[:-1]))
    return float(np.clip(math.sqrt(max(excess, 0.0) + _MIN_DRIFT**2), _MIN_DRIFT, _MAX_DRIFT))


def estimate_rates(
    frames_episodes: pl.DataFrame,
    starts_all: pl.DataFrame,
    agency_headcount_months: float,
    window: Window,
    vacancy_months: np.ndarray | None = None,
    records_from: date | None = None,
) -> SupplyRates:
    """Estimate every flow rate from grade episodes and starters over the window.

    ``vacancy_months`` (vacant funded FTE summed over the window's month ends, by post group)
    makes the experienced routes' hires a rate per vacancy.
    """
    table = exposure_table(frames_episodes, window)
    if table.height == 0:
        raise InsufficientHistoryError(
            f"Nobody was employed between {window.first} and {window.origin}: no rates to estimate."
        )
    leaving: list[BandedHazard] = []
    progression: list[BandedHazard] = []
    for g in range(len(GRADES)):
        rows = table.filter(pl.col("g") == g)
        entry = rows["entry"].to_numpy()
        exit_t = np.maximum(rows["exit_t"].to_numpy(), entry)
        outcome = rows["outcome"].to_numpy()
        leaving.append(band_counts(entry, exit_t, outcome == "left", TENURE_BANDS))
        progressed = (
            outcome == "progressed" if g < OPERATIONS_MANAGER else np.zeros(len(rows), bool)
        )
        progression.append(band_counts(entry, exit_t, progressed, TENURE_BANDS))
    asye_table = exposure_table(frames_episodes.filter(pl.col("g") == 0), window, clock="start")
    a_entry = asye_table["entry"].to_numpy()
    a_exit = np.maximum(asye_table["exit_t"].to_numpy(), a_entry)
    completion = band_counts(
        a_entry, a_exit, (asye_table["outcome"] == "progressed").to_numpy(), (0.0, 12.0)
    )
    asye_completion = BandedHazard(events=completion.events[1:], exposure=completion.exposure[1:])
    if asye_completion.exposure.sum() == 0:
        # No ASYE reached twelve months in the window: assume the programme's usual length.
        asye_completion = BandedHazard(events=np.array([4.0]), exposure=np.array([4.0]))

    in_window = starts_all.filter(pl.col("start").is_between(window.first, window.origin))
    hires: list[HireStream] = []
    for (route, g), group in in_window.filter(pl.col("route") != "agency_conversion").group_by(
        "route", "g", maintain_order=True
    ):
        grade = int(g)
        vacant = 0.0
        if vacancy_months is not None and grade != 0 and str(route) not in NEWLY_QUALIFIED_ROUTES:
            vacant = float(vacancy_months[POST_GROUP_OF_GRADE[grade]])
        hires.append(
            HireStream(
                route=str(route),
                g=grade,
                count=float(group.height),
                exposure=vacant if vacant > 0 else window.months,
                season=_season(starts_all, str(route)),
                mean_fte=float(group["fte"].mean()),  # type: ignore[arg-type]
                per_vacancy=vacant > 0,
            )
        )
    conversions = in_window.filter(pl.col("route") == "agency_conversion")
    mix = np.bincount(conversions["g"].to_numpy(), minlength=len(GRADES)).astype(float)
    if mix.sum() == 0:
        mix[1] = 1.0
    return SupplyRates(
        window=window,
        leaving=tuple(leaving),
        progression=tuple(progression),
        asye_completion=asye_completion,
        hires=tuple(hires),
        conversion_events=float(conversions.height),
        agency_months=agency_headcount_months,
        conversion_grade_mix=mix / mix.sum(),
        leaving_drift=_leaving_drift(frames_episodes, window.origin, records_from),
        hiring_drift=_hiring_drift(starts_all, window.origin, records_from),
    )


def _years_back(origin: date, records_from: date | None, years: int = 6) -> list[Window]:
    """Up to ``years`` twelve-month windows ending at the origin, all inside the records."""
    windows = [Window.ending(add_months(origin, -12 * k), 12) for k in range(years - 1, -1, -1)]
    return [w for w in windows if records_from is None or w.first >= records_from]


def _leaving_drift(episodes: pl.DataFrame, origin: date, records_from: date | None) -> float:
    events: list[float] = []
    exposure: list[float] = []
    for year in _years_back(origin, records_from):
        table = exposure_table(episodes, year)
        entry = table["entry"].to_numpy()
        counts = band_counts(
            entry,
            np.maximum(table["exit_t"].to_numpy(), entry),
            (table["outcome"] == "left").to_numpy(),
            (0.0,),
        )
        events.append(float(counts.events.sum()))
        exposure.append(float(counts.exposure.sum()))
    return _drift(events, exposure)


def _hiring_drift(starts_all: pl.DataFrame, origin: date, records_from: date | None) -> float:
    counts: list[float] = []
    for year in _years_back(origin, records_from):
        in_year = starts_all.filter(pl.col("start").is_between(year.first, year.origin))
        counts.append(float(in_year.height))
    return _drift(counts, [12.0] * len(counts))


__all__ = ["BandedHazard", "HireStream", "SupplyRates", "band_counts", "estimate_rates", "starters"]
