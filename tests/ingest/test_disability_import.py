"""Disability declarations coming in: the staff extract and the applicant-tracking export.

Real files, a real profile and the real store. Every common spelling lands on one of the four
answers; an empty cell is "not known"; anything else is a row error that names the cell and
writes nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import authority, team
from thrive.codes.disability import Disability
from thrive.ingest.applicant_file import load_applicant_profile, read_applicants
from thrive.ingest.applicant_import import import_applicants
from thrive.ingest.extract_import import import_extract
from thrive.lifecycle.models import Candidate
from thrive.problems import ImportValidationError
from thrive.workforce import models as wf

pytestmark = pytest.mark.django_db
TODAY = dt.date(2024, 10, 15)
STAFF = ["worker_id", "swe_number", "birth_date", "sex", "ethnicity", "disability", "team",
         "grade", "contract_type", "fte", "start_date"]  # fmt: skip
APPLICANTS = ["Vacancy ID", "Team", "Job Grade", "Vacancy Opened", "Applicant ID",
              "How did you hear about us?", "Application Date", "Shortlist Date",
              "Interview Date", "Unsuccessful Date",
              "Do you consider yourself to have a disability?",
              "Meets Essential Criteria"]  # fmt: skip


def _csv(path: Path, headings: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as stream:
        out = csv.writer(stream)
        out.writerow(headings)
        out.writerows(rows)
    return path


def _staff_row(worker: str, disability: str) -> list[str]:
    return [worker, f"SW5{worker[-5:]}", "1990-01-01", "F", "WBRI", disability,
            "Child Protection North", "social_worker", "permanent", "1", "2024-02-01"]  # fmt: skip


def _applicant(candidate: str, disability: str, met: str, interviewed: str = "") -> list[str]:
    return ["V1", "Child Protection North", "Social Worker", "01/02/2024", candidate,
            "Indeed", "03/02/2024", "", interviewed, "", disability, met]  # fmt: skip


@pytest.fixture
def council(data: Path) -> wf.Authority:
    import_extract("posts", data / "posts.csv", authority="999", user="t", today=TODAY)
    return wf.Authority.objects.get(la_number="999")


def test_the_staff_extract_reads_each_spelling_and_blank_is_not_known(
    council: wf.Authority, tmp_path: Path
) -> None:
    rows = [
        _staff_row("E090001", "Y"),
        _staff_row("E090002", "Not disabled"),
        _staff_row("E090003", "Prefer not to say"),
        _staff_row("E090004", ""),
        _staff_row("E090005", "DISABLED"),
    ]
    import_extract("staff", _csv(tmp_path / "s.csv", STAFF, rows), user="t", today=TODAY)
    stored = dict(wf.Worker.objects.values_list("pseudonym", "disability"))
    assert stored == {
        "E090001": "yes",
        "E090002": "no",
        "E090003": "prefer_not_to_say",
        "E090004": "not_known",
        "E090005": "yes",
    }


def test_a_later_extract_changes_a_declaration(council: wf.Authority, tmp_path: Path) -> None:
    import_extract("staff", _csv(tmp_path / "a.csv", STAFF, [_staff_row("E090001", "no")]),
                   user="t", today=TODAY)  # fmt: skip
    import_extract("staff", _csv(tmp_path / "b.csv", STAFF, [_staff_row("E090001", "yes")]),
                   user="t", today=TODAY)  # fmt: skip
    assert wf.Worker.objects.get(pseudonym="E090001").disability == "yes"
    # An empty cell in a later extract leaves the stored answer as it is.
    import_extract("staff", _csv(tmp_path / "c.csv", STAFF, [_staff_row("E090001", "")]),
                   user="t", today=TODAY)  # fmt: skip
    assert wf.Worker.objects.get(pseudonym="E090001").disability == "yes"


def test_a_bad_staff_value_is_a_row_error_and_nothing_is_written(
    council: wf.Authority, tmp_path: Path
) -> None:
    rows = [_staff_row("E090001", "yes"), _staff_row("E090002", "a little")]
    with pytest.raises(ImportValidationError) as raised:
        import_extract("staff", _csv(tmp_path / "bad.csv", STAFF, rows), user="t", today=TODAY)
    (problem,) = [p for p in raised.value.errors if p.field == "disability"]
    assert problem.location == "row 3" and "a little" in problem.message()
    assert "prefer_not_to_say" in problem.message()
    assert not wf.Worker.objects.exists()


def test_applicants_carry_a_declaration_and_the_minimum_criteria(tmp_path: Path) -> None:
    council = authority()
    team(council, "Child Protection North")
    rows = [
        _applicant("A1", "Yes", "Yes", "10/02/2024"),
        _applicant("A2", "I do not wish to declare", "No"),  # the profile's own spelling
        _applicant("A3", "", ""),
    ]
    path = _csv(tmp_path / "ats.csv", APPLICANTS, rows)
    import_applicants(path, council, load_applicant_profile("talentlink-csv"), user="t")
    stored = {c.reference: (c.disability, c.met_minimum_criteria) for c in Candidate.objects.all()}
    assert stored == {
        "A1": ("yes", True),
        "A2": ("prefer_not_to_say", False),
        "A3": ("not_known", None),
    }


def test_bad_applicant_values_are_row_errors_and_nothing_is_written(tmp_path: Path) -> None:
    council = authority()
    team(council, "Child Protection North")
    rows = [_applicant("A1", "Yes", "Yes"), _applicant("A2", "Sometimes", "Perhaps")]
    path = _csv(tmp_path / "bad.csv", APPLICANTS, rows)
    with pytest.raises(ImportValidationError) as raised:
        import_applicants(path, council, load_applicant_profile("talentlink-csv"), user="t")
    found = {(p.location, p.field) for p in raised.value.errors}
    assert found == {("row 3", "disability"), ("row 3", "met_minimum_criteria")}
    assert not Candidate.objects.exists()


_SPELLINGS = sorted(Disability.spellings().items())


@settings(max_examples=60, deadline=None)
@given(
    spelling=st.sampled_from(_SPELLINGS),
    case=st.sampled_from([str.upper, str.lower, str.title]),
    pad=st.sampled_from(["", " ", "  "]),
)
def test_any_known_spelling_in_any_case_is_its_answer(
    spelling: tuple[str, Disability], case: object, pad: str
) -> None:
    text, answer = spelling
    written = pad + case(text) + pad  # type: ignore[operator]
    with tempfile.TemporaryDirectory() as folder:
        path = _csv(Path(folder) / "p.csv", APPLICANTS, [_applicant("A1", written, "")])
        rows, problems = read_applicants(path, load_applicant_profile("talentlink-csv"))
    assert problems == []
    assert rows[0]["disability"] == answer.value


_KNOWN = {t.casefold() for t in Disability.spellings()} | {
    w.casefold() for d in Disability for w in (d.value, d.label)
}


@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet="abcdeinorsty _-", min_size=1, max_size=12))
def test_anything_else_is_refused(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = _csv(Path(folder) / "p.csv", APPLICANTS, [_applicant("A1", text, "")])
        rows, problems = read_applicants(path, load_applicant_profile("talentlink-csv"))
    if not text.strip():
        assert problems == [] and rows[0]["disability"] is None
    elif text.strip().casefold() in _KNOWN:
        assert problems == []
    else:
        assert [p.field for p in problems] == ["disability"]
