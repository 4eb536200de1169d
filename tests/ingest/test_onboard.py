"""``thrive onboard``'s machinery: a folder of census returns and extracts into an empty store.

The census returns are the golden ones and the store's own exports of them (2022-2024); the
extracts are tests/data's. A file of unknown shape is reported and left out; an unreadable file
or a refused one leaves the store exactly as it was.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from django.db import transaction

from thrive.census.export import export_return
from thrive.import_records.models import ImportBatch
from thrive.ingest.census_import import import_census
from thrive.ingest.fields import KINDS
from thrive.ingest.file_kinds import CENSUS, EXPORT_GUIDE, place
from thrive.ingest.onboard import LATER, Status, load_rank, onboard, survey
from thrive.ingest.problem_summary import summarise
from thrive.ingest.templates import write_template
from thrive.workforce import models as wf

pytestmark = pytest.mark.django_db

TALENTLINK = ["Vacancy ID", "Team", "Job Grade", "Vacancy Opened", "Applicant ID",
              "How did you hear about us?", "Application Date", "Withdrawn Date"]  # fmt: skip


def census_years(folder: Path, data: Path) -> None:
    """The store's own 2022-2024 returns built from the golden ones; the store left empty."""
    with transaction.atomic():
        import_census([data / "golden_2023.xml", data / "golden_2024.xml"], user="test")
        authority = wf.Authority.objects.get(la_number="999")
        for year in (2022, 2023, 2024):
            export_return(authority, year, folder / "census" / f"csww_{year}.xml")
        transaction.set_rollback(True)


@pytest.fixture
def folder(tmp_path: Path, data: Path) -> Path:
    """A council's files as an analyst might hold them: census returns, HR and case extracts,
    an applicant-tracking export, and a notes file that is none of those."""
    root = tmp_path / "council"
    (root / "census").mkdir(parents=True)
    (root / "hr").mkdir()
    census_years(root, data)
    for name in ("posts.csv", "staff.csv", "caseloads.csv"):
        shutil.copy(data / name, root / "hr" / name)
    with (root / "hr" / "vacancies.csv").open("w", newline="") as stream:
        out = csv.writer(stream)
        out.writerow(TALENTLINK)
        out.writerow(["V1", "Child Protection North", "Social Worker", "03/01/2024", "A1",
                      "Indeed", "11/01/2024", "30/01/2024"])  # fmt: skip
    (root / "hr" / "notes.csv").write_text("colour,shape\nred,round\n")
    (root / ".DS_Store").write_bytes(b"\x00\x01")
    return root


def test_a_folder_goes_into_an_empty_store_in_dependency_order(folder: Path) -> None:
    result = onboard(folder, user="test", with_published=False)
    assert not result.refused, result.reason
    order = [(f.name, f.placed.kind, f.status) for f in result.files]
    assert order == [
        ("csww_2022.xml", CENSUS, Status.IMPORTED),
        ("csww_2023.xml", CENSUS, Status.IMPORTED),
        ("csww_2024.xml", CENSUS, Status.IMPORTED),
        ("posts.csv", "posts", Status.IMPORTED),
        ("staff.csv", "staff", Status.IMPORTED),
        ("caseloads.csv", "caseloads", Status.IMPORTED),
        ("vacancies.csv", "applicants", Status.IMPORTED),
        ("notes.csv", "", Status.NOT_PLACED),
    ]
    assert result.la_number == "999" and result.census_years == [2022, 2023, 2024]
    batches = ImportBatch.objects.order_by("pk")
    assert [b.file_name for b in batches] == [f.name for f in result.files[:7]]
    assert [b.kind for b in batches] == [
        "census", "census", "census", "posts", "staff", "caseloads", "applicants"
    ]  # fmt: skip
    first = result.files[0]
    assert first.records["workers"] == 6 and first.records["employment spells"] >= 6
    staff = result.files[4]
    assert staff.records == {"employment spells": 8, "workers": 8}
    assert staff.records_text == "8 employment spells, 8 workers"
    vacancies = result.files[6]
    assert vacancies.placed.profile == "talentlink-csv"
    notes = result.files[-1]
    assert notes.problems[0].expected.startswith("not imported: its headings match no kind")
    assert not notes.problems[0].is_error


def test_the_same_folder_again_changes_nothing(folder: Path) -> None:
    onboard(folder, user="test", with_published=False)
    workers = wf.Worker.objects.count()
    again = onboard(folder, user="test", with_published=False)
    assert not again.refused
    assert [f.status for f in again.files[:3]] == [Status.ALREADY] * 3
    # (the applicant importer replaces a candidate's stage events each time, by design)
    assert all(f.records == {} for f in again.files if f.placed.kind != "applicants")
    assert [f.outcome.counts.unchanged for f in again.files[3:6] if f.outcome] == [8, 8, 5]
    assert wf.Worker.objects.count() == workers


def test_an_unreadable_file_refuses_the_whole_load(folder: Path, data: Path, snapshot) -> None:
    shutil.copy(data.parent / "ingest" / "bad" / "staff_utf16.csv", folder / "hr" / "more.csv")
    before = snapshot()
    result = onboard(folder, user="test")
    assert result.refused and result.reason == "1 file(s) cannot be read"
    unreadable = next(f for f in result.files if f.name == "more.csv")
    assert unreadable.status == Status.UNREADABLE
    assert unreadable.problems[0].expected == (
        "this is UTF-16 text: save it as 'CSV UTF-8' (or Windows-1252) instead"
    )
    assert snapshot() == before


def test_a_refused_file_rolls_back_every_file_and_every_file_is_still_checked(
    folder: Path, data: Path, snapshot
) -> None:
    shutil.copy(data.parent / "ingest" / "bad" / "staff_fte_1_7.csv", folder / "hr")
    before = snapshot()
    result = onboard(folder, user="test")
    assert result.refused and result.reason == "1 file(s) were refused"
    status = {f.name: f.status for f in result.files}
    assert status["staff_fte_1_7.csv"] == Status.REFUSED
    assert status["csww_2024.xml"] == status["caseloads.csv"] == Status.CHECKED
    refused = next(f for f in result.files if f.name == "staff_fte_1_7.csv")
    assert [(p.location, p.field, p.value) for p in refused.errors] == [("row 2", "fte", "1.7")]
    assert result.batches == [] and result.published is None
    assert snapshot() == before


def test_census_returns_for_another_council_are_refused(folder: Path, snapshot) -> None:
    before = snapshot()
    result = onboard(folder, authority="933", user="test")
    assert result.refused
    assert result.reason == "csww_2022.xml is LA 999's census return, not LA 933's"
    assert snapshot() == before


def test_the_shipped_published_table_is_loaded_when_none_is(folder: Path) -> None:
    result = onboard(folder, user="test")
    assert result.published is not None and result.published.batch is not None
    assert result.published.batch.kind == "dfe-stats"


def test_every_kind_in_the_registry_is_told_by_its_template_headings(tmp_path: Path) -> None:
    for kind in KINDS:
        path = tmp_path / "export.csv"
        write_template(kind, path)
        with path.open("a") as stream:
            stream.write("\n")
        assert place(path).kind == kind, kind


def test_a_file_name_that_names_the_kind_decides_and_ties_are_not_guessed(
    tmp_path: Path,
) -> None:
    both = "worker_id,date\nE1,2024-01-01\n"  # fits no kind completely
    assert place(_write(tmp_path / "Caseloads March.csv", both)).kind == "caseloads"
    unplaced = place(_write(tmp_path / "export.csv", both))
    assert unplaced.kind == "" and "closest is" in unplaced.how
    semicolons = "worker_id;date;cases\nE1;2024-09-30;12\n"
    hint = place(_write(tmp_path / "export2.csv", semicolons)).how
    assert hint.startswith("its columns are separated by semicolons (';')")


def test_itrent_headings_are_placed_with_their_profile(data: Path) -> None:
    placed = place(data / "staff_itrent.csv")
    assert (placed.kind, placed.profile) == ("staff", "itrent-csv")


def test_load_order_puts_what_records_refer_to_first() -> None:
    ranks = [load_rank(k) for k in (CENSUS, "posts", "staff", "leavers", "caseloads")]
    assert ranks == sorted(ranks)
    assert load_rank("exit_interviews")[0] == LATER  # a kind this table does not know yet
    assert load_rank("leavers") < load_rank("exit_interviews") < load_rank("applicants")


def test_problems_alike_are_summarised_with_their_first_places(folder: Path, data: Path) -> None:
    bad = folder / "hr" / "staff_more.csv"
    lines = (data / "staff.csv").read_text().splitlines()
    bad.write_text("\n".join([lines[0], *(line.replace(",1,2", ",1.7,2") for line in lines[1:])]))
    result = onboard(folder, user="test", with_published=False)
    groups = [g for g in summarise(result.problems) if g.field == "fte"]
    assert len(groups) == 1
    rows = [f"row {n}" for n, line in enumerate(lines[1:], start=2) if ",1,2" in line]
    assert groups[0].count == len(rows) > 3
    assert groups[0].where_text == f"{', '.join(rows[:3])} and {len(rows) - 3} more"
    assert groups[0].found_text == "'1.7'"


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_a_profile_that_does_not_exist_refuses_the_load(folder: Path, snapshot) -> None:
    before = snapshot()
    result = onboard(folder, profiles=["our-itrnet"], user="test")
    assert result.refused and result.reason.startswith(
        "our-itrnet: no such profile file, and not a shipped profile (generic, itrent-csv"
    )
    assert snapshot() == before
    assert not onboard(folder, profiles=["talentlink-csv"], user="test").refused


def test_extracts_alone_need_to_be_told_the_council(tmp_path: Path, data: Path) -> None:
    shutil.copy(data / "posts.csv", tmp_path)
    result = onboard(tmp_path, user="test", with_published=False)
    assert result.refused and "give its LA number with --authority" in result.reason
    result = onboard(tmp_path, authority="999", user="test", with_published=False)
    assert not result.refused and result.files[0].records["establishment posts"] == 8


def test_a_folder_with_nothing_thrive_reads_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.csv").write_text("colour,shape\nred,round\n")
    result = onboard(tmp_path, user="test")
    assert result.refused
    assert result.reason == "none of the files is a census return or an extract Thrive reads"


def test_an_exports_own_guide_files_are_named_as_such_and_not_imported(tmp_path: Path) -> None:
    """``thrive export records`` writes README.txt and manifest.csv beside its extracts."""
    readme = _write(tmp_path / "README.txt", "Records of Somervale (LA 999), exported by Thrive.\n")
    manifest = _write(
        tmp_path / "manifest.csv", "order,file,kind,rows,command\n1,a.csv,staff,2,x\n"
    )
    other = _write(tmp_path / "sub" / "README.txt", "Notes from the HR team\n")
    reports = {r.placed.path: r for r in survey([readme, manifest, other])}
    for guide in (readme, manifest):
        assert (reports[guide].status, reports[guide].problems) == (Status.GUIDE, [])
        assert reports[guide].placed.how == EXPORT_GUIDE
    assert reports[other].status == Status.NOT_PLACED
