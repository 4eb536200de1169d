"""The planner fed from the store (thrive.summaries.allocation_plan): hand-made councils whose
best plan is plain, read back through the frames as the command and pages read them."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from factories import authority, spell, team, worker
from thrive.children.models import Allocation
from thrive.codes import CareerGrade
from thrive.frames.load import load
from thrive.summaries.allocation_inputs import children_of, plan_input
from thrive.summaries.allocation_plan import allocation_plan

pytestmark = pytest.mark.django_db
AS_AT = date(2025, 9, 30)


def _council(*grades: CareerGrade):  # type: ignore[no-untyped-def]
    la = authority()
    unit = team(la)
    people = [worker(la) for _ in grades]
    for person, grade in zip(people, grades, strict=True):
        spell(person, unit, date(2020, 1, 1), grade=grade)
    return la, unit, people


def _give(la, unit, who, child: str, case_type: str = "cp", **kw) -> None:  # type: ignore[no-untyped-def]
    values = {"start_date": date(2025, 1, 1), "case_type": case_type, **kw}
    Allocation.objects.create(authority=la, team=unit, worker=who, child=child, **values)


def test_no_one_is_pushed_over_their_cap_and_the_child_is_left_with_why() -> None:
    la, unit, (full,) = _council(CareerGrade.SOCIAL_WORKER)
    for n in range(16):  # 16 child protection cases: 24 of 25 points
        _give(la, unit, full, f"held{n}")
    _give(la, unit, None, "new1", start_date=AS_AT - timedelta(days=4))
    result = allocation_plan(load(la), AS_AT)
    assert result.proposals == ()
    (left,) = result.left
    assert left.child == "new1" and left.waiting_days == 5
    assert "no worker has room" in left.reason and "1.5 points" in left.reason
    assert result.summary["workers_pushed_over_cap"] == 0
    assert result.greedy["workers_pushed_over_cap"] == 1  # least loaded first takes them anyway
    (load_row,) = result.workers
    assert (load_row.load, load_row.cap, load_row.cases) == (24.0, 25.0, 16)


def test_siblings_are_kept_together_where_one_worker_has_room() -> None:
    la, unit, (busy, roomy) = _council(CareerGrade.SOCIAL_WORKER, CareerGrade.SOCIAL_WORKER)
    for n in range(15):  # 22.5 of 25 points: room for two children in need, not three
        _give(la, unit, busy, f"b{n}")
    for n in range(12):  # 18 of 25 points: room for all three
        _give(la, unit, roomy, f"r{n}")
    for child in ("s1", "s2", "s3"):
        _give(la, unit, None, child, "cin", start_date=AS_AT, sibling_group="fam")
    result = allocation_plan(load(la), AS_AT)
    assert {p.worker for p in result.proposals} == {roomy.pseudonym}
    assert len(result.proposals) == 3
    assert result.summary["sibling_groups_split"] == 0
    assert all("with 2 siblings" in p.reason for p in result.proposals)


def test_a_childs_previous_worker_is_preferred() -> None:
    la, unit, (first, second) = _council(CareerGrade.SOCIAL_WORKER, CareerGrade.SOCIAL_WORKER)
    _give(la, unit, second, "back", "cin", end_date=date(2025, 9, 19), end_reason="rebalancing")
    _give(la, unit, None, "back", "cin", start_date=date(2025, 9, 20))
    given = plan_input(load(la), AS_AT)
    (child,) = given.children
    assert child.previous_worker == str(second.pk)
    result = allocation_plan(load(la), AS_AT)
    (proposal,) = result.proposals
    assert proposal.worker == second.pseudonym
    assert proposal.reason.startswith("previous worker; same team")
    assert first.pseudonym not in {p.worker for p in result.proposals}


def test_a_gap_ends_the_episode_so_an_old_worker_is_not_the_previous_one() -> None:
    la, unit, (old,) = _council(CareerGrade.SOCIAL_WORKER)
    _give(la, unit, old, "again", "cin", end_date=date(2025, 3, 1), end_reason="case_closed")
    _give(la, unit, None, "again", "cin", start_date=date(2025, 9, 20))
    (child,) = plan_input(load(la), AS_AT).children
    assert child.previous_worker is None


def test_an_asye_is_protected_in_complexity_and_number() -> None:
    la, unit, (asye,) = _council(CareerGrade.ASYE)
    _give(la, unit, None, "complex", start_date=AS_AT, complexity=Decimal("2.00"))
    result = allocation_plan(load(la), AS_AT)
    assert result.proposals == ()
    assert "ASYE limit" in result.left[0].reason
    (capacity,) = plan_input(load(la), AS_AT).workers
    assert capacity.is_asye and capacity.asye_protected_cases == 12
    assert capacity.weighted_cap == 18.0


def test_a_leavers_children_and_the_worker_page_count() -> None:
    la, unit, (leaving, staying) = _council(CareerGrade.SOCIAL_WORKER, CareerGrade.SOCIAL_WORKER)
    _give(la, unit, leaving, "k1")
    _give(la, unit, leaving, "k2", "cla")
    _give(la, unit, leaving, "k3", "cla")
    frames = load(la)
    assert children_of(frames, leaving.pk, AS_AT) == {"cla": 2, "cp": 1}
    result = allocation_plan(frames, AS_AT, leaver_id=leaving.pk)
    assert {p.worker for p in result.proposals} == {staying.pseudonym}
    assert result.summary["children_changing_worker"] == 3


def test_managers_hold_no_cases_and_are_not_proposed() -> None:
    la, unit, (manager,) = _council(CareerGrade.TEAM_MANAGER)
    _give(la, unit, None, "new", start_date=AS_AT)
    result = allocation_plan(load(la), AS_AT)
    assert result.workers == () and result.proposals == ()
    assert manager.pseudonym not in result.left[0].reason
