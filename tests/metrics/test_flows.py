"""Starters, leavers, turnover, stability, retention, service and promotion, by hand."""

from __future__ import annotations

from datetime import date

import pytest
from builders import AS_AT, Org, one, results, sliced


def test_turnover_is_fte_leavers_in_the_year_over_fte_in_post_at_its_end() -> None:
    o = Org()
    team = o.team()
    for _ in range(4):
        o.spell(o.worker(), team, date(2015, 1, 1), origin=9)
    o.spell(o.worker(), team, date(2015, 1, 1), date(2018, 3, 31), origin=9, reason=1, fte=0.5)
    # Left the year before: not in this year's leavers.
    o.spell(o.worker(), team, date(2015, 1, 1), date(2017, 9, 30), origin=9, reason=1)
    rate = one(o, "turnover_rate")
    assert (rate.numerator, rate.denominator) == (0.5, 4.0)
    assert rate.value == pytest.approx(12.5)
    assert rate.period == (date(2017, 10, 1), AS_AT)


def test_a_move_inside_the_council_is_not_a_leaver() -> None:
    o = Org()
    north, south = o.team("North"), o.team("South")
    w = o.worker()
    o.spell(w, north, date(2015, 1, 1), date(2018, 2, 28), origin=9)
    o.spell(w, south, date(2018, 3, 1))
    assert one(o, "leavers_fte").value == 0
    assert one(o, "starters_fte").value == 0
    assert one(o, "turnover_rate").value == 0
    assert one(o, "retention_rate").value == 100
    # For the team it came from, the mover did not stay: the stability index says so.
    stability = sliced(o, "stability_index", "team")
    assert stability["North"].value == 0
    assert one(o, "stability_index").value == 100


def test_agency_workers_are_never_starters_or_leavers() -> None:
    o = Org()
    team = o.team()
    o.spell(o.worker(), team, date(2018, 1, 1), date(2018, 6, 30), contract="agency")
    o.spell(o.worker(), team, date(2015, 1, 1), origin=9)
    assert one(o, "starters_headcount").value == 0
    assert one(o, "leavers_headcount").value == 0
    assert one(o, "turnover_rate").value == 0


def test_an_agency_worker_who_goes_permanent_is_a_starter() -> None:
    o = Org()
    team, w = o.team(), o.worker()
    o.spell(w, team, date(2017, 1, 1), date(2018, 1, 31), contract="agency")
    o.spell(w, team, date(2018, 2, 1), origin=4)
    assert one(o, "starters_headcount").value == 1
    assert one(o, "agency_headcount").value == 0


def test_a_starter_who_leaves_within_the_year_counts_in_both() -> None:
    o = Org()
    team = o.team()
    o.spell(o.worker(), team, date(2015, 1, 1), origin=9)
    o.spell(o.worker(), team, date(2017, 11, 1), date(2018, 4, 30), origin=1, reason=1, fte=0.8)
    assert one(o, "starters_fte").value == pytest.approx(0.8)
    assert one(o, "leavers_fte").value == pytest.approx(0.8)
    assert one(o, "turnover_rate").value == pytest.approx(80.0)


def test_part_year_flows_count_the_full_fte_of_the_spell() -> None:
    o = Org()
    team = o.team()
    o.spell(o.worker(), team, date(2018, 9, 1), fte=0.6, origin=2)
    assert one(o, "starters_fte").value == pytest.approx(0.6)


def test_headcount_turnover_counts_people() -> None:
    o = Org()
    team = o.team()
    o.spell(o.worker(), team, date(2015, 1, 1), origin=9)
    o.spell(o.worker(), team, date(2015, 1, 1), origin=9, fte=0.5)
    o.spell(o.worker(), team, date(2015, 1, 1), date(2018, 5, 1), origin=9, reason=5, fte=0.5)
    rate = one(o, "turnover_rate_headcount")
    assert (rate.numerator, rate.denominator, rate.value) == (1, 2, 50.0)
    assert one(o, "turnover_rate").value == pytest.approx(100 * 0.5 / 1.5)


def test_practitioner_turnover_leaves_managers_out() -> None:
    o = Org()
    team = o.team()
    o.spell(o.worker(), team, date(2015, 1, 1), origin=9)
    o.spell(o.worker(), team, date(2015, 1, 1), origin=9, grade="team_manager")
    o.spell(
        o.worker(),
        team,
        date(2015, 1, 1),
        date(2018, 5, 1),
        origin=9,
        reason=1,
        grade="team_manager",
    )
    assert one(o, "practitioner_turnover_rate").value == 0
    assert one(o, "turnover_rate").value == 50


def test_leavers_are_sliced_by_the_post_they_left() -> None:
    o = Org()
    north, south = o.team("North"), o.team("South")
    w = o.worker()
    o.spell(w, north, date(2015, 1, 1), date(2017, 12, 31), origin=9)
    o.spell(w, south, date(2018, 1, 1), date(2018, 6, 30), reason=1)
    leavers = sliced(o, "leavers_headcount", "team")
    assert {k: r.value for k, r in leavers.items()} == {"South": 1}


def test_average_years_in_service_runs_from_the_start_of_continuous_service() -> None:
    o = Org()
    team = o.team()
    w = o.worker()
    # Joined 2014-09-30, moved team in 2016 (same stretch): 4 years at 30 Sep 2018.
    o.spell(w, team, date(2014, 9, 30), date(2016, 3, 31), origin=9)
    o.spell(w, o.team("Other"), date(2016, 4, 1))
    # Left and came back: the clock restarts on return (2017-09-30: 1 year).
    back = o.worker()
    o.spell(back, team, date(2010, 1, 1), date(2016, 12, 31), origin=9, reason=1)
    o.spell(back, team, date(2017, 9, 30), origin=2)
    result = one(o, "average_years_in_service")
    assert result.denominator == 2
    expected = ((AS_AT - date(2014, 9, 30)).days + (AS_AT - date(2017, 9, 30)).days) / 365.25
    assert result.numerator == pytest.approx(expected)
    assert result.value == pytest.approx(expected / 2)


def test_progression_to_senior_practitioner_needs_a_social_worker_spell_before() -> None:
    o = Org()
    team = o.team()
    promoted = o.worker()
    o.spell(promoted, team, date(2015, 1, 1), date(2018, 3, 31), origin=9)
    o.spell(promoted, team, date(2018, 4, 1), grade="senior_practitioner")
    # Hired straight in as a senior practitioner: a starter, not a progression.
    o.spell(o.worker(), team, date(2018, 4, 1), grade="senior_practitioner", origin=2)
    assert one(o, "progressions_to_senior_practitioner").value == 1


def test_stability_and_retention_count_the_opening_workforce() -> None:
    o = Org()
    team = o.team()
    for _ in range(3):
        o.spell(o.worker(), team, date(2015, 1, 1), origin=9)
    o.spell(o.worker(), team, date(2015, 1, 1), date(2018, 1, 31), origin=9, reason=1)
    o.spell(o.worker(), team, date(2018, 1, 1), origin=1)  # a starter is not in either
    for name in ("stability_index", "retention_rate"):
        result = one(o, name)
        assert (result.numerator, result.denominator, result.value) == (3, 4, 75.0)


def test_the_opening_workforce_is_the_same_counted_or_reused_from_a_year_earlier() -> None:
    o = Org()
    north, south = o.team("North"), o.team("South")
    for i in range(6):
        w = o.worker()
        o.spell(
            w,
            north,
            date(2015, 1, 1),
            date(2018, 2, 1) if i % 2 else None,
            origin=9,
            reason=1 if i % 3 == 1 else None,
        )
        if i % 3 == 0:
            o.spell(w, south, date(2016, 1, 1), fte=0.5, grade="team_manager")
    for name in ("stability_index", "retention_rate"):
        for by in (None, "team"):
            reused = results(o, name, by=by, compare=True)  # a year earlier is a point too
            counted = results(o, name, by=by, compare=False)
            assert [(r.slice, r.numerator, r.denominator) for r in reused] == [
                (r.slice, r.numerator, r.denominator) for r in counted
            ]
