"""The Forecast page says what each scenario means for children: expected changes of social
worker per child, from the records' own figures at the start (the registry's)."""

from __future__ import annotations

import re

import pytest

from small_children import add_children
from thrive.centre.centre import Centre
from thrive.metrics import compute
from thrive.summaries.forecast_children import starting_point

pytestmark = pytest.mark.django_db


def test_each_scenario_gives_changes_per_child_with_its_range(council, signed_in):
    add_children(council)
    html = signed_in("lead").get("/forecast/").content.decode()
    assert "What it means for children" in html
    frames = Centre.for_authority(council.authority).frames
    origin = re.search(r"In the 12 months to (\d+ \w+ \d{4}) a child", html)
    assert origin, html[html.find("What it means for children") :][:600]
    start = starting_point(frames, Centre.for_authority(council.authority).latest)
    assert not isinstance(start, str)
    per_child = next(
        r for r in compute(frames, Centre.for_authority(council.authority).latest,
                           names=["changes_per_child"], hr=True) if r.slice is None
    )  # fmt: skip
    assert start.changes_per_child == per_child.value
    assert f"had {per_child.value:.2f} changes of social worker on average" in html
    figures = re.findall(r"(\d+\.\d\d) \(likely (\d+\.\d\d) to (\d+\.\d\d)\)", html)
    assert figures
    for middle, low, high in figures:
        assert float(low) <= float(middle) <= float(high)


def test_without_allocation_records_the_page_says_why(council, signed_in):
    html = signed_in("lead").get("/forecast/").content.decode()
    assert "Changes of social worker are not forecast" in html
