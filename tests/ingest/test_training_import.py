"""The course catalogue, training completions and inductions imported in bulk.

Each sample file in tests/data/training/ goes in, changes nothing the second time, and comes
back out with undo; every file of the bad-input corpus is refused with its first error named
and the store left exactly as it was.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from thrive.ingest.extract_import import import_extract
from thrive.ingest.outcome import FileOutcome
from thrive.ingest.record_export import write_kind
from thrive.ingest.training_exports import TRAINING_EXPORTERS
from thrive.ingest.undo import undo_batch
from thrive.training.models import Completion, Course, Induction
from thrive.workforce import models as wf

pytestmark = pytest.mark.django_db
TODAY = dt.date(2024, 10, 15)
TRAINING = Path(__file__).parents[1] / "data" / "training"
ADDED = {"courses": 4, "training": 5, "induction": 4}


def load(kind: str, path: Path, **options: Any) -> FileOutcome:
    options.setdefault("user", "test")
    options.setdefault("today", TODAY)
    return import_extract(kind, path, **options)


@pytest.fixture
def council(data: Path) -> wf.Authority:
    load("posts", data / "posts.csv", authority="999")
    load("staff", data / "staff.csv")
    return wf.Authority.objects.get(la_number="999")


@pytest.fixture
def catalogue(council: wf.Authority) -> wf.Authority:
    load("courses", TRAINING / "courses.csv")
    return council


@pytest.mark.parametrize("kind", sorted(ADDED))
def test_each_kind_goes_in_once_and_comes_back_out(
    kind: str, catalogue: wf.Authority, imports_once_and_undoes: Any
) -> None:
    if kind == "courses":
        Course.objects.all().delete()
    imports_once_and_undoes(lambda: load(kind, TRAINING / f"{kind}.csv"), ADDED[kind])


def test_the_catalogue_says_who_must_take_each_course(catalogue: wf.Authority) -> None:
    courses = {c.name: c for c in Course.objects.filter(authority=catalogue)}
    assert courses["Safeguarding refresher"].renewal_months == 12
    assert courses["Signs of Safety"].renewal_months is None
    assert courses["Signs of Safety"].grades == [
        "social_worker",
        "senior_practitioner",
        "team_manager",
    ]
    systemic = courses["Systemic practice"]
    assert not systemic.mandatory
    assert (systemic.org_roles, systemic.contract_types) == ([4, 5], ["permanent", "fixed_term"])
    assert systemic.staff_groups == ["social_worker", "family_support"]  # a label, a code
    assert courses["Signs of Safety"].staff_groups == ["social_worker"]
    assert courses["Data protection"].staff_groups == []  # empty: every staff group


def test_completions_find_their_course_by_name_and_inductions_take_agency_workers(
    catalogue: wf.Authority,
) -> None:
    load("training", TRAINING / "training.csv")
    load("induction", TRAINING / "induction.csv")
    third = Completion.objects.get(worker__pseudonym="E000003")
    assert (third.course.name, third.completed_date) == ("Signs of Safety", dt.date(2023, 1, 10))
    locum = Induction.objects.get(worker__pseudonym="A000001")
    assert (locum.start_date, locum.completed_date) == (dt.date(2024, 2, 1), dt.date(2024, 2, 15))
    assert Induction.objects.get(worker__pseudonym="E000007").completed_date is None


def test_a_changed_course_is_updated_and_undo_puts_it_back(
    catalogue: wf.Authority, tmp_path: Path
) -> None:
    changed = tmp_path / "courses.csv"
    changed.write_text("course,mandatory,renewal_months\nData protection,yes,36\n")
    outcome = load("courses", changed)
    assert outcome.counts is not None and outcome.counts.updated == 1
    assert Course.objects.get(name="Data protection").renewal_months == 36
    assert outcome.batch is not None
    undo_batch(outcome.batch.pk, "test")
    assert Course.objects.get(name="Data protection").renewal_months == 24


BAD = {
    "training_unknown_worker.csv": (
        "training",
        "worker_id,course,completed_date\nE424242,Safeguarding refresher,2024-03-01\n",
        "training_unknown_worker.csv, row 2, worker_id: found 'E424242'; expected a worker "
        "already in Thrive for 999 (import the staff extract or census first)",
    ),
    "training_unknown_course.csv": (
        "training",
        "worker_id,course,completed_date\nE000001,Safeguarding refresher,2024-03-01\n"
        "E000002,Basket weaving,2024-03-01\n",
        "training_unknown_course.csv, row 3, course: found 'Basket weaving'; expected a course "
        "in the course catalogue (import the courses file first)",
    ),
    "training_future_date.csv": (
        "training",
        "worker_id,course,completed_date\nE000001,Safeguarding refresher,2025-01-01\n",
        "training_future_date.csv, row 2, completed_date: found '2025-01-01'; expected a date "
        "not in the future (today is 2024-10-15)",
    ),
    "training_duplicate.csv": (
        "training",
        "worker_id,course,completed_date\nE000001,Data protection,2024-03-01\n"
        "E000001,Data protection,2024-03-01\n",
        "training_duplicate.csv, row 3, completed_date: found '2024-03-01'; expected one row "
        "per worker and course and completed_date: row 2 has the same",
    ),
    "training_blank_course.csv": (
        "training",
        "worker_id,course,completed_date\nE000001,,2024-03-01\n",
        "training_blank_course.csv, row 2, course: found nothing; expected a value: course is "
        "required",
    ),
    "training_blank.csv": (
        "training",
        "worker_id,course,completed_date\n",
        "training_blank.csv: at least one data row under the headings",
    ),
    "induction_done_before_start.csv": (
        "induction",
        "worker_id,start_date,completed_date\nA000001,2024-02-01,2024-01-15\n",
        "induction_done_before_start.csv, row 2, completed_date: found '2024-01-15'; expected "
        "a date on or after start_date (2024-02-01)",
    ),
    "induction_duplicate.csv": (
        "induction",
        "worker_id,start_date\nE000003,2022-09-05\nE000003,2022-09-05\n",
        "induction_duplicate.csv, row 3, start_date: found '2022-09-05'; expected one row per "
        "worker and start_date: row 2 has the same",
    ),
    "courses_unknown_grade.csv": (
        "courses",
        "course,mandatory,grades\nFirst aid,yes,social_worker; wizard\n",
        "courses_unknown_grade.csv, row 2, grades: found 'wizard'; expected codes from asye, "
        "social_worker, senior_practitioner, consultant_social_worker, team_manager, "
        "operations_manager, head_of_service, separated by ';'",
    ),
    "courses_duplicate.csv": (
        "courses",
        "course,mandatory\nFirst aid,yes\nFirst aid,no\n",
        "courses_duplicate.csv, row 3, course: found 'First aid'; expected one row per course: "
        "row 2 has the same",
    ),
    "courses_renewal_zero.csv": (
        "courses",
        "course,mandatory,renewal_months\nFirst aid,yes,0\n",
        "courses_renewal_zero.csv, row 2, renewal_months: found '0'; expected a whole number at "
        "least 1 and at most 120",
    ),
    "courses_unknown_staff_group.csv": (
        "courses",
        "course,mandatory,staff_groups\nFirst aid,yes,social_worker; foster carers\n",
        "courses_unknown_staff_group.csv, row 2, staff_groups: found 'foster carers'; expected "
        "codes from social_worker, family_support, personal_adviser, early_help, nursery, "
        "business_support, other, separated by ';'",
    ),
    "courses_blank_mandatory.csv": (
        "courses",
        "course,mandatory\nFirst aid,\n",
        "courses_blank_mandatory.csv, row 2, mandatory: found nothing; expected a value: "
        "mandatory is required",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_is_refused_and_changes_nothing(
    name: str, catalogue: wf.Authority, tmp_path: Path, refuses: Any
) -> None:
    kind, text, first_error = BAD[name]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    refuses(lambda: load(kind, path), first_error)


def _training_records() -> list[tuple[Any, ...]]:
    courses = Course.objects.values_list(
        "name",
        "mandatory",
        "renewal_months",
        "grades",
        "org_roles",
        "contract_types",
        "staff_groups",
    )
    done = Completion.objects.values_list("worker__pseudonym", "course__name", "completed_date")
    inducted = Induction.objects.values_list("worker__pseudonym", "start_date", "completed_date")
    return sorted(map(tuple, courses)) + sorted(done) + sorted(inducted, key=str)


def test_exported_training_imports_back_as_the_same_records(
    catalogue: wf.Authority, tmp_path: Path
) -> None:
    load("training", TRAINING / "training.csv")
    load("induction", TRAINING / "induction.csv")
    before = _training_records()
    for kind in TRAINING_EXPORTERS:
        write_kind(kind, catalogue, tmp_path / f"{kind}.csv")
    Course.objects.all().delete()
    Induction.objects.all().delete()
    assert _training_records() == []
    for kind in TRAINING_EXPORTERS:  # in order: the catalogue first
        load(kind, tmp_path / f"{kind}.csv")
    assert _training_records() == before
    assert before[2][3] == ["social_worker", "senior_practitioner", "team_manager"]
