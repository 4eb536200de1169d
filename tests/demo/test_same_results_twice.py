"""The same records and seed give the same results, run after run (no group_by tie order or
floating-point summing order leaks into a forecast path or a ranked list)."""

from __future__ import annotations

import numpy as np
import pytest
from demo_counting import DemoSnapshot

from thrive.forecast.model import CapacityForecast
from thrive.forecast.scenario import Scenario
from thrive.retention.at_risk import at_risk
from thrive.retention.episodes import episodes
from thrive.retention.risk_model import RetentionModel
from thrive.retention.tenure import tenure
from thrive.summaries.results_common import latest_day

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def test_the_forecast_takes_the_same_path_for_a_seed(demo: DemoSnapshot) -> None:
    runs = [
        CapacityForecast().fit(demo.frames).run(Scenario(), runs=600, horizon=24, seed=3).paths
        for _ in range(2)
    ]
    for name, first in vars(runs[0]).items():
        if isinstance(first, np.ndarray):
            assert np.array_equal(first, getattr(runs[1], name), equal_nan=True), name


def test_the_people_to_talk_to_come_in_the_same_order(demo: DemoSnapshot) -> None:
    day = latest_day(demo.frames)
    lists = []
    for _ in range(2):
        stints = tenure(demo.frames, day)
        split = episodes(demo.frames, stints, day)
        model = RetentionModel().fit(split)
        lists.append(at_risk(model, split, day, stints, top=None))
    assert lists[0].height > 100
    assert lists[0].equals(lists[1])
