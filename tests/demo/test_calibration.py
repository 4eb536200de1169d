"""The demo council, counted straight from the store, lands near Somerset's published figures."""

from __future__ import annotations

import pytest
from demo_counting import FIGURES, DemoSnapshot

from thrive.demo.calibration import TARGETS, Target

# django_db (though these only read frames): pytest-django sets up the test database only for
# sessions with django_db tests; without one the session fixture would reach the real store.
pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def test_every_target_has_a_count() -> None:
    assert {t.key for t in TARGETS} == set(FIGURES)


@pytest.mark.parametrize("target", TARGETS, ids=[t.key for t in TARGETS])
def test_figure_lands_within_tolerance(demo: DemoSnapshot, target: Target) -> None:
    value = FIGURES[target.key](demo.frames)
    assert target.holds_for(value), (
        f"{target.figure} ({target.when}) is {value:.2f}; "
        f"target {target.target} +/- {target.tolerance} {target.unit}"
    )
