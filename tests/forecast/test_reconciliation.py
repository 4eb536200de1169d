"""Every run of the Monte Carlo reconciles exactly: in post + starters - leavers = next month.

Checked as a property over random scenarios, seeds and horizons, grade by grade (with moves up
a grade) and in total, in headcount (exactly) and FTE (to rounding error).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thrive.forecast import CapacityForecast, Scenario
from thrive.forecast.scenario import EstablishmentChange, RecruitmentPlan
from thrive.frames.workforce import WorkforceFrames


@pytest.fixture(scope="module")
def model(synthetic: WorkforceFrames) -> CapacityForecast:
    return CapacityForecast().fit(synthetic)


scenarios = st.builds(
    lambda change, asye, experienced, conversions, extra, cover: Scenario(
        turnover_change=change,
        recruitment=tuple(
            plan
            for plan in (
                RecruitmentPlan("asye", tuple([0.0] * 8 + [asye] + [0.0] * 3)) if asye else None,
                RecruitmentPlan("experienced", tuple([experienced / 12] * 12))
                if experienced is not None
                else None,
            )
            if plan is not None
        ),
        agency_conversions_per_quarter=conversions,
        establishment=(EstablishmentChange("social_worker", extra, None),),
        agency_cover=cover,
    ),
    change=st.floats(-0.9, 2.0),
    asye=st.integers(0, 40),
    experienced=st.none() | st.floats(0, 60),
    conversions=st.none() | st.floats(0, 12),
    extra=st.floats(-50, 50),
    cover=st.none() | st.floats(0, 2),
)


@settings(max_examples=25, deadline=None)
@given(scenario=scenarios, seed=st.integers(0, 2**31), horizon=st.integers(1, 30))
def test_every_run_reconciles(
    model: CapacityForecast, scenario: Scenario, seed: int, horizon: int
) -> None:
    paths = model.simulate(scenario, runs=60, horizon=horizon, seed=seed)
    hc, fte = paths.headcount.astype(np.int64), paths.fte
    # Grade by grade, moves up a grade included.
    expected_hc = (
        hc[:, :-1] + paths.starters + paths.promoted_in - paths.leavers - paths.promoted_out
    )
    assert np.array_equal(hc[:, 1:], expected_hc)
    expected_fte = (
        fte[:, :-1]
        + paths.starters_fte
        + paths.promoted_in_fte
        - paths.leavers_fte
        - paths.promoted_out_fte
    )
    np.testing.assert_allclose(fte[:, 1:], expected_fte, atol=1e-9)
    # In total: in post + starters - leavers = next month's in post.
    assert np.array_equal(
        hc[:, 1:].sum(axis=2),
        hc[:, :-1].sum(axis=2) + paths.starters.sum(axis=2) - paths.leavers.sum(axis=2),
    )
    np.testing.assert_allclose(
        fte[:, 1:].sum(axis=2),
        fte[:, :-1].sum(axis=2) + paths.starters_fte.sum(axis=2) - paths.leavers_fte.sum(axis=2),
        atol=1e-9,
    )
    # Moves up a grade are internal: what leaves one grade arrives in the next.
    assert np.array_equal(paths.promoted_out[..., :-1], paths.promoted_in[..., 1:])
    assert (hc >= 0).all() and (fte > -1e-9).all()
    assert (paths.agency_fte >= 0).all()


def test_the_same_seed_gives_the_same_runs_whatever_the_threads(model: CapacityForecast) -> None:
    from thrive.forecast.simulation import simulate

    inputs = model.inputs(Scenario(), runs=6000, horizon=12, seed=5)
    one = simulate(inputs, seed=5, threads=1)
    two = simulate(inputs, seed=5, threads=2)
    assert np.array_equal(one.headcount, two.headcount)
    assert np.array_equal(one.fte, two.fte)
    other = simulate(inputs, seed=6, threads=1)
    assert not np.array_equal(one.headcount, other.headcount)
