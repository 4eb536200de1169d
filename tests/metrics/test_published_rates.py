"""Golden check: the Department's formulas, applied to the counts it publishes for every local
authority (2017-2024), reproduce the rates it publishes.

The published counts are themselves rounded (FTE to 1 decimal place), so a recomputed rate can
differ from the published one by a rounding step. A rate is *exact* when it rounds to the
published figure, and *within rounding* when the published figure lies between the rates the
unrounded counts could give. Absence is the exception DOMAIN.md warns of: its 253-day
denominator is back-solved, so about 97% match exactly and the rest are 0.1 out.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import polars as pl
import pytest

from thrive.metrics import formulas
from thrive.metrics.registry import Kind

PUBLISHED = (
    Path(__file__).parents[2]
    / "src"
    / "thrive"
    / "published"
    / "data"
    / "csww_indicators_2017_to_2024.csv"
)


@dataclass(frozen=True)
class Check:
    rate: str
    inputs: tuple[str, str]
    parts: Callable[[float, float], tuple[float, float]]
    kind: Kind
    half_steps: tuple[float, float]  # half the rounding step of each published input


CHECKS = {
    "turnover_rate": Check(
        "turnover_rate_fte",
        ("leavers_fte", "inpost_fte"),
        formulas.turnover_rate,
        Kind.RATE,
        (0.05, 0.05),
    ),
    "agency_rate": Check(
        "agency_rate_fte",
        ("agency_fte", "inpost_fte"),
        formulas.agency_rate,
        Kind.RATE,
        (0.05, 0.05),
    ),
    "vacancy_rate": Check(
        "vacancy_rate_fte",
        ("vacancy_fte", "inpost_fte"),
        formulas.vacancy_rate,
        Kind.RATE,
        (0.05, 0.05),
    ),
    "average_caseload": Check(
        "caseload_fte",
        ("cases", "case_holders_fte"),
        formulas.average_caseload,
        Kind.RATIO,
        (0.0, 0.05),
    ),
    "absence_rate": Check(
        "absence_rate_fte",
        ("working_days_lost_fte", "inpost_fte"),
        formulas.absence_rate,
        Kind.RATE,
        (0.05, 0.05),
    ),
}


def _value(check: Check, a: float, b: float) -> float | None:
    numerator, denominator = check.parts(a, b)
    if denominator <= 0:
        return None
    return 100 * numerator / denominator if check.kind is Kind.RATE else numerator / denominator


def _one_place(x: float) -> float:
    return float(Decimal(repr(x)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def comparison(name: str) -> tuple[int, int, int, list[tuple[object, ...]]]:
    """(rows compared, exact, within rounding, rows outside) for one measure."""
    check = CHECKS[name]
    columns = [*check.inputs, check.rate]
    table = (
        pl.read_csv(PUBLISHED, infer_schema_length=0)
        .filter(pl.col("geographic_level") == "Local authority")
        .with_columns(pl.col(c).cast(pl.Float64, strict=False) for c in columns)
        .drop_nulls(columns)
    )
    compared = exact = within = 0
    outside = []
    for row in table.iter_rows(named=True):
        a, b = (row[c] for c in check.inputs)
        value = _value(check, a, b)
        if value is None:
            continue
        compared += 1
        published = row[check.rate]
        if _one_place(value) == published:
            exact += 1
            continue
        corners = [
            _value(check, a + da, b + db)
            for da, db in itertools.product(*[(-h, h) for h in check.half_steps])
        ]
        possible = [c for c in corners if c is not None]
        if min(possible) - 0.05 <= published <= max(possible) + 0.05:
            within += 1
        else:
            outside.append((row["time_period"], row["la_name"], a, b, round(value, 3), published))
    return compared, exact, within, outside


@pytest.mark.parametrize(
    "name", ["turnover_rate", "agency_rate", "vacancy_rate", "average_caseload"]
)
def test_published_rates_follow_from_published_counts(name: str) -> None:
    compared, exact, within, outside = comparison(name)
    assert compared > 1150, "nearly every local authority row for 2017-2024 is compared"
    assert outside == [], f"{name}: rates not reproduced within rounding: {outside[:5]}"
    assert exact / compared > 0.9


def test_absence_reproduces_about_97_percent_exactly_and_the_rest_within_a_tenth() -> None:
    compared, exact, within, outside = comparison("absence_rate")
    assert compared > 1150
    assert exact / compared > 0.96
    assert all(abs(_one_place(value) - published) <= 0.1 + 1e-9 for *_, value, published in outside)


def test_the_measures_use_these_same_formulas() -> None:
    # The measure functions take their numerator and denominator from thrive.metrics.formulas:
    # the same functions checked above, here on a North Somerset 2018 row by hand.
    assert formulas.turnover_rate(18.3, 83.8) == (18.3, 83.8)
    assert formulas.agency_rate(11.6, 83.8) == (11.6, pytest.approx(95.4))
    assert formulas.vacancy_rate(11.6, 83.8) == (11.6, pytest.approx(95.4))
    assert formulas.average_caseload(887, 58.8) == (887, 58.8)
    assert formulas.absence_rate(460, 79.3) == (460, pytest.approx(79.3 * 253))


if __name__ == "__main__":  # prints the match rates for docs and reports
    for measure_name in CHECKS:
        n, e, w, o = comparison(measure_name)
        print(
            f"{measure_name:18} rows {n:5}  exact {e:5} ({100 * e / n:.1f}%)  within rounding "
            f"{w:4}  outside {len(o):3}"
        )
