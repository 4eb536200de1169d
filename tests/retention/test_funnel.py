"""The recruitment funnel, time to hire, cost per hire and declined offers, counted by hand."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl
import pytest
from retention_builders import frames, spell, worker
from retention_lifecycle import lifecycle

from thrive.retention.curves import RetentionCurves
from thrive.retention.errors import UnknownCohortError
from thrive.retention.funnel import declined_offers, funnel, hire_stints, hires, time_and_cost
from thrive.retention.tenure import tenure

D0 = date(2022, 1, 10)
STAGES = ("applied", "shortlisted", "interviewed", "offered", "accepted", "started")


def _events(candidate: int, reached: int, ending: str | None = None) -> list[tuple[object, ...]]:
    """Stage events 10 days apart up to the ``reached``-th stage, then an ending if given."""
    rows = [(candidate, STAGES[i], D0 + timedelta(days=10 * i)) for i in range(reached)]
    if ending:
        rows.append((candidate, ending, D0 + timedelta(days=10 * reached)))
    return rows


def _pipeline() -> object:
    """Two requisitions. REQ1 (advert 600): A hired via microsite, B (job board) declined an
    offer for pay, C (job board) rejected after interview. REQ2 (advert 400): D hired via a
    referral (cost 500), E (microsite) withdrew at shortlist. REQ3 (advert 300) filled no one."""
    requisitions = [
        (1, "REQ1", 1, None, "social_worker", date(2022, 1, 1), date(2022, 3, 1), 600.0),
        (2, "REQ2", 2, None, "social_worker", date(2022, 1, 1), date(2022, 3, 1), 400.0),
        (3, "REQ3", 2, None, "social_worker", date(2022, 1, 1), date(2022, 3, 1), 300.0),
    ]
    candidates = [
        (1, 1, "A", "microsite", "", 4.5, True, "", None, 1),
        (2, 1, "B", "job_board", "", 3.0, False, "pay", None, None),
        (3, 1, "C", "job_board", "", 2.0, False, "", None, None),
        (4, 2, "D", "referral", "", 4.0, True, "", 500.0, 2),
        (5, 2, "E", "microsite", "", None, None, "", None, None),
    ]
    stages = (
        _events(1, 6) + _events(2, 4, "withdrawn") + _events(3, 3, "rejected")
        + [(4, "applied", D0), (4, "accepted", D0 + timedelta(days=30)),
           (4, "started", D0 + timedelta(days=60))]
        + _events(5, 2, "withdrawn")
    )  # fmt: skip
    return lifecycle(requisitions=requisitions, candidates=candidates, stages=stages)


def test_the_funnel_counts_who_reached_each_stage() -> None:
    table = funnel(_pipeline())  # type: ignore[arg-type]
    # D has no shortlisted/interviewed/offered events but reached them (accepted and started)
    # E withdrew once shortlisted, C was rejected after interview, B declined the offer
    assert table["candidates"].to_list() == [5, 5, 4, 3, 2, 2]
    assert table["from_previous_pct"].to_list()[1:] == pytest.approx([100, 80, 75, 200 / 3, 100])
    assert table["from_applied_pct"][-1] == pytest.approx(40.0)


def test_the_funnel_by_source() -> None:
    table = funnel(_pipeline(), by="source")  # type: ignore[arg-type]
    started = dict(
        table.filter(pl.col("stage") == "started").select("source", "candidates").iter_rows()
    )
    assert started == {"microsite": 1, "referral": 1}
    job_board = table.filter(pl.col("source") == "job_board")["candidates"].to_list()
    assert job_board == [2, 2, 2, 1]
    with pytest.raises(UnknownCohortError):
        funnel(_pipeline(), by="shoe_size")  # type: ignore[arg-type]


def test_time_to_hire_and_cost_per_hire() -> None:
    pipeline = _pipeline()
    table = hires(pipeline).sort("reference")  # type: ignore[arg-type]
    assert table["reference"].to_list() == ["A", "D"]
    assert table["days_to_accept"].to_list() == [40, 30]
    assert table["days_to_start"].to_list() == [50, 60]
    assert table["days_open_to_accept"].to_list() == [49, 39]
    # A: no own cost + the whole REQ1 advert (only hire); D: 500 + the whole REQ2 advert
    assert table["cost"].to_list() == [600.0, 900.0]
    overall = time_and_cost(pipeline).row(0, named=True)  # type: ignore[arg-type]
    assert overall["hires"] == 2 and overall["median_days_to_accept"] == 35
    # everything spent, including REQ3's unfilled advert: (600 + 900 + 300) / 2
    assert overall["cost_per_hire"] == pytest.approx(900.0)
    by_source = dict(
        time_and_cost(pipeline, by="source").select("source", "cost_per_hire").iter_rows()
    )  # type: ignore[arg-type]
    assert by_source == {"microsite": 600.0, "referral": 900.0}


def test_declined_offers_and_why() -> None:
    table = declined_offers(_pipeline())  # type: ignore[arg-type]
    assert table.to_dicts() == [
        {"decline_reason": "pay", "declined": 1, "label": "Pay or package", "share_pct": 100.0}
    ]


def test_hires_are_matched_to_their_stints_for_retention_by_source() -> None:
    started = D0 + timedelta(days=50)
    data = frames(
        [worker(1), worker(2)],
        [spell(1, started, started + timedelta(days=400), reason_leave=1),
         spell(2, D0 + timedelta(days=62), None)],
    )  # fmt: skip
    stints = tenure(data, date(2024, 9, 30), observed_from=date(2014, 10, 1))
    matched = hire_stints(_pipeline(), stints)  # type: ignore[arg-type]
    assert dict(matched.select("worker_id", "source").iter_rows()) == {
        1: "microsite",
        2: "referral",
    }
    assert set(matched["panel"]) == {"With young people"}
    curves = RetentionCurves(by="source").fit(matched)
    rows = {r["cohort"]: r for r in curves.summary.to_dicts()}
    assert rows["microsite"]["retained_1y"] == 1.0 and rows["microsite"]["leavers"] == 1
    assert rows["referral"]["in_post"] == 1
