"""Trainees due to qualify come into the forecast as ASYE starters in the month they are due,
with the council's own share of finished trainees who qualified and joined as the chance."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import numpy as np
import pytest

from thrive.forecast import CapacityForecast, Scenario
from thrive.forecast.grades import ASYE
from thrive.forecast.history import add_months
from thrive.frames.workforce import WorkforceFrames, frame

RUNS, HORIZON = 200, 12


def _trainee(ref: str, due: date, status: str = "in_training", **more: object) -> dict:
    return {
        "trainee": ref,
        "route": "apprenticeship",
        "start_date": date(2015, 9, 1),
        "expected_qualification": due,
        "status": status,
        "status_date": more.get("when"),
        "worker_id": more.get("worker"),
    }


def _fitted(synthetic: WorkforceFrames, rows: list[dict]) -> CapacityForecast:
    return CapacityForecast().fit(replace(synthetic, trainees=frame("trainees", rows)))


@pytest.fixture(scope="module")
def without(synthetic: WorkforceFrames) -> CapacityForecast:
    return CapacityForecast().fit(synthetic)


def _asye(model: CapacityForecast) -> np.ndarray:
    return model.simulate(Scenario(), runs=RUNS, horizon=HORIZON, seed=3).headcount[:, :, ASYE]


def test_a_trainee_due_in_month_m_raises_the_asye_headcount_from_month_m(
    synthetic: WorkforceFrames, without: CapacityForecast
) -> None:
    m = 5  # the fifth forecast month
    due = add_months(without.origin_, m) - timedelta(days=3)
    model = _fitted(synthetic, [_trainee("T1", due)])
    intake = model.trainee_intake(HORIZON)
    assert intake.due.tolist() == [0.0] * (m - 1) + [1.0] + [0.0] * (HORIZON - m)
    assert intake.probability == 1.0 and not intake.from_history
    before, after = _asye(without), _asye(model)
    assert np.array_equal(before[:, :m], after[:, :m])  # the same until then, run by run
    assert np.array_equal(after[:, m], before[:, m] + 1)  # one more ASYE in every run
    assert "all of them" in intake.describe()


def test_with_no_trainee_due_nothing_changes(
    synthetic: WorkforceFrames, without: CapacityForecast
) -> None:
    origin = without.origin_
    rows = [
        _trainee("T1", add_months(origin, HORIZON + 6)),  # due after the forecast period
        _trainee("T2", add_months(origin, 3), "withdrew", when=origin - timedelta(days=40)),
        _trainee("T3", origin - timedelta(days=10)),  # past their date: the record wants updating
    ]
    assert np.array_equal(_asye(_fitted(synthetic, rows)), _asye(without))
    assert np.array_equal(_asye(_fitted(synthetic, [])), _asye(without))


def test_the_councils_own_history_sets_the_chance_of_starting(
    synthetic: WorkforceFrames, without: CapacityForecast
) -> None:
    origin = without.origin_
    worker = int(synthetic.workers["worker_id"][0])
    rows = [
        _trainee("F1", date(2016, 7, 31), "qualified", when=date(2016, 7, 29), worker=worker),
        _trainee("F2", date(2016, 7, 31), "qualified", when=date(2016, 7, 29)),  # went elsewhere
        _trainee("F3", date(2017, 7, 31), "withdrew", when=date(2016, 3, 1)),
        _trainee("F4", date(2017, 7, 31), "qualified", when=date(2017, 7, 28), worker=worker),
        _trainee("F5", add_months(origin, 30), "qualified", when=origin + timedelta(days=9)),
        *(_trainee(f"D{i}", add_months(origin, 2)) for i in range(4)),
    ]
    model = _fitted(synthetic, rows)
    intake = model.trainee_intake(HORIZON)
    assert (intake.finished, intake.joined, intake.probability) == (4, 2, 0.5)
    assert intake.due[1] == 4 and intake.expected.sum() == 2
    assert "50% chance" in intake.describe() and "of the 4 trainees" in intake.describe()
    after, before = _asye(model), _asye(without)
    assert np.array_equal(after[:, 2], before[:, 2] + 2)  # 4 due x 1/2


def test_the_forecast_says_in_words_how_trainees_come_in(
    synthetic: WorkforceFrames, without: CapacityForecast
) -> None:
    model = _fitted(synthetic, [_trainee("T1", add_months(without.origin_, 3))])
    notes = model.run(Scenario(), runs=50, horizon=HORIZON).notes
    assert any(note.startswith("1 apprentice or sponsored trainee due") for note in notes)
    assert not any("trainee" in note for note in without.run(Scenario(), runs=50).notes)
