"""Staff groups beyond social workers: imported, kept out of the census and its measures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from thrive.census.export import build_return
from thrive.codes.staff import StaffGroup
from thrive.frames.load import load
from thrive.ingest.extract_import import import_extract
from thrive.problems import ImportValidationError
from thrive.workforce import models as wf

pytestmark = pytest.mark.django_db
TODAY = dt.date(2024, 10, 15)
CREATED = dt.datetime(2024, 10, 15, 9, 0)


def _load(kind: str, path: Path) -> None:
    import_extract(kind, path, user="test", today=TODAY, authority="999")


@pytest.fixture
def council(data: Path) -> wf.Authority:
    _load("posts", data / "posts.csv")
    _load("staff", data / "staff.csv")
    return wf.Authority.objects.get(la_number="999")


def test_existing_spells_and_a_file_without_the_column_are_social_workers(
    council: wf.Authority,
) -> None:
    groups = set(wf.EmploymentSpell.objects.values_list("staff_group", flat=True))
    assert groups == {StaffGroup.SOCIAL_WORKER.value}


def test_other_staff_groups_are_imported_by_code_or_label(
    council: wf.Authority, data: Path
) -> None:
    _load("staff", data / "staff_other_groups.csv")
    stored = dict(
        wf.EmploymentSpell.objects.filter(worker__pseudonym__startswith="F").values_list(
            "worker__pseudonym", "staff_group"
        )
    )
    assert stored == {
        "F000001": "family_support",
        "F000002": "family_support",
        "F000003": "early_help",
        "F000004": "social_worker",  # an empty cell is a social worker
    }


def test_a_social_worker_still_needs_what_the_census_needs(
    council: wf.Authority, tmp_path: Path
) -> None:
    # The same row as the family support worker's, but as a social worker: no date of birth.
    bad = tmp_path / "staff.csv"
    bad.write_text(
        "worker_id,team,grade,contract_type,fte,start_date,staff_group\n"
        "F000009,Child Protection North,social_worker,permanent,1,2022-04-04,social_worker\n"
    )
    with pytest.raises(ImportValidationError) as refused:
        _load("staff", bad)
    assert refused.value.errors[0].field == "birth_date"


def test_the_frames_every_measure_reads_hold_social_workers_only(
    council: wf.Authority, data: Path
) -> None:
    before = load(council)
    _load("staff", data / "staff_other_groups.csv")
    after = load(council)
    others = {"F000001", "F000002", "F000003"}
    ids = set(wf.Worker.objects.filter(pseudonym__in=others).values_list("pk", flat=True))
    assert not set(after.spells["worker_id"]) & ids
    # Only the new social worker (F000004) and Dan's new spell joined the social workers.
    assert after.spells.height == before.spells.height + 2
    assert set(after.all_spells["worker_id"]) >= ids
    assert after.all_spells.height == after.spells.height + 3
    groups = after.all_spells.group_by("staff_group").len().sort("staff_group").rows()
    assert groups == [("early_help", 1), ("family_support", 2), ("social_worker", 10)]


def test_the_census_return_never_includes_another_staff_group(
    council: wf.Authority, data: Path, tmp_path: Path
) -> None:
    before = build_return(council, 2024, created=CREATED)
    others = tmp_path / "others.csv"
    others.write_text(
        "\n".join((data / "staff_other_groups.csv").read_text().splitlines()[:4]) + "\n"
    )
    _load("staff", others)
    after = build_return(council, 2024, created=CREATED)
    assert after.la_level == before.la_level
    assert [w.values for w in after.workers] == [w.values for w in before.workers]
    assert wf.EmploymentSpell.objects.exclude(staff_group="social_worker").count() == 3
