"""Properties of the store-fed planner on random small councils built as frames (no database):
every waiting child is either proposed or left with a reason, once; nobody given a child ends
over either cap; siblings share a worker; an ASYE gets no child above their complexity limit."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from thrive.codes import CareerGrade
from thrive.frames.workforce import empty_frames, frame
from thrive.metrics.caseload_weights import caseload_weights
from thrive.summaries.allocation_plan import allocation_plan

AS_AT = date(2025, 9, 30)
GRADES = (CareerGrade.ASYE, CareerGrade.SOCIAL_WORKER, CareerGrade.TEAM_MANAGER)
CASE_TYPES = ("cin", "cp", "cla", "care_leaver")

workers_st = st.lists(
    st.tuples(st.sampled_from(GRADES), st.integers(1, 2), st.sampled_from([0.5, 1.0])),
    min_size=1,
    max_size=5,
)
case_st = st.tuples(
    st.sampled_from(CASE_TYPES),
    st.sampled_from([None, 0.5, 1.0, 2.0]),
    st.integers(1, 2),  # team
    st.sampled_from([None, "s1", "s2"]),  # sibling group
)


def _frames(staff, held, waiting):  # type: ignore[no-untyped-def]
    teams = frame(
        "teams",
        [{"team_id": t, "team": f"Team {t}", "service_id": 1, "service": "S"} for t in (1, 2)],
    )
    workers = frame("workers", [{"worker_id": i, "pseudonym": f"W{i}"} for i in range(len(staff))])
    spells = frame(
        "spells",
        [
            {
                "spell_id": i, "worker_id": i, "team_id": t, "grade": g.value,
                "org_role": int(g.org_role), "fte": f, "start_date": date(2020, 1, 1),
            }
            for i, (g, t, f) in enumerate(staff)
        ],
    )  # fmt: skip
    rows = [
        {
            "child": f"h{n}", "worker_id": w % len(staff), "team_id": t, "case_type": c,
            "complexity": x, "start_date": date(2025, 1, 1),
        }
        for n, (w, (c, x, t, _)) in enumerate(held)
    ] + [
        {
            "child": f"c{n}", "worker_id": None, "team_id": t, "case_type": c, "complexity": x,
            "sibling_group": g, "start_date": AS_AT,
        }
        for n, (c, x, t, g) in enumerate(waiting)
    ]  # fmt: skip
    return replace(
        empty_frames(), teams=teams, workers=workers, spells=spells,
        allocations=frame("allocations", rows),
    )  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(
    workers_st,
    st.lists(st.tuples(st.integers(0, 4), case_st), max_size=40),
    st.lists(case_st, max_size=8),
)
def test_the_plan_keeps_every_rule(staff, held, waiting) -> None:  # type: ignore[no-untyped-def]
    result = allocation_plan(_frames(staff, held, waiting), AS_AT)
    placed = [r.child for r in result.proposals] + [r.child for r in result.left]
    assert sorted(placed) == sorted(f"c{n}" for n in range(len(waiting)))
    assert all(r.reason for r in result.left)
    for w in result.workers:
        assert not (w.children_added and w.over_after)
    assert result.summary["workers_pushed_over_cap"] == 0
    assert {w.worker_id for w in result.workers} == {
        i for i, (g, _t, _f) in enumerate(staff) if g is not CareerGrade.TEAM_MANAGER
    }
    by_child = {r.child: r for r in result.proposals}
    limit = caseload_weights().asye_max_complexity
    asye = {f"W{i}" for i, (g, _t, _f) in enumerate(staff) if g is CareerGrade.ASYE}
    for n, (_c, x, _t, _g) in enumerate(waiting):
        row = by_child.get(f"c{n}")
        if row is not None and row.worker in asye:
            assert (x or 1.0) <= limit
    if not result.summary["sibling_groups_split"]:
        for group in ("s1", "s2"):
            members = [f"c{n}" for n, w in enumerate(waiting) if w[3] == group]
            assert len({by_child[c].worker for c in members if c in by_child}) <= 1
