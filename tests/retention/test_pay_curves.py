"""Retention curves by recruitment and retention payment, on hand-made frames: followed from the
latest census with pay before the date, each group's curve as worked out by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from thrive.frames.workforce import empty_frames, frame
from thrive.retention.pay import WITH, WITHOUT, followed_census, payment_curves

CENSUS = date(2024, 9, 30)


def _frames(rows: list[tuple[float | None, date | None]]):  # type: ignore[no-untyped-def]
    """One directly employed social worker per row, from 2020, paid 36,000 in 2024 with the
    payment given, leaving on the date given (or still here)."""
    teams = frame(
        "teams", [(1, "Child Protection North", "child_protection", 1, "Safeguarding", None, None)]
    )
    workers, spells, pay = [], [], []
    for i, (rr, left) in enumerate(rows, start=1):
        workers.append({"worker_id": i, "pseudonym": f"W{i}", "route": "experienced"})
        spells.append(
            {
                "spell_id": i,
                "worker_id": i,
                "team_id": 1,
                "contract_type": "permanent",
                "grade": "social_worker",
                "org_role": 5,
                "fte": 1.0,
                "start_date": date(2020, 1, 1),
                "end_date": left,
                "start_origin": 2,
                "reason_leave": 3 if left else None,
            }
        )
        pay.append({"worker_id": i, "year": 2024, "base_salary": 36000.0, "rr_payments": rr})
    return replace(
        empty_frames(),
        teams=teams,
        workers=frame("workers", workers),
        spells=frame("spells", spells),
        pay=frame("pay", pay),
    )


def test_each_group_is_followed_from_the_census_date() -> None:
    f = _frames(
        [
            (2000.0, date(2024, 12, 31)),  # with a payment: left after a quarter of a year
            (2000.0, None),
            (2000.0, None),
            (2000.0, None),
            (None, date(2025, 1, 31)),  # without: two left within the first half year
            (0.0, date(2025, 2, 28)),
            (None, None),
            (0.0, None),
            (None, date(2024, 6, 30)),  # left before the census: not followed
        ]
    )
    found = payment_curves(f, date(2025, 9, 30))
    assert found is not None and found.census_day == CENSUS
    assert found.people.height == 8
    with_row = found.curves[WITH].summary.row(0, named=True)
    without_row = found.curves[WITHOUT].summary.row(0, named=True)
    assert (with_row["people"], with_row["leavers"]) == (4, 1)
    assert with_row["retained_0.5y"] == pytest.approx(0.75)
    assert without_row["retained_0.5y"] == pytest.approx(0.5)
    # A curve says nothing beyond the longest follow-up (a year and a day here).
    assert with_row["retained_2y"] is None


def test_no_census_with_pay_before_the_date_gives_nothing() -> None:
    f = _frames([(2000.0, None)])
    assert followed_census(f, CENSUS) is None  # the census date itself is not before it
    assert payment_curves(f, date(2024, 3, 31)) is None
    assert followed_census(f, date(2024, 10, 1)) == CENSUS


def test_a_census_a_year_or_more_before_is_followed_in_preference() -> None:
    f = _frames([(2000.0, None)])
    later = replace(f, pay=f.pay.vstack(f.pay.with_columns(year=f.pay["year"] + 1)))
    assert followed_census(later, date(2025, 12, 31)) == CENSUS
    assert followed_census(later, date(2025, 9, 29)) == CENSUS
    assert followed_census(later, date(2026, 9, 30)) == date(2025, 9, 30)
