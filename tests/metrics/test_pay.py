"""Pay and reward: exact answers on hand-made councils (salary quartiles by grade, recruitment and
retention payments, who stayed, agency cover's cost) and properties on any pay (quartiles are
numpy's, in order, within the salaries; shares within 0-100 and slices adding up)."""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl
import pytest
from builders import Org, one, sliced
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thrive.metrics.pay import census_day
from thrive.metrics.targets import Targets
from thrive.summaries.pay import census_day_for

CENSUS = date(2018, 9, 30)


def pay(o: Org, worker: int, year: int, salary: float | None, rr: float | None = None) -> None:
    """A worker's census pay for a collection year, as the census worker detail holds it."""
    o.rows.setdefault("pay", []).append(
        {"worker_id": worker, "year": year, "base_salary": salary, "rr_payments": rr}
    )


def staffed(salaries: dict[str, list[float]], year: int = 2018) -> Org:
    """A council whose directly employed social workers, by grade, have these salaries."""
    o = Org()
    team = o.team()
    for grade, amounts in salaries.items():
        for amount in amounts:
            w = o.worker()
            o.spell(w, team, date(2015, 1, 1), grade=grade, origin=9)
            pay(o, w, year, amount)
    return o


def test_median_and_quartiles_by_grade_on_the_census_date() -> None:
    o = staffed(
        {
            "social_worker": [33000, 35000, 36000, 38000, 40000],
            "team_manager": [48000, 50000, 52000, 55000, 54000, 49000],
        }
    )
    median = sliced(o, "median_base_salary", "grade", hr=True)
    assert median["social_worker"].value == 36000
    assert median["team_manager"].value == pytest.approx(51000)
    lower = sliced(o, "base_salary_lower_quartile", "grade", hr=True)
    upper = sliced(o, "base_salary_upper_quartile", "grade", hr=True)
    assert lower["social_worker"].value == 35000 and upper["social_worker"].value == 38000
    assert lower["team_manager"].value == pytest.approx(49250)
    assert upper["team_manager"].value == pytest.approx(53500)
    whole = one(o, "median_base_salary", hr=True)
    assert whole.value == 48000  # the 6th of 11 salaries
    assert one(o, "pay_records_headcount").value == 11


def test_the_last_census_on_or_before_the_date_is_read_and_compared_with_the_year_before() -> None:
    o = staffed({"social_worker": [30000, 32000, 34000, 36000, 38000]}, year=2017)
    for i, w in enumerate(r["worker_id"] for r in o.rows["workers"]):
        pay(o, int(str(w)), 2018, 31000 + 2000 * i)
    # As at 31 March 2019 the census read is 30 September 2018's; a year earlier, 2017's.
    r = one(o, "median_base_salary", as_at=date(2019, 3, 31), hr=True)
    assert r.value == 35000 and r.previous == 34000
    # On the census date itself, that census.
    assert one(o, "median_base_salary", as_at=CENSUS, hr=True).value == 35000
    # The day before it, the one before.
    assert one(o, "median_base_salary", as_at=date(2018, 9, 29), hr=True).value == 34000


def test_no_pay_returned_gives_no_figure_and_nobody() -> None:
    o = staffed({"social_worker": [30000]}, year=2015)
    r = one(o, "median_base_salary", hr=True)
    assert r.value is None
    assert one(o, "pay_records_headcount").value == 0
    assert one(o, "employed_cost_per_fte").value is None
    assert one(o, "agency_cost_premium").value is None


def test_leavers_and_agency_workers_have_no_salary_figure() -> None:
    o = staffed({"social_worker": [30000, 32000]})
    team = o.team("B")
    gone = o.worker()
    o.spell(gone, team, date(2015, 1, 1), date(2018, 6, 30), origin=9, reason=3)
    pay(o, gone, 2018, 90000)  # returned as a leaver: not in post on the census date
    agent = o.worker()
    o.spell(agent, team, date(2018, 1, 1), contract="agency", day_rate=300)
    pay(o, agent, 2018, 80000)
    assert one(o, "pay_records_headcount").value == 2
    assert one(o, "median_base_salary", hr=True).value == 31000


def test_recruitment_and_retention_payments_share_and_cost() -> None:
    o = Org()
    team = o.team()
    for i in range(10):
        w = o.worker()
        o.spell(w, team, date(2015, 1, 1), origin=9)
        pay(o, w, 2018, 35000, rr=2000.0 if i < 3 else (0.0 if i < 6 else None))
    assert one(o, "rr_payment_headcount").value == 3
    share = one(o, "rr_payment_share", hr=True)
    assert (share.numerator, share.denominator, share.value) == (3, 10, pytest.approx(30.0))
    assert one(o, "rr_payment_cost", hr=True).value == 6000


def test_who_stayed_a_year_on_with_and_without_a_payment() -> None:
    o = Org()
    team = o.team()
    for i in range(8):
        w = o.worker()
        left = date(2018, 3, 31) if i in (0, 4, 5) else None
        o.spell(w, team, date(2015, 1, 1), left, origin=9, reason=3 if left else None)
        pay(o, w, 2017, 35000, rr=1500.0 if i < 4 else None)
    with_payment = one(o, "retained_with_rr_payment", hr=True)
    without = one(o, "retained_without_rr_payment", hr=True)
    assert (with_payment.numerator, with_payment.denominator) == (3, 4)
    assert (without.numerator, without.denominator) == (2, 4)
    assert without.value == pytest.approx(50.0)


def test_a_move_to_agency_work_is_leaving_and_a_move_inside_is_staying() -> None:
    o = Org()
    a, b = o.team("A"), o.team("B")
    mover, agent = o.worker(), o.worker()
    o.spell(mover, a, date(2015, 1, 1), date(2018, 1, 31), origin=9)
    o.spell(mover, b, date(2018, 2, 1), grade="senior_practitioner")
    o.spell(agent, a, date(2015, 1, 1), date(2018, 1, 31), origin=9, reason=3)
    o.spell(agent, a, date(2018, 2, 1), contract="agency")
    for w in (mover, agent):
        pay(o, w, 2017, 35000)
    r = one(o, "retained_without_rr_payment", hr=True)
    assert (r.numerator, r.denominator) == (1, 2)
    # Sliced by the team they were in a year before: both in A.
    assert sliced(o, "retained_without_rr_payment", "team", hr=True)["A"].denominator == 2


def test_agency_cover_against_directly_employed_pay_for_the_same_grade() -> None:
    o = staffed({"social_worker": [30000, 40000]})
    team = o.team("B")
    for rate in (300.0, 340.0):
        o.spell(o.worker(), team, date(2018, 1, 1), contract="agency", day_rate=rate)
    o.spell(o.worker(), team, date(2018, 1, 1), contract="agency")  # no day rate: left out
    assert one(o, "agency_rated_headcount").value == 2
    agency = one(o, "agency_cost_per_fte", hr=True)
    assert agency.value == pytest.approx(320 * 253)
    employed = one(o, "employed_cost_per_fte", hr=True)
    assert employed.value == pytest.approx(35000 * 1.3)
    premium = one(o, "agency_cost_premium", hr=True)
    assert premium.value == pytest.approx(320 * 253 - 35000 * 1.3)
    # The on-cost rate is the targets file's option.
    file = Targets.from_mapping({"options": {"pay_on_cost_rate": 0.25}}, "targets.toml")
    cheaper = one(o, "agency_cost_premium", hr=True, targets=file)
    assert cheaper.value == pytest.approx(320 * 253 - 35000 * 1.25)
    by_grade = sliced(o, "agency_cost_premium", "grade", hr=True)
    assert by_grade["social_worker"].value == pytest.approx(premium.value)


def test_small_groups_are_withheld_from_the_numerator_outside_hr() -> None:
    o = staffed({"social_worker": [30000, 31000]})
    # The measures layer leaves it to the pages, which withhold a median of 1-4 people by its
    # partner count: it names the count it is made from.
    from thrive.metrics import measure

    assert measure("median_base_salary").people == ("pay_records_headcount",)
    assert measure("rr_payment_cost").people == ("rr_payment_headcount",)
    assert one(o, "pay_records_headcount").value == 2


salaries = st.lists(
    st.floats(min_value=15000, max_value=120000, allow_nan=False).map(lambda x: round(x, 2)),
    min_size=1,
    max_size=30,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sw=salaries, tm=salaries, rr=st.lists(st.booleans(), min_size=60, max_size=60))
def test_quartiles_are_numpys_in_order_and_shares_add_up(
    sw: list[float], tm: list[float], rr: list[bool]
) -> None:
    o = Org()
    team = o.team()
    rewarded = 0
    for i, (grade, amount) in enumerate(
        [("social_worker", s) for s in sw] + [("team_manager", s) for s in tm]
    ):
        w = o.worker()
        o.spell(w, team, date(2015, 1, 1), grade=grade, origin=9)
        pay(o, w, 2018, amount, rr=1000.0 if rr[i] else 0.0)
        rewarded += rr[i]
    everyone = sw + tm
    for name, q in (
        ("base_salary_lower_quartile", 25),
        ("median_base_salary", 50),
        ("base_salary_upper_quartile", 75),
    ):
        assert one(o, name, hr=True).value == pytest.approx(np.percentile(everyone, q))
        by = sliced(o, name, "grade", hr=True)
        assert by["social_worker"].value == pytest.approx(np.percentile(sw, q))
        assert by["team_manager"].value == pytest.approx(np.percentile(tm, q))
    lower = one(o, "base_salary_lower_quartile", hr=True).value
    upper = one(o, "base_salary_upper_quartile", hr=True).value
    assert min(everyone) - 0.01 <= lower <= upper <= max(everyone) + 0.01
    share = one(o, "rr_payment_share", hr=True)
    assert 0 <= share.value <= 100 and share.numerator == rewarded
    by_grade = sliced(o, "rr_payment_headcount", "grade", hr=True)
    assert sum(r.value for r in by_grade.values()) == rewarded
    assert one(o, "rr_payment_cost", hr=True).value == pytest.approx(1000.0 * rewarded)


@settings(deadline=None)
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_the_census_read_is_the_last_30_september_on_or_before_the_date(as_at: date) -> None:
    found = pl.select(census_day(pl.lit(as_at))).item()
    assert (found.month, found.day) == (9, 30)
    assert found <= as_at < date(found.year + 1, 9, 30)
    assert census_day_for(as_at) == found
