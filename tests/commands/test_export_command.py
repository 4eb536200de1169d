"""``thrive export records``: the command writes the folder, and refuses what it cannot do."""

from __future__ import annotations

import csv
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as stream:
        return list(csv.DictReader(stream))


@pytest.mark.django_db
def test_export_writes_each_kind_as_it_was_imported(data: Path, tmp_path: Path) -> None:
    run("import", "posts", str(data / "posts.csv"), "--authority", "999")
    run("import", "staff", str(data / "staff.csv"))
    run("import", "caseloads", str(data / "caseloads.csv"))
    out = tmp_path / "records"
    text = run("export", "records", "--out", str(out))
    assert "posts.csv" in text and "thrive import staff staff.csv --authority 999" in text
    assert rows(out / "posts.csv") == rows(data / "posts.csv")  # the same file, value for value
    staff = rows(out / "staff.csv")
    sample = rows(data / "staff.csv")
    assert [(r["worker_id"], r["start_date"], r["fte"]) for r in staff] == [
        (r["worker_id"], r["start_date"], r["fte"]) for r in sample
    ]
    files = [r["file"] for r in rows(out / "manifest.csv")]
    assert files == ["teams.csv", "posts.csv", "staff.csv", "caseloads.csv"]
    assert not (out / "targets.csv").exists()  # no records of a kind: no file, and the README says
    readme = (out / "README.txt").read_text(encoding="utf-8")
    assert "No records of these kinds, so no file: absence, supervision" in readme
    assert "thrive census export --year YEAR" in readme


@pytest.mark.django_db
def test_export_refuses_a_folder_with_files_and_an_unknown_authority(
    data: Path, tmp_path: Path
) -> None:
    run("import", "posts", str(data / "posts.csv"), "--authority", "999")
    (tmp_path / "old.csv").write_text("x\n")
    with pytest.raises(CommandError, match="is not empty: give a new or empty folder"):
        run("export", "records", "--out", str(tmp_path))
    with pytest.raises(CommandError, match="no authority with LA number 123"):
        run("export", "records", "--out", str(tmp_path / "new"), "--authority", "123")
    assert not (tmp_path / "new").exists()
