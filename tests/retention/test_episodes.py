"""Monthly episodes: each covariate on a hand-made worker, checked against a hand count."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest
from retention_builders import frames, spell, worker

from thrive.retention.episodes import DAYS_PER_MONTH, episodes
from thrive.retention.tenure import tenure

AS_AT = date(2024, 9, 30)
OBSERVED = date(2014, 10, 1)


def _one_worker() -> pl.DataFrame:
    """Worker 1: hired 1 Jan 2020 as ASYE, social worker from 1 Jan 2021 at 0.8 FTE in team 2,
    leaves 15 Jun 2021. Worker 2 is their line manager; worker 3 shares the manager from March."""
    caseloads = [(1, date(2020, m, 28), 10 + m, None, None) for m in range(1, 13)]
    caseloads += [(1, date(2021, m, 28), 30, None, None) for m in range(1, 6)]
    data = frames(
        [worker(1, route="asye"), worker(2), worker(3)],
        [
            spell(1, date(2020, 1, 1), date(2020, 12, 31), grade="asye"),
            spell(1, date(2021, 1, 1), date(2021, 6, 15), team_id=2, fte=0.8, reason_leave=1),
            spell(2, date(2015, 1, 1), None, grade="team_manager"),
            spell(3, date(2020, 3, 1), None),
        ],
        caseloads=caseloads,
        supervisions=[(1, date(2020, 2, 10), "individual", 2), (1, date(2021, 1, 20), "group", 2)],
        line_management=[
            (2, 1, date(2020, 1, 1), date(2021, 6, 15)),
            (2, 3, date(2020, 3, 1), None),
        ],
        absences=[
            (1, date(2020, 11, 2), date(2020, 11, 6), "SIC", 5.0),
            (1, date(2021, 2, 1), date(2021, 2, 2), "TRN", 2.0),  # training: not sickness
        ],
        asye=[
            (
                1,
                "2020 January",
                date(2020, 1, 1),
                None,
                None,
                None,
                "pass",
                date(2020, 12, 20),
                None,
            )
        ],
    )
    stints = tenure(data, AS_AT, observed_from=OBSERVED)
    return episodes(data, stints, AS_AT, observed_from=OBSERVED).filter(pl.col("worker_id") == 1)


def test_a_stint_splits_into_months_with_the_leaving_in_the_last() -> None:
    split = _one_worker()
    assert split.height == 18  # Jan 2020 to Jun 2021
    assert split["on"][0] == date(2020, 1, 1) and split["until"][-1] == date(2021, 6, 16)
    assert split["left"].to_list() == [0] * 17 + [1]
    assert split["start"][0] == 0.0
    assert split["stop"][-1] == pytest.approx(
        (date(2021, 6, 16) - date(2020, 1, 1)).days / DAYS_PER_MONTH
    )
    assert (split["start"].shift(-1).drop_nulls() == split["stop"].head(17)).all()


def test_covariates_on_the_first_day_of_each_month() -> None:
    by_month = {row["on"]: row for row in _one_worker().to_dicts()}
    july = by_month[date(2020, 7, 1)]
    # snapshots dated in (1 Jan, 1 Jul]: 28 Jan..28 Jun = 11..16 cases -> 13.5
    assert july["caseload_6m"] == pytest.approx(13.5)
    assert july["high_caseload"] == 0
    assert july["grade"] == "asye" and july["asye"] == 1 and july["fte"] == 1.0
    assert july["months_since_supervision"] == pytest.approx(
        (date(2020, 7, 1) - date(2020, 2, 10)).days / DAYS_PER_MONTH
    )
    assert july["manager_span"] == 2.0  # worker 1 and worker 3
    assert by_month[date(2020, 2, 1)]["manager_span"] == 1.0
    assert by_month[date(2020, 1, 1)]["caseload_6m"] is None  # no snapshot yet
    june = by_month[date(2021, 6, 1)]
    # snapshots dated in (1 Dec 2020, 1 Jun 2021]: 28 Dec (22 cases) and 28 Jan..28 May (30)
    assert june["caseload_6m"] == pytest.approx((22 + 30 * 5) / 6)
    assert june["high_caseload"] == 1
    assert june["grade"] == "social_worker" and june["team"] == "Child Protection South"
    assert june["part_time"] == 1 and june["asye"] == 0
    # time in grade counts whole years from the grade change on 1 Jan 2021
    assert june["years_in_grade"] == 0.0
    # sickness 2-6 Nov 2020 is within the year; the training absence is not sickness
    assert june["absence_days_12m"] == 5.0
    assert by_month[date(2020, 11, 1)]["absence_days_12m"] == 0.0


def test_supervision_gaps_are_capped_at_twelve_months() -> None:
    by_month = {row["on"]: row for row in _one_worker().to_dicts()}
    assert by_month[date(2020, 12, 1)]["months_since_supervision"] == pytest.approx(
        (date(2020, 12, 1) - date(2020, 2, 10)).days / DAYS_PER_MONTH
    )
    assert by_month[date(2021, 2, 1)]["months_since_supervision"] < 1


def test_months_before_the_records_begin_are_left_out() -> None:
    data = frames([worker(1)], [spell(1, date(2012, 3, 15), date(2015, 2, 10), reason_leave=1)])
    stints = tenure(data, AS_AT, observed_from=OBSERVED)
    split = episodes(data, stints, AS_AT, observed_from=OBSERVED)
    assert split["on"][0] == OBSERVED
    assert split["start"][0] == pytest.approx((OBSERVED - date(2012, 3, 15)).days / DAYS_PER_MONTH)
    assert split["left"].sum() == 1
