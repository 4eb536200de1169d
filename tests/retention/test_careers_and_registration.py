"""ASYE progress and cohorts, progressions, time to progression, registration and reminders."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest
from retention_builders import frames, spell, worker
from retention_lifecycle import lifecycle

from thrive.retention.careers import (
    asye_cohorts,
    asye_progress,
    progressions,
    scheme_members,
    time_to_progression,
)
from thrive.retention.registration import registration_status, registration_year, reminders
from thrive.retention.tenure import tenure

ON = date(2024, 9, 30)


def _careers() -> object:
    people = [worker(n, route="asye") for n in (1, 2, 3)] + [worker(4)]
    spells = [
        spell(1, date(2020, 9, 1), date(2021, 8, 31), grade="asye"),
        spell(1, date(2021, 9, 1), date(2023, 3, 31), grade="social_worker"),
        spell(1, date(2023, 4, 1), None, grade="senior_practitioner"),
        spell(2, date(2020, 9, 1), date(2021, 8, 31), grade="asye"),
        spell(2, date(2021, 9, 1), date(2022, 10, 31), grade="social_worker", reason_leave=1),
        spell(3, date(2024, 7, 1), None, grade="asye", team_id=2),
        spell(4, date(2019, 1, 1), None, grade="social_worker", team_id=2),
    ]
    asye = [
        (1, "2020 September", date(2020, 9, 1), date(2020, 12, 1), date(2021, 3, 1),
         date(2021, 9, 1), "pass", date(2021, 8, 20), None),
        (2, "2020 September", date(2020, 9, 1), date(2020, 12, 1), date(2021, 3, 1),
         date(2021, 9, 1), "pass", date(2021, 8, 20), None),
        (3, "2024 July", date(2024, 7, 1), None, None, None, "", None, None),
    ]  # fmt: skip
    schemes = [(1, "practice_educator", date(2023, 6, 1), None),
               (4, "aspirant_manager", date(2022, 1, 1), date(2023, 1, 1))]  # fmt: skip
    return frames(people, spells, asye=asye, schemes=schemes)


def test_asye_reviews_due_and_overdue() -> None:
    table = asye_progress(_careers(), ON)  # type: ignore[arg-type]
    third = table.filter(pl.col("worker_id") == 3).row(0, named=True)
    assert third["review_3_months_due"] == date(2024, 10, 1)
    assert third["next_review_due"] == date(2024, 10, 1) and not third["overdue"]
    assert third["status"] == "in progress" and third["team"] == "Child Protection South"
    late = asye_progress(_careers(), date(2024, 11, 1)).filter(pl.col("worker_id") == 3)  # type: ignore[arg-type]
    assert late["overdue"][0]
    first = table.filter(pl.col("worker_id") == 1).row(0, named=True)
    assert first["status"] == "passed" and first["next_review_due"] is None


def test_asye_cohorts_count_who_is_still_employed() -> None:
    data = _careers()
    stints = tenure(data, ON, observed_from=date(2014, 10, 1))  # type: ignore[arg-type]
    cohort = asye_cohorts(data, stints, ON).filter(pl.col("cohort") == "2020 September")  # type: ignore[arg-type]
    row = cohort.row(0, named=True)
    assert row["started"] == 2 and row["passed"] == 2
    assert (row["due_1y"], row["kept_1y"]) == (2, 2)
    assert (row["due_2y"], row["kept_2y"]) == (2, 2)  # worker 2 left in October 2022
    assert (row["due_3y"], row["kept_3y"]) == (2, 1)


def test_progressions_and_time_to_progression() -> None:
    data = _careers()
    moves = progressions(data, ON)  # type: ignore[arg-type]
    assert moves.select("worker_id", "from_grade", "to_grade").rows() == [
        (1, "asye", "social_worker"), (2, "asye", "social_worker"),
        (1, "social_worker", "senior_practitioner"),
    ]  # fmt: skip
    result = time_to_progression(data, ON)  # type: ignore[arg-type]
    # social worker runs: worker 1 (1.58y, progressed), 2 (1.17y, left), 4 (5.75y, still there)
    assert result["people"] == 3 and result["progressed"] == 1
    assert result["progressed_within_2y_pct"] == pytest.approx(50.0)


def test_scheme_members_on_a_day() -> None:
    members = scheme_members(_careers(), ON)  # type: ignore[arg-type]
    assert members.select("pseudonym", "scheme").rows() == [("W000001", "practice_educator")]


def test_registration_status_and_reminders() -> None:
    assert registration_year(date(2024, 11, 30)) == 2024
    assert registration_year(date(2024, 12, 1)) == 2025
    data = _careers()
    records = lifecycle(
        registrations=[
            (1, 2024, "renewed", date(2023, 10, 1)), (1, 2025, "renewed", date(2024, 9, 10)),
            (3, 2024, "registered", date(2024, 6, 1)),
            (4, 2024, "renewed", date(2023, 11, 1)), (4, 2024, "lapsed", date(2024, 9, 1)),
        ],
        cpd=[(1, date(2024, 1, 5), "Course"), (1, date(2024, 5, 5), "Course"),
             (3, date(2023, 11, 30), "Before the year"), (3, date(2024, 7, 1), "Induction")],
    )  # fmt: skip
    status = dict(registration_status(data, records, ON).select("worker_id", "status").iter_rows())  # type: ignore[arg-type]
    assert status == {1: "renewed", 3: "renewal due", 4: "lapsed"}
    cpd = dict(
        registration_status(data, records, ON).select("worker_id", "cpd_this_year").iter_rows()
    )  # type: ignore[arg-type]
    assert cpd == {1: 2, 3: 1, 4: 0}
    due = reminders(data, records, ON)  # type: ignore[arg-type]
    kinds = sorted(due.select("worker_id", "kind").rows())
    assert kinds == [(3, "asye"), (3, "cpd"), (3, "registration"), (4, "cpd"), (4, "registration")]
    assert due["due"].to_list() == sorted(due["due"].to_list())
    assert reminders(data, records, ON, team="Assessment North").is_empty()  # type: ignore[arg-type]
