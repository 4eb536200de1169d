"""HR and case-management extracts: profiles, effective-dated upserts, quarantine and undo."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from thrive.import_records.models import ImportBatch, QuarantinedRow
from thrive.ingest.extract_import import import_extract
from thrive.ingest.outcome import FileOutcome
from thrive.ingest.undo import undo_batch
from thrive.problems import ImportValidationError
from thrive.workforce import models as wf

pytestmark = pytest.mark.django_db
TODAY = dt.date(2024, 10, 15)


def load(kind: str, path: Path, **options: Any) -> FileOutcome:
    options.setdefault("user", "test")
    options.setdefault("today", TODAY)
    return import_extract(kind, path, **options)


@pytest.fixture
def council(data: Path) -> wf.Authority:
    load("posts", data / "posts.csv", authority="999")
    load("staff", data / "staff.csv")
    return wf.Authority.objects.get(la_number="999")


def test_posts_and_staff_build_teams_workers_and_spells(council: wf.Authority) -> None:
    assert sorted(wf.Team.objects.values_list("name", flat=True)) == [
        "Child Protection North",
        "Children in Care South",
    ]
    dan = wf.EmploymentSpell.objects.get(worker__pseudonym="E000004")
    assert (dan.end_date, dan.reason_leave, dan.leaver_destination) == (dt.date(2024, 5, 31), 1, 1)
    agency = wf.EmploymentSpell.objects.get(worker__pseudonym="A000001")
    assert (agency.contract_type, agency.day_rate, agency.post.reference) == (
        "agency",
        Decimal("450.00"),
        "CIC-002",
    )
    assert wf.Worker.objects.get(pseudonym="E000003").route == "asye"


def test_the_same_file_twice_changes_nothing(
    council: wf.Authority, data: Path, snapshot: Any
) -> None:
    before = snapshot()
    outcome = load("staff", data / "staff.csv")
    after = snapshot()
    batches = "ingest.ImportBatch"
    before.pop(batches), after.pop(batches)
    assert after == before
    assert (outcome.counts.added, outcome.counts.updated, outcome.counts.unchanged) == (0, 0, 8)


def test_a_later_extract_updates_and_keeps_history(council: wf.Authority, data: Path) -> None:
    outcome = load("staff", data / "staff_itrent.csv", profile="itrent-csv")
    assert (outcome.counts.added, outcome.counts.unchanged) == (2, 1)
    cara = list(
        wf.EmploymentSpell.objects.filter(worker__pseudonym="E000003").order_by("start_date")
    )
    assert [(c.fte, c.start_date, c.end_date) for c in cara] == [
        (Decimal("0.800000"), dt.date(2022, 9, 5), dt.date(2024, 3, 31)),
        (Decimal("1.000000"), dt.date(2024, 4, 1), None),
    ]
    ivy = wf.EmploymentSpell.objects.get(worker__pseudonym="E000008")
    assert (ivy.grade, ivy.contract_type, ivy.worker.sex) == (
        "senior_practitioner",
        "fixed_term",
        "F",
    )
    alex = wf.EmploymentSpell.objects.get(worker__pseudonym="E000001")
    assert alex.start_origin == 2  # the iTrent file has no start origin column: kept


def test_undo_puts_the_store_back(council: wf.Authority, data: Path, snapshot: Any) -> None:
    before = snapshot()
    outcome = load("staff", data / "staff_itrent.csv", profile="itrent-csv")
    assert outcome.batch is not None
    undo_batch(outcome.batch.pk, "test")
    after = snapshot()
    for label in ("ingest.ImportBatch", "ingest.BatchChange"):
        before.pop(label), after.pop(label)
    assert after == before
    assert ImportBatch.objects.get(pk=outcome.batch.pk).status == "undone"


def test_undo_waits_for_later_batches(council: wf.Authority, data: Path, tmp_path: Path) -> None:
    first = load("staff", data / "staff_itrent.csv", profile="itrent-csv")
    load("caseloads", data / "caseloads.csv")
    second = load(
        "staff",
        _csv(
            tmp_path / "x.csv",
            "worker_id,team,grade,contract_type,fte,start_date,birth_date\n"
            "E000008,Children in Care South,senior_practitioner,fixed_term,0.6,2024-09-01,"
            "1991-02-14\n",
        ),
    )
    from thrive.problems import UndoRefusedError

    with pytest.raises(UndoRefusedError, match=f"later imports \\(#{second.batch.pk}\\)"):
        undo_batch(first.batch.pk, "test")


def _csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_caseloads_from_xlsx_with_title_rows_serial_dates_and_formulas(
    council: wf.Authority, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    sheet["A1"] = "Caseload report"
    sheet.merge_cells("A1:E1")
    sheet.append([])
    sheet.append(
        ["Person Number", "Snapshot Date", "Open Cases", "Children Allocated", "Weighted Score"]
    )
    sheet.append(["E000002", dt.date(2024, 9, 30), 14, 15, 88.5])
    sheet.append(["E000003", 45565, 12, 14, "=40*2"])  # serial 45565 = 2024-09-30
    sheet.append([None, None, None, None, None])
    path = tmp_path / "caseloads.xlsx"
    book.save(path)
    _cache_formula_value(path, "=40*2", "80")
    outcome = load("caseloads", path, profile="oracle-xlsx")
    assert outcome.counts.added == 2
    got = sorted(
        wf.CaseloadSnapshot.objects.values_list(
            "worker__pseudonym", "date", "cases", "weighted_points"
        )
    )
    assert got == [
        ("E000002", dt.date(2024, 9, 30), 14, Decimal("88.50")),
        ("E000003", dt.date(2024, 9, 30), 12, Decimal("80.00")),
    ]


def _cache_formula_value(path: Path, formula: str, value: str) -> None:
    """Give a formula cell the cached value Excel would have saved (openpyxl saves none)."""
    import zipfile

    with zipfile.ZipFile(path) as book:
        parts = {name: book.read(name) for name in book.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(
        f"<f>{formula[1:]}</f><v></v>".encode(), f"<f>{formula[1:]}</f><v>{value}</v>".encode()
    )
    with zipfile.ZipFile(path, "w") as book:
        for name, content in parts.items():
            book.writestr(name, content)


def test_windows_1252_and_bom_files_read_the_same(council: wf.Authority, tmp_path: Path) -> None:
    text = "worker_id,date,kind,supervisor_id\nE000003,2024-09-12,reflective,E000001\n"
    latin = _csv(tmp_path / "a.csv", "\ufeff" + text.replace("reflective", "Reflective"))
    load("supervision", latin)
    name = "worker_id,name,team,grade,contract_type,fte,start_date,birth_date\n"
    row = "E000009,Zoë Brontë,Child Protection North,social_worker,permanent,1,2024-06-03,"
    row += "1990-01-01\n"
    load("staff", _csv(tmp_path / "b.csv", name + row, encoding="cp1252"))
    assert wf.Worker.objects.get(pseudonym="E000009").name == "Zoë Brontë"
    assert wf.Supervision.objects.get().supervisor.pseudonym == "E000001"


def test_skip_invalid_keeps_rejected_rows_in_quarantine(
    council: wf.Authority, tmp_path: Path
) -> None:
    text = (
        "worker_id,date,cases\n"
        "E000002,2024-09-30,14\n"
        "E999999,2024-09-30,3\n"
        "E000003,30/09/2024,forty\n"
    )
    path = _csv(tmp_path / "c.csv", text)
    with pytest.raises(ImportValidationError):
        load("caseloads", path)
    assert not wf.CaseloadSnapshot.objects.exists()
    outcome = load("caseloads", path, skip_invalid=True)
    assert (outcome.counts.added, outcome.counts.rejected) == (1, 2)
    kept = {q.location: q for q in QuarantinedRow.objects.filter(batch=outcome.batch)}
    assert sorted(kept) == ["row 3", "row 4"]
    assert kept["row 4"].values == {"worker_id": "E000003", "date": "30/09/2024", "cases": "forty"}
    assert kept["row 4"].errors[0]["field"] == "cases"


def test_warnings_do_not_block(council: wf.Authority, tmp_path: Path) -> None:
    outcome = load(
        "caseloads", _csv(tmp_path / "w.csv", "worker_id,date,cases\nE000002,2024-09-30,45\n")
    )
    assert outcome.counts.added == 1
    assert [w.expected for w in outcome.warnings] == ["usually at most 40 (allowed, but check it)"]


def test_leavers_absence_and_appraisal(council: wf.Authority, tmp_path: Path) -> None:
    load(
        "leavers",
        _csv(
            tmp_path / "l.csv",
            "worker_id,leaving_date,reason_leave,leaver_destination\nE000007,2024-08-31,Retired,Other\n",
        ),
    )
    gail = wf.EmploymentSpell.objects.get(worker__pseudonym="E000007")
    assert (gail.end_date, gail.reason_leave, gail.leaver_destination) == (
        dt.date(2024, 8, 31),
        5,
        7,
    )
    load(
        "absence",
        _csv(
            tmp_path / "a.csv",
            "worker_id,start_date,end_date,reason,working_days_lost\nE000002,2024-01-08,2024-01-12,SIC,5\n",
        ),
    )
    load(
        "appraisal",
        _csv(
            tmp_path / "p.csv",
            "worker_id,cycle,due_date,completed_date\nE000002,2023/24,2024-03-31,2024-03-20\n",
        ),
    )
    assert wf.AbsenceEpisode.objects.get().working_days_lost == Decimal("5.00")
    assert wf.Appraisal.objects.get().completed_date == dt.date(2024, 3, 20)
