"""The demo council's pay (its 2025 census return): a salary on each grade's band for everyone
directly employed on the census date, recruitment bonuses for those who joined a hard-to-fill
team in the year, the same every build, and the pay measures read it."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest
from demo_counting import DemoSnapshot

from thrive.demo.pay import BANDS, BONUSES, CENSUS_DAY, PAY_YEAR, salary
from thrive.metrics import compute

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def _pay(demo: DemoSnapshot) -> pl.DataFrame:
    f = demo.frames
    return f.pay.filter(pl.col("base_salary").is_not_null()).join(
        f.workers.select("worker_id", "pseudonym"), on="worker_id"
    )


def test_only_the_2025_return_carries_pay(demo: DemoSnapshot) -> None:
    pay = _pay(demo)
    assert pay.height > 50
    assert set(pay["year"].to_list()) == {PAY_YEAR}


def test_salaries_sit_on_their_grades_bands_and_follow_the_pseudonym(demo: DemoSnapshot) -> None:
    f = demo.frames
    spells = f.spells.filter(
        (pl.col("contract_type") != "agency")
        & (pl.col("start_date") <= CENSUS_DAY)
        & (pl.col("end_date").is_null() | (pl.col("end_date") > CENSUS_DAY))
    )
    grades = dict(spells.select("worker_id", "grade").iter_rows())
    for worker_id, pseudonym, base in (
        _pay(demo).select("worker_id", "pseudonym", "base_salary").iter_rows()
    ):
        grade = grades.get(worker_id)
        if grade is None:  # ended on the census day without leaving: a move, in post
            continue
        low, high = BANDS[grade]
        assert low <= base <= high or base == float(salary(grade, pseudonym))


def test_bonuses_go_only_to_starters_in_hard_to_fill_teams(demo: DemoSnapshot) -> None:
    f = demo.frames
    paid = _pay(demo).filter(pl.col("rr_payments") > 0)
    assert paid.height > 0
    assert set(paid["rr_payments"].to_list()) <= {float(b) for b in BONUSES}
    starters = (
        f.spells.filter(
            pl.col("start_origin").is_not_null()
            & pl.col("start_date").is_between(date(PAY_YEAR - 1, 10, 1), CENSUS_DAY)
        )
        .join(f.teams.select("team_id", "team_kind"), on="team_id")
        .filter(pl.col("team_kind").is_in(["child_protection", "assessment"]))
    )
    assert set(paid["worker_id"].to_list()) <= set(starters["worker_id"].to_list())


def test_the_pay_measures_read_the_demo(demo: DemoSnapshot) -> None:
    found = {
        (r.name, r.slice["grade"] if r.slice else None): r
        for r in compute(
            demo.frames,
            CENSUS_DAY,
            by="grade",
            hr=True,
            names=["median_base_salary", "rr_payment_share", "agency_cost_premium"],
        )
    }
    sw = found[("median_base_salary", "social_worker")].value
    tm = found[("median_base_salary", "team_manager")].value
    assert 33_000 <= sw <= 40_000 and 48_000 <= tm <= 55_000
    assert 0 < found[("rr_payment_share", None)].value < 50
    # Agency cover costs more than directly employed pay with on-costs (the seeds' premise).
    assert found[("agency_cost_premium", "social_worker")].value > 0
    # A year earlier there was no pay in the census: no figure, and no change to show.
    assert found[("median_base_salary", None)].previous is None
