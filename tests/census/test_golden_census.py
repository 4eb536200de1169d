"""A hand-made census history for a small authority gives, through the metrics registry, the
figures worked out by hand below with the Department's formulas (DOMAIN.md).

LA 999, collection year 2023 (golden_2023.xml), at 30 September 2023:
  in post: SW100001 1.0 + SW100002 0.8 + SW100003 1.0 + SW100004 1.0 + SW100006 1.0 = 4.8 FTE
  leavers: SW100005 1.0 + SW100007 0.5 = 1.5 FTE -> turnover 1.5 / 4.8 = 31.25%
  agency: 1.0 + 0.6 = 1.6 FTE -> agency rate 1.6 / (1.6 + 4.8) = 25.0%
  vacancies 1.50 -> vacancy rate 1.5 / (1.5 + 4.8) = 23.81%
  cases 18 + 12 + 10 + 8 + 15 + 9 = 72 over case-holding FTE 1 + 0.8 + 1 + 1 + 1 + 0.6 = 5.4
    -> average caseload 13.33
  days lost 4.5 + 0 + 12 + 2 + 3 + 0 + 1 = 22.5 -> absence 22.5 / (4.8 x 253) = 1.85%
Collection year 2024 (golden_2024.xml): SW100002 goes full time, SW100003 is promoted to team
manager (a move, not a leaver), SW100004 retires, SW100008 starts, agency SW200002 goes and
SW200003 comes. At 30 September 2024:
  in post 1.0 + 1.0 + 1.0 + 1.0 + 0.6 = 4.6; leavers 1.0 (SW100004) -> turnover 21.74%
  agency 2.0 -> 2 / 6.6 = 30.30%; vacancies 1.0 -> 1 / 5.6 = 17.86%
  cases 16 + 14 + 15 + 10 + 12 + 14 = 81 over 5.6 FTE -> 14.46
  days lost 0 + 2 + 1 + 0 + 5 + 3 + 0 = 11 -> 11 / (4.6 x 253) = 0.95%
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from thrive.census.export import export_return
from thrive.frames.load import load
from thrive.ingest.census_import import import_census
from thrive.ingest.undo import undo_batch
from thrive.metrics import compute
from thrive.workforce import models as wf

pytestmark = pytest.mark.django_db

HAND_WORKED = {
    2023: {
        "fte_in_post": 4.8,
        "leavers_fte": 1.5,
        "turnover_rate": 31.25,
        "agency_rate": 25.0,
        "vacancy_rate": 1.5 / 6.3 * 100,
        "average_caseload": 72 / 5.4,
        "absence_rate": 22.5 / (4.8 * 253) * 100,
    },
    2024: {
        "fte_in_post": 4.6,
        "leavers_fte": 1.0,
        "turnover_rate": 1.0 / 4.6 * 100,
        "agency_rate": 2.0 / 6.6 * 100,
        "vacancy_rate": 1.0 / 5.6 * 100,
        "average_caseload": 81 / 5.6,
        "absence_rate": 11 / (4.6 * 253) * 100,
    },
}


def measures(la_number: str, year: int) -> dict[str, float]:
    frames = load(wf.Authority.objects.get(la_number=la_number))
    return {
        r.name: r.value
        for r in compute(frames, as_at=date(year, 9, 30))
        if r.name in HAND_WORKED[year] and r.slice is None
    }


def test_census_only_store_gives_the_hand_worked_figures(data: Path) -> None:
    import_census([data / "golden_2024.xml", data / "golden_2023.xml"], user="test")
    for year, expected in HAND_WORKED.items():
        assert measures("999", year) == pytest.approx(expected, abs=1e-9), year


def test_history_matches_workers_across_years_and_tells_moves_from_leavers(data: Path) -> None:
    import_census([data / "golden_2023.xml", data / "golden_2024.xml"], user="test")
    promoted = wf.Worker.objects.get(swe_number="SW100003")
    spells = list(promoted.spells.order_by("start_date"))
    assert [(s.org_role, s.start_date, s.end_date, s.reason_leave) for s in spells] == [
        (4, date(2012, 1, 9), date(2024, 2, 29), None),
        (3, date(2024, 3, 1), None, None),
    ]
    part_time_then_full = wf.Worker.objects.get(swe_number="SW100002")
    assert [(float(s.fte), s.start_date, s.end_date) for s in part_time_then_full.spells.all()] == [
        (0.8, date(2019, 9, 1), date(2023, 9, 30)),
        (1.0, date(2023, 10, 1), None),
    ]
    retired = wf.EmploymentSpell.objects.get(worker__swe_number="SW100004")
    assert (retired.end_date, retired.reason_leave, retired.leaver_destination) == (
        date(2024, 6, 30),
        5,
        6,
    )
    assert wf.Worker.objects.filter(authority__la_number="999").count() == 11


def test_exported_returns_imported_again_reproduce_the_measures(data: Path, tmp_path: Path) -> None:
    batches = import_census([data / "golden_2023.xml", data / "golden_2024.xml"], user="test")
    authority = wf.Authority.objects.get(la_number="999")
    exported = []
    for year in (2023, 2024):
        out = tmp_path / f"csww_{year}.xml"
        export_return(authority, year, out)
        exported.append(out)
    for outcome in reversed(batches):
        assert outcome.batch is not None
        undo_batch(outcome.batch.pk, "test")
    assert not wf.Worker.objects.exists()
    import_census(exported, user="test")
    for year, expected in HAND_WORKED.items():
        assert measures("999", year) == pytest.approx(expected, abs=1e-9), year


def test_the_same_file_again_changes_nothing(data: Path) -> None:
    import_census([data / "golden_2023.xml"], user="test")
    again = import_census([data / "golden_2023.xml"], user="test")
    assert again[0].batch is None
    assert "already imported" in again[0].note
