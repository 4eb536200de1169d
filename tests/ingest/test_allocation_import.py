"""The case system's allocation extract: checked, loaded, upserted, quarantined and undone."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from thrive.children.models import Allocation
from thrive.import_records.models import QuarantinedRow
from thrive.ingest.extract_import import import_extract
from thrive.ingest.undo import undo_batch
from thrive.problems import ImportValidationError

DATA = Path(__file__).parents[1] / "data"
TODAY = dt.date(2024, 10, 15)
HEAD = "child_id,age_band,worker_id,swe_number,team,case_type,start_date,end_date,end_reason,"
HEAD += "complexity,sibling_group\n"
GOOD = HEAD + (
    "C1,5-9,,,Child Protection North,cin,2024-01-02,2024-01-09,allocated,,S1\n"
    "C1,5-9,E000002,,Child Protection North,cin,2024-01-10,2024-03-31,worker_left,1.5,S1\n"
    "C1,5-9,,SW300003,Child Protection North,cp,2024-04-01,,,1.5,S1\n"
    "C2,10-15,E000002,,Children in Care South,cla,2023-06-01,,,,\n"
    "C3,,,,Child Protection North,cin,2024-10-01,,,,\n"
)


@pytest.fixture
def council(db: Any) -> None:
    import_extract("posts", DATA / "posts.csv", authority="999", user="test", today=TODAY)
    import_extract("staff", DATA / "staff.csv", user="test", today=TODAY)


def _file(tmp_path: Path, text: str, name: str = "allocations.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _run(path: Path, **extra: Any) -> Any:
    return import_extract("allocations", path, user="test", today=TODAY, **extra)


def test_spells_go_in_once_change_on_update_and_come_back_out(
    council: None, tmp_path: Path
) -> None:
    first = _run(_file(tmp_path, GOOD))
    assert (first.counts.added, first.counts.updated) == (5, 0)
    spells = list(Allocation.objects.filter(child="C1").order_by("start_date"))
    assert [s.waiting for s in spells] == [True, False, False]
    assert spells[1].worker is not None and spells[1].worker.pseudonym
    assert spells[2].complexity == Decimal("1.5") and spells[2].end_date is None
    assert spells[1].end_reason == "worker_left" and spells[0].sibling_group == "S1"
    again = _run(_file(tmp_path, GOOD))
    assert (again.counts.added, again.counts.updated, again.counts.unchanged) == (0, 0, 5)
    was = "C2,10-15,E000002,,Children in Care South,cla,2023-06-01,,,,"
    closed = GOOD.replace(was, was.replace(",,,,", ",2024-09-30,case_closed,,"))
    third = _run(_file(tmp_path, closed))
    assert (third.counts.added, third.counts.updated) == (0, 1)
    assert Allocation.objects.get(child="C2").end_reason == "case_closed"
    undo_batch(third.batch.pk, "test")
    assert Allocation.objects.get(child="C2").end_date is None
    undo_batch(again.batch.pk, "test")
    undo_batch(first.batch.pk, "test")
    assert not Allocation.objects.exists()


def test_overlapping_spells_of_one_child_are_refused_with_the_row(
    council: None, tmp_path: Path
) -> None:
    text = HEAD + (
        "C1,,E000002,,Child Protection North,cin,2024-01-10,,,,\n"
        "C1,,E000003,,Child Protection North,cin,2024-02-01,,,,\n"
    )
    with pytest.raises(ImportValidationError) as refused:
        _run(_file(tmp_path, text))
    message = refused.value.errors[0].message()
    assert "row 3, start_date" in message and "row 2, which is still open" in message
    assert not Allocation.objects.exists()


def test_skip_invalid_keeps_the_good_rows_and_quarantines_the_rest(
    council: None, tmp_path: Path
) -> None:
    text = GOOD + "C9,,E999999,,Child Protection North,cin,2024-02-01,,,,\n"
    outcome = _run(_file(tmp_path, text), skip_invalid=True)
    assert outcome.counts.added == 5 and outcome.counts.rejected == 1
    kept = QuarantinedRow.objects.get()
    assert kept.location == "row 7" and "worker_id" in str(kept.errors)


def test_a_spell_overlapping_one_already_stored_is_refused_unless_the_file_restates_it(
    council: None, tmp_path: Path
) -> None:
    _run(_file(tmp_path, GOOD))
    later = HEAD + "C2,10-15,E000003,,Children in Care South,cla,2024-09-01,,,,\n"
    with pytest.raises(ImportValidationError) as refused:
        _run(_file(tmp_path, later, "later.csv"))
    message = refused.value.errors[0].message()
    assert "later.csv, row 2, start_date" in message
    assert "child C2's spell already in Thrive, from 2023-06-01 still open" in message
    assert Allocation.objects.filter(child="C2").count() == 1
    closed = HEAD + (
        "C2,10-15,E000002,,Children in Care South,cla,2023-06-01,2024-08-31,worker_left,,\n"
        "C2,10-15,E000003,,Children in Care South,cla,2024-09-01,,,,\n"
    )
    outcome = _run(_file(tmp_path, closed, "closed.csv"))
    assert (outcome.counts.added, outcome.counts.updated) == (1, 1)
    before = HEAD + "C3,,E000003,,Child Protection North,cin,2024-09-01,2024-10-01,allocated,,\n"
    with pytest.raises(ImportValidationError):
        _run(_file(tmp_path, before, "before.csv"))
