"""The demo council's own census returns, exported and imported into a fresh authority, give
back its measures through the metrics registry.

Collection years 2022 to 2025: four returns, as a council would import its last four. Sickness
days are returned to 2 decimal places per worker, so the absence rate comes back to within that
rounding; every other figure comes back exactly.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from thrive.census.export import build_return
from thrive.census.validate import check_return
from thrive.census.writer import write_return
from thrive.demo.loader import load_demo
from thrive.frames.load import load
from thrive.ingest.census_import import import_census
from thrive.metrics import compute
from thrive.workforce import models as wf

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

YEARS = (2022, 2023, 2024, 2025)

EXACT = (
    "fte_in_post",
    "leavers_fte",
    "turnover_rate",
    "agency_fte",
    "agency_rate",
    "vacancy_fte",
    "vacancy_rate",
    "cases",
    "average_caseload",
)


def measures(authority: wf.Authority, year: int) -> dict[str, float]:
    wanted = (*EXACT, "absence_rate")
    return {
        r.name: r.value
        for r in compute(load(authority), as_at=date(year, 9, 30))
        if r.slice is None and r.name in wanted
    }


def test_demo_census_returns_reproduce_the_demo_measures(tmp_path: Path) -> None:
    demo = load_demo(seed=1).authority
    files = []
    for year in YEARS:
        census = build_return(demo, year)
        assert check_return(census, str(year)).errors == []
        census.header = replace(census.header, la_number="998")  # a second authority
        files.append(tmp_path / f"csww_{year}.xml")
        write_return(census, files[-1])
    import_census(files, user="test")
    copy = wf.Authority.objects.get(la_number="998")
    for year in YEARS:
        original, again = measures(demo, year), measures(copy, year)
        assert {k: again[k] for k in EXACT} == pytest.approx({k: original[k] for k in EXACT})
        assert again["absence_rate"] == pytest.approx(original["absence_rate"], abs=0.01)
        assert original["turnover_rate"] > 0 and original["agency_rate"] > 0
