"""The records of development and feedback imported in bulk, and the measures they feed.

Line management, ASYE, schemes, exit interviews, staff survey answers, CPD, stay
conversations, registration events, teams, team managers and targets go through the same
importer as the HR extracts: each sample file in
tests/data/records/ goes in, feeds its measure as admin-entered records would, changes nothing
the second time, and comes back out with undo.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from thrive.frames.load import load as load_frames
from thrive.frames.load_lifecycle import load as load_lifecycle
from thrive.import_records.models import QuarantinedRow
from thrive.ingest.extract_import import import_extract
from thrive.ingest.outcome import FileOutcome
from thrive.ingest.undo import undo_batch
from thrive.lifecycle import models as lc
from thrive.metrics.definitions.practice import direct_reports
from thrive.problems import ImportValidationError
from thrive.retention.careers import asye_progress, scheme_members
from thrive.retention.exits import exit_reasons
from thrive.retention.surveys import item_scores
from thrive.workforce import models as wf

pytestmark = pytest.mark.django_db
TODAY = dt.date(2024, 10, 15)
RECORDS = Path(__file__).parents[1] / "data" / "records"
ADDED = {
    "line_management": 5,
    "asye": 2,
    "schemes": 3,
    "exit_interviews": 1,
    "survey": 5,
    "cpd": 3,
    "stay_conversations": 2,
    "teams": 2,
    "team_managers": 3,
    "registration": 4,
    "targets": 3,
}


def load(kind: str, path: Path, **options: Any) -> FileOutcome:
    options.setdefault("user", "test")
    options.setdefault("today", TODAY)
    return import_extract(kind, path, **options)


def _csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def council(data: Path) -> wf.Authority:
    load("posts", data / "posts.csv", authority="999")
    load("staff", data / "staff.csv")
    return wf.Authority.objects.get(la_number="999")


def worker(pseudonym: str) -> wf.Worker:
    return wf.Worker.objects.get(pseudonym=pseudonym)


@pytest.mark.parametrize("kind", sorted(ADDED))
def test_each_kind_goes_in_once_and_comes_back_out(
    kind: str, council: wf.Authority, imports_once_and_undoes: Any
) -> None:
    imports_once_and_undoes(lambda: load(kind, RECORDS / f"{kind}.csv"), ADDED[kind])


def test_line_management_feeds_the_span_of_control(council: wf.Authority) -> None:
    load("line_management", RECORDS / "line_management.csv")
    frames = load_frames(council)
    alex = worker("E000001").pk
    assert direct_reports(frames, alex, dt.date(2023, 1, 1)) == 3
    assert direct_reports(frames, alex, dt.date(2024, 9, 30)) == 2  # Dan left in May
    assert direct_reports(frames, worker("E000006").pk, dt.date(2024, 9, 30)) == 1


def test_a_later_line_ends_the_open_one_and_undo_restores_it(
    council: wf.Authority, tmp_path: Path
) -> None:
    load("line_management", RECORDS / "line_management.csv")
    moved = _csv(
        tmp_path / "moved.csv",
        "worker_id,manager_id,start_date\nE000005,E000001,2024-06-01\n",
    )
    outcome = load("line_management", moved)
    eve = wf.LineManagement.objects.filter(report__pseudonym="E000005").order_by("start_date")
    assert [(line.manager.pseudonym, line.start_date, line.end_date) for line in eve] == [
        ("E000002", dt.date(2023, 9, 4), dt.date(2024, 5, 31)),
        ("E000001", dt.date(2024, 6, 1), None),
    ]
    assert outcome.batch is not None
    undo_batch(outcome.batch.pk, "test")
    assert [(line.start_date, line.end_date) for line in eve.all()] == [(dt.date(2023, 9, 4), None)]


def test_an_overlapping_line_is_refused_with_its_row(council: wf.Authority, tmp_path: Path) -> None:
    load("line_management", RECORDS / "line_management.csv")
    clash = _csv(
        tmp_path / "clash.csv",
        "worker_id,manager_id,start_date,end_date\nE000004,E000002,2022-01-01,2022-06-30\n",
    )
    with pytest.raises(ImportValidationError) as refused:
        load("line_management", clash)
    assert refused.value.errors[0].message() == (
        "clash.csv, row 2, start_date: found '2022-01-01'; expected a line that does not "
        "overlap this worker's line from 2021-05-10 to 2024-05-31 (one line manager at a time)"
    )


def test_asye_and_schemes_feed_careers(council: wf.Authority) -> None:
    load("asye", RECORDS / "asye.csv")
    load("schemes", RECORDS / "schemes.csv")
    frames = load_frames(council)
    progress = asye_progress(frames, dt.date(2024, 10, 1))
    assert dict(zip(progress["pseudonym"], progress["outcome"], strict=True)) == {
        "E000003": "pass",
        "E000005": "extended",
    }
    members = scheme_members(frames, dt.date(2024, 10, 1))
    assert members.select("pseudonym", "scheme").rows() == [("E000002", "aspirant_manager")]


def test_exit_interviews_find_the_leaving_and_feed_the_reasons(council: wf.Authority) -> None:
    load("exit_interviews", RECORDS / "exit_interviews.csv")
    interview = lc.ExitInterview.objects.get()
    dan_left = wf.EmploymentSpell.objects.get(worker__pseudonym="E000004")
    assert interview.leaving_spell == dan_left
    assert (interview.would_return, interview.would_recommend) == (True, False)
    reasons = exit_reasons(load_lifecycle(council), load_frames(council), min_group=1)
    main = reasons.filter(reasons["reason"] == "workload")
    assert main["main_reason"].to_list() == [1]


def test_survey_rows_make_anonymous_responses_and_feed_the_scores(council: wf.Authority) -> None:
    outcome = load("survey", RECORDS / "survey.csv")
    assert outcome.counts is not None and outcome.counts.added == 5
    wave = lc.SurveyWave.objects.get()
    assert (wave.name, wave.kind, wave.start_date) == (
        "All-staff survey 2023",
        "all_staff",
        dt.date(2023, 11, 1),
    )
    responses = {r.respondent: r for r in lc.SurveyResponse.objects.all()}
    assert sorted(responses) == ["R001", "R002", "R003"]
    assert responses["R001"].comments == "Supervision has got better this year."
    assert responses["R002"].comments == "Too many cases, but a good team."
    assert responses["R002"].grade == "senior_practitioner"
    assert responses["R003"].team is None
    scores = item_scores(load_lifecycle(council), load_frames(council), min_group=1)
    supervision = scores.filter(scores["code"] == "supervision_quality")
    assert supervision.select("responses", "mean_score").rows() == [(3, 4.0)]


def test_a_survey_respondent_must_agree_with_themselves(
    council: wf.Authority, tmp_path: Path
) -> None:
    text = (
        (RECORDS / "survey.csv")
        .read_text(encoding="utf-8")
        .replace(
            "R002,Children in Care South,senior_practitioner,workload_manageable",
            "R002,Child Protection North,senior_practitioner,workload_manageable",
        )
    )
    with pytest.raises(ImportValidationError) as refused:
        load("survey", _csv(tmp_path / "survey.csv", text))
    assert refused.value.errors[0].message() == (
        "survey.csv, row 5, team: found 'Child Protection North'; expected the same team on "
        "every row of respondent 'R002': row 4 gives 'Children in Care South'"
    )


def test_cpd_and_stay_conversations_feed_the_lifecycle_frames(council: wf.Authority) -> None:
    load("cpd", RECORDS / "cpd.csv")
    load("stay_conversations", RECORDS / "stay_conversations.csv")
    lifecycle = load_lifecycle(council)
    assert lifecycle.cpd.height == 3
    talks = {t.worker.pseudonym: t for t in lc.StayConversation.objects.all()}
    assert talks["E000004"].held_by == worker("E000001")
    assert (talks["E000007"].held_by, talks["E000007"].held_by_name) == (
        None,
        "HR business partner",
    )
    assert lifecycle.conversations["outcome"].sort().to_list() == ["action_agreed", "leaving"]


def test_a_changed_row_updates_the_record_and_undo_brings_it_back(
    council: wf.Authority, tmp_path: Path
) -> None:
    load("asye", RECORDS / "asye.csv")
    text = (RECORDS / "asye.csv").read_text(encoding="utf-8")
    later = _csv(tmp_path / "asye.csv", text.replace("2024-12-20", "2025-01-31"))
    outcome = load("asye", later)
    assert outcome.counts is not None and (outcome.counts.updated, outcome.counts.unchanged) == (
        1,
        1,
    )
    eve = lc_asye = wf.AsyeProgramme.objects.get(worker__pseudonym="E000005")
    assert eve.extended_to == dt.date(2025, 1, 31)
    assert outcome.batch is not None
    undo_batch(outcome.batch.pk, "test")
    lc_asye.refresh_from_db()
    assert lc_asye.extended_to == dt.date(2024, 12, 20)


def test_skip_invalid_quarantines_a_row_naming_an_unknown_worker(
    council: wf.Authority, tmp_path: Path
) -> None:
    text = (RECORDS / "cpd.csv").read_text(encoding="utf-8") + "E999999,,2024-01-05,Course\n"
    outcome = load("cpd", _csv(tmp_path / "cpd.csv", text), skip_invalid=True)
    assert outcome.counts is not None and (outcome.counts.added, outcome.counts.rejected) == (3, 1)
    kept = QuarantinedRow.objects.get()
    assert kept.location == "row 5"
    assert kept.errors[0]["field"] == "worker_id"


def test_teams_update_a_known_team_and_undo_puts_it_back(
    council: wf.Authority, tmp_path: Path
) -> None:
    load("teams", RECORDS / "teams.csv")
    assert wf.Team.objects.get(name="Child Protection South").closed == dt.date(2023, 3, 31)
    assert not wf.EstablishmentPost.objects.filter(team__name="Disabled Children East").exists()
    dated = _csv(
        tmp_path / "dated.csv",
        "service,team,team_kind,opened\nSafeguarding,Child Protection North,,2019-10-01\n",
    )
    outcome = load("teams", dated)
    assert outcome.counts is not None and outcome.counts.updated == 1
    north = wf.Team.objects.get(name="Child Protection North")
    assert (north.kind, north.opened) == ("child_protection", dt.date(2019, 10, 1))
    assert outcome.batch is not None
    undo_batch(outcome.batch.pk, "test")
    assert wf.Team.objects.get(name="Child Protection North").opened is None


def test_team_managers_targets_and_registration_are_stored_as_given(
    council: wf.Authority,
) -> None:
    for kind in ("team_managers", "targets", "registration"):
        load(kind, RECORDS / f"{kind}.csv")
    managed = wf.TeamManagerAssignment.objects.order_by("team__name", "start_date")
    assert [(m.team.name, m.manager.pseudonym, m.end_date) for m in managed] == [
        ("Child Protection North", "E000001", None),
        ("Children in Care South", "E000006", dt.date(2024, 3, 31)),
        ("Children in Care South", "E000007", None),
    ]
    targets = {
        (t.measure, t.group): (t.target, t.amber_within, t.note) for t in council.targets.all()
    }
    assert targets[("workforce_by_ethnicity", "Asian")][0] == Decimal("9.3")
    assert targets[("turnover_rate", "")][1:] == (2, "Workforce strategy 2024-27")
    lapsed = lc.RegistrationRecord.objects.get(event="lapsed")
    assert (lapsed.worker.pseudonym, lapsed.registration_year) == ("E000004", 2024)
