"""The records of practice are checked and written part by part, in one transaction: the whole
file's rules still hold (duplicates across parts, a refused file changes nothing, undo), and the
problems kept are capped. ``PART`` is made small here so a small file has many parts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from thrive.import_records.models import BatchChange, ImportBatch, QuarantinedRow
from thrive.ingest import extract_import
from thrive.ingest.extract_import import import_extract
from thrive.ingest.kept_problems import KEPT
from thrive.ingest.undo import undo_batch
from thrive.problems import ImportValidationError
from thrive.workforce import models as wf

pytestmark = pytest.mark.django_db
TODAY = dt.date(2024, 10, 15)
WORKERS = ("E000001", "E000002", "E000003")
HEADER = "worker_id,start_date,end_date,reason,working_days_lost\n"


@pytest.fixture(autouse=True)
def small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract_import, "PART", 7)


@pytest.fixture
def council(data: Path) -> wf.Authority:
    import_extract("posts", data / "posts.csv", authority="999", user="test", today=TODAY)
    import_extract("staff", data / "staff.csv", user="test", today=TODAY)
    return wf.Authority.objects.get(la_number="999")


def _rows(weeks: int, reason: str = "SIC", days: int = 2, step: int = 7) -> list[str]:
    """Three workers' absences, ``step`` days apart (a week), all before TODAY."""
    rows = []
    for week in range(weeks):
        start = dt.date(2023, 1, 2) + dt.timedelta(days=week * step)
        end = start + dt.timedelta(days=days - 1)
        rows += [f"{w},{start},{end},{reason},{days}\n" for w in WORKERS]
    return rows


def _file(tmp_path: Path, rows: list[str], name: str = "absence.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def load(path: Path, **options: Any) -> Any:
    return import_extract("absence", path, user="test", today=TODAY, **options)


def test_a_file_of_many_parts_goes_in_whole_and_undoes_whole(
    council: wf.Authority, tmp_path: Path, snapshot: Any
) -> None:
    before = snapshot()
    outcome = load(_file(tmp_path, _rows(20)))  # 60 rows: 9 parts
    assert outcome.counts.added == 60 and wf.AbsenceEpisode.objects.count() == 60
    changes = BatchChange.objects.filter(batch=outcome.batch)
    assert changes.count() == 1  # the additions as one run of ids, however many parts
    undo_batch(outcome.batch.pk, "test")
    after = snapshot()
    for state in (before, after):
        state.pop("ingest.ImportBatch"), state.pop("ingest.BatchChange")
    assert after == before


def test_an_error_in_the_last_part_changes_nothing(
    council: wf.Authority, tmp_path: Path, snapshot: Any
) -> None:
    before = snapshot()
    rows = _rows(20)
    rows[-1] = rows[-1].replace(",SIC,", ",XXX,")
    with pytest.raises(ImportValidationError) as refused:
        load(_file(tmp_path, rows))
    assert [p.location for p in refused.value.errors] == ["row 61"]
    assert snapshot() == before
    assert not ImportBatch.objects.filter(kind="absence").exists()


def test_a_duplicate_in_a_later_part_is_found(council: wf.Authority, tmp_path: Path) -> None:
    rows = _rows(10)
    rows.append(rows[0])  # row 32 repeats row 2, four parts later
    with pytest.raises(ImportValidationError) as refused:
        load(_file(tmp_path, rows))
    (error,) = refused.value.errors
    assert error.location == "row 32" and "row 2 has the same" in error.expected
    assert not wf.AbsenceEpisode.objects.exists()


def test_skip_invalid_keeps_the_good_rows_of_every_part(
    council: wf.Authority, tmp_path: Path
) -> None:
    rows = _rows(10)
    for bad in (3, 17, 29):
        rows[bad] = rows[bad].replace(",SIC,", ",XXX,")
    outcome = load(_file(tmp_path, rows), skip_invalid=True)
    assert (outcome.counts.added, outcome.counts.rejected) == (27, 3)
    quarantined = QuarantinedRow.objects.filter(batch=outcome.batch)
    assert sorted(quarantined.values_list("location", flat=True)) == ["row 19", "row 31", "row 5"]


def test_the_same_file_again_with_a_later_change_updates_and_undoes(
    council: wf.Authority, tmp_path: Path
) -> None:
    load(_file(tmp_path, _rows(10)))
    rows = _rows(10)
    rows[-1] = rows[-1].replace(",2\n", ",1\n")  # fewer days lost in the last part
    outcome = load(_file(tmp_path, rows, "absence-corrected.csv"))
    assert (outcome.counts.added, outcome.counts.updated, outcome.counts.unchanged) == (0, 1, 29)
    changed = wf.AbsenceEpisode.objects.get(worker__pseudonym=WORKERS[-1], start_date="2023-03-06")
    assert changed.working_days_lost == 1
    undo_batch(outcome.batch.pk, "test")
    changed.refresh_from_db()
    assert changed.working_days_lost == 2 and wf.AbsenceEpisode.objects.count() == 30


def test_a_file_of_many_bad_rows_keeps_the_first_problems_and_counts_the_rest(
    council: wf.Authority, tmp_path: Path
) -> None:
    rows = [r.replace(",SIC,", ",XXX,") for r in _rows(500, step=1)]  # 1,500 bad rows
    with pytest.raises(ImportValidationError) as refused:
        load(_file(tmp_path, rows))
    problems = refused.value.problems
    assert len(problems) == KEPT + 1
    assert problems[0].location == "row 2" and problems[KEPT - 1].location == f"row {KEPT + 1}"
    assert "the file has 500 more errors not listed (1,500 errors and 0 warnings in all)" in (
        problems[-1].expected
    )


def test_a_whole_file_kind_past_its_most_rows_is_refused_at_that_row(
    council: wf.Authority,
    data: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    snapshot: Any,
) -> None:
    """Staff and the other kinds planned as a whole file hold every row: a file longer than
    ``WHOLE_FILE_MOST_ROWS`` (200,000; 3 here) is refused, so memory stays bounded."""
    monkeypatch.setattr(extract_import, "WHOLE_FILE_MOST_ROWS", 3)
    staff = (data / "staff.csv").read_text(encoding="utf-8").splitlines()
    assert len(staff) > 5  # a heading and more than four rows
    before = snapshot()
    with pytest.raises(ImportValidationError) as refused:
        import_extract("staff", data / "staff.csv", user="test", today=TODAY)
    [problem] = refused.value.problems
    assert problem.location == "row 5"  # the fourth data row, after the heading
    assert problem.expected.startswith("at most 3 rows in one staff file")
    assert snapshot() == before
