"""The thin commands: thrive import ... and thrive census export, through call_command."""

from __future__ import annotations

import csv
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from thrive.import_records.models import ImportBatch
from thrive.ingest.fields import FIELDS, KINDS

DOCS = Path(__file__).resolve().parents[2] / "docs" / "importing.md"


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_census_import_prints_a_summary_and_export_writes_a_checked_return(
    data: Path, tmp_path: Path
) -> None:
    text = run("import", "census", str(data / "golden_2023.xml"), str(data / "golden_2024.xml"))
    assert "golden_2023.xml" in text and "golden_2024.xml" in text
    assert ImportBatch.objects.filter(kind="census").count() == 2
    out = tmp_path / "csww_2024.xml"
    text = run("census", "export", "--year", "2024", "--out", str(out))
    assert "7 worker records and 2 agency worker records" in text
    assert out.read_text(encoding="utf-8").startswith("<?xml")


@pytest.mark.django_db
def test_a_refused_file_lists_every_problem_in_a_csv(data: Path, tmp_path: Path) -> None:
    bad = Path(__file__).parents[1] / "ingest" / "bad" / "census_fte_1_7.xml"
    errors = tmp_path / "problems.csv"
    with pytest.raises(CommandError, match="nothing was written: 1 error"):
        run("import", "census", str(bad), "--errors", str(errors))
    rows = list(csv.DictReader(errors.open(encoding="utf-8")))
    assert [(r["location"], r["field"], r["value"]) for r in rows] == [
        ("Message/CSWWWorker[1]/FTE", "FTE", "1.7")
    ]
    assert not ImportBatch.objects.exists()


@pytest.mark.django_db
def test_export_refuses_a_return_that_breaks_the_rules(data: Path, tmp_path: Path) -> None:
    run("import", "census", str(data / "golden_2024.xml"))
    out = tmp_path / "csww_2025.xml"
    with pytest.raises(CommandError, match="error"):
        run("census", "export", "--year", "2025", "--out", str(out))
    assert not out.exists()


@pytest.mark.django_db
def test_export_names_the_worker_and_item_that_stop_a_return(data: Path, tmp_path: Path) -> None:
    from thrive.import_records.models import CensusWorkerDetail

    run("import", "census", str(data / "golden_2024.xml"))
    CensusWorkerDetail.objects.filter(worker__swe_number="SW100002").update(qual_inst="")
    out = tmp_path / "csww_2024.xml"
    stdout = StringIO()
    with pytest.raises(CommandError, match="1 error"):
        call_command("census", "export", "--year", "2024", "--out", str(out), stdout=stdout)
    shown = stdout.getvalue()
    assert "nothing was written" in shown
    row = next(line for line in shown.splitlines() if "Message/CSWWWorker[2]/QualInst" in line)
    assert "(worker" in row and "QualInst is required for a directly employed" in row
    assert "SW100002)" in shown  # the table folds the worker's SWE number onto the next line
    assert not out.exists()


@pytest.mark.django_db
def test_undo_from_the_command_line(data: Path) -> None:
    run("import", "posts", str(data / "posts.csv"), "--authority", "999")
    batch = ImportBatch.objects.get()
    assert "Undid import batch" in run("import", "undo", str(batch.pk))
    with pytest.raises(CommandError, match="already undone"):
        run("import", "undo", str(batch.pk))


@pytest.mark.parametrize("kind", KINDS)
def test_templates_document_every_column(kind: str, tmp_path: Path) -> None:
    out = tmp_path / f"{kind}.xlsx"
    text = run("import", "template", kind, "--out", str(out))
    book = load_workbook(out)
    headings = [c.value for c in book["data"][1]]
    assert headings == [f.name for f in FIELDS[kind]]
    documented = [row[0] for row in book["columns"].iter_rows(min_row=2, values_only=True)]
    assert documented == headings
    assert all(name in text for name in headings)


def test_every_column_is_documented_in_the_importing_guide() -> None:
    guide = DOCS.read_text(encoding="utf-8")
    for kind in KINDS:
        section = guide.split(f"### {kind}\n", 1)[1].split("\n### ", 1)[0]
        for spec in FIELDS[kind]:
            assert f"| `{spec.name}` |" in section, f"{kind}.{spec.name} is not in {DOCS.name}"
