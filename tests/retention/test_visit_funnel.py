"""Try Before You Apply visits as the funnel's first step, counted by hand; and a property: no
step of the visitors' funnel holds more visits than the step before."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from retention_lifecycle import lifecycle

from thrive.retention.errors import UnknownCohortError
from thrive.retention.visits import visit_funnel, visits_applied

D0 = date(2022, 1, 10)
STAGES = ("applied", "shortlisted", "interviewed", "offered", "accepted", "started")
REQUISITION = [(1, "REQ1", 1, None, "social_worker", date(2022, 1, 1), None, None)]


def _candidate(pk: int, source: str = "try_before_you_apply") -> tuple[object, ...]:
    return (pk, 1, f"C{pk}", source, "", None, None, "", None, None)


def _reached(candidate: int, stages: int) -> list[tuple[object, ...]]:
    return [(candidate, STAGES[i], D0 + timedelta(days=10 * i)) for i in range(stages)]


def _visits() -> object:
    """Five visits: V1 (student, social media) became candidate 1, who started; V2
    (experienced, social media) became candidate 2, interviewed; V3 (experienced, no source)
    became candidate 3, whose only record is its start (so it reached every step); V4 and V5
    (students, a fair and nothing) never applied."""
    visits = [
        (1, D0 - timedelta(days=30), "student", "social_media", 1, 1),
        (2, D0 - timedelta(days=20), "experienced", "social_media", None, 2),
        (3, D0 - timedelta(days=10), "experienced", "", 1, 3),
        (4, D0, "student", "recruitment_fair", None, None),
        (5, D0, "student", "", None, None),
    ]
    return lifecycle(
        requisitions=REQUISITION,
        candidates=[_candidate(1), _candidate(2), _candidate(3)],
        stages=_reached(1, 6) + _reached(2, 3) + [(3, "started", D0 + timedelta(days=60))],
        visits=visits,
    )


def test_the_funnel_starts_at_the_visit() -> None:
    table = visit_funnel(_visits())  # type: ignore[arg-type]
    assert table["stage"].to_list() == ["visited", *STAGES]
    assert table["visits"].to_list() == [5, 3, 3, 3, 2, 2, 2]
    assert table["from_visit_pct"].to_list()[1] == pytest.approx(60.0)
    assert table["from_previous_pct"].to_list()[4] == pytest.approx(200 / 3)


def test_visit_to_application_by_source_and_by_career_stage() -> None:
    data = _visits()
    by_source = {r["source"]: r for r in visits_applied(data, "source").iter_rows(named=True)}  # type: ignore[arg-type]
    assert {s: (r["visits"], r["applied"], r["started"]) for s, r in by_source.items()} == {
        "social_media": (2, 2, 1),
        "not_recorded": (2, 1, 1),
        "recruitment_fair": (1, 0, 0),
    }
    assert by_source["not_recorded"]["applied_pct"] == pytest.approx(50.0)
    stages = visits_applied(data, "career_stage")  # type: ignore[arg-type]
    assert stages.select("career_stage", "visits", "applied").rows() == [
        ("student", 3, 1),
        ("experienced", 2, 2),
    ]


def test_no_visits_make_no_steps_and_an_unknown_slice_is_refused() -> None:
    empty = lifecycle(requisitions=REQUISITION, candidates=[_candidate(1)], stages=_reached(1, 2))
    assert visit_funnel(empty).is_empty()  # type: ignore[arg-type]
    with pytest.raises(UnknownCohortError):
        visits_applied(empty, "team")  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 6), st.sampled_from(["student", "agency"])), min_size=1,
        max_size=12,
    )
)  # fmt: skip
def test_each_step_holds_no_more_visits_than_the_one_before(
    reached: list[tuple[int, str]],
) -> None:
    """Visit i became candidate i+1 when it reached a step past the visit (0: never applied)."""
    candidates, stages, visits = [], [], []
    for i, (steps, stage) in enumerate(reached):
        linked = i + 1 if steps else None
        if linked:
            candidates.append(_candidate(linked))
            stages += _reached(linked, steps)
        visits.append((i + 1, D0, stage, "", None, linked))
    data = lifecycle(requisitions=REQUISITION, candidates=candidates, stages=stages, visits=visits)
    counts = visit_funnel(data)["visits"].to_list()  # type: ignore[arg-type]
    assert counts[0] == len(reached)
    assert all(later <= earlier for earlier, later in zip(counts, counts[1:], strict=False))
    assert counts[1] == sum(1 for steps, _ in reached if steps)
    by_stage = visits_applied(data, "career_stage")  # type: ignore[arg-type]
    assert by_stage["visits"].sum() == len(reached)
    assert by_stage["applied"].sum() == counts[1]
