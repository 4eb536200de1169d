"""Rates estimated from history: lifelines agrees, known rates are recovered, with uncertainty."""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl
import pytest

from thrive.forecast import CapacityForecast, InsufficientHistoryError
from thrive.forecast.demand import entered_cases, fit_cases
from thrive.forecast.grades import TENURE_BANDS
from thrive.forecast.history import grade_episodes
from thrive.forecast.rates import BandedHazard, band_counts, exposure_table
from thrive.frames.workforce import WorkforceFrames, empty_frames


def lifelines_hazards(
    table: pl.DataFrame, kind: str, bounds: tuple[float, ...]
) -> np.ndarray | None:
    """lifelines' maximum-likelihood hazard per band (numerical optimisation), or None where a
    band has no events: the reference the closed form is checked against."""
    from lifelines import PiecewiseExponentialFitter

    entry = table["entry"].to_numpy()
    durations = np.maximum(table["exit_t"].to_numpy(), entry + 1e-6)
    observed = (table["outcome"] == kind).to_numpy()
    counts = band_counts(entry, durations, observed, bounds)
    if (counts.events == 0).any() or (counts.exposure == 0).any():
        return None
    fitter = PiecewiseExponentialFitter(breakpoints=list(bounds[1:]))
    fitter.fit(durations, observed, entry=entry)
    return 1.0 / np.asarray(fitter.params_, dtype=float)


def test_closed_form_hazards_match_lifelines_with_censoring_and_late_entry() -> None:
    rng = np.random.default_rng(4)
    size = 4000
    time = rng.exponential(1 / np.array([0.03, 0.015, 0.01])[rng.integers(0, 3, size)])
    entry = rng.uniform(0, 20, size)
    keep = time > entry
    time, entry = time[keep], entry[keep]
    observed = time < 70
    time = np.minimum(time, 70)
    table = pl.DataFrame(
        {"entry": entry, "exit_t": time, "outcome": np.where(observed, "left", "censored")}
    )
    counts = band_counts(entry, time, observed, (0.0, 12.0, 36.0))
    fitted = lifelines_hazards(table, "left", (0.0, 12.0, 36.0))
    assert fitted is not None
    np.testing.assert_allclose(counts.events / counts.exposure, fitted, rtol=1e-4)


def test_posterior_draws_centre_on_the_estimate_and_narrow_with_data() -> None:
    rng = np.random.default_rng(0)
    thin = BandedHazard(events=np.array([2.0]), exposure=np.array([200.0]))
    thick = BandedHazard(events=np.array([200.0]), exposure=np.array([20000.0]))
    thin_draws, thick_draws = thin.draw(rng, 20000), thick.draw(rng, 20000)
    assert thick_draws.mean() == pytest.approx(0.01, rel=0.02)
    assert thin_draws.std() > 5 * thick_draws.std()


def test_known_rates_are_recovered_from_a_simulated_authority(synthetic: WorkforceFrames) -> None:
    model = CapacityForecast(window_months=60).fit(synthetic)
    rates = model.rates_
    social_worker = rates.leaving[1]
    assert social_worker.events.sum() / social_worker.exposure.sum() == pytest.approx(
        0.012, rel=0.25
    )
    progression = rates.progression[1]
    assert progression.events.sum() / progression.exposure.sum() == pytest.approx(0.008, rel=0.35)
    # lifelines' numerical fit of the same episodes agrees with the closed form.
    table = exposure_table(grade_episodes(synthetic), rates.window).filter(pl.col("g") == 1)
    lifelines = lifelines_hazards(table, "left", TENURE_BANDS)
    assert lifelines is not None
    np.testing.assert_allclose(lifelines, social_worker.maximum_likelihood(), rtol=1e-3)
    asye = next(s for s in rates.hires if s.route == "asye")
    assert asye.rate * 12 == pytest.approx(10, rel=0.2)
    assert asye.season.argmax() == 8  # September intakes
    experienced = next(s for s in rates.hires if s.route == "experienced" and s.g == 1)
    assert experienced.per_vacancy and experienced.rate == pytest.approx(0.25, rel=0.3)
    assert 0.3 < model.start_.agency_cover[0] < 0.9
    assert model.start_.caseload_weights[0] == pytest.approx(11 / 15, rel=0.1)
    assert model.start_.day_rate == 420.0
    summary = model.summary
    row = summary.filter((pl.col("kind") == "leaving") & (pl.col("grade") == "social_worker")).row(
        2, named=True
    )
    assert row["per_year_p10"] < row["per_year"] < row["per_year_p90"]
    assert row["mle_hazard"] == pytest.approx(row["events"] / row["exposure_months"], rel=1e-3)
    assert summary.height == 3 * (5 + 4)


def test_too_little_history_is_refused() -> None:
    with pytest.raises(InsufficientHistoryError):
        CapacityForecast().fit(empty_frames())


def test_case_projection_has_intervals_that_cover_its_own_noise() -> None:
    months = [date(2020 + (m // 12), m % 12 + 1, 28) for m in range(48)]
    rng = np.random.default_rng(2)
    cases = 3000 * np.exp(0.002 * np.arange(48) + rng.normal(0, 0.03, 48))
    model = fit_cases(pl.DataFrame({"date": months, "cases": cases}), months[-1])
    assert model is not None
    assert model.yearly_growth == pytest.approx(np.expm1(0.024), abs=0.02)
    paths = model.simulate(np.random.default_rng(1), 5000, 12)
    p10, p90 = np.percentile(paths[:, -1], [10, 90])
    assert p10 < cases[-1] * np.exp(0.024) < p90
    assert (p90 - p10) / np.median(paths[:, -1]) > 0.05


def test_entered_cases_grow_at_the_given_rate() -> None:
    path = entered_cases(1000.0, 0.10, runs=3, horizon=24)
    assert path[0, 11] == pytest.approx(1100.0)
    assert path[2, 23] == pytest.approx(1210.0)
