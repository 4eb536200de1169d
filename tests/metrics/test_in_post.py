"""Who is in post: FTE and headcount, agency workers, and the permanent share, by hand."""

from __future__ import annotations

from datetime import date

import pytest
from builders import AS_AT, Org, one, sliced


@pytest.fixture
def org() -> Org:
    o = Org()
    north, south = o.team("North"), o.team("South", service="Children in care")
    # A full-timer, a part-timer, and a worker in two roles at once (0.6 + 0.4 FTE).
    o.spell(o.worker(), north, date(2015, 1, 1), origin=9)
    o.spell(o.worker(), south, date(2016, 1, 1), fte=0.5, origin=9)
    both = o.worker()
    o.spell(both, north, date(2014, 1, 1), fte=0.6, grade="team_manager", origin=9)
    o.spell(both, south, date(2014, 1, 1), fte=0.4, grade="social_worker")
    # An agency worker and a fixed-term employee.
    o.spell(o.worker(), south, date(2017, 1, 1), contract="agency")
    o.spell(o.worker(), south, date(2017, 6, 1), contract="fixed_term", fte=0.8, origin=4)
    return o


def test_fte_counts_both_roles_and_leaves_agency_out(org: Org) -> None:
    assert one(org, "fte_in_post").value == pytest.approx(1 + 0.5 + 0.6 + 0.4 + 0.8)


def test_headcount_counts_a_worker_in_two_roles_once(org: Org) -> None:
    assert one(org, "headcount_in_post").value == 4


def test_two_roles_count_once_in_headcount_in_the_more_senior_post(org: Org) -> None:
    by_team = sliced(org, "headcount_in_post", "team")
    # The two-role worker is a team manager in North and a social worker in South: North.
    assert {k: r.value for k, r in by_team.items()} == {"North": 2, "South": 2}
    fte = sliced(org, "fte_in_post", "team")
    assert fte["North"].value == pytest.approx(1.6)
    assert fte["South"].value == pytest.approx(0.5 + 0.4 + 0.8)


def test_agency_rate_is_agency_over_agency_plus_employed(org: Org) -> None:
    rate = one(org, "agency_rate")
    assert (rate.numerator, rate.denominator) == (pytest.approx(1.0), pytest.approx(4.3))
    assert rate.value == pytest.approx(100 / 4.3)
    assert one(org, "agency_rate_headcount").value == pytest.approx(20.0)


def test_permanent_share_counts_fixed_term_as_permanent_against_agency(org: Org) -> None:
    share = one(org, "permanent_share")
    assert (share.numerator, share.denominator, share.value) == (4, 5, pytest.approx(80.0))
    by_contract = sliced(org, "headcount_in_post", "contract")
    assert {k: r.value for k, r in by_contract.items()} == {"permanent": 3, "fixed_term": 1}


def test_a_leaver_on_the_as_at_date_is_not_in_post_but_a_mover_is() -> None:
    o = Org()
    team = o.team()
    leaver, mover = o.worker(), o.worker()
    o.spell(leaver, team, date(2016, 1, 1), AS_AT, origin=9, reason=1)
    o.spell(mover, team, date(2016, 1, 1), AS_AT, origin=9)
    o.spell(mover, team, date(2018, 10, 1), grade="senior_practitioner")
    assert one(o, "headcount_in_post").value == 1
    assert one(o, "leavers_headcount").value == 1
    # The day before, both were in post.
    assert one(o, "headcount_in_post", date(2018, 9, 29)).value == 2


def test_a_spell_starting_on_the_as_at_date_is_in_post() -> None:
    o = Org()
    o.spell(o.worker(), o.team(), AS_AT, origin=1)
    assert one(o, "headcount_in_post").value == 1
    assert one(o, "starters_headcount").value == 1


def test_nothing_in_post_gives_zero_counts_and_no_rate() -> None:
    o = Org()
    o.spell(o.worker(), o.team(), date(2020, 1, 1), origin=1)
    assert one(o, "fte_in_post").value == 0
    assert one(o, "agency_rate").value is None
