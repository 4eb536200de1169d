"""A later return never changes what an earlier one said; where it disagrees, a located warning.

Built on the golden 2023 and 2024 returns (tests/data), edited one way each: a worker whose date
of birth changes, a role dated years back that the 2023 return does not have (its RoleStartDate
kept, and given back by the export), a leaver who leaves again, a worker no longer returned.
Also: the 2017-2021 returns are read with their own year's rules.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from thrive.census.export import build_return, export_return
from thrive.frames.load import load
from thrive.import_records.models import CensusWorkerDetail
from thrive.ingest.census_import import import_census
from thrive.metrics import compute
from thrive.problems import ImportValidationError, Problem
from thrive.workforce import models as wf

pytestmark = pytest.mark.django_db

FIGURES = ("fte_in_post", "headcount_in_post", "starters_fte", "leavers_fte", "turnover_rate")


def record(text: str, number: str) -> str:
    """The CSWWWorker record of worker ``number`` in a return's text."""
    found = re.search(rf"<CSWWWorker>(?:(?!</CSWWWorker>).)*{number}.*?</CSWWWorker>", text, re.S)
    assert found is not None
    return found.group(0)


def edited_2024(data: Path, tmp_path: Path, old: str, new: str) -> Path:
    text = (data / "golden_2024.xml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "csww_2024.xml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def figures_2023() -> dict[str, float]:
    frames = load(wf.Authority.objects.get(la_number="999"))
    results = compute(frames, as_at=date(2023, 9, 30), names=FIGURES)
    return {r.name: r.value for r in results if r.slice is None}


def warnings_of(path: Path, data: Path) -> tuple[dict[str, float], list[Problem]]:
    import_census([data / "golden_2023.xml"], user="test")
    before = figures_2023()
    outcome = import_census([path], user="test")[-1]
    assert figures_2023() == before  # the 2023 return's figures stay as it gave them
    return before, [p for p in outcome.problems if not p.is_error]


def test_a_changed_birth_date_keeps_the_earlier_one(data: Path, tmp_path: Path) -> None:
    path = edited_2024(data, tmp_path, "1980-03-14", "1981-03-14")
    _, warnings = warnings_of(path, data)
    assert wf.Worker.objects.get(swe_number="SW100001").birth_date == date(1980, 3, 14)
    [warning] = [w for w in warnings if w.field == "PersonBirthDate"]
    assert warning.file == "csww_2024.xml"
    assert warning.location == "Message/CSWWWorker[1]/PersonBirthDate"
    assert warning.value == "1981-03-14"
    assert "Thrive keeps 1980-03-14" in warning.expected


def with_a_role_from_2015(data: Path, tmp_path: Path) -> Path:
    """The 2024 return with a worker whose role started in 2015, absent from the 2023 return."""
    text = (data / "golden_2024.xml").read_text(encoding="utf-8")
    newcomer = (
        record(text, "SW100008")
        .replace("SW100008", "SW100099")
        .replace("<RoleStartDate>2024-01-15", "<RoleStartDate>2015-01-05")
    )
    return edited_2024(data, tmp_path, "</Message>", newcomer + "</Message>")


def test_a_role_dated_before_the_earlier_return_counts_from_after_it(
    data: Path, tmp_path: Path
) -> None:
    _, warnings = warnings_of(with_a_role_from_2015(data, tmp_path), data)
    spell = wf.EmploymentSpell.objects.get(worker__swe_number="SW100099")
    assert (spell.start_date, spell.start_origin) == (date(2023, 10, 1), None)  # not a starter
    [warning] = [w for w in warnings if w.field == "RoleStartDate"]
    assert warning.value == "2015-01-05"
    assert "counts this role from 2023-10-01" in warning.expected


def returned_start(authority: wf.Authority, year: int, number: str) -> str:
    [found] = [w for w in build_return(authority, year).workers if w.values["SWENo"] == number]
    return found.values["RoleStartDate"]


def test_the_returned_role_start_date_is_kept_and_exported_again(
    data: Path, tmp_path: Path
) -> None:
    warnings_of(with_a_role_from_2015(data, tmp_path), data)
    kept = CensusWorkerDetail.objects.exclude(role_start_date=None)
    assert list(kept.values_list("worker__swe_number", "year", "role_start_date")) == [
        ("SW100099", 2024, date(2015, 1, 5))
    ]
    golden = wf.Authority.objects.get(la_number="999")
    assert returned_start(golden, 2024, "SW100099") == "2015-01-05"  # as the council sent it
    assert returned_start(golden, 2025, "SW100099") == "2015-01-05"  # the role carries on
    assert returned_start(golden, 2024, "SW100008") == "2024-01-15"  # everyone else unchanged
    files = []
    for year in (2023, 2024):  # exported, then imported into a second authority
        files.append(tmp_path / f"again_{year}.xml")
        export_return(golden, year, files[-1])
        text = files[-1].read_text(encoding="utf-8").replace("<LEA>999</LEA>", "<LEA>998</LEA>")
        files[-1].write_text(text, encoding="utf-8")
    import_census(files, user="test")
    spells = wf.EmploymentSpell.objects.filter(worker__swe_number="SW100099")
    assert sorted((s.worker.authority.la_number, s.start_date, s.start_origin) for s in spells) == [
        ("998", date(2023, 10, 1), None),
        ("999", date(2023, 10, 1), None),
    ]
    copy = wf.Authority.objects.get(la_number="998")
    assert returned_start(copy, 2024, "SW100099") == "2015-01-05"


def test_a_leaver_who_leaves_again_stays_the_earlier_leaver(data: Path, tmp_path: Path) -> None:
    text = (data / "golden_2023.xml").read_text(encoding="utf-8")
    again = record(text, "SW100005").replace("2023-03-31", "2024-03-31")
    again = re.sub(r"<GenderCurrent>2</GenderCurrent>", "<Sex>F</Sex>", again)
    path = edited_2024(data, tmp_path, "</Message>", again + "</Message>")
    _, warnings = warnings_of(path, data)
    spell = wf.EmploymentSpell.objects.get(worker__swe_number="SW100005")
    assert (spell.end_date, spell.reason_leave) == (date(2023, 3, 31), 1)
    [warning] = [w for w in warnings if w.field == "RoleEndDate"]
    assert warning.value == "2024-03-31"
    assert "already ended on 2023-03-31" in warning.expected


def test_a_worker_no_longer_returned_is_a_warning_not_a_leaver(data: Path, tmp_path: Path) -> None:
    text = (data / "golden_2024.xml").read_text(encoding="utf-8")
    path = edited_2024(data, tmp_path, record(text, "SW100006"), "")
    _, warnings = warnings_of(path, data)
    spell = wf.EmploymentSpell.objects.get(worker__swe_number="SW100006")
    assert (spell.end_date, spell.reason_leave) == (date(2023, 9, 30), None)
    [warning] = [w for w in warnings if w.value == "SW100006"]
    assert (warning.location, warning.field) == ("Message/CSWWWorker", "SWENo")


def test_a_new_role_from_1_october_is_a_change_of_role_not_a_worker_no_longer_returned(
    data: Path, tmp_path: Path
) -> None:
    text = (data / "golden_2024.xml").read_text(encoding="utf-8")
    old = record(text, "SW100006")
    promoted = old.replace("<OrgRole>5</OrgRole>", "<OrgRole>4</OrgRole>").replace(
        "<RoleStartDate>2023-01-09</RoleStartDate>", "<RoleStartDate>2023-10-01</RoleStartDate>"
    )
    _, warnings = warnings_of(edited_2024(data, tmp_path, old, promoted), data)
    assert [w for w in warnings if w.value == "SW100006"] == []
    spells = wf.EmploymentSpell.objects.filter(worker__swe_number="SW100006").order_by("start_date")
    assert [(s.org_role, s.start_date, s.end_date, s.reason_leave) for s in spells] == [
        (5, date(2023, 1, 9), date(2023, 9, 30), None),
        (4, date(2023, 10, 1), None, None),
    ]


@pytest.mark.parametrize("year", [2017, 2018, 2019, 2020, 2021])
def test_returns_from_2017_are_read_with_their_years_rules(
    data: Path, tmp_path: Path, year: int
) -> None:
    text = (data / "golden_2023.xml").read_text(encoding="utf-8")
    shift = 2023 - year  # every date moves back by whole years, so the figures stay the same
    text = re.sub(r"(?<![0-9])((?:19|20)[0-9]{2})-", lambda m: f"{int(m[1]) - shift}-", text)
    text = text.replace("<Year>2023</Year>", f"<Year>{year}</Year>")
    path = tmp_path / f"csww_{year}.xml"
    path.write_text(text, encoding="utf-8")
    [outcome] = import_census([path], user="test")
    assert outcome.batch is not None
    frames = load(wf.Authority.objects.get(la_number="999"))
    [in_post] = compute(frames, as_at=date(year, 9, 30), names=["fte_in_post"])
    assert in_post.value == pytest.approx(4.8)  # as the golden 2023 return gives


def test_a_2016_return_is_refused_with_the_years_thrive_knows(data: Path, tmp_path: Path) -> None:
    text = (data / "golden_2023.xml").read_text(encoding="utf-8")
    path = tmp_path / "csww_2016.xml"
    path.write_text(text.replace("<Year>2023</Year>", "<Year>2016</Year>"), encoding="utf-8")
    with pytest.raises(ImportValidationError) as refused:
        import_census([path], user="test")
    [problem] = [p for p in refused.value.problems if p.field == "Year"]
    assert problem.expected.startswith("a collection year Thrive knows: 2017, 2018")
