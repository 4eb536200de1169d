"""A share of people with no count of its own (the retention rate, supervision, the ASYE pass
rate) is withheld from viewers who may not see names wherever those it counts, or those it
does not, are 1 to 4: "95% retained" of 40 says that 2 left."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thrive import metrics
from thrive.metrics import Result
from thrive.metrics.registry import Kind
from thrive.summaries.suppression import figure_withheld

AS_AT = date(2025, 9, 30)
SHARES = [
    "practitioner_turnover_rate",
    "stability_index",
    "retention_rate",
    "supervised_share",
    "appraisal_completion",
    "asye_pass_rate",
    "asye_still_employed",
    "asye_retained_2_years",
    "asye_retained_3_years",
    "children_waiting",
    "retained_with_rr_payment",
    "retained_without_rr_payment",
    "training_compliance",
    "disability_declaration_rate",
    "final_placement_students_joined",
    "trainee_withdrawal_rate",
    "starters_who_visited",
]


def _rate(name: str, counted: float, of: float) -> Result:
    m = metrics.measure(name)
    value = 100 * counted / of if of else None
    return Result(name, m.label, None, value, str(m.unit), None, None, counted, of, AS_AT, None)


def test_every_rate_of_people_is_withheld_by_its_own_counts_or_by_count_measures():
    """No rate whose numerator counts people goes unguarded: each names its counts of people
    (``people``) or is a share of people judged both ways (``share_of_people``)."""
    registry = metrics.measures()
    chosen = {n for n, m in registry.items() if m.share_of_people}
    assert chosen == set(SHARES)
    for name in SHARES:
        m = registry[name]
        assert m.kind is Kind.RATE and not m.people and m.breakdown is None


@pytest.mark.parametrize("name", SHARES)
@pytest.mark.parametrize(
    ("counted", "of", "withheld"),
    [
        (38, 40, True),  # 2 not retained / not supervised / not passed
        (2, 40, True),  # 2 retained
        (35, 40, False),
        (40, 40, False),  # none left out: zero identifies nobody
        (0, 40, False),
        (3, 3, True),  # a group of 3
    ],
)
def test_a_share_is_withheld_where_either_side_is_few(name, counted, of, withheld):
    r = _rate(name, counted, of)
    assert figure_withheld(metrics.measure(name), r, named=False) is withheld
    assert not figure_withheld(metrics.measure(name), r, named=True)


@given(of=st.integers(min_value=5, max_value=200), data=st.data())
def test_what_leadership_sees_never_pins_down_a_group_of_one_to_four(of, data):
    counted = data.draw(st.integers(min_value=0, max_value=of))
    name = data.draw(st.sampled_from(SHARES))
    shown = not figure_withheld(metrics.measure(name), _rate(name, counted, of), named=False)
    if shown:
        assert counted == 0 or counted >= 5
        assert of - counted == 0 or of - counted >= 5


def test_fte_that_differ_by_rounding_alone_are_not_taken_for_a_few_people():
    # 12.3 FTE practitioners a year on, all of them still here: nobody left out.
    r = _rate("practitioner_turnover_rate", 12.3, 0.1 + 12.2)
    assert not figure_withheld(metrics.measure("practitioner_turnover_rate"), r, named=False)
