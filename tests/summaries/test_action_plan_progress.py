"""The action plan's progress line: its counts add up; only open actions past due are overdue."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from thrive.action_plan.models import Action
from thrive.summaries.action_plan import CLOSED, PlanAction, progress_of

TODAY = date(2026, 1, 15)
STATUSES = [s.value for s in Action.Status]

actions = st.lists(
    st.builds(
        lambda n, status, days: PlanAction(
            action_id=n,
            title=f"Action {n}",
            owner="Head of service",
            due=TODAY + timedelta(days=days),
            status=status,
            status_label=str(Action.Status(status).label),
            measures=(),
            notes="",
            overdue=days < 0 and status not in CLOSED,
        ),
        st.integers(1, 10_000),
        st.sampled_from(STATUSES),
        st.integers(-800, 800),
    ),
    max_size=30,
)


@given(actions)
def test_the_counts_add_up_and_the_overdue_are_open_and_past_due(plan: list[PlanAction]) -> None:
    p = progress_of(plan)
    assert p.done + p.on_track + p.at_risk + p.not_started + p.dropped == p.total == len(plan)
    late = [a.title for a in plan if a.due < TODAY and a.status not in CLOSED]
    assert p.overdue == late
    if plan:
        assert p.sentence.startswith(f"{len(plan)} action")
        assert (f"{len(late)} overdue" in p.sentence) is bool(late)
    else:
        assert p.sentence == "No actions are recorded in the action plan yet."
