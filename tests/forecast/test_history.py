"""The forecast's reading of history: grade episodes, starters, stocks, starting point."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import numpy as np
import polars as pl
import pytest

from thrive.forecast.history import grade_episodes, monthly_stocks, starters
from thrive.forecast.starting_point import starting_point
from thrive.frames.workforce import WorkforceFrames

Build = Callable[..., WorkforceFrames]


def spell(
    worker: int, grade: str, start: date, end: date | None = None, **extra: object
) -> dict[str, object]:
    return {
        "worker_id": worker,
        "contract_type": "permanent",
        "grade": grade,
        "fte": 1.0,
        "start_date": start,
        "end_date": end,
        **extra,
    }


def test_episodes_join_fte_changes_and_mark_progression_and_leaving(build: Build) -> None:
    frames = build(
        [
            spell(1, "asye", date(2020, 9, 1), date(2021, 8, 31)),
            spell(1, "social_worker", date(2021, 9, 1), date(2022, 3, 31)),
            {
                **spell(
                    1,
                    "social_worker",
                    date(2022, 4, 1),
                    date(2023, 5, 31),
                    reason_leave=1,
                    leaver_destination=1,
                ),
                "fte": 0.8,
            },
            spell(2, "social_worker", date(2019, 1, 1), date(2020, 12, 31)),
            spell(2, "consultant_social_worker", date(2021, 1, 1)),
            spell(3, "team_manager", date(2018, 1, 1), date(2019, 12, 31)),
            spell(3, "social_worker", date(2020, 1, 1)),
        ]
    )
    episodes = grade_episodes(frames).sort("worker_id", "start")
    assert episodes.select("worker_id", "g", "exit").rows() == [
        (1, 0, "progressed"),
        (1, 1, "left"),
        (2, 1, "progressed"),
        (2, 2, "open"),
        (3, 3, "moved"),
        (3, 1, "open"),
    ]
    leaver = episodes.row(1, named=True)
    assert leaver["start"] == date(2021, 9, 1) and leaver["end"] == date(2023, 5, 31)
    assert leaver["fte"] == 0.8 and leaver["chain_start"] == date(2020, 9, 1)


def test_a_gap_or_a_leaving_starts_a_new_time_with_the_council(build: Build) -> None:
    frames = build(
        [
            spell(
                1,
                "social_worker",
                date(2018, 1, 1),
                date(2018, 12, 31),
                reason_leave=1,
                leaver_destination=1,
            ),
            spell(1, "social_worker", date(2019, 1, 1), date(2019, 6, 30)),
            spell(1, "social_worker", date(2019, 9, 1)),
        ]
    )
    episodes = grade_episodes(frames).sort("start")
    assert episodes["chain"].to_list() == [1, 2, 3]
    assert episodes["exit"].to_list() == ["left", "left", "open"]


def test_agency_worker_taking_a_permanent_post_is_a_conversion(build: Build) -> None:
    frames = build(
        [
            {
                **spell(1, "social_worker", date(2022, 1, 1), date(2022, 6, 30)),
                "contract_type": "agency",
            },
            spell(1, "social_worker", date(2022, 7, 1), start_origin=4),
            spell(2, "asye", date(2022, 9, 1)),
        ],
        workers=[
            {"worker_id": 1, "pseudonym": "A", "route": "experienced"},
            {"worker_id": 2, "pseudonym": "B", "route": "step_up"},
        ],
    )
    found = starters(frames, date(2022, 1, 1), date(2022, 12, 31)).sort("worker_id")
    assert found.select("worker_id", "route", "g").rows() == [
        (1, "agency_conversion", 1),
        (2, "step_up", 0),
    ]


def test_monthly_stocks_count_employed_and_agency_apart(build: Build) -> None:
    frames = build(
        [
            spell(1, "social_worker", date(2022, 1, 1)),
            {**spell(2, "social_worker", date(2022, 1, 15), date(2022, 2, 10)), "fte": 0.5},
            {**spell(3, "senior_practitioner", date(2022, 1, 1)), "contract_type": "agency"},
            spell(4, "head_of_service", date(2020, 1, 1)),
        ]
    )
    stocks = monthly_stocks(frames, date(2022, 1, 1), date(2022, 2, 28))
    sw = stocks.filter((pl.col("grade") == "social_worker") & (pl.col("contract") == "employed"))
    assert sw["fte"].to_list() == [1.5, 1.0]
    agency = stocks.filter((pl.col("contract") == "agency") & (pl.col("fte") > 0))
    assert agency.select("grade", "headcount").rows() == [("senior_practitioner", 1)] * 2
    assert stocks["fte"].sum() == 1.5 + 1.0 + 2.0  # the head of service is out of scope


def test_starting_point_places_people_by_tenure_and_asye_month(build: Build) -> None:
    origin = date(2024, 3, 31)
    frames = build(
        [
            spell(1, "asye", date(2023, 9, 1)),  # 7 months into the programme
            spell(2, "asye", date(2022, 9, 1)),  # extended: 12 months or more
            spell(3, "social_worker", date(2023, 10, 1)),  # under a year
            spell(4, "social_worker", date(2020, 1, 1), date(2022, 12, 31)),
            spell(4, "senior_practitioner", date(2023, 1, 1)),  # 4 years' tenure
            {**spell(5, "social_worker", date(2024, 1, 1)), "contract_type": "agency", "fte": 0.8},
        ],
        posts=[
            {
                "post_id": i,
                "team_id": 1,
                "reference": f"P{i}",
                "grade": g,
                "funded_fte": 1.0,
                "start_date": date(2015, 1, 1),
                "end_date": None,
            }
            for i, g in enumerate(["social_worker"] * 5 + ["senior_practitioner"] * 2)
        ],
    )
    start = starting_point(frames, grade_episodes(frames), origin)
    assert start.asye_headcount[6] == 1 and start.asye_headcount[12] == 1
    assert start.headcount[1].tolist() == [1, 0, 0]
    assert start.headcount[2].tolist() == [0, 0, 1]
    assert start.employed_fte == 4.0
    np.testing.assert_allclose(start.establishment, [5.0, 2.0, 0.0, 0.0])
    np.testing.assert_allclose(start.agency_fte, [0.8, 0.0, 0.0, 0.0])
    assert start.establishment_from_posts


def test_the_registry_and_the_forecast_count_fte_in_post_alike(synthetic: WorkforceFrames) -> None:
    from thrive.forecast.backtest import measured_fte_in_post

    days = [date(2019, 9, 30), date(2022, 3, 31), date(2025, 9, 30)]
    registry = measured_fte_in_post(synthetic, days)
    own = monthly_stocks(synthetic, days[0], days[-1]).filter(
        pl.col("date").is_in(days) & (pl.col("contract") == "employed")
    )
    for day, grade, fte in own.select("date", "grade", "fte").iter_rows():
        assert registry[(day, grade)] == pytest.approx(fte, abs=0.05)
    assert sum(registry[(days[-1], g)] for g in ("social_worker", "senior_practitioner")) > 100
