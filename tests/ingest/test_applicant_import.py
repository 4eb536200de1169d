"""Importing an applicant-tracking export: a real file through a real profile into the store."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import authority, team, worker
from thrive.frames.load_lifecycle import load
from thrive.import_records.models import ImportBatch
from thrive.ingest.applicant_file import load_applicant_profile, read_applicants
from thrive.ingest.applicant_import import import_applicants
from thrive.ingest.undo import undo_batch
from thrive.lifecycle.models import Candidate, Requisition, StageEvent
from thrive.problems import ImportValidationError
from thrive.retention.funnel import funnel

pytestmark = pytest.mark.django_db

HEADINGS = ["Vacancy ID", "Team", "Job Grade", "Vacancy Opened", "Advertising Spend",
            "Applicant ID", "How did you hear about us?", "Application Date", "Shortlist Date",
            "Interview Date", "Offer Date", "Offer Accepted", "Start Date", "Withdrawn Date",
            "Values Interview Score", "Young People Panel", "Offer Declined Reason",
            "Employee Number"]  # fmt: skip
ROWS = [
    ["V100", "Child Protection North", "Social Worker", "03/01/2024", "450", "A1",
     "Try Before You Apply", "10/01/2024", "17/01/2024", "24/01/2024", "26/01/2024",
     "29/01/2024", "04/03/2024", "", "4.5", "Yes", "", "HIRED1"],
    ["V100", "Child Protection North", "Social Worker", "03/01/2024", "450", "A2", "Indeed",
     "11/01/2024", "17/01/2024", "24/01/2024", "26/01/2024", "", "", "30/01/2024", "3.5", "No",
     "Salary", ""],
    ["V100", "Child Protection North", "Social Worker", "03/01/2024", "450", "A3", "LinkedIn",
     "12/01/2024", "", "", "", "", "", "", "", "", "", ""],
]  # fmt: skip


def _write(path: Path, rows: list[list[str]], headings: list[str] = HEADINGS) -> Path:
    with path.open("w", newline="", encoding="utf-8") as stream:
        out = csv.writer(stream)
        out.writerow(["Applicant tracking export - January 2024"])  # a title row above
        out.writerow(headings)
        out.writerows(rows)
    return path


def _council():  # type: ignore[no-untyped-def]
    council = authority()
    team(council, "Child Protection North")
    worker(council, pseudonym="HIRED1")
    return council


def test_an_export_goes_in_and_the_funnel_reads_it_back(tmp_path: Path) -> None:
    council = _council()
    profile = load_applicant_profile("talentlink-csv")
    outcome = import_applicants(_write(tmp_path / "ats.csv", ROWS), council, profile, user="t")
    assert outcome.counts.added == 4  # one requisition, three candidates
    requisition = Requisition.objects.get(reference="V100")
    assert requisition.start_date == date(2024, 1, 3) and float(requisition.advert_cost) == 450.0
    hired = Candidate.objects.get(reference="A1")
    assert hired.source == "try_before_you_apply" and hired.young_people_on_panel is True
    assert hired.hired_worker is not None and hired.hired_worker.pseudonym == "HIRED1"
    assert Candidate.objects.get(reference="A2").decline_reason == "pay"
    assert StageEvent.objects.filter(candidate=hired).count() == 6
    batch = ImportBatch.objects.get()
    assert batch.kind == "applicants" and batch.authority == council and batch.added == 4
    table = funnel(load(council))
    assert table["candidates"].to_list() == [3, 2, 2, 2, 1, 1]


def test_reimporting_updates_and_undo_takes_it_back(tmp_path: Path) -> None:
    council = _council()
    profile = load_applicant_profile("talentlink-csv")
    import_applicants(_write(tmp_path / "first.csv", ROWS), council, profile, user="t")
    changed = [list(r) for r in ROWS]
    changed[2][8] = "19/01/2024"  # A3 was shortlisted after all
    second = import_applicants(_write(tmp_path / "second.csv", changed), council, profile, user="t")
    assert second.counts.updated == 0 and second.counts.unchanged == 4
    a3 = Candidate.objects.get(reference="A3")
    assert set(StageEvent.objects.filter(candidate=a3).values_list("stage", flat=True)) == {
        "applied",
        "shortlisted",
    }
    assert second.batch is not None
    undo_batch(second.batch.pk, "t")
    assert list(StageEvent.objects.filter(candidate=a3).values_list("stage", flat=True)) == [
        "applied"
    ]
    first = ImportBatch.objects.order_by("pk").first()
    assert first is not None
    undo_batch(first.pk, "t")
    assert not Requisition.objects.exists() and not Candidate.objects.exists()


def test_every_problem_is_reported_and_nothing_is_written(tmp_path: Path) -> None:
    council = _council()
    bad = [list(r) for r in ROWS]
    bad[0][6] = "Carrier pigeon"  # an unknown source
    bad[1][9] = "05/01/2024"  # interviewed before being shortlisted
    bad[2][3] = "04/01/2024"  # the same vacancy opened on another day
    with pytest.raises(ImportValidationError) as raised:
        import_applicants(_write(tmp_path / "bad.csv", bad), council,
                          load_applicant_profile("talentlink-csv"), user="t")  # fmt: skip
    found = {(p.location, p.field) for p in raised.value.errors}
    assert found == {("row 3", "source"), ("row 4", "interviewed"), ("row 5", "opened")}
    assert "Carrier pigeon" in raised.value.errors[0].message()
    assert not Requisition.objects.exists() and not ImportBatch.objects.exists()


def test_unknown_teams_and_workers_are_refused(tmp_path: Path) -> None:
    council = _council()
    bad = [list(r) for r in ROWS]
    bad[0][1] = "Atlantis Team"
    bad[0][17] = "NOBODY"
    with pytest.raises(ImportValidationError) as raised:
        import_applicants(_write(tmp_path / "bad.csv", bad[:1]), council,
                          load_applicant_profile("talentlink-csv"), user="t")  # fmt: skip
    assert {p.field for p in raised.value.errors} == {"team", "worker"}


def test_a_missing_required_column_is_named(tmp_path: Path) -> None:
    headings = [h for h in HEADINGS if h != "Applicant ID"]
    rows = [[c for i, c in enumerate(r) if HEADINGS[i] != "Applicant ID"] for r in ROWS]
    _, problems = read_applicants(_write(tmp_path / "x.csv", rows, headings),
                                  load_applicant_profile("talentlink-csv"))  # fmt: skip
    assert [(p.location, p.field) for p in problems] == [("heading row", "candidate")]


def test_an_xlsx_export_with_thrive_headings_needs_no_profile(tmp_path: Path) -> None:
    from openpyxl import Workbook

    council = _council()
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["requisition", "team", "grade", "opened", "candidate", "source", "applied",
                  "started", "worker"])  # fmt: skip
    sheet.append(["V9", "Child Protection North", "social_worker", date(2024, 2, 1), "Z1",
                  "referral", date(2024, 2, 3), date(2024, 4, 1), "HIRED1"])  # fmt: skip
    path = tmp_path / "export.xlsx"
    book.save(path)
    outcome = import_applicants(path, council, load_applicant_profile(None), user="t")
    assert outcome.counts.added == 2
    assert Candidate.objects.get().source == "referral"


@settings(max_examples=40, deadline=None)
@given(
    score=st.decimals(min_value=-3, max_value=9, places=1, allow_nan=False, allow_infinity=False),
    panel=st.sampled_from(["Yes", "No", "y", "n", "maybe", ""]),
)
def test_scores_and_panel_answers_are_checked_cell_by_cell(score: object, panel: str) -> None:
    import tempfile

    row = list(ROWS[1])
    row[14], row[15] = str(score), panel
    with tempfile.TemporaryDirectory() as folder:
        rows, problems = read_applicants(_write(Path(folder) / "p.csv", [row]),
                                         load_applicant_profile("talentlink-csv"))  # fmt: skip
    bad_score = not (0 <= float(str(score)) <= 5)
    bad_panel = panel == "maybe"
    assert {p.field for p in problems} == ({"values_score"} if bad_score else set()) | (
        {"young_people_on_panel"} if bad_panel else set()
    )
    if not problems:
        assert rows[0]["young_people_on_panel"] is (
            panel.casefold() in ("yes", "y") if panel else None
        )


def test_a_requisition_no_one_applied_to_goes_in_alone_and_undo_takes_it_back(
    tmp_path: Path,
) -> None:
    council = _council()
    profile = load_applicant_profile("talentlink-csv")
    alone = [["V200", "Child Protection North", "Social Worker", "01/02/2024", "", *[""] * 13]]
    outcome = import_applicants(_write(tmp_path / "alone.csv", alone), council, profile, user="t")
    assert outcome.counts.added == 1
    assert Requisition.objects.get(reference="V200").start_date == date(2024, 2, 1)
    assert not Candidate.objects.exists()
    again = import_applicants(_write(tmp_path / "again.csv", alone), council, profile, user="t")
    assert (again.counts.added, again.counts.updated, again.counts.unchanged) == (0, 0, 1)
    assert outcome.batch is not None and again.batch is not None
    undo_batch(again.batch.pk, "t")
    undo_batch(outcome.batch.pk, "t")
    assert not Requisition.objects.exists()


def test_a_row_with_no_candidate_may_say_nothing_about_one(tmp_path: Path) -> None:
    council = _council()
    row = ["V200", "Child Protection North", "Social Worker", "01/02/2024", "", "", "Indeed",
           "02/02/2024", *[""] * 10]  # fmt: skip
    with pytest.raises(ImportValidationError) as raised:
        import_applicants(_write(tmp_path / "no_candidate.csv", [row]), council,
                          load_applicant_profile("talentlink-csv"), user="t")  # fmt: skip
    assert raised.value.errors[0].message() == (
        "no_candidate.csv, row 3, source: found 'job_board'; expected nothing on a row with no "
        "candidate (a requisition no one has applied to), or the candidate's reference in "
        "candidate"
    )
    assert not Requisition.objects.exists() and not ImportBatch.objects.exists()
