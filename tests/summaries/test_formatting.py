"""How a change on a year ago reads in words on the Overview's headline cards."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from thrive.metrics import measures
from thrive.metrics.targets import Target, Targets
from thrive.summaries.formatting import change_in_words, number
from thrive.summaries.rows import target_text


def test_a_fall_in_a_measure_where_lower_is_better_reads_better():
    assert change_in_words(14.2, 15.4, "cases per FTE", False) == "down 1.2 from 15.4: better"


def test_a_rise_in_a_rate_is_in_points_and_says_worse_when_lower_is_better():
    assert change_in_words(13.0, 11.0, "%", False) == "up 2.0 points from 11.0%: worse"


def test_a_rise_where_higher_is_better_reads_better():
    assert change_in_words(91.5, 88.0, "%", True) == "up 3.5 points from 88.0%: better"


def test_no_direction_says_neither_better_nor_worse():
    assert change_in_words(210.0, 200.0, "FTE", None) == "up 10.0 FTE from 200.0 FTE"


def test_no_change_and_no_figure_a_year_ago():
    assert change_in_words(6.0, 6.04, "reports per manager", False) == "no change from 6.0"
    assert change_in_words(6.0, None, "reports per manager", False) == "no figure a year ago"
    assert change_in_words(None, 6.0, "reports per manager", False) == "–"


@given(
    now=st.floats(min_value=0, max_value=500, allow_nan=False),
    before=st.floats(min_value=0, max_value=500, allow_nan=False),
    higher=st.sampled_from([True, False, None]),
)
def test_the_words_add_up_to_the_figures_as_shown(now, before, higher):
    """Earlier figure shown, plus or minus the change shown, is the figure shown now."""
    said = change_in_words(now, before, "cases per FTE", higher)
    shown_now, shown_before = float(number(now, "cases per FTE").replace(",", "")), round(before, 1)
    found = re.fullmatch(r"(up|down) ([\d,.]+) from ([\d,.]+)(: (better|worse))?", said)
    if found is None:
        assert said == f"no change from {number(before, 'cases per FTE')}"
        assert shown_now == shown_before
        return
    way, size, start, _, sense = found.groups()
    step = float(size.replace(",", "")) * (1 if way == "up" else -1)
    assert float(start.replace(",", "")) == shown_before
    assert round(shown_before + step, 1) == shown_now
    assert (sense is None) == (higher is None)
    if higher is not None:
        assert (sense == "better") == ((step > 0) == higher)


def test_a_move_the_wrong_way_still_within_the_target_does_not_read_worse():
    said = change_in_words(
        5.9, 5.8, "reports per manager", False, target="at most 6.0", status="green"
    )
    assert said == "up 0.1 from 5.8: still within the target of at most 6.0"


def test_a_move_the_right_way_still_short_of_the_target_says_so():
    said = change_in_words(15.0, 16.0, "cases per FTE", False, target="at most 14.0", status="red")
    assert said == "down 1.0 from 16.0: better, not yet within the target of at most 14.0"


def test_a_move_that_agrees_with_the_status_reads_as_before():
    assert (
        change_in_words(13.0, 11.0, "%", False, target="at most 12.0%", status="red")
        == "up 2.0 points from 11.0%: worse"
    )
    assert (
        change_in_words(88.0, 85.0, "%", True, target="at least 80.0%", status="green")
        == "up 3.0 points from 85.0%: better"
    )


@given(
    now=st.floats(min_value=0, max_value=50, allow_nan=False),
    before=st.floats(min_value=0, max_value=50, allow_nan=False),
    goal=st.floats(min_value=1, max_value=50, allow_nan=False),
    name=st.sampled_from(["span_of_control", "supervised_share"]),
)
def test_the_change_never_contradicts_the_status(now, before, goal, name):
    """ "worse" never beside a figure meeting its target, "better" never alone beside one
    missing it: the status comes from the metrics' own rule."""
    higher = measures()[name].higher_is_better
    status = Targets(targets={name: Target(goal)}).status(name, now)
    shown = target_text(goal, higher, "cases per FTE")
    said = change_in_words(now, before, "cases per FTE", higher, target=shown, status=status)
    if status == "green":
        assert not said.endswith(("worse", "better, not yet within the target of " + shown))
    else:
        assert not said.endswith((": better", "still within the target of " + shown))
