"""Children's continuity and weighted caseloads, by hand (and one property against a count)."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl
import pytest
from builders import AS_AT, Org, one, results, sliced
from hypothesis import given, settings
from hypothesis import strategies as st

from thrive.metrics import compute
from thrive.metrics.definitions import continuity


@pytest.fixture
def org() -> Org:
    o = Org()
    north, south = o.team("North"), o.team("South")
    a, b, c, d = o.worker(), o.worker(), o.worker(), o.worker(route="asye")
    for worker in (a, b, c):
        o.spell(worker, north, date(2015, 1, 1))
    o.spell(d, south, date(2018, 1, 1), grade="asye")
    # K1: a (left) -> b (rebalanced) -> a wait of 10 days -> c: two changes in the year.
    o.allocation("K1", a, north, date(2017, 1, 1), date(2017, 12, 31), reason="worker_left")
    o.allocation("K1", b, north, date(2018, 1, 1), date(2018, 3, 31), reason="rebalancing")
    o.allocation("K1", None, north, date(2018, 4, 1), date(2018, 4, 10), reason="allocated")
    o.allocation("K1", c, north, date(2018, 4, 11))
    # K2: one worker all year, a complex child protection case held by an ASYE.
    o.allocation("K2", d, south, date(2016, 6, 1), case_type="cp", complexity=1.5)
    # K3 came in during the year (not counted for stability); K4 waiting 10 days so far.
    o.allocation("K3", b, north, date(2018, 2, 1), case_type="cla")
    o.allocation("K4", None, north, date(2018, 9, 21))
    o.caseload(c, AS_AT, 2)  # c holds one allocation: the two figures disagree
    o.caseload(b, AS_AT, 1)  # b holds one: they agree
    return o


def _groups(org: Org, name: str, **kwargs: object) -> dict[str, tuple[object, object]]:
    return {
        next(iter(r.slice.values())): (r.numerator, r.denominator)
        for r in results(org, name, **kwargs)  # type: ignore[arg-type]
        if r.slice
    }


def test_children_by_changes_counts_children_open_all_year(org: Org) -> None:
    bands = _groups(org, "children_by_changes_of_social_worker", hr=True)
    assert bands == {"0": (1, 2), "1": (0, 2), "2": (1, 2), "3+": (0, 2)}
    per_child = one(org, "changes_per_child")
    assert (per_child.numerator, per_child.denominator, per_child.value) == (2, 2, 1.0)


def test_small_groups_of_children_are_suppressed_outside_hr(org: Org) -> None:
    shown = {
        next(iter(r.slice.values())): r.suppressed
        for r in results(org, "children_by_changes_of_social_worker")
        if r.slice
    }
    assert shown["0"] and shown["2"]


def test_changes_by_cause_follow_how_the_last_allocation_ended(org: Org) -> None:
    causes = _groups(org, "changes_of_social_worker_by_cause", hr=True)
    assert causes == {"worker_left": (1, 2), "internal_move": (1, 2), "other": (0, 2)}


def test_waiting_children_and_how_long(org: Org) -> None:
    waiting = one(org, "children_waiting")
    assert (waiting.numerator, waiting.denominator) == (1, 4)
    assert one(org, "longest_wait_days").value == 10
    average = one(org, "average_wait_days")
    assert (average.numerator, average.denominator) == (10, 1)
    by_type = sliced(org, "children_waiting", "case_type")
    assert {k: (r.numerator, r.denominator) for k, r in by_type.items()} == {
        "cin": (1, 2),
        "cp": (0, 1),
        "cla": (0, 1),
    }


def test_weighted_caseloads_caps_and_asye_protection(org: Org) -> None:
    average = one(org, "average_weighted_caseload")
    assert average.numerator == pytest.approx(1.0 + 1.5 * 1.5 + 1.25)
    assert average.denominator == pytest.approx(3.0)
    assert one(org, "workers_over_weighted_cap").numerator == 0
    asye = one(org, "asye_over_protection")
    assert (asye.numerator, asye.denominator) == (1, 1)


def test_cases_held_are_compared_with_open_allocations(org: Org) -> None:
    difference = one(org, "cases_held_minus_allocations")
    assert (difference.numerator, difference.denominator, difference.value) == (3, 2, 1)
    disagree = one(org, "workers_cases_disagree")
    assert (disagree.numerator, disagree.denominator) == (1, 2)


def test_no_allocation_records_means_no_children_counted() -> None:
    o = Org()
    o.spell(o.worker(), o.team(), date(2015, 1, 1))
    assert one(o, "changes_per_child").denominator == 0


# A child's spells back to back from before the year: a worker (1-3) or a wait (None) each.
spell_runs = st.lists(
    st.tuples(st.sampled_from([None, 1, 2, 3]), st.integers(1, 200)), min_size=1, max_size=8
)


@settings(max_examples=60, deadline=None)
@given(spell_runs)
def test_changes_equal_a_count_of_worker_switches_in_the_year(
    runs: list[tuple[int | None, int]],
) -> None:
    o = Org()
    team = o.team()
    ids = {n: o.worker() for n in (1, 2, 3)}
    for worker in ids.values():
        o.spell(worker, team, date(2010, 1, 1))
    day, last, expected = date(2017, 6, 1), None, 0
    period_start = date(2017, 10, 1)
    for i, (worker, length) in enumerate(runs):
        end = None if i == len(runs) - 1 else day + timedelta(days=length - 1)
        o.allocation("K", ids[worker] if worker else None, team, day, end)
        if worker is not None:
            if last is not None and worker != last and period_start <= day <= AS_AT:
                expected += 1
            last = worker
        day = day + timedelta(days=length) if end else day
    per_child = one(o, "changes_per_child")
    assert per_child.numerator == expected and per_child.denominator == 1


CONTINUITY = (
    "children_by_changes_of_social_worker",
    "changes_of_social_worker_by_cause",
    "changes_per_child",
    "children_waiting",
    "longest_wait_days",
    "average_wait_days",
    "average_weighted_caseload",
    "workers_over_weighted_cap",
    "asye_over_protection",
    "cases_held_minus_allocations",
    "workers_cases_disagree",
)


def test_the_working_spells_are_built_once_per_frames_and_every_pass_counts_the_same(
    org: Org, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[int] = []
    real = continuity.child_spells

    def counted(allocations: pl.DataFrame, teams: pl.DataFrame) -> pl.DataFrame:
        built.append(allocations.height)
        return real(allocations, teams)

    monkeypatch.setattr(continuity, "child_spells", counted)
    frames = org.frames()
    passes = [
        compute(frames, AS_AT, names=CONTINUITY, by=by, hr=True)
        for by in (None, "team", "service", "case_type", None)
    ]
    assert built == [7]  # the seven allocation spells, worked out once for five passes
    # each pass as a pass over frames of its own (spells worked out afresh) counts it
    for by, shared in zip((None, "team", "service", "case_type", None), passes, strict=True):
        assert shared == compute(org.frames(), AS_AT, names=CONTINUITY, by=by, hr=True)
    assert len(built) == 6
    # and the figures are the hand-worked ones, from the spells the first pass worked out
    bands = {
        r.slice["changes of social worker"]: (r.numerator, r.denominator)
        for r in passes[-1]
        if r.name == "children_by_changes_of_social_worker" and r.slice
    }
    assert bands == {"0": (1, 2), "1": (0, 2), "2": (1, 2), "3+": (0, 2)}
    north = {
        r.name: (r.numerator, r.denominator)
        for r in passes[1]
        if r.slice == {"team": "North"} and r.name in ("changes_per_child", "children_waiting")
    }
    assert north == {"changes_per_child": (2, 1), "children_waiting": (1, 3)}


def test_frames_with_other_allocations_do_not_reuse_the_working_spells(org: Org) -> None:
    frames = org.frames()
    assert one(frames, "changes_per_child").numerator == 2
    without_k1 = frames.allocations.filter(pl.col("child") != "K1")
    fewer = frames.with_frames(allocations=without_k1)
    per_child = one(fewer, "changes_per_child")
    assert (per_child.numerator, per_child.denominator) == (0, 1)
    assert one(frames, "changes_per_child").numerator == 2  # the first frames keep theirs


def test_the_working_spells_keep_only_the_columns_the_measures_read(org: Org) -> None:
    frames = org.frames()
    compute(frames, AS_AT, names=["changes_per_child"])
    kept = frames.derived("child spells", lambda: pytest.fail("built again"))
    assert not {"age_band", "sibling_group", "end_reason"} & set(kept.columns)
    assert kept.schema["team"] == kept.schema["service"] == pl.Categorical  # names held once
    assert kept.height == frames.allocations.height
