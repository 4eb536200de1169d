"""Stints of employment: what joins spells, what ends a stint, route in, truncation, censoring."""

from __future__ import annotations

from datetime import date

import pytest
from retention_builders import frames, spell, worker

from thrive.codes import ReasonLeave
from thrive.retention.tenure import DAYS_PER_YEAR, infer_observed_from, tenure

AS_AT = date(2024, 9, 30)


def test_moves_inside_the_council_do_not_end_a_stint() -> None:
    data = frames(
        [worker(1)],
        [
            spell(1, date(2018, 1, 1), date(2019, 6, 30), team_id=1),
            spell(1, date(2019, 7, 1), date(2020, 12, 31), team_id=2, grade="senior_practitioner"),
            spell(
                1,
                date(2021, 1, 1),
                date(2021, 3, 31),
                team_id=2,
                grade="senior_practitioner",
                reason_leave=int(ReasonLeave.RESIGNATION),
            ),  # fmt: skip
        ],
    )
    stints = tenure(data, AS_AT, observed_from=date(2014, 10, 1))
    assert stints.height == 1
    row = stints.row(0, named=True)
    assert row["left"] is True
    assert row["first_team"] == "Assessment North" and row["team"] == "Child Protection South"
    assert row["first_grade"] == "social_worker" and row["grade"] == "senior_practitioner"
    assert row["duration_years"] == pytest.approx(
        (date(2021, 4, 1) - date(2018, 1, 1)).days / DAYS_PER_YEAR
    )


def test_a_gap_over_31_days_or_a_leaving_starts_a_new_stint() -> None:
    data = frames(
        [worker(1), worker(2)],
        [
            spell(1, date(2018, 1, 1), date(2018, 12, 31)),
            spell(1, date(2019, 2, 15), None),  # 45 days later: a new stint
            spell(2, date(2018, 1, 1), date(2018, 12, 31), reason_leave=1),
            spell(2, date(2019, 1, 1), None),  # the next day, but after a leaving
        ],
    )
    stints = tenure(data, AS_AT, observed_from=date(2014, 10, 1)).sort("worker_id", "start_date")
    assert stints["worker_id"].to_list() == [1, 1, 2, 2]
    assert stints["left"].to_list() == [True, False, True, False]
    # a rehire counts as an experienced hire, whatever the first route was
    assert stints["stint_no"].to_list() == [1, 2, 1, 2]


def test_an_agency_worker_taking_a_permanent_post_is_an_agency_conversion() -> None:
    data = frames(
        [worker(1, route="experienced"), worker(2, route="asye")],
        [
            spell(1, date(2017, 3, 1), date(2018, 3, 31), contract="agency"),
            spell(1, date(2018, 4, 1), None, origin=4),
            spell(2, date(2019, 9, 1), None, origin=1),
        ],
    )
    stints = tenure(data, AS_AT, observed_from=date(2014, 10, 1)).sort("worker_id")
    assert stints["route_in"].to_list() == ["agency_conversion", "asye"]
    assert stints["start_date"].to_list() == [date(2018, 4, 1), date(2019, 9, 1)]


def test_as_at_censors_later_leavings_and_drops_later_starts() -> None:
    data = frames(
        [worker(1), worker(2)],
        [
            spell(1, date(2020, 1, 1), date(2023, 3, 31), reason_leave=1),
            spell(2, date(2023, 1, 1), None),
        ],
    )
    stints = tenure(data, date(2022, 12, 31), observed_from=date(2014, 10, 1))
    assert stints.height == 1
    row = stints.row(0, named=True)
    assert row["left"] is False and row["end_date"] is None and row["reason_leave"] is None
    assert row["duration_years"] == pytest.approx(
        (date(2023, 1, 1) - date(2020, 1, 1)).days / DAYS_PER_YEAR
    )


def test_people_already_in_post_when_records_begin_enter_late() -> None:
    data = frames(
        [worker(1), worker(2)],
        [
            spell(1, date(2010, 10, 1), date(2016, 6, 30), reason_leave=1),
            spell(2, date(2009, 1, 1), date(2012, 6, 30), reason_leave=1),  # gone before
        ],
    )
    assert infer_observed_from(data) == date(2011, 10, 1)
    stints = tenure(data, AS_AT, observed_from=date(2014, 10, 1))
    assert stints["worker_id"].to_list() == [1]  # the stint that ended before is not observable
    assert stints["entry_years"][0] == pytest.approx(
        (date(2014, 10, 1) - date(2010, 10, 1)).days / DAYS_PER_YEAR
    )


def test_agency_assignments_are_never_stints() -> None:
    data = frames([worker(1)], [spell(1, date(2019, 1, 1), date(2019, 12, 31), contract="agency")])
    assert tenure(data, AS_AT).is_empty()
