"""Retention curves: Kaplan-Meier by cohort, checked against hand-worked product-limit values."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from retention_builders import frames, spell, worker

from thrive.retention.curves import RetentionCurves
from thrive.retention.errors import InsufficientDataError, UnknownCohortError
from thrive.retention.tenure import DAYS_PER_YEAR, tenure

START = date(2016, 1, 1)
AS_AT = date(2024, 9, 30)


def _years(n: float) -> date:
    """The last day of a stint that lasted exactly ``n`` years of 365.25 days from START."""
    return START + timedelta(days=round(n * DAYS_PER_YEAR) - 1)


def _six_people() -> object:
    """Six ASYE starters: leave at 0.9, 1.9, 2.5 (no reason given), 2.9, 2.9; one in post."""
    ends = [(0.9, True), (1.9, True), (2.5, False), (2.9, True), (2.9, True)]
    spells = [spell(n, START, _years(y), reason_leave=1 if left else None) for n, (y, left) in
              enumerate(ends, start=1)]  # fmt: skip
    spells.append(spell(6, START, None))  # the third ended with no reason: still a leaver
    return frames([worker(n, route="asye") for n in range(1, 7)], spells)


def test_kaplan_meier_matches_the_hand_worked_product_limit() -> None:
    stints = tenure(_six_people(), AS_AT, observed_from=date(2014, 10, 1))  # type: ignore[arg-type]
    curves = RetentionCurves(by="route_in").fit(stints)
    row = curves.summary.row(0, named=True)
    # at 0.9y: 6 at risk, 1 leaves -> 5/6; at 1.9y: 5 at risk, 1 leaves -> 5/6 x 4/5 = 4/6;
    # at 2.5y: 4 at risk, 1 leaves -> 4/6 x 3/4 = 3/6; at 2.9y: 3 at risk, 2 leave -> 1/6
    assert row["people"] == 6 and row["leavers"] == 5 and row["in_post"] == 1
    assert row["retained_1y"] == pytest.approx(5 / 6, abs=1e-9)
    assert row["retained_2y"] == pytest.approx(4 / 6, abs=1e-9)
    assert row["retained_3y"] == pytest.approx(1 / 6, abs=1e-9)
    assert row["retained_1y_lower"] < 5 / 6 < row["retained_1y_upper"]
    # lifelines' median is the first time the curve falls below one half (at 2.5y it is
    # exactly one half), so 2.9 years
    assert row["median_years"] == pytest.approx(2.9, abs=0.01)


def test_late_entrants_only_count_from_when_records_begin() -> None:
    # Two people hired in 2010 are seen from 2014-10-01 (4.75 years in); one leaves at 6 years.
    # Two hired in 2016: one leaves at 0.9 years, one is still in post (8.7 years).
    # At 1y the risk set is the two 2016 hires only: S = 1/2 (ignoring truncation: 3/4).
    # At 6y: three at risk (two late entrants, the 2016 stayer), one leaves: 1/2 x 2/3 = 1/3.
    hired = date(2010, 1, 1)
    data = frames(
        [worker(n) for n in range(1, 5)],
        [
            spell(1, hired, hired + timedelta(days=round(6 * DAYS_PER_YEAR) - 1), reason_leave=1),
            spell(2, hired, None),
            spell(3, START, _years(0.9), reason_leave=1),
            spell(4, START, None),
        ],
    )
    stints = tenure(data, AS_AT, observed_from=date(2014, 10, 1))
    curves = RetentionCurves(by=None).fit(stints)
    fitter = curves.fitters_["All"]
    assert float(fitter.survival_function_at_times(1.0).iloc[0]) == pytest.approx(1 / 2)
    assert float(fitter.survival_function_at_times(6.5).iloc[0]) == pytest.approx(1 / 3)


def test_a_cohort_truncation_leaves_empty_is_skipped_with_a_reason() -> None:
    # In Assessment North the only person at risk in year 1 leaves, and the 2010 hire only
    # joins at 4.75 years: lifelines cannot draw that curve. Child Protection South can.
    data = frames(
        [worker(1), worker(2), worker(3)],
        [
            spell(1, date(2010, 1, 1), None, team_id=1),
            spell(2, START, _years(0.9), team_id=1, reason_leave=1),
            spell(3, START, None, team_id=2),
        ],
    )
    stints = tenure(data, AS_AT, observed_from=date(2014, 10, 1))
    curves = RetentionCurves(by="first_team").fit(stints)
    assert curves.summary["cohort"].to_list() == ["Child Protection South"]
    assert "records began" in curves.skipped_["Assessment North"]
    with pytest.raises(InsufficientDataError):
        RetentionCurves(by="first_team").fit(stints.filter(stints["worker_id"] < 3))


def test_cohorts_are_compared_with_a_log_rank_test(planted: object) -> None:
    curves = RetentionCurves(by="route_in").fit(planted.stints)  # type: ignore[attr-defined]
    assert set(curves.summary["cohort"]) == {"asye", "experienced"}
    assert curves.log_rank_ is not None
    assert 0.0 <= curves.log_rank_["p_value"] <= 1.0  # type: ignore[operator]
    # route has no effect on leaving in the planted population
    assert curves.log_rank_["p_value"] > 0.01  # type: ignore[operator]
    assert curves.pairwise_.height == 1
    bands = curves.curves_
    assert (bands["lower"] <= bands["retained"]).all() and (
        bands["retained"] <= bands["upper"]
    ).all()


def test_retention_beyond_the_longest_stint_is_not_guessed() -> None:
    data = frames([worker(1)], [spell(1, date(2024, 1, 1), None)])
    curves = RetentionCurves(by=None).fit(tenure(data, AS_AT, observed_from=date(2014, 10, 1)))
    assert curves.summary["retained_1y"][0] is None
    assert curves.log_rank_ is None


def test_errors_name_the_problem() -> None:
    with pytest.raises(UnknownCohortError, match="route_in"):
        RetentionCurves(by="shoe_size")
    data = frames([worker(1)], [])
    with pytest.raises(InsufficientDataError):
        RetentionCurves().fit(tenure(data, AS_AT))
