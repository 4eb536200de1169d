"""Exit reasons, team losses and survey scores on hand-made records with hand-counted answers."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest
from retention_builders import frames, spell, worker
from retention_lifecycle import exit_row, lifecycle

from thrive.retention.errors import UnknownCohortError
from thrive.retention.exits import exit_reasons, team_losses
from thrive.retention.surveys import item_scores
from thrive.retention.tenure import tenure

OBSERVED = date(2014, 10, 1)


def _leavers() -> tuple[object, object]:
    people = [worker(n) for n in range(1, 8)]
    spells = [
        spell(1, date(2018, 1, 1), date(2021, 3, 31), team_id=1, reason_leave=1),
        spell(2, date(2018, 1, 1), date(2021, 5, 31), team_id=1, reason_leave=1),
        spell(3, date(2018, 1, 1), date(2021, 6, 30), team_id=2, reason_leave=1),
        spell(4, date(2018, 1, 1), date(2021, 8, 31), team_id=2, reason_leave=1),
        spell(5, date(2018, 1, 1), date(2021, 9, 30), team_id=2, reason_leave=1),
        spell(6, date(2018, 1, 1), None, team_id=1),
        spell(7, date(2018, 1, 1), None, team_id=2),
    ]
    data = frames(people, spells)
    exits = lifecycle(
        exits=[
            exit_row(1, date(2021, 3, 20), "career_progression", "pay", back=True, spell=1),
            exit_row(2, date(2021, 5, 20), "career_progression", back=False, spell=2),
            exit_row(3, date(2021, 6, 20), "workload", "career_progression", back=False, spell=3),
            exit_row(4, date(2021, 8, 20), "workload", back=None, recommend=False, spell=4),
            exit_row(5, date(2021, 9, 20), "pay", back=True, recommend=None, spell=5),
        ]
    )
    return data, exits


def test_main_reasons_are_counted_with_return_and_recommend_shares() -> None:
    data, exits = _leavers()
    table = exit_reasons(exits, data)  # type: ignore[arg-type]
    rows = {r["reason"]: r for r in table.to_dicts()}
    assert rows["career_progression"]["main_reason"] == 2
    assert rows["career_progression"]["mentioned"] == 3  # twice main, once second
    assert rows["pay"]["main_reason"] == 1 and rows["pay"]["mentioned"] == 2
    assert rows["workload"]["main_reason_pct"] == pytest.approx(40.0)
    # would return: yes, no, no, (blank), yes -> 2 of 4 answered
    assert rows["pay"]["would_return_pct"] == pytest.approx(50.0)
    # would recommend: yes, yes, yes, no, (blank) -> 3 of 4
    assert rows["pay"]["would_recommend_pct"] == pytest.approx(75.0)
    assert not table["suppressed"].any()


def test_groups_under_five_interviews_are_marked() -> None:
    data, exits = _leavers()
    by_team = exit_reasons(exits, data, by="team")  # type: ignore[arg-type]
    assert by_team["suppressed"].all()  # two and three interviews
    assert set(by_team["team"]) == {"Assessment North", "Child Protection South"}
    with pytest.raises(UnknownCohortError):
        exit_reasons(exits, data, by="postcode")  # type: ignore[arg-type]


def test_team_losses_count_leavers_against_those_in_post_at_the_start() -> None:
    data, exits = _leavers()
    stints = tenure(data, date(2024, 9, 30), observed_from=OBSERVED)  # type: ignore[arg-type]
    losses = team_losses(stints, exits, data, date(2021, 4, 1), date(2021, 9, 30))  # type: ignore[arg-type]
    rows = {r["team"]: r for r in losses.to_dicts()}
    north, south = rows["Assessment North"], rows["Child Protection South"]
    assert north["in_post_at_start"] == 2 and north["leavers"] == 1  # worker 1 left in March
    assert north["leaving_rate"] == pytest.approx(50.0)
    assert south["in_post_at_start"] == 4 and south["leavers"] == 3
    assert south["interviewed"] == 3 and south["top_reason"] == "workload"


def test_survey_scores_by_team_with_change_and_suppression() -> None:
    data, _ = _leavers()
    waves = [(1, "Survey 2019", "all_staff", date(2019, 11, 1), None),
             (2, "Survey 2020", "all_staff", date(2020, 11, 1), None)]  # fmt: skip
    items = [(1, "career_path", "I can see how to progress", 6)]
    responses, answers = [], []
    scores = {(1, 1): [2, 3, 3, 4, 3], (2, 1): [4, 4, 5, 3, 4, 4], (1, 2): [5, 5], (2, 2): [1, 2]}
    n = 0
    for (wave, team), values in scores.items():
        for value in values:
            n += 1
            responses.append((n, wave, team, "social_worker", ""))
            answers.append((n, 1, value))
    survey = lifecycle(survey_waves=waves, survey_items=items, survey_responses=responses,
                     survey_answers=answers)  # fmt: skip
    table = item_scores(survey, data, by="team")  # type: ignore[arg-type]
    north = table.filter(pl.col("team") == "Assessment North").sort("start_date")
    assert north["responses"].to_list() == [5, 6]
    assert north["mean_score"].to_list() == pytest.approx([3.0, 4.0])
    assert north["favourable_pct"].to_list() == pytest.approx([20.0, 100 * 5 / 6])
    assert north["change"].to_list()[1] == pytest.approx(1.0)
    south = table.filter(pl.col("team") == "Child Protection South")
    assert south["suppressed"].all() and south["mean_score"].is_null().all()
    whole = item_scores(survey, data).sort("start_date")  # type: ignore[arg-type]
    assert whole["responses"].to_list() == [7, 8]
    assert whole["mean_score"][0] == pytest.approx((2 + 3 + 3 + 4 + 3 + 5 + 5) / 7)
