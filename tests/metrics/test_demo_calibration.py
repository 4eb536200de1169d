"""The measures, run on the demo council, land on the figures the demo is calibrated to.

The demo (``thrive.demo``) is built to Somerset's published trajectory and its calibration
table says, for each figure, the value and the tolerance. Here every figure is taken with the
registry's measures rather than by counting rows, so a measure that drifted from the
Department's definitions would miss. ``thrive metrics --as-at 2018-09-30 --format json`` on the
same store prints every measure with its numerator and denominator.
"""

from __future__ import annotations

import json
from io import StringIO

import pytest
from demo_measures import measured
from django.core.management import call_command
from django.db import transaction

from thrive.demo import TARGETS, Target, load_demo
from thrive.frames.load import load
from thrive.frames.workforce import WorkforceFrames
from thrive.metrics import measures

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker) -> tuple[WorkforceFrames, list[dict]]:  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock(), transaction.atomic():
        authority = load_demo(seed=1, scale=1).authority
        frames = load(authority)
        out = StringIO()
        call_command("metrics", "--as-at", "2018-09-30", "--format", "json", stdout=out)
        transaction.set_rollback(True)
    return frames, json.loads(out.getvalue())


@pytest.fixture(scope="module")
def figures(demo: tuple[WorkforceFrames, list[dict]]) -> dict[str, float]:
    return measured(demo[0])


def test_every_calibration_target_is_taken_with_a_measure(figures: dict[str, float]) -> None:
    assert set(figures) == {t.key for t in TARGETS}


@pytest.mark.parametrize("target", TARGETS, ids=[t.key for t in TARGETS])
def test_the_measures_land_on_the_demo_targets(figures: dict[str, float], target: Target) -> None:
    value = figures[target.key]
    assert target.holds_for(value), (
        f"{target.figure} ({target.when}) measures {value:.2f}; "
        f"target {target.target} +/- {target.tolerance} {target.unit}"
    )


def test_the_command_prints_every_measure_with_its_sums_on_the_demo(
    demo: tuple[WorkforceFrames, list[dict]],
) -> None:
    printed = demo[1]
    assert {row["name"] for row in printed} == set(measures())
    for row in printed:
        m = measures()[row["name"]]
        if row.get("suppressed"):
            continue
        # A maximum, or a statistic of people's pay (the demo's pay is 2025's only), may have none.
        assert row["numerator"] is not None or m.kind.value in ("maximum", "statistic"), row
        if m.kind.value in ("rate", "ratio") and row["value"] is not None:
            expected = (
                row["numerator"] / row["denominator"] * (100 if m.kind.value == "rate" else 1)
            )
            # Checkable by hand: the rounded numerator and denominator give the value to within
            # the rounding of the figures shown.
            assert expected == pytest.approx(row["value"], abs=0.06 + abs(row["value"]) * 1e-3)
    turnover = next(r for r in printed if r["name"] == "turnover_rate" and r["slice"] is None)
    assert turnover["period"] == {"start": "2017-10-01", "end": "2018-09-30"}
    assert 9 <= turnover["value"] <= 17
