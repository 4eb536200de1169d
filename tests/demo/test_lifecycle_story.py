"""The demo council's lifecycle records tell the seeds' story, and the analyses can read it.

Builds the demo once (``thrive.demo.load_demo``, which calls
``thrive.demo.lifecycle.add_lifecycle``) inside a transaction that is rolled back after the
frames are read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl
import pytest
from django.db import transaction

from thrive.demo import load_demo
from thrive.frames.lifecycle import LifecycleFrames
from thrive.frames.load import load
from thrive.frames.load_lifecycle import load as load_lifecycle
from thrive.frames.workforce import WorkforceFrames
from thrive.retention.curves import RetentionCurves
from thrive.retention.exits import exit_reasons
from thrive.retention.funnel import hire_stints
from thrive.retention.registration import reminders
from thrive.retention.surveys import item_scores
from thrive.retention.tenure import tenure

pytestmark = [pytest.mark.slow, pytest.mark.django_db]
AS_AT = date(2025, 9, 30)


@dataclass(frozen=True)
class Demo:
    frames: WorkforceFrames
    lifecycle: LifecycleFrames
    counts: dict[str, int]


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker) -> Demo:  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock(), transaction.atomic():
        result = load_demo(seed=1, scale=1)
        frames, lifecycle = load(result.authority), load_lifecycle(result.authority)
        counts = {name: getattr(lifecycle, name).height for name in ("exits", "conversations",
                  "survey_answers", "candidates", "registrations", "cpd", "visits")}  # fmt: skip
        transaction.set_rollback(True)
    return Demo(frames, lifecycle, counts)


def test_every_kind_of_lifecycle_record_is_there(demo: Demo) -> None:
    assert all(count > 100 for count in demo.counts.values()), demo.counts


def test_before_the_strategy_workload_led_and_after_it_career_progression(demo: Demo) -> None:
    by_year = exit_reasons(demo.lifecycle, demo.frames, by="year")
    before = (
        by_year.filter(pl.col("year") <= 2016).group_by("reason").agg(pl.col("main_reason").sum())
    )
    after = (
        by_year.filter(pl.col("year") >= 2018).group_by("reason").agg(pl.col("main_reason").sum())
    )
    top = lambda t: t.sort("main_reason", descending=True)["reason"][0]  # noqa: E731
    assert top(before) == "workload"
    assert top(after) == "career_progression"
    pay = after.filter(pl.col("reason") == "pay")["main_reason"][0]
    assert pay < 0.1 * after["main_reason"].sum()  # pay is never the lever


def test_survey_career_path_rises_and_pay_does_not(demo: Demo) -> None:
    scores = item_scores(demo.lifecycle, demo.frames)
    mean = {(r["code"], r["start_date"].year): r["mean_score"] for r in scores.to_dicts()}
    assert mean[("career_path", 2020)] - mean[("career_path", 2016)] > 0.8
    assert abs(mean[("pay_fair", 2020)] - mean[("pay_fair", 2016)]) < 0.3


def test_hires_from_visits_and_referrals_stay_longer_than_job_board_hires(demo: Demo) -> None:
    stints = hire_stints(demo.lifecycle, tenure(demo.frames, AS_AT))
    curves = RetentionCurves(by="source").fit(stints)
    two_years = dict(curves.summary.select("cohort", "retained_2y").iter_rows())
    assert two_years["try_before_you_apply"] > two_years["job_board"] + 0.1
    assert two_years["referral"] > two_years["job_board"] + 0.1
    assert curves.log_rank_ is not None and curves.log_rank_["p_value"] < 0.05  # type: ignore[operator]


def test_try_before_you_apply_visits_come_before_the_applications_they_lead_to(
    demo: Demo,
) -> None:
    visits, candidates = demo.lifecycle.visits, demo.lifecycle.candidates
    applied = demo.lifecycle.stages.group_by("candidate_id").agg(applied=pl.col("date").min())
    linked = visits.join(applied, on="candidate_id")
    assert 0 < linked.height < visits.height  # some visitors applied, some never did
    assert (linked["date"] < linked["applied"]).all()
    assert visits["date"].min() >= date(2017, 1, 1)  # the offer began in 2017
    came_that_way = candidates.filter(
        (pl.col("source") == "try_before_you_apply")
        & pl.col("candidate_id").is_in(applied.filter(pl.col("applied") >= date(2017, 4, 1))
                                       ["candidate_id"].implode())
    )  # fmt: skip
    visited = came_that_way.join(linked, on="candidate_id", how="semi")
    assert visited.height > 0.8 * came_that_way.height


def test_the_team_page_has_registration_reminders(demo: Demo) -> None:
    due = reminders(demo.frames, demo.lifecycle, AS_AT)
    assert due.filter(pl.col("kind") == "registration").height > 50
