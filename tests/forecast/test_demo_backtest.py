"""The backtest on the demo authority: the P10-P90 band must hold at least 80% of actuals.

Builds the demo council (about 30 seconds), reads it into frames, rolls the store back, then
backtests the baseline forecast from yearly origins. Slow, but run by ``make test``.
"""

from __future__ import annotations

import pytest
from django.db import transaction

from thrive.demo import load_demo
from thrive.forecast import CapacityForecast, load_scenario
from thrive.forecast.backtest import backtest
from thrive.frames.load import load
from thrive.frames.workforce import WorkforceFrames


@pytest.fixture(scope="module")
def demo_frames(django_db_setup: None, django_db_blocker) -> WorkforceFrames:  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock(), transaction.atomic():
        frames = load(load_demo(seed=1, scale=1).authority)
        transaction.set_rollback(True)
    return frames


@pytest.mark.slow
def test_backtest_band_covers_at_least_80_percent_of_actuals(demo_frames: WorkforceFrames) -> None:
    result = backtest(demo_frames, runs=1000, seed=1, step_months=12)
    summary = {row["horizon"]: row for row in result.summary.iter_rows(named=True)}
    assert set(summary) == {12, 24, 36}
    assert result.coverage >= 0.80
    assert summary[12]["mape_pct"] < 5.0
    assert result.grade_coverage >= 0.6


@pytest.mark.slow
def test_the_principal_social_workers_question_on_the_demo(demo_frames: WorkforceFrames) -> None:
    from datetime import date

    model = CapacityForecast().fit(demo_frames, date(2016, 9, 30))
    baseline = model.run(load_scenario("baseline"), runs=4000, horizon=36, seed=1)
    plan = model.run(load_scenario("asye25_turnover_minus25"), runs=4000, horizon=36, seed=1)
    end = plan.months[-1]
    # More ASYEs and lower turnover: more FTE in post, a higher permanent share, less agency cost.
    assert plan.at("fte_in_post", end)[1] > baseline.at("fte_in_post", end)[1]
    assert plan.at("permanent_share", end)[1] > baseline.at("permanent_share", end)[1]
    assert plan.at("agency_cost_to_date", end)[1] < baseline.at("agency_cost_to_date", end)[1]
    milestone = plan.milestone(0.9)
    assert milestone.month_p10 is not None and milestone.agency_cost_until[1] > 0
