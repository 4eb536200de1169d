"""Disabled applicants through the funnel and the guaranteed-interview check, counted by hand,
with invariants over any mix of candidates."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st
from retention_lifecycle import lifecycle

from thrive.retention.disability import (
    NOT_YET,
    TURNED_DOWN,
    WITHDREW,
    disabled_by_stage,
    interview_check,
)

D0 = date(2024, 1, 8)
STAGES = ("applied", "shortlisted", "interviewed", "offered", "accepted", "started")
REQUISITIONS = [(1, "V1", 7, None, "social_worker", date(2024, 1, 1), None, None)]


def _candidate(n: int, disability: str, met: bool | None) -> tuple[object, ...]:
    return (n, 1, f"C{n}", "job_board", "", None, None, "", None, None, disability, met)


def _events(n: int, reached: int, ending: str | None = None) -> list[tuple[object, ...]]:
    rows = [(n, STAGES[i], D0 + timedelta(days=7 * i)) for i in range(reached)]
    if ending:
        rows.append((n, ending, D0 + timedelta(days=7 * reached)))
    return rows


def _pipeline() -> object:
    """C1 disabled, met, rejected after applying: flagged. C2 disabled, met, interviewed: fine.
    C3 disabled, criteria not recorded, shortlisted then rejected: flagged (shortlisting shows
    the criteria were met). C4 disabled, did not meet the criteria: not flagged. C5 disabled,
    met, withdrew: listed, not flagged. C6 not disabled, met, rejected: not a disabled applicant.
    C7 disabled, met, nothing after applying yet: flagged, no interview recorded. C8 prefers
    not to say; C9 not known."""
    candidates = [
        _candidate(1, "yes", True), _candidate(2, "yes", True), _candidate(3, "yes", None),
        _candidate(4, "yes", False), _candidate(5, "yes", True), _candidate(6, "no", True),
        _candidate(7, "yes", True), _candidate(8, "prefer_not_to_say", None),
        _candidate(9, "not_known", None),
    ]  # fmt: skip
    stages = (
        _events(1, 1, "rejected") + _events(2, 4) + _events(3, 2, "rejected")
        + _events(4, 2, "rejected") + _events(5, 1, "withdrawn") + _events(6, 1, "rejected")
        + _events(7, 1) + _events(8, 3) + _events(9, 1)
    )  # fmt: skip
    return lifecycle(requisitions=REQUISITIONS, candidates=candidates, stages=stages)


def test_the_check_flags_disabled_candidates_who_met_the_criteria_and_had_no_interview() -> None:
    table = interview_check(_pipeline())  # type: ignore[arg-type]
    found = {row["reference"]: (row["status"], row["criteria"], row["flagged"])
             for row in table.iter_rows(named=True)}  # fmt: skip
    assert found == {
        "C1": (TURNED_DOWN, "recorded", True),
        "C3": (TURNED_DOWN, "shortlisted", True),
        "C5": (WITHDREW, "recorded", False),
        "C7": (NOT_YET, "recorded", True),
    }
    assert set(table["requisition"]) == {"V1"} and set(table["team_id"]) == {7}


def test_the_disabled_share_at_each_stage_is_of_those_who_declared() -> None:
    table = disabled_by_stage(_pipeline())  # type: ignore[arg-type]
    rows = {r["stage"]: (r["candidates"], r["declared"], r["disabled"], r["disabled_pct"])
            for r in table.iter_rows(named=True)}  # fmt: skip
    # Applied: 9 candidates, 7 declared (C8 and C9 did not), 6 disabled.
    assert rows["applied"] == (9, 7, 6, 100 * 6 / 7)
    # Shortlisted: C2, C3, C4 (disabled) and C8 (prefers not to say).
    assert rows["shortlisted"] == (4, 3, 3, 100.0)
    assert rows["interviewed"] == (2, 1, 1, 100.0)  # C2 and C8
    assert rows["accepted"] == (0, 0, 0, None)


def test_nothing_recorded_gives_empty_answers() -> None:
    empty = lifecycle()
    assert interview_check(empty).height == 0
    assert disabled_by_stage(empty)["candidates"].to_list() == [0] * 6


_ANSWERS = st.sampled_from(["yes", "no", "prefer_not_to_say", "not_known", None])


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(
            _ANSWERS,
            st.sampled_from([True, False, None]),
            st.integers(min_value=0, max_value=6),
            st.sampled_from([None, "withdrawn", "rejected"]),
        ),
        max_size=30,
    )
)
def test_invariants(people: list[tuple[str | None, bool | None, int, str | None]]) -> None:
    candidates, stages = [], []
    for n, (answer, met, reached, ending) in enumerate(people, start=1):
        candidates.append(_candidate(n, answer, met))  # type: ignore[arg-type]
        stages += _events(n, reached, ending if reached < 6 else None)
    data = lifecycle(requisitions=REQUISITIONS, candidates=candidates, stages=stages)
    check = interview_check(data)
    by_stage = disabled_by_stage(data)
    # Every flagged candidate is disabled, met the criteria (or was shortlisted with none
    # recorded) and reached no stage from the interview on.
    for row in check.iter_rows(named=True):
        answer, met, reached, ending = people[row["candidate_id"] - 1]
        assert answer == "yes" and met is not False and reached < 3
        assert met is True or reached >= 2
        assert row["flagged"] is (ending != "withdrawn")
    expected = sum(
        1 for a, m, r, _ in people if a == "yes" and r < 3 and (m is True or (m is None and r >= 2))
    )
    assert check.height == expected
    # Counts shrink stage by stage; shares are percentages.
    for column in ("candidates", "declared", "disabled"):
        values = by_stage[column].to_list()
        assert values == sorted(values, reverse=True)
    assert (by_stage["disabled"] <= by_stage["declared"]).all()
    shares = by_stage["disabled_pct"].drop_nulls()
    assert ((shares >= 0) & (shares <= 100)).all()
    nobody_declared = by_stage.filter(pl.col("declared") == 0)
    assert nobody_declared["disabled_pct"].null_count() == nobody_declared.height
