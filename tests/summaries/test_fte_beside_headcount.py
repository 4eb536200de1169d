"""The FTE of a flow or group of people is withheld wherever the count of those people is:
"FTE starters 1.00" beside "Starters (headcount): fewer than 5" gives the count away."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from thrive import metrics
from thrive.metrics import Result
from thrive.metrics.registry import Kind, Unit
from thrive.summaries.pack_figures import SUPPRESSED, figure_of
from thrive.summaries.rows import measure_row
from thrive.summaries.suppression import figure_withheld, people_result, with_people

AS_AT = date(2025, 9, 30)
PAIRS = {
    "starters_fte": "starters_headcount",
    "leavers_fte": "leavers_headcount",
    "fte_in_post": "headcount_in_post",
    "agency_fte": "agency_headcount",
    "agency_fte_in_posts": "agency_in_posts",
}
# FTE measures that are not the FTE of a group of people counted elsewhere: posts vacant, the
# unexplained difference of the reconciliation, and the case holders (no headcount measure;
# each is a group of the council's, withheld with it on the pages).
NOT_OF_PEOPLE = {"vacancy_fte", "stock_flow_difference_fte", "case_holders_fte"}


def _result(name: str, value: float) -> Result:
    m = metrics.measure(name)
    return Result(
        name, m.label, None, value, str(m.unit), None, None, value, None, AS_AT, None, None
    )


def test_every_fte_count_names_the_people_it_is_the_fte_of():
    registry = metrics.measures()
    fte_counts = {m.name for m in registry.values() if m.unit is Unit.FTE and m.kind is Kind.COUNT}
    assert fte_counts - NOT_OF_PEOPLE == set(PAIRS)
    for fte, people in PAIRS.items():
        assert registry[fte].people == people
        assert registry[people].unit is Unit.PEOPLE and registry[people].kind is Kind.COUNT
    assert with_people(["starters_fte", "turnover_rate"]) == [
        "starters_fte",
        "turnover_rate",
        "starters_headcount",
    ]


@given(
    name=st.sampled_from(sorted(PAIRS)),
    people=st.integers(min_value=0, max_value=12),
    hours=st.floats(min_value=0.1, max_value=1.0),
)
def test_an_fte_goes_wherever_its_headcount_goes(name: str, people: int, hours: float):
    m = metrics.measure(name)
    fte = _result(name, round(people * hours, 2))
    count = _result(PAIRS[name], float(people))
    counted = people_result(m, {PAIRS[name]: count})
    assert counted is count
    hidden = figure_withheld(metrics.measure(PAIRS[name]), count, named=False)
    assert hidden == (1 <= people <= 4)
    assert figure_withheld(m, fte, named=False, people=counted) == hidden
    assert not figure_withheld(m, fte, named=True, people=counted)
    # The pack and the pages' rows follow the same rule.
    assert (figure_of(m, fte, False, people=counted).mark == SUPPRESSED) == hidden
    row = measure_row(m, fte, [], False, people=counted)
    assert row.suppressed == hidden
    if hidden:
        assert "1" not in row.value and row.status_text == "not shown"


@given(fte=st.floats(min_value=0.01, max_value=20))
def test_without_its_headcount_a_small_fte_is_withheld(fte: float):
    m = metrics.measure("starters_fte")
    assert figure_withheld(m, _result("starters_fte", fte), named=False) == (fte < 5)
