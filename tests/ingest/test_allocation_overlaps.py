"""Property: a child's spells are refused exactly when two of them share a day."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from thrive.ingest.allocation_loader import _overlaps
from thrive.ingest.rows import Row

BASE = dt.date(2024, 1, 1)
spell = st.tuples(
    st.sampled_from(["C1", "C2"]),
    st.integers(0, 60),
    st.one_of(st.none(), st.integers(0, 30)),
)


def _days(start: int, length: int | None) -> set[int]:
    return set(range(start, start + (length + 1 if length is not None else 200)))


@settings(max_examples=300, deadline=None)
@given(st.lists(spell, max_size=6, unique_by=lambda s: (s[0], s[1])))
def test_refused_exactly_when_one_childs_spells_share_a_day(
    spells: list[tuple[str, int, int | None]],
) -> None:
    rows = []
    for number, (child, start, length) in enumerate(spells, start=2):
        end = BASE + dt.timedelta(days=start + length) if length is not None else None
        values = {"child_id": child, "start_date": BASE + dt.timedelta(days=start)}
        rows.append(Row(number, {}, values={**values, "end_date": end}))
    _overlaps(rows, "allocations.csv")
    clash = any(
        a[0] == b[0] and _days(a[1], a[2]) & _days(b[1], b[2])
        for i, a in enumerate(spells)
        for b in spells[i + 1 :]
    )
    refused = [p for r in rows for p in r.problems]
    assert bool(refused) == clash
    assert all(p.field == "start_date" for p in refused)
