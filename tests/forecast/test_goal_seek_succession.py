"""Goal seek finds the smallest plan; succession finds the posts at risk."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

import numpy as np
import pytest

from thrive.forecast import CapacityForecast, Scenario
from thrive.forecast.goal_seek import GoalSeek
from thrive.forecast.history import add_months
from thrive.forecast.scenario import Goal
from thrive.forecast.succession import succession
from thrive.frames.workforce import WorkforceFrames, frame


@pytest.fixture(scope="module")
def model(synthetic: WorkforceFrames) -> CapacityForecast:
    return CapacityForecast().fit(synthetic)


def test_goal_seek_finds_the_smallest_plan(model: CapacityForecast) -> None:
    by = add_months(model.origin_, 24)
    baseline = model.run(Scenario(), runs=400, horizon=24, seed=3)
    level = round(min(0.995, baseline.at("permanent_share", by)[1] + 0.01), 3)
    goal = Goal(
        by=by,
        permanent_share=level,
        max_average_caseload=None,
        probability=0.8,
        routes=("asye",),
        max_per_year=120,
    )
    seek = GoalSeek(model, Scenario(), goal, runs=400, confirm_runs=400, seed=3)
    found = seek.solve()
    assert found.reachable and found.probability >= 0.8
    assert found.total > 0
    assert seek.probability(found.total - 1, 400) < 0.8
    plan = seek.plan(found.total).plan_for("asye")
    assert plan is not None and plan.per_year == found.total


def test_goal_seek_says_when_a_goal_is_out_of_reach(model: CapacityForecast) -> None:
    goal = Goal(
        by=add_months(model.origin_, 6),
        permanent_share=1.0,
        max_average_caseload=5,
        probability=0.99,
        routes=("asye", "step_up"),
        max_per_year=10,
    )
    found = GoalSeek(model, Scenario(), goal, runs=300, confirm_runs=300).solve()
    assert not found.reachable and found.probability < 0.99
    assert set(found.per_year) == {"asye", "step_up"} and found.total == 10


def _spell(
    worker: int, grade: str, team: int, start: date, end: date | None = None, **extra: object
) -> dict[str, object]:
    return {
        "worker_id": worker,
        "team_id": team,
        "contract_type": "permanent",
        "grade": grade,
        "fte": 1.0,
        "start_date": start,
        "end_date": end,
        **extra,
    }


def test_a_vacant_team_manager_post_without_a_pipeline_is_at_risk(
    build: Callable[..., WorkforceFrames],
) -> None:
    spells = [
        _spell(1, "team_manager", 1, date(2015, 1, 1), post_id=1),
        _spell(2, "senior_practitioner", 1, date(2016, 1, 1)),
        _spell(3, "senior_practitioner", 1, date(2017, 1, 1)),
        _spell(4, "social_worker", 2, date(2018, 1, 1)),
        _spell(
            5,
            "team_manager",
            2,
            date(2016, 1, 1),
            date(2024, 12, 31),
            reason_leave=1,
            leaver_destination=1,
            post_id=2,
        ),
        _spell(
            6,
            "social_worker",
            1,
            date(2017, 1, 1),
            date(2020, 6, 30),
            reason_leave=1,
            leaver_destination=1,
        ),
    ]
    frames = build(
        spells,
        posts=[
            {
                "post_id": 1,
                "team_id": 1,
                "reference": "TM-A",
                "grade": "team_manager",
                "funded_fte": 1.0,
                "start_date": date(2015, 1, 1),
                "end_date": None,
            },
            {
                "post_id": 2,
                "team_id": 2,
                "reference": "TM-B",
                "grade": "team_manager",
                "funded_fte": 1.0,
                "start_date": date(2015, 1, 1),
                "end_date": None,
            },
        ],
    )
    frames = replace(
        frames,
        teams=frame(
            "teams",
            [
                {
                    "team_id": 1,
                    "team": "North team",
                    "team_kind": "assessment",
                    "service_id": 1,
                    "service": "North",
                },
                {
                    "team_id": 2,
                    "team": "South team",
                    "team_kind": "assessment",
                    "service_id": 2,
                    "service": "South",
                },
            ],
        ),
    )
    model = CapacityForecast().fit(frames, date(2025, 9, 30))
    plan = succession(model, frames, horizon=24, runs=200)
    posts = {row["post"]: row for row in plan.posts.iter_rows(named=True)}
    assert posts["TM-B"]["vacancy_chance"] == 1.0 and posts["TM-B"]["at_risk"]
    assert posts["TM-B"]["service_pipeline"] == 0
    assert 0 < posts["TM-A"]["vacancy_chance"] < 1 and posts["TM-A"]["service_pipeline"] == 2
    assert not posts["TM-A"]["at_risk"]
    managers = plan.grades.filter(plan.grades["grade"] == "team_manager").row(0, named=True)
    assert managers["posts"] == 2 and managers["in_post"] == 1 and managers["posts_at_risk"] == 1
    assert managers["expected_vacancies"] >= 1.0


def test_the_difference_a_plan_makes_is_said_in_words(model: CapacityForecast) -> None:
    from thrive.forecast.wording import difference_sentences

    baseline = model.run(Scenario(), runs=400, horizon=24, seed=3)
    # a plan that changes nothing gives the baseline's answers, said plainly, never a difference
    same = difference_sentences(model.run(Scenario(name="Same"), runs=400, horizon=24, seed=3),
                                baseline)  # fmt: skip
    assert len(same) == 4 and not any(s.startswith("With the plan") for s in same)
    assert "same answer for FTE employed by the council" in same[0]
    # leaving halved: more people stay, so more FTE, less agency spending, a lower caseload
    stay = model.run(Scenario(name="Stay", turnover_change=-0.5), runs=400, horizon=24, seed=3)
    fte, agency, caseload, _milestone = difference_sentences(stay, baseline)
    end = baseline.months[-1]
    assert fte.startswith("With the plan, about ") and "more FTE employed by the council" in fte
    assert f"by {end:%B %Y} than without it (likely between" in fte
    assert "less agency spending" in agency or "same answer for agency spending" in agency
    assert caseload.startswith("With the plan, an average caseload about ") and "lower" in caseload
    # the median difference is the run-by-run one
    index = stay.dates.index(end)
    gap = stay.measures["fte_in_post"][:, index] - baseline.measures["fte_in_post"][:, index]
    assert f"about {float(np.median(gap)):,.0f} more" in fte
