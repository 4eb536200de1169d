"""Supervision, appraisal, span of control, absence, schemes and ASYEs, by hand."""

from __future__ import annotations

from datetime import date

import pytest
from builders import AS_AT, Org, one, sliced

from thrive.metrics.formulas import ABSENCE_CAVEAT


def test_supervised_share_counts_a_session_in_the_month_to_the_as_at_date() -> None:
    o = Org()
    team = o.team()
    workers = [o.worker() for _ in range(4)]
    for w in workers:
        o.spell(w, team, date(2015, 1, 1), origin=9)
    o.supervision(workers[0], date(2018, 9, 1))
    o.supervision(workers[1], AS_AT, kind="group")
    o.supervision(workers[2], date(2018, 8, 31))  # August: not this month
    share = one(o, "supervised_share")
    assert (share.numerator, share.denominator, share.value) == (2, 4, 50.0)
    assert share.status == "red"  # target 90, amber within 10


def test_appraisal_completion_counts_those_due_in_the_year_while_in_post() -> None:
    o = Org()
    team = o.team()
    a, b, c, gone = (o.worker() for _ in range(4))
    for w in (a, b, c):
        o.spell(w, team, date(2015, 1, 1), origin=9)
    o.spell(gone, team, date(2015, 1, 1), date(2018, 1, 31), origin=9, reason=1)
    o.appraisal(a, date(2018, 4, 1), date(2018, 3, 20))
    o.appraisal(b, date(2018, 4, 1), date(2018, 6, 1))  # late but done
    o.appraisal(c, date(2018, 4, 1), None)
    o.appraisal(gone, date(2018, 4, 1), None)  # due after leaving: not counted
    o.appraisal(a, date(2017, 4, 1), None, cycle="2016/17")  # due last year
    result = one(o, "appraisal_completion")
    assert (result.numerator, result.denominator) == (2, 3)


def test_span_of_control() -> None:
    o = Org()
    team = o.team()
    boss, other = o.worker(), o.worker()
    o.spell(boss, team, date(2010, 1, 1), grade="team_manager", origin=9)
    o.spell(other, team, date(2010, 1, 1), grade="team_manager", origin=9)
    for i in range(8):
        w = o.worker()
        o.spell(w, team, date(2015, 1, 1), origin=9)
        o.line(boss if i < 7 else other, w, date(2015, 1, 1))
    o.line(other, o.worker(), date(2015, 1, 1), date(2018, 9, 29))  # ended
    span = one(o, "span_of_control")
    assert (span.numerator, span.denominator, span.value) == (8, 2, 4.0)
    assert one(o, "largest_span_of_control").value == 7
    over = one(o, "managers_over_span")
    assert (over.numerator, over.denominator) == (1, 2)


def test_absence_rate_counts_sickness_in_the_year_pro_rata_over_the_boundary() -> None:
    o = Org()
    team = o.team()
    w, agency = o.worker(), o.worker()
    o.spell(w, team, date(2015, 1, 1), origin=9, fte=0.5)
    o.spell(o.worker(), team, date(2015, 1, 1), origin=9)
    o.spell(agency, team, date(2015, 1, 1), contract="agency")
    o.absence(w, date(2018, 1, 8), date(2018, 1, 12), 5)
    o.absence(w, date(2018, 2, 5), date(2018, 2, 9), 5, reason="TRN")  # not sickness
    o.absence(agency, date(2018, 3, 5), date(2018, 3, 9), 5)  # agency: not counted
    # Mon 25 Sep - Fri 6 Oct 2017: 10 weekdays, 5 of them in the year (2-6 Oct).
    o.absence(w, date(2017, 9, 25), date(2017, 10, 6), 10)
    days = one(o, "working_days_lost")
    assert days.value == pytest.approx(5 + 5)
    rate = one(o, "absence_rate")
    assert (rate.numerator, rate.denominator) == (pytest.approx(10), pytest.approx(1.5 * 253))
    assert rate.value == pytest.approx(100 * 10 / (1.5 * 253))


def test_the_absence_rate_carries_the_253_caveat() -> None:
    from thrive.metrics import measure

    assert measure("absence_rate").caveat == ABSENCE_CAVEAT
    assert "253" in ABSENCE_CAVEAT and "not public" in ABSENCE_CAVEAT


def test_aspirant_managers_are_members_in_post() -> None:
    o = Org()
    team = o.team()
    a, b, c = o.worker(), o.worker(), o.worker()
    for w in (a, b):
        o.spell(w, team, date(2015, 1, 1), origin=9)
    o.spell(c, team, date(2015, 1, 1), date(2018, 1, 1), origin=9, reason=1)
    o.scheme(a, date(2018, 1, 1))
    o.scheme(b, date(2017, 1, 1), date(2017, 12, 31))  # finished
    o.scheme(c, date(2017, 1, 1))  # left the council
    o.scheme(a, date(2018, 1, 1), scheme="leadership")
    assert one(o, "aspirant_managers").value == 1


@pytest.fixture
def academy() -> Org:
    o = Org()
    team = o.team()
    cohort = [o.worker(route="asye") for _ in range(4)]
    for w in cohort:
        o.asye(w, date(2016, 8, 1), "pass", date(2017, 8, 1))
    o.spell(cohort[0], team, date(2016, 8, 1), origin=1, grade="asye")
    o.spell(cohort[1], team, date(2016, 8, 1), origin=1, grade="asye")
    o.spell(cohort[2], team, date(2016, 8, 1), date(2018, 8, 1), origin=1, reason=1, grade="asye")
    o.spell(cohort[3], team, date(2016, 8, 1), date(2017, 12, 31), origin=1, reason=1)
    later = [o.worker(route="asye") for _ in range(3)]
    o.asye(later[0], date(2017, 9, 1), "pass", date(2018, 9, 1))
    o.asye(later[1], date(2017, 9, 1), "fail", date(2018, 9, 1))
    o.asye(later[2], date(2017, 9, 1), "extended", date(2018, 9, 1))
    for w in later:
        o.spell(w, team, date(2017, 9, 1), origin=1, grade="asye")
    return o


def test_asye_outcomes_in_the_year(academy: Org) -> None:
    assert one(academy, "asye_passed").value == 1
    rate = one(academy, "asye_pass_rate")
    assert (rate.numerator, rate.denominator) == (1, 3)


def test_asyes_still_employed_and_retained_on_their_anniversary(academy: Org) -> None:
    still = one(academy, "asye_still_employed")
    assert (still.numerator, still.denominator) == (5, 7)
    two = one(academy, "asye_retained_2_years")
    # The 2016 cohort reached two years on 1 Aug 2018: two of four still employed that day
    # (the leaver of 1 Aug 2018 left on the anniversary, so is not).
    assert (two.numerator, two.denominator) == (2, 4)
    assert one(academy, "asye_retained_3_years").denominator == 0


def test_asye_measures_slice_by_the_post_at_the_start(academy: Org) -> None:
    still = sliced(academy, "asye_still_employed", "grade")
    assert {k: (r.numerator, r.denominator) for k, r in still.items()} == {
        "asye": (5, 6),
        "social_worker": (0, 1),
    }


def test_sickness_while_still_an_agency_worker_is_not_counted() -> None:
    o = Org()
    north, south = o.team("North"), o.team("South")
    w = o.worker()
    o.spell(w, north, date(2017, 6, 1), date(2017, 10, 10), contract="agency")
    o.spell(w, south, date(2017, 10, 11), origin=4)
    o.absence(w, date(2017, 10, 5), date(2017, 10, 9), 3)  # as an agency worker
    o.absence(w, date(2018, 1, 8), date(2018, 1, 9), 2)  # once employed, in South
    assert one(o, "working_days_lost").value == 2
    assert {k: r.value for k, r in sliced(o, "working_days_lost", "team").items()} == {"South": 2}
