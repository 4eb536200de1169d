"""The Overview sets the authority beside England, its region and comparators."""

from __future__ import annotations

from decimal import Decimal

import pytest

from thrive.published.models import PublishedFigure
from thrive.summaries.comparison import LOCAL, Published, _index, _nearest

pytestmark = pytest.mark.django_db


def _local(la: str, fte: float, cases: float, year: int = 2025) -> list[Published]:
    return [
        Published(year, LOCAL, la, f"Council {la}", "South West", "inpost_fte", fte),
        Published(year, LOCAL, la, f"Council {la}", "South West", "cases", cases),
    ]


def test_the_default_comparators_are_the_nearest_in_size_on_a_log_scale():
    figures = [
        *_local("101", 10, 150),
        *_local("102", 20, 300),  # twice our size: as near as half our size
        *_local("103", 5, 75),
        *_local("104", 100, 1500),
        *_local("105", 11, 160),
        *_local("999", 10, 150),  # ourselves: never our own comparator
    ]
    nearest = _nearest(_index(figures), 2025, "999", {"fte_in_post": 10.0, "cases": 150.0})
    assert nearest[:2] == ["101", "105"]
    assert set(nearest[2:4]) == {"102", "103"}
    assert "999" not in nearest and nearest[-1] == "104"


def _publish(year: int, level: str, la: str, name: str, region: str, **values: float) -> None:
    codes = {"National": "E92000001", "Regional": "E12000009"}
    for measure, value in values.items():
        PublishedFigure.objects.create(
            year=year,
            level=level,
            area_code=codes.get(level, f"E0600{la}"),
            la_number=la,
            area_name=name,
            region_code="E12000009",
            region_name=region,
            measure=measure,
            value=Decimal(str(value)),
        )


def test_the_overview_shows_england_the_region_and_chosen_comparators(council, signed_in):
    _publish(2025, "National", "", "England", "", turnover_rate_fte=13.9, agency_rate_fte=16.2)
    _publish(2025, "Regional", "", "South West", "South West", turnover_rate_fte=14.5)
    _publish(
        2025,
        LOCAL,
        "801",
        "Bristol, City of",
        "South West",
        turnover_rate_fte=11.0,
        inpost_fte=9.0,
        cases=100,
    )
    _publish(
        2025,
        LOCAL,
        "802",
        "Plymouth",
        "South West",
        turnover_rate_fte=20.0,
        inpost_fte=400.0,
        cases=6000,
    )
    html = signed_in("lead").get("/overview/").content.decode()
    assert "How we compare" in html and "13.9%" in html and "14.5%" in html
    assert "nearest to us in size" in html
    chosen = signed_in("lead").get("/overview/?compare=802").content.decode()
    assert "as you chose" in chosen and "Plymouth" in chosen
    assert "20.0%" in chosen


def test_without_published_statistics_the_overview_says_so(council, signed_in):
    html = signed_in("lead").get("/overview/").content.decode()
    assert "published statistics are not loaded yet" in html


def test_hr_can_load_the_shipped_published_statistics(council, signed_in):
    client = signed_in("hr")
    assert client.post("/data/published/").status_code == 302
    assert PublishedFigure.objects.filter(year=2024, level="National").exists()
    assert signed_in("lead").post("/data/published/").status_code == 403
