"""Expected changes of social worker per child under a forecast (summaries.forecast_children):
the method's arithmetic, as docs/forecasting.md states it."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from thrive.summaries.forecast_children import StartingPoint

per_child = st.floats(0.0, 5.0)
share = st.floats(0.0, 1.0)
turnover = st.floats(0.01, 0.6)


@given(per_child, share, turnover)
def test_the_starting_years_turnover_gives_the_starting_years_changes(c0, s, t0):
    start = StartingPoint(c0, s, t0)
    assert np.allclose(start.expected(np.array([t0])), [c0])


@given(per_child, share, turnover, st.lists(st.floats(0.0, 0.8), min_size=2, max_size=20))
def test_more_turnover_never_means_fewer_changes(c0, s, t0, runs):
    ordered = np.sort(np.array(runs))
    expected = StartingPoint(c0, s, t0).expected(ordered)
    assert (np.diff(expected) >= -1e-12).all()
    # never below the changes that did not follow a worker leaving
    assert (expected >= c0 * (1 - s) - 1e-12).all()


@given(per_child, turnover, st.floats(0.0, 0.8))
def test_with_no_change_after_a_leaver_turnover_changes_nothing(c0, t0, t):
    assert np.allclose(StartingPoint(c0, 0.0, t0).expected(np.array([t])), [c0])


def test_halving_turnover_halves_the_changes_after_leavers():
    # 1.0 change a child, 60% after a leaver, turnover 20% -> 10%: 0.4 + 0.6 / 2
    assert np.allclose(StartingPoint(1.0, 0.6, 0.2).expected(np.array([0.1])), [0.7])
