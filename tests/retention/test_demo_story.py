"""The demo council's insight records tell the seeds' story, and the analyses can read it.

Builds the demo once (``thrive.demo.load_demo``, which calls ``thrive.insight.demo.add_insight``)
inside a transaction that is rolled back after the frames are read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl
import pytest
from django.db import transaction

from thrive.demo import load_demo
from thrive.insight.frame_schema import InsightFrames
from thrive.insight.frames import load as load_insight
from thrive.retention.curves import RetentionCurves
from thrive.retention.exits import exit_reasons
from thrive.retention.funnel import hire_stints
from thrive.retention.registration import reminders
from thrive.retention.surveys import item_scores
from thrive.retention.tenure import tenure
from thrive.workforce.frame_schema import WorkforceFrames
from thrive.workforce.frames import load

pytestmark = [pytest.mark.slow, pytest.mark.django_db]
AS_AT = date(2025, 9, 30)


@dataclass(frozen=True)
class Demo:
    frames: WorkforceFrames
    insight: InsightFrames
    counts: dict[str, int]


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker) -> Demo:  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock(), transaction.atomic():
        result = load_demo(seed=1, scale=1)
        frames, insight = load(result.authority), load_insight(result.authority)
        counts = {name: getattr(insight, name).height for name in ("exits", "conversations",
                  "survey_answers", "candidates", "registrations", "cpd")}  # fmt: skip
        transaction.set_rollback(True)
    return Demo(frames, insight, counts)


def test_every_kind_of_insight_record_is_there(demo: Demo) -> None:
    assert all(count > 100 for count in demo.counts.values()), demo.counts


def test_before_the_strategy_workload_led_and_after_it_career_progression(demo: Demo) -> None:
    by_year = exit_reasons(demo.insight, demo.frames, by="year")
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
    scores = item_scores(demo.insight, demo.frames)
    mean = {(r["code"], r["start_date"].year): r["mean_score"] for r in scores.to_dicts()}
    assert mean[("career_path", 2020)] - mean[("career_path", 2016)] > 0.8
    assert abs(mean[("pay_fair", 2020)] - mean[("pay_fair", 2016)]) < 0.3


def test_hires_from_visits_and_referrals_stay_longer_than_job_board_hires(demo: Demo) -> None:
    stints = hire_stints(demo.insight, tenure(demo.frames, AS_AT))
    curves = RetentionCurves(by="source").fit(stints)
    two_years = dict(curves.summary.select("cohort", "retained_2y").iter_rows())
    assert two_years["try_before_you_apply"] > two_years["job_board"] + 0.1
    assert two_years["referral"] > two_years["job_board"] + 0.1
    assert curves.log_rank_ is not None and curves.log_rank_["p_value"] < 0.05  # type: ignore[operator]


def test_the_team_page_has_registration_reminders(demo: Demo) -> None:
    due = reminders(demo.frames, demo.insight, AS_AT)
    assert due.filter(pl.col("kind") == "registration").height > 50
