"""The allocation planner on hand-made cases whose best plan is known, and its summary."""

from __future__ import annotations

from thrive.allocation import SUMMARY_KEYS, ChildToPlace, PlanRules, WorkerCapacity, greedy, plan

RULES = PlanRules(points={"child_in_need": 1.0, "child_protection": 2.0})


def worker(
    wid: str,
    load: float = 0.0,
    cap: float = 10.0,
    *,
    team: str = "A",
    locality: str = "north",
    cases: int = 0,
    case_cap: int = 20,
    asye: bool = False,
    max_complexity: float | None = None,
    protected: int | None = None,
) -> WorkerCapacity:
    return WorkerCapacity(
        wid, team, locality, "ASYE" if asye else "SW", asye, load, cases, cap, case_cap,
        max_complexity, protected,
    )  # fmt: skip


def child(
    cid: str,
    case_type: str = "child_in_need",
    complexity: float = 1.0,
    *,
    team: str = "A",
    locality: str = "north",
    group: str | None = None,
    previous: str | None = None,
    leaving: str | None = None,
) -> ChildToPlace:
    return ChildToPlace(cid, case_type, complexity, team, locality, group, previous, leaving)


def test_the_previous_worker_is_preferred_when_they_have_room() -> None:
    result = plan([child("c1", previous="w2")], [worker("w1"), worker("w2", load=5)], RULES)
    assert result.worker_for("c1") == "w2"
    assert result.optimal
    assert result.proposals[0].reason.startswith("previous worker; same team; has room: 6 of 10")


def test_nobody_goes_over_cap_and_the_child_left_is_told_why() -> None:
    result = plan([child("c1", "child_protection", 1.5)], [worker("w1", load=8)], RULES)
    assert result.proposals == ()
    (left,) = result.left_unallocated
    assert left.child_id == "c1"
    assert "no worker has room: this child needs 3.0 points" in left.reason
    assert "2.0 points" in left.reason


def test_most_children_placed_beats_one_heavy_child() -> None:
    # Room for 3 points: the 2-point child, or the two 1-point children; the best places two.
    children = [child("heavy", "child_protection"), child("light1"), child("light2")]
    result = plan(children, [worker("w1", load=7)], RULES)
    assert {p.child_id for p in result.proposals} == {"light1", "light2"}
    (left,) = result.left_unallocated
    assert left.child_id == "heavy"
    assert "needed for other children" in left.reason
    assert result.optimal  # proven: no plan places all three


def test_case_cap_and_asye_protected_caseload_are_hard_limits() -> None:
    workers = [worker("asye", asye=True, protected=1, max_complexity=2.0), worker("sw", cases=2,
               case_cap=3)]  # fmt: skip
    result = plan([child("c1"), child("c2"), child("c3")], workers, RULES)
    after = {w.worker_id: w for w in result.workers_after}
    assert after["asye"].case_count == 1 and after["sw"].case_count == 3
    assert len(result.left_unallocated) == 1


def test_an_asye_never_takes_a_child_above_their_complexity_limit() -> None:
    workers = [worker("asye", asye=True, max_complexity=1.25), worker("sw", load=6)]
    result = plan([child("complex", complexity=1.5)], workers, RULES)
    assert result.worker_for("complex") == "sw"
    only_asye = plan([child("complex", complexity=1.5)], workers[:1], RULES)
    assert "above the ASYE limit of every worker" in only_asye.left_unallocated[0].reason


def test_a_leaving_worker_takes_nobody_and_their_children_count_as_changing() -> None:
    children = [child("c1", leaving="gone", previous="gone"), child("c2", previous="w1")]
    result = plan(children, [worker("gone"), worker("w1")], RULES)
    assert result.worker_for("c1") == "w1"
    assert result.summary()["children_changing_worker"] == 1


def test_siblings_go_to_one_worker_even_when_a_split_would_spread_load() -> None:
    children = [child("s1", group="g"), child("s2", group="g"), child("s3", group="g")]
    result = plan(children, [worker("w1", load=6), worker("w2", load=6)], RULES)
    assert len({p.worker_id for p in result.proposals}) == 1
    assert result.split_groups == ()
    assert "with 2 siblings" in result.proposals[0].reason


def test_siblings_are_split_only_when_nobody_has_room_for_them_all() -> None:
    # Room for 2 children each: 3 siblings cannot stay together; the fallback splits them
    # 2 + 1 (one split) rather than leave one without a worker.
    children = [child("s1", group="g"), child("s2", group="g"), child("s3", group="g")]
    result = plan(children, [worker("w1", load=8), worker("w2", load=8)], RULES)
    assert result.summary()["children_planned"] == 3
    assert result.split_groups == ("g",)
    assert result.summary()["sibling_groups_split"] == 1
    assert any("split" in note for note in result.notes)


def test_own_team_first_then_the_locality() -> None:
    workers = [
        worker("own", load=9, team="A"),
        worker("near", team="B", locality="north"),
        worker("far", team="C", locality="south"),
    ]
    result = plan([child("c1", "child_protection")], workers, RULES)
    assert result.worker_for("c1") == "near"
    assert "same locality, another team" in result.proposals[0].reason


def test_summary_has_exactly_the_five_counts() -> None:
    children = [child("c1"), child("c2", group="g"), child("c3", group="g")]
    workers = [worker("w1", load=9), worker("w2", load=9)]
    for result in (plan(children, workers, RULES), greedy(children, workers, RULES)):
        assert tuple(result.summary()) == SUMMARY_KEYS


def test_greedy_least_loaded_first_pushes_people_over_cap_and_splits_siblings() -> None:
    children = [child("s1", group="g"), child("s2", group="g"), child("c3"), child("c4")]
    workers = [worker("w1", load=8), worker("w2", load=8.5)]
    baseline = greedy(children, workers, RULES).summary()
    assert baseline["children_planned"] == 4
    assert baseline["workers_pushed_over_cap"] == 1  # w2: 10.5 of 10 points
    assert baseline["sibling_groups_split"] == 1
    planned = plan(children, workers, RULES).summary()
    assert planned["workers_pushed_over_cap"] == 0
    assert planned["sibling_groups_split"] == 0
    assert planned["children_planned"] == 3


def test_a_team_placed_first_is_planned_again_with_the_locality_when_that_places_more() -> None:
    # Team B's two children each have their previous worker in B, so B alone spreads them 1 + 1;
    # team A has no room for its 2-point child, who is widened to the locality and finds 1 point
    # left with each B worker. Solving the locality as a whole places all three.
    workers = [
        worker("a1", load=9, team="A"),
        worker("b1", load=8, team="B"),
        worker("b2", load=8, team="B"),
    ]
    children = [
        child("x", "child_protection", team="A"),
        child("y1", team="B", previous="b1"),
        child("y2", team="B", previous="b2"),
    ]
    result = plan(children, workers, RULES)
    assert result.summary()["children_planned"] == 3
    assert result.worker_for("x") in {"b1", "b2"}
    assert result.worker_for("y1") == result.worker_for("y2") != result.worker_for("x")
    assert "same locality, another team" in next(
        p.reason for p in result.proposals if p.child_id == "x"
    )
    assert result.optimal


def test_a_reason_speaks_of_the_cap_that_binds() -> None:
    """A social worker's limit is their points (their case cap is only the most cases those
    points could hold); an ASYE's is also the protected number of cases and complexity."""
    social_worker = plan([child("c1")], [worker("w1", load=4, cases=3, case_cap=33)], RULES)
    reason = social_worker.proposals[0].reason
    assert reason.endswith("has room: 5 of 10 points after this")
    assert "cases" not in reason
    asye = worker("a1", load=2, cases=2, asye=True, max_complexity=1.5, protected=6)
    protected = plan([child("c2")], [asye], RULES).proposals[0].reason
    assert "ASYE: within protected limits (no case weighted above 1.5)" in protected
    assert protected.endswith("has room: 3 of 6 cases and 3 of 10 points after this")
    over = greedy([child("c3")], [worker("w2", load=1, cases=2, case_cap=2)], RULES)
    assert over.proposals[0].reason.endswith("over cap: 2 of 10 points and 3 of 2 cases after this")
