"""The demo council's census returns for the collection years with the Sex item (2024 on) pass
the year's rules: every directly employed worker is returned as M or F, and 2025's LA-level pay
questions are answered from the demo's own record (no flags given on the command line).

Built from the session's demo store (``conftest.demo``) before it is rolled back.
"""

from __future__ import annotations

import pytest
from demo_counting import CENSUS_YEARS, DemoSnapshot

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
