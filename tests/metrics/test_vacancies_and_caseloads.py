"""Vacancies and caseloads, by hand."""

from __future__ import annotations

from datetime import date

import pytest
from builders import AS_AT, Org, one, sliced


@pytest.fixture
def establishment() -> Org:
    o = Org()
    north, south = o.team("North"), o.team("South")
    filled, half, covered, empty = (o.post(north), o.post(north), o.post(south), o.post(south))
    o.post(south, start=date(2019, 1, 1))  # not open yet
    o.post(south, end=date(2018, 6, 30))  # closed
    o.spell(o.worker(), north, date(2015, 1, 1), origin=9, post=filled)
    o.spell(o.worker(), north, date(2015, 1, 1), origin=9, post=half, fte=0.5)
    o.spell(o.worker(), south, date(2017, 1, 1), contract="agency", post=covered)
    o.spell(o.worker(), south, date(2015, 1, 1), origin=9)  # in no post
    assert empty
    return o


def test_vacancies_are_funded_fte_less_directly_employed_fte_in_open_posts(
    establishment: Org,
) -> None:
    assert one(establishment, "vacancy_fte").value == pytest.approx(0.5 + 1 + 1)
    rate = one(establishment, "vacancy_rate")
    assert (rate.numerator, rate.denominator) == (pytest.approx(2.5), pytest.approx(5.0))
    assert rate.value == pytest.approx(50.0)
    by_team = sliced(establishment, "vacancy_fte", "team")
    assert {k: r.value for k, r in by_team.items()} == {"North": 0.5, "South": 2.0}


def test_agency_cover_does_not_fill_a_vacancy_but_counts_as_covered(establishment: Org) -> None:
    assert one(establishment, "agency_in_posts").value == 1
    assert one(establishment, "agency_fte_in_posts").value == 1
    unfilled = one(establishment, "unfilled_vacancy_rate")
    assert (unfilled.numerator, unfilled.denominator) == (pytest.approx(1.5), pytest.approx(5.0))


def test_vacancy_is_never_negative() -> None:
    o = Org()
    team = o.team()
    post = o.post(team, funded=0.5)
    o.spell(o.worker(), team, date(2015, 1, 1), origin=9, post=post)
    assert one(o, "vacancy_fte").value == 0


def test_vacancies_cannot_be_sliced_by_contract(establishment: Org) -> None:
    assert sliced(establishment, "vacancy_fte", "contract") == {}


@pytest.fixture
def caseloads() -> Org:
    o = Org()
    team = o.team()
    full, part, agency, idle, stale = (o.worker() for _ in range(5))
    o.spell(full, team, date(2015, 1, 1), origin=9)
    o.spell(part, team, date(2015, 1, 1), origin=9, fte=0.5)
    o.spell(agency, team, date(2015, 1, 1), contract="agency")
    o.spell(idle, team, date(2015, 1, 1), origin=9, grade="team_manager")
    o.spell(stale, team, date(2015, 1, 1), origin=9)
    o.caseload(full, AS_AT, 16)
    o.caseload(full, date(2018, 8, 31), 30)  # older snapshot: the latest wins
    o.caseload(part, date(2018, 9, 20), 8)
    o.caseload(agency, AS_AT, 20)
    o.caseload(idle, AS_AT, 0)
    o.caseload(stale, date(2018, 6, 30), 12)  # more than 31 days old: not held at the date
    return o


def test_average_caseload_is_cases_over_case_holding_fte_agency_included(caseloads: Org) -> None:
    assert one(caseloads, "cases").value == 16 + 8 + 20
    assert one(caseloads, "case_holders_fte").value == pytest.approx(2.5)
    average = one(caseloads, "average_caseload")
    assert (average.numerator, average.denominator) == (44, pytest.approx(2.5))
    assert average.value == pytest.approx(17.6)
    assert one(caseloads, "maximum_caseload").value == 20


def test_workers_over_the_target_are_counted_pro_rata_to_their_hours(caseloads: Org) -> None:
    over = one(caseloads, "workers_over_caseload_target")
    # 16 > 14, 8 > 7 (0.5 FTE), 20 > 14: three of three case holders.
    assert (over.numerator, over.denominator) == (3, 3)
    assert one(caseloads, "workers_over_caseload_target", targets=None).value == 3


def test_asye_caseload_protection() -> None:
    o = Org()
    team = o.team()
    new1, new2, old = o.worker(), o.worker(), o.worker()
    o.spell(new1, team, date(2018, 1, 1), grade="asye", origin=1)
    o.spell(new2, team, date(2018, 1, 1), grade="asye", origin=1)
    o.spell(old, team, date(2015, 1, 1), origin=9)
    o.caseload(new1, AS_AT, 10)
    o.caseload(new2, AS_AT, 13)
    o.caseload(old, AS_AT, 16)
    assert one(o, "asye_average_caseload").value == pytest.approx(11.5)
    ratio = one(o, "asye_caseload_ratio")
    assert (ratio.numerator, ratio.denominator) == (pytest.approx(11.5), pytest.approx(16))
    assert ratio.value == pytest.approx(100 * 11.5 / 16)
    assert ratio.status == "green"  # target 90: at most 90% of the others' average
    over = one(o, "asye_over_caseload_cap")
    assert (over.numerator, over.denominator) == (1, 2)
