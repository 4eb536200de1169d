"""Try Before You Apply visits imported in bulk: each names the team visited and, when the
visitor later applied, their candidate record.

The sample file in tests/data/visits/ goes in, changes nothing the second time and comes back
out with undo; the bad-input corpus below is refused with its first error named and the store
left exactly as it was; exported visits import back as the same records.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from thrive.ingest.applicant_file import load_applicant_profile
from thrive.ingest.applicant_import import import_applicants
from thrive.ingest.extract_import import import_extract
from thrive.ingest.onboard import load_rank
from thrive.ingest.outcome import FileOutcome
from thrive.ingest.record_export import order, write_kind
from thrive.ingest.undo import undo_batch
from thrive.lifecycle.models import Candidate, Visit
from thrive.workforce import models as wf

pytestmark = pytest.mark.django_db
TODAY = dt.date(2024, 10, 15)
VISITS = Path(__file__).parents[1] / "data" / "visits"
HEADINGS = "visit,date,career_stage,source,team,candidate,requisition\n"


def load(path: Path, **options: Any) -> FileOutcome:
    options.setdefault("user", "test")
    options.setdefault("today", TODAY)
    return import_extract("visits", path, **options)


@pytest.fixture
def council(data: Path) -> wf.Authority:
    import_extract("posts", data / "posts.csv", authority="999", user="test", today=TODAY)
    authority = wf.Authority.objects.get(la_number="999")
    import_applicants(VISITS / "applicants.csv", authority, load_applicant_profile(None), "test")
    return authority


def test_the_visits_go_in_once_and_come_back_out(
    council: wf.Authority, imports_once_and_undoes: Any
) -> None:
    imports_once_and_undoes(lambda: load(VISITS / "visits.csv"), 4)


def test_each_visit_finds_its_team_and_the_candidate_it_became(council: wf.Authority) -> None:
    load(VISITS / "visits.csv")
    visits = {v.reference: v for v in Visit.objects.filter(authority=council)}
    student = visits["V1"]
    assert (student.date, student.career_stage, student.source) == (
        dt.date(2023, 11, 20), "student", "social_media"
    )  # fmt: skip
    assert student.team is not None and student.team.name == "Child Protection North"
    assert student.candidate == Candidate.objects.get(reference="C2")
    # C1 applied to two vacancies: the requisition says which application followed the visit
    assert visits["V2"].candidate == Candidate.objects.get(
        reference="C1", requisition__reference="R1"
    )
    assert (visits["V2"].team, visits["V2"].source) == (None, "")
    assert visits["V3"].candidate is None


def test_a_visit_changed_in_a_later_file_is_updated_and_undo_puts_it_back(
    council: wf.Authority, tmp_path: Path
) -> None:
    load(VISITS / "visits.csv")
    changed = tmp_path / "visits.csv"
    changed.write_text(HEADINGS + "V3,2024-02-14,experienced,recruitment_fair,,C3,\n")
    outcome = load(changed)
    assert outcome.counts is not None and outcome.counts.updated == 1
    assert Visit.objects.get(reference="V3").candidate == Candidate.objects.get(reference="C3")
    assert outcome.batch is not None
    undo_batch(outcome.batch.pk, "test")
    assert Visit.objects.get(reference="V3").candidate is None


BAD = {
    "visits_unknown_candidate.csv": (
        "V1,2023-11-20,student,,,C999,\n",
        "visits_unknown_candidate.csv, row 2, candidate: found 'C999'; expected a candidate "
        "already in Thrive (import the applicant-tracking export first)",
    ),
    "visits_two_applications.csv": (
        "V1,2023-11-20,student,,,C2,\nV2,2023-12-05,newly_qualified,,,C1,\n",
        "visits_two_applications.csv, row 3, candidate: found 'C1'; expected a requisition "
        "beside it: the candidate applied to R1, R2",
    ),
    "visits_candidate_not_on_requisition.csv": (
        "V1,2023-11-20,student,,,C3,R1\n",
        "visits_candidate_not_on_requisition.csv, row 2, candidate: found 'C3'; expected a "
        "candidate already in Thrive (import the applicant-tracking export first) for that "
        "requisition",
    ),
    "visits_requisition_alone.csv": (
        "V1,2023-11-20,student,,,,R1\n",
        "visits_requisition_alone.csv, row 2, requisition: found 'R1'; expected nothing, or a "
        "candidate reference with it",
    ),
    "visits_unknown_career_stage.csv": (
        "V1,2023-11-20,manager,,,,\n",
        "visits_unknown_career_stage.csv, row 2, career_stage: found 'manager'; expected one of "
        "student (Student social worker), newly_qualified (Newly qualified social worker), "
        "experienced (Experienced social worker), agency (Agency social worker)",
    ),
    "visits_unknown_source.csv": (
        "V1,2023-11-20,student,billboard,,,\n",
        "visits_unknown_source.csv, row 2, source: found 'billboard'; expected one of microsite "
        "(Recruitment microsite), social_media (Social media), job_board (Job board), "
        "recruitment_fair (Recruitment fair), try_before_you_apply (Try Before You Apply visit), "
        "step_up (Step Up to Social Work), frontline (Frontline), referral (Staff referral), "
        "agency_conversion (Agency conversion), other (Other)",
    ),
    "visits_unknown_team.csv": (
        "V1,2023-11-20,student,,Fostering West,,\n",
        "visits_unknown_team.csv, row 2, team: found 'Fostering West'; expected a team already "
        "in Thrive (import the posts extract first, or add the team in the admin)",
    ),
    "visits_duplicate.csv": (
        "V1,2023-11-20,student,,,,\nV1,2023-11-21,student,,,,\n",
        "visits_duplicate.csv, row 3, visit: found 'V1'; expected one row per visit: row 2 has "
        "the same",
    ),
    "visits_future_date.csv": (
        "V1,2025-01-01,student,,,,\n",
        "visits_future_date.csv, row 2, date: found '2025-01-01'; expected a date not in the "
        "future (today is 2024-10-15)",
    ),
    "visits_no_date.csv": (
        "V1,,student,,,,\n",
        "visits_no_date.csv, row 2, date: found nothing; expected a value: date is required",
    ),
    "visits_blank.csv": ("", "visits_blank.csv: at least one data row under the headings"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_is_refused_and_changes_nothing(
    name: str, council: wf.Authority, tmp_path: Path, refuses: Any
) -> None:
    text, first_error = BAD[name]
    path = tmp_path / name
    path.write_text(HEADINGS + text, encoding="utf-8")
    refuses(lambda: load(path), first_error)


def _visits() -> list[tuple[Any, ...]]:
    return sorted(
        Visit.objects.values_list(
            "reference", "date", "career_stage", "source", "team__name",
            "candidate__reference", "candidate__requisition__reference",
        )
    )  # fmt: skip


def test_exported_visits_import_back_as_the_same_records(
    council: wf.Authority, tmp_path: Path
) -> None:
    load(VISITS / "visits.csv")
    before = _visits()
    out = tmp_path / "visits.csv"
    assert write_kind("visits", council, out) == 4
    Visit.objects.all().delete()
    load(out)
    assert _visits() == before
    # exported, and onboarded from a folder, after the applicants they name
    assert order(["visits", "applicants", "staff"]) == ["staff", "applicants", "visits"]
    assert load_rank("visits") > load_rank("applicants")
