"""The demo store is internally consistent: it was made by moving people, not writing totals."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl
import pytest
from demo_counting import (
    AGENCY,
    DemoSnapshot,
    collection_year,
    in_post,
    month_ends,
    reports_on,
)

from thrive.codes import CareerGrade, Role

# django_db (though these only read frames): pytest-django sets up the test database only for
# sessions with django_db tests; without one the session fixture would reach the real store.
pytestmark = [pytest.mark.slow, pytest.mark.django_db]
DAY = timedelta(days=1)
CASE_HOLDING = ["asye", "social_worker", "senior_practitioner", "consultant_social_worker"]


def _heads(spells: pl.DataFrame, day: date, contract: str) -> int:
    here = spells.filter(
        (pl.col("start_date") <= day) & (pl.col("end_date").is_null() | (pl.col("end_date") >= day))
    )
    return here.filter(pl.col("contract_type") == contract)["worker_id"].n_unique()


def _entries_and_exits(
    spells: pl.DataFrame, contract: str, first: date, last: date
) -> tuple[int, int]:
    """Spells of ``contract`` that start (end) in the period without one the day before (after)."""
    own = spells.filter(pl.col("contract_type") == contract)
    ends = set(zip(own["worker_id"], own["end_date"], strict=True))
    starts = set(zip(own["worker_id"], own["start_date"], strict=True))
    entries = sum(
        1
        for worker, start in starts
        if first <= start <= last and (worker, start - DAY) not in ends
    )
    exits = sum(
        1
        for worker, end in ends
        if end is not None and first <= end <= last and (worker, end + DAY) not in starts
    )
    return entries, exits


@pytest.mark.parametrize("year", range(2015, 2026))
@pytest.mark.parametrize("contract", ["permanent", "fixed_term", "agency"])
def test_stock_and_flow_balance_for_each_contract(
    demo: DemoSnapshot, year: int, contract: str
) -> None:
    first, last = collection_year(year)
    spells = demo.frames.spells
    starts, ends = _entries_and_exits(spells, contract, first, last)
    assert _heads(spells, first - DAY, contract) + starts - ends == _heads(spells, last, contract)


@pytest.mark.parametrize("year", range(2015, 2026))
def test_directly_employed_starters_and_leavers_explain_the_change(
    demo: DemoSnapshot, year: int
) -> None:
    """In post at the start + starters (origin set) - leavers (reason set) = in post at the end."""
    first, last = collection_year(year)
    direct = demo.frames.spells.filter(pl.col("contract_type") != AGENCY)
    starters = direct.filter(
        pl.col("start_origin").is_not_null() & pl.col("start_date").is_between(first, last)
    )
    leavers = direct.filter(
        pl.col("reason_leave").is_not_null() & pl.col("end_date").is_between(first, last)
    )

    def heads(day: date) -> int:
        return (
            in_post(demo.frames, day)
            .filter(pl.col("contract_type") != AGENCY)["worker_id"]
            .n_unique()
        )

    assert heads(first - DAY) + starters.height - leavers.height == heads(last)


def test_one_spell_per_worker_per_day(demo: DemoSnapshot) -> None:
    for day in month_ends(date(2014, 10, 1), date(2025, 9, 30)):
        here = in_post(demo.frames, day)
        assert here.height == here["worker_id"].n_unique(), day


def test_every_absence_falls_within_a_directly_employed_spell(demo: DemoSnapshot) -> None:
    """Nobody is absent before they join or after they leave (a long sickness absence running
    when someone leaves ends on their last day), so a census return counts every day lost."""
    employed = demo.frames.spells.filter(pl.col("contract_type") != AGENCY)
    absences = demo.frames.absences.with_row_index("absence")
    covered = absences.join(employed, on="worker_id", suffix="_spell").filter(
        (pl.col("start_date_spell") <= pl.col("start_date"))
        & (pl.col("end_date_spell").is_null() | (pl.col("end_date_spell") >= pl.col("end_date")))
    )
    # a worker moving post mid-absence has two spells with no gap: cover by the union instead
    outside = absences.filter(~pl.col("absence").is_in(covered["absence"].implode()))
    for row in outside.iter_rows(named=True):
        spells = employed.filter(pl.col("worker_id") == row["worker_id"]).sort("start_date")
        day = row["start_date"]
        for spell in spells.iter_rows(named=True):
            if spell["start_date"] <= day and (
                spell["end_date"] is None or spell["end_date"] >= day
            ):
                day = spell["end_date"] + DAY if spell["end_date"] else date.max
        assert day > row["end_date"], f"absence outside employment: {row}"
    assert absences.height > 1000


def test_at_most_six_direct_reports_at_every_month_end_from_2017(demo: DemoSnapshot) -> None:
    for day in month_ends(date(2017, 1, 1), date(2025, 9, 30)):
        assert int(reports_on(demo.frames, day)["len"].max() or 0) <= 6, day


def test_spans_were_wider_before_the_strategy(demo: DemoSnapshot) -> None:
    widest = max(
        int(reports_on(demo.frames, d)["len"].max() or 0)
        for d in month_ends(date(2015, 10, 1), date(2016, 9, 30))
    )
    assert 8 <= widest <= 12


def test_every_case_holder_in_post_at_30_september_has_a_caseload(demo: DemoSnapshot) -> None:
    for year in range(2015, 2026):
        day = date(year, 9, 30)
        holders = in_post(demo.frames, day).filter(pl.col("grade").is_in(CASE_HOLDING))
        snapped = demo.frames.caseloads.filter(pl.col("date") == day)
        assert set(holders["worker_id"]) == set(snapped["worker_id"]), year
        assert snapped["cases"].min() >= 1


def test_asyes_are_protected(demo: DemoSnapshot) -> None:
    snaps = demo.frames.caseloads.join(demo.frames.spells, on="worker_id").filter(
        (pl.col("date") >= pl.col("start_date"))
        & (pl.col("end_date").is_null() | (pl.col("date") <= pl.col("end_date")))
    )
    asye = snaps.filter(pl.col("grade") == "asye")
    others = snaps.filter(pl.col("grade") == "social_worker")
    assert asye["cases"].max() <= 12
    assert asye["cases"].mean() < others["cases"].mean()


def test_supervision_is_given_by_the_line_manager_on_the_day(demo: DemoSnapshot) -> None:
    lm = demo.frames.line_management
    sessions = demo.frames.supervisions.join(lm, left_on="worker_id", right_on="report_id")
    on_day = sessions.filter(
        (pl.col("date") >= pl.col("start_date"))
        & (pl.col("end_date").is_null() | (pl.col("date") <= pl.col("end_date")))
    )
    assert on_day.height == demo.frames.supervisions.height
    assert (on_day["supervisor_id"] == on_day["manager_id"]).all()


def test_agency_workers_cover_posts_at_day_rates(demo: DemoSnapshot) -> None:
    agency = demo.frames.spells.filter(pl.col("contract_type") == AGENCY)
    assert agency["post_id"].null_count() == 0
    assert agency["reason_leave"].null_count() == agency.height
    assert agency["day_rate"].min() >= 250 and agency["day_rate"].max() <= 400


def test_no_post_is_held_by_two_people_at_once(demo: DemoSnapshot) -> None:
    spells = demo.frames.spells.sort("post_id", "start_date")
    previous = spells.with_columns(pl.col("end_date").shift(1).over("post_id").alias("before"))
    clash = previous.filter(
        pl.col("before").is_not_null() & (pl.col("start_date") <= pl.col("before"))
    )
    # A worker's own consecutive spells in one post are not a clash.
    own = spells.with_columns(pl.col("worker_id").shift(1).over("post_id").alias("prior_worker"))
    clash = clash.join(own.select("spell_id", "prior_worker"), on="spell_id")
    assert clash.filter(pl.col("prior_worker") != pl.col("worker_id")).height == 0


def test_leavers_have_reasons_and_destinations_with_a_realistic_mix(demo: DemoSnapshot) -> None:
    leavers = demo.frames.spells.filter(pl.col("reason_leave").is_not_null())
    assert leavers["leaver_destination"].null_count() == 0
    resignations = leavers.filter(pl.col("reason_leave") == 1).height / leavers.height
    assert 0.6 < resignations < 0.9
    origins = demo.frames.spells.filter(pl.col("start_origin").is_not_null())["start_origin"]
    assert {1, 2, 3, 4}.issubset(set(origins.to_list()))


def test_workers_have_unique_pseudonyms_and_swe_numbers(demo: DemoSnapshot) -> None:
    everyone = demo.frames.workers
    assert everyone["pseudonym"].n_unique() == everyone.height
    # Every social worker has a Social Work England number; the other staff groups have none.
    social = demo.frames.spells["worker_id"].unique().implode()
    workers = everyone.filter(pl.col("worker_id").is_in(social))
    others = everyone.filter(~pl.col("worker_id").is_in(social))
    assert others.height > 0 and others["swe_number"].null_count() == others.height
    assert workers["swe_number"].n_unique() == workers.height
    assert workers["swe_number"].str.contains(r"^SW[0-9]+$").all()
    assert set(workers["route"]) >= {
        "asye",
        "step_up",
        "frontline",
        "apprenticeship",
        "experienced",
        "international",
    }


def test_every_grade_and_team_kind_is_present(demo: DemoSnapshot) -> None:
    assert set(demo.frames.spells["grade"]) == {str(g) for g in CareerGrade}
    kinds = set(demo.frames.teams["team_kind"])
    assert {
        "assessment",
        "child_protection",
        "children_in_care",
        "care_leavers",
        "fostering",
    } <= kinds


def test_asye_records_mostly_pass(demo: DemoSnapshot) -> None:
    outcomes = demo.frames.asye["outcome"].value_counts().to_dicts()
    counts = {row["outcome"]: row["count"] for row in outcomes}
    decided = sum(v for k, v in counts.items() if k)
    assert counts["pass"] / decided > 0.85
    assert counts.get("extended", 0) >= 1


def test_each_role_has_a_login_with_its_scope(demo: DemoSnapshot) -> None:
    access = {row[0]: row[1:] for row in demo.access}
    assert access["hr.admin"][0] == str(Role.HR_ADMIN)
    assert access["leadership"][0] == str(Role.LEADERSHIP)
    assert access["service.manager"][:2] == (str(Role.SERVICE_MANAGER), "Safeguarding")
    role, _, team, worker = access["team.manager"]
    assert (
        role == str(Role.TEAM_MANAGER) and team is not None and team.startswith("Child Protection")
    )
    managers = demo.frames.team_managers.join(demo.frames.teams, on="team_id").join(
        demo.frames.workers, left_on="manager_id", right_on="worker_id"
    )
    now = managers.filter((pl.col("team") == team) & pl.col("end_date").is_null())
    assert now["pseudonym"].to_list() == [worker]


def test_logins_use_argon2_and_the_printed_passwords(demo: DemoSnapshot) -> None:
    assert set(demo.passwords) == {login.username for login in demo.logins}
    for username, (algorithm, works, admin) in demo.passwords.items():
        assert algorithm == "argon2" and works, username
        assert admin == (username == "hr.admin")
