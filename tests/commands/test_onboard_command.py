"""``thrive onboard DIR``: the one page it prints, its problems file and its exit status."""

from __future__ import annotations

import csv
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from thrive.import_records.models import ImportBatch
from thrive.workforce.models import Worker

BAD = Path(__file__).parents[1] / "ingest" / "bad"


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def folder(tmp_path: Path, data: Path) -> Path:
    root = tmp_path / "council"
    root.mkdir()
    for name in ("golden_2023.xml", "golden_2024.xml", "posts.csv", "staff.csv", "caseloads.csv"):
        shutil.copy(data / name, root / name)
    (root / "notes.csv").write_text("colour,shape\nred,round\n")
    return root


@pytest.mark.django_db
def test_the_page_lists_every_file_problems_and_headline(folder: Path, tmp_path: Path) -> None:
    errors = tmp_path / "problems.csv"
    text = run("onboard", str(folder), "--errors", str(errors), "--no-published")
    for name in ("golden_2023.xml", "golden_2024.xml", "posts.csv", "staff.csv", "caseloads.csv"):
        assert name in text
    assert text.index("golden_2024.xml") < text.index("posts.csv") < text.index("staff.csv")
    assert "notes.csv" in text and "not imported" in text
    assert "Headline measures at 30 September" in text
    assert "Turnover rate (FTE)" in text and "not published" in text
    batches = list(ImportBatch.objects.order_by("-pk").values_list("pk", flat=True))
    assert len(batches) == 5
    assert f"thrive import undo {batches[0]}, and so on" in text
    assert ", ".join(f"#{n}" for n in batches) in text
    rows = list(csv.DictReader(errors.open(encoding="utf-8")))
    assert [(r["severity"], r["file"]) for r in rows] == [("warning", "notes.csv")]


@pytest.mark.django_db
def test_a_folder_with_an_unreadable_file_exits_with_an_error_and_writes_nothing(
    folder: Path, tmp_path: Path
) -> None:
    shutil.copy(BAD / "caseloads_corrupt.xlsx", folder / "caseloads_march.xlsx")
    with pytest.raises(CommandError, match="nothing was written: 1 file\\(s\\) cannot be read"):
        run("onboard", str(folder), "--errors", str(tmp_path / "problems.csv"))
    assert not ImportBatch.objects.exists() and not Worker.objects.exists()


def test_a_path_that_is_not_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="is not a folder"):
        run("onboard", str(tmp_path / "nowhere"))
