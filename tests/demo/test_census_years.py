"""The demo council's census returns for the collection years with the Sex item (2024 on) pass
the year's rules: every directly employed worker is returned as M or F, and 2025's LA-level pay
questions are answered from the demo's own record (no flags given on the command line). Its
2022-2025 returns, written as XML, validate against each year's schema with every worker's items
in the schema's order, and every worker record up to 2024 names a qualifying institution.

Built from the session's demo store (``conftest.demo``) before it is rolled back.
"""

from __future__ import annotations

import pytest
from demo_counting import CENSUS_YEARS, SCHEMA_YEARS, DemoSnapshot

from thrive.census.schema import schema_items

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("year", CENSUS_YEARS)
def test_the_demo_return_passes_the_years_rules(demo: DemoSnapshot, year: int) -> None:
    errors, _, _ = demo.census[year]
    assert errors == []


@pytest.mark.parametrize("year", CENSUS_YEARS)
def test_every_directly_employed_worker_is_returned_as_female_or_male(
    demo: DemoSnapshot, year: int
) -> None:
    _, sexes, _ = demo.census[year]
    assert set(sexes) == {"F", "M"}
    assert 75 < 100 * sexes["F"] / sum(sexes.values()) < 95


def test_nobody_in_the_demo_has_sex_not_known(demo: DemoSnapshot) -> None:
    assert set(demo.frames.workers["sex"].unique()) == {"F", "M"}


def test_the_2025_return_carries_the_demo_councils_pay_answers(demo: DemoSnapshot) -> None:
    from thrive.demo.census_answers import PAY_OFFERS_2025

    _, _, answers = demo.census[2025]
    assert answers == {name: str(code) for name, code in PAY_OFFERS_2025.items()}


@pytest.mark.parametrize("year", SCHEMA_YEARS)
def test_the_demo_export_validates_against_the_years_schema(demo: DemoSnapshot, year: int) -> None:
    refused, records = demo.exports[year]
    assert refused == []
    order = [item.name for item in schema_items(year, "CSWWWorker")]
    assert len(records) > 100
    for items in records:
        assert list(items) == sorted(items, key=order.index)
        assert ("QualInst" in items) == (year <= 2024)


def test_the_2025_answers_mean_what_the_demo_council_offers(demo: DemoSnapshot) -> None:
    """Car allowances and relocation packages to all (1), a recruitment bonus for some posts (2),
    no retention bonus, performance award or regional weighting (0)."""
    _, _, answers = demo.census[2025]
    assert (answers["CarAllowance"], answers["RelocationPackage"]) == ("1", "1")
    assert answers["RecruitmentBonus"] == "2"
    assert {answers[n] for n in ("RetentionBonus", "PerformanceAward", "RegionalWeighting")} == {
        "0"
    }
