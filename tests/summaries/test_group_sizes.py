"""Group sizes for withholding, worked out for every group at once, agree with one at a time."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

import small_council
from thrive.frames.load import load
from thrive.summaries.suppression import group_size, group_sizes


@pytest.fixture
def council(db: None) -> small_council.Council:
    return small_council.build()


@pytest.mark.parametrize("by", ["team", "service", "grade"])
def test_every_group_at_once_agrees_with_each_group_alone(council, by):
    frames = load(council.authority)
    codes = {
        "team": frames.teams["team"],
        "service": frames.teams["service"],
        "grade": frames.spells["grade"],
    }[by]
    dates = [small_council.AS_AT - timedelta(days=days) for days in (0, 200, 400, 900)]
    for on in [*dates, date(2000, 1, 1)]:
        sizes = group_sizes(frames, on, by)
        for code in codes.drop_nulls().unique().to_list():
            assert sizes.get(code, 0) == group_size(frames, on, **{by: code}), (on, code)
        assert any(sizes.values()) or on == date(2000, 1, 1)
