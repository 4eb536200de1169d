"""Students on placement and apprentices and sponsored trainees imported in bulk.

Each sample file in tests/data/trainees/ goes in, changes nothing the second time, and comes
back out with undo; every file of the bad-input corpus is refused with its first error named
and the store left exactly as it was; what ``thrive export records`` writes imports back as the
same records.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from thrive.ingest.extract_import import import_extract
from thrive.ingest.outcome import FileOutcome
from thrive.ingest.record_export import write_kind
from thrive.ingest.undo import undo_batch
from thrive.trainees.models import StudentPlacement, Trainee
from thrive.workforce import models as wf

pytestmark = pytest.mark.django_db
TODAY = dt.date(2024, 10, 15)
TRAINEES = Path(__file__).parents[1] / "data" / "trainees"
ADDED = {"students": 5, "trainees": 4}


def load(kind: str, path: Path, **options: Any) -> FileOutcome:
    options.setdefault("user", "test")
    options.setdefault("today", TODAY)
    return import_extract(kind, path, **options)


@pytest.fixture
def council(data: Path) -> wf.Authority:
    load("posts", data / "posts.csv", authority="999")
    load("staff", data / "staff.csv")
    return wf.Authority.objects.get(la_number="999")


@pytest.mark.parametrize("kind", sorted(ADDED))
def test_each_kind_goes_in_once_and_comes_back_out(
    kind: str, council: wf.Authority, imports_once_and_undoes: Any
) -> None:
    imports_once_and_undoes(lambda: load(kind, TRAINEES / f"{kind}.csv"), ADDED[kind])


def test_placements_read_common_spellings_and_name_their_team_and_worker(
    council: wf.Authority,
) -> None:
    load("students", TRAINEES / "students.csv")
    first, again = StudentPlacement.objects.filter(student="ST001").order_by("start_date")
    assert (first.placement_type, again.placement_type) == ("first", "final")
    assert first.team is not None and first.team.name == "Child Protection North"
    joined = StudentPlacement.objects.get(student="ST002")
    assert (joined.offered_post, joined.took_post) == (True, True)
    assert joined.worker is not None and joined.worker.pseudonym == "E000005"
    assert StudentPlacement.objects.get(student="ST003").team is None
    assert StudentPlacement.objects.get(student="ST004").placement_type == "fast_track"


def test_trainees_read_routes_and_statuses_as_exports_spell_them(council: wf.Authority) -> None:
    load("trainees", TRAINEES / "trainees.csv")
    found = {t.trainee: t for t in Trainee.objects.filter(authority=council)}
    assert (found["TR002"].route, found["TR003"].route) == ("sponsored", "step_up")
    assert (found["TR003"].status, found["TR004"].status) == ("in_training", "withdrew")
    assert found["TR001"].worker is not None and found["TR001"].worker.pseudonym == "E000003"
    assert found["TR002"].expected_qualification == dt.date(2025, 6, 30)  # after today: fine


def test_a_trainee_who_qualifies_is_updated_and_undo_puts_them_back(
    council: wf.Authority, tmp_path: Path
) -> None:
    load("trainees", TRAINEES / "trainees.csv")
    changed = tmp_path / "trainees.csv"
    changed.write_text(
        "trainee,route,start_date,expected_qualification,status,status_date,worker_id\n"
        "TR002,sponsored,2023-09-18,2025-06-30,qualified,2024-09-30,E000007\n"
    )
    outcome = load("trainees", changed)
    assert outcome.counts is not None and outcome.counts.updated == 1
    qualified = Trainee.objects.get(trainee="TR002")
    assert qualified.status == "qualified" and qualified.worker is not None
    assert outcome.batch is not None
    undo_batch(outcome.batch.pk, "test")
    back = Trainee.objects.get(trainee="TR002")
    assert (back.status, back.status_date, back.worker) == ("in_training", None, None)


STUDENT = "student,university,placement_type,team,start_date,end_date,offered_post,took_post,"
TRAINEE = "trainee,route,start_date,expected_qualification,status,status_date,worker_id\n"
BAD = {
    "students_unknown_type.csv": (
        "students",
        STUDENT + "worker_id\nST9,Leeds,third placement,,2024-01-08,,,,\n",
        "students_unknown_type.csv, row 2, placement_type: found 'third placement'; expected "
        "one of first (First placement), final (Final placement), fast_track (Step Up, "
        "Frontline or other fast-track placement), other (Other placement)",
    ),
    "students_unknown_team.csv": (
        "students",
        STUDENT + "worker_id\nST9,Leeds,final,Basket Weaving,2024-01-08,,,,\n",
        "students_unknown_team.csv, row 2, team: found 'Basket Weaving'; expected a team "
        "already in Thrive (import the posts extract first, or add the team in the admin)",
    ),
    "students_unknown_worker.csv": (
        "students",
        STUDENT + "worker_id\nST9,Leeds,final,,2024-01-08,,yes,yes,E424242\n",
        "students_unknown_worker.csv, row 2, worker_id: found 'E424242'; expected a worker "
        "already in Thrive for 999 (import the staff extract first), or nothing until they "
        "start with the council",
    ),
    "students_ends_before_start.csv": (
        "students",
        STUDENT + "worker_id\nST9,Leeds,final,,2024-01-08,2023-12-01,,,\n",
        "students_ends_before_start.csv, row 2, end_date: found '2023-12-01'; expected a date "
        "on or after start_date (2024-01-08)",
    ),
    "students_took_unoffered_post.csv": (
        "students",
        STUDENT + "worker_id\nST9,Leeds,final,,2024-01-08,,no,yes,\n",
        "students_took_unoffered_post.csv, row 2, took_post: found 'yes'; expected no, or "
        "empty, when offered_post is no",
    ),
    "students_duplicate.csv": (
        "students",
        STUDENT + "worker_id\nST9,Leeds,final,,2024-01-08,,,,\nST9,York,final,,2024-01-08,,,,\n",
        "students_duplicate.csv, row 3, start_date: found '2024-01-08'; expected one row per "
        "student and start_date: row 2 has the same",
    ),
    "students_blank_university.csv": (
        "students",
        STUDENT + "worker_id\nST9,,final,,2024-01-08,,,,\n",
        "students_blank_university.csv, row 2, university: found nothing; expected a value: "
        "university is required",
    ),
    "trainees_unknown_route.csv": (
        "trainees",
        TRAINEE + "TR9,wizardry,2023-09-18,2025-06-30,in_training,,\n",
        "trainees_unknown_route.csv, row 2, route: found 'wizardry'; expected one of "
        "apprenticeship (Social work degree apprenticeship), sponsored (Sponsored degree or "
        "masters), step_up (Step Up to Social Work), frontline (Frontline), other (Other route)",
    ),
    "trainees_qualify_before_start.csv": (
        "trainees",
        TRAINEE + "TR9,step_up,2023-09-18,2023-06-30,in_training,,\n",
        "trainees_qualify_before_start.csv, row 2, expected_qualification: found '2023-06-30'; "
        "expected a date on or after start_date (2023-09-18)",
    ),
    "trainees_withdrew_without_date.csv": (
        "trainees",
        TRAINEE + "TR9,step_up,2023-09-18,2025-06-30,withdrew,,\n",
        "trainees_withdrew_without_date.csv, row 2, status_date: found nothing; expected a "
        "date: the day they withdrew",
    ),
    "trainees_dated_while_training.csv": (
        "trainees",
        TRAINEE + "TR9,step_up,2023-09-18,2025-06-30,in_training,2024-01-01,\n",
        "trainees_dated_while_training.csv, row 2, status_date: found '2024-01-01'; expected "
        "nothing while the trainee is in_training",
    ),
    "trainees_future_start.csv": (
        "trainees",
        TRAINEE + "TR9,step_up,2025-09-18,2027-06-30,in_training,,\n",
        "trainees_future_start.csv, row 2, start_date: found '2025-09-18'; expected a date "
        "not in the future (today is 2024-10-15)",
    ),
    "trainees_blank.csv": (
        "trainees",
        TRAINEE,
        "trainees_blank.csv: at least one data row under the headings",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_is_refused_and_changes_nothing(
    name: str, council: wf.Authority, tmp_path: Path, refuses: Any
) -> None:
    kind, text, first_error = BAD[name]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    refuses(lambda: load(kind, path), first_error)


def _pipeline() -> list[tuple[Any, ...]]:
    placements = StudentPlacement.objects.values_list(
        "student", "university", "placement_type", "team__name", "start_date", "end_date",
        "offered_post", "took_post", "worker__pseudonym",
    )  # fmt: skip
    trainees = Trainee.objects.values_list(
        "trainee", "route", "start_date", "expected_qualification", "status", "status_date",
        "worker__pseudonym",
    )  # fmt: skip
    return sorted(map(tuple, placements), key=str) + sorted(map(tuple, trainees), key=str)


def test_exported_students_and_trainees_import_back_as_the_same_records(
    council: wf.Authority, tmp_path: Path
) -> None:
    load("students", TRAINEES / "students.csv")
    load("trainees", TRAINEES / "trainees.csv")
    before = _pipeline()
    written = {kind: tmp_path / f"{kind}.csv" for kind in ADDED}
    for kind, path in written.items():
        write_kind(kind, council, path)
    StudentPlacement.objects.all().delete()
    Trainee.objects.all().delete()
    for kind, path in written.items():
        load(kind, path)
    assert _pipeline() == before
