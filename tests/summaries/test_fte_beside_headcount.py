"""The FTE of a flow or group of people is withheld wherever the count of those people is:
"FTE starters 1.00" beside "Starters (headcount): fewer than 5" gives the count away. A rate
or difference made from counts of people (a turnover rate: leavers and those in post) is
withheld wherever any of them is: "turnover 5.0%" of 40 in post gives away 2 leavers."""

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
        assert registry[fte].people == (people,)
        assert registry[people].unit is Unit.PEOPLE and registry[people].kind is Kind.COUNT
    assert with_people(["starters_fte", "turnover_rate"]) == [
        "starters_fte",
        "turnover_rate",
        "starters_headcount",
        "leavers_headcount",
        "headcount_in_post",
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
    counted = people_result(m, {PAIRS[name]: count, "cases": _result("cases", 3.0)})
    assert counted == {PAIRS[name]: count}
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


# The rates and differences made from counts of people, and the counts each is made from.
MADE_FROM = {
    "turnover_rate": ("leavers_headcount", "headcount_in_post"),
    "turnover_rate_headcount": ("leavers_headcount", "headcount_in_post"),
    "agency_rate": ("agency_headcount", "headcount_in_post"),
    "agency_rate_headcount": ("agency_headcount", "headcount_in_post"),
    "permanent_share": ("headcount_in_post", "agency_headcount"),
    "stock_flow_difference_fte": ("starters_headcount", "leavers_headcount", "headcount_in_post"),
}


def _rate(name: str, numerator: float, denominator: float) -> Result:
    m = metrics.measure(name)
    value = 100 * numerator / denominator if denominator else None
    if m.kind is Kind.DIFFERENCE:
        value = numerator - denominator
    return Result(
        name,
        m.label,
        None,
        value,
        str(m.unit),
        10.0,
        "red",
        numerator,
        denominator,
        AS_AT,
        None,
        value,
    )


def test_the_rates_name_the_counts_they_are_made_from():
    registry = metrics.measures()
    for name, made_from in MADE_FROM.items():
        assert registry[name].people == made_from
    assert with_people(["agency_rate"]) == ["agency_rate", "agency_headcount", "headcount_in_post"]


@given(
    name=st.sampled_from(sorted(MADE_FROM)),
    counts=st.lists(st.integers(min_value=0, max_value=60), min_size=3, max_size=3),
)
def test_a_rate_goes_wherever_any_count_it_is_made_from_goes(name: str, counts: list[int]):
    m = metrics.measure(name)
    made_from = MADE_FROM[name]
    people = {n: _result(n, float(c)) for n, c in zip(made_from, counts, strict=False)}
    # Workings of a large enough size that only the counts can withhold the rate.
    r = _rate(name, 30.0, 60.0)
    hidden = any(1 <= c <= 4 for c in counts[: len(made_from)])
    counted = people_result(m, {**people, "cases": _result("cases", 2.0)})
    assert figure_withheld(m, r, named=False, people=counted) == hidden
    assert not figure_withheld(m, r, named=True, people=counted)
    assert (figure_of(m, r, False, people=counted).mark == SUPPRESSED) == hidden
    row = measure_row(m, r, [(AS_AT, r.value)], False, people=counted)
    assert row.suppressed == hidden
    if hidden:
        assert row.status is None and row.status_text == "not shown" and row.change == "–"
        assert row.workings == "" and row.trend is None


@given(numerator=st.floats(min_value=0, max_value=20), denominator=st.floats(0.01, 20))
def test_without_its_counts_a_rate_of_few_is_withheld(numerator: float, denominator: float):
    m = metrics.measure("turnover_rate")
    r = _rate("turnover_rate", numerator, denominator)
    few = 0 < numerator < 5 or denominator < 5
    assert figure_withheld(m, r, named=False) == few


def _contract_group(contract: str, workings: dict[str, float]) -> Result:
    m = metrics.measure("stock_flow_difference_fte")
    end = workings["end_fte"]
    expected = workings["start_fte"] + workings["starters_fte"] - workings["leavers_fte"]
    return Result(
        m.name,
        m.label,
        {"contract": contract},
        end - expected,
        str(m.unit),
        None,
        None,
        end,
        expected,
        AS_AT,
        None,
        None,
        detail=workings,
    )


@given(
    starters=st.floats(min_value=0, max_value=12),
    leavers=st.floats(min_value=0, max_value=12),
    moved_in=st.floats(min_value=0, max_value=12),
)
def test_one_contracts_stock_and_flow_is_judged_by_its_own_workings(
    starters: float, leavers: float, moved_in: float
):
    """The council's counts of starters and leavers can't speak for the fixed-term staff: 40
    starters in all does not make the 2 fixed-term starters safe to show."""
    m = metrics.measure("stock_flow_difference_fte")
    workings = {
        "start_fte": 30.0,
        "starters_fte": starters,
        "leavers_fte": leavers,
        "moved_in_fte": moved_in,
        "end_fte": 30.0 + starters - leavers + moved_in,
    }
    whole_counts = {n: _result(n, 40.0) for n in m.people}
    r = _contract_group("fixed_term", workings)
    few = any(0 < v < 5 for v in (starters, leavers, moved_in))
    assert figure_withheld(m, r, named=False, people=whole_counts) == few
    assert not figure_withheld(m, r, named=True, people=whole_counts)
    # the whole council's figure is still judged by the counts, as before
    whole = r._replace(slice=None)
    assert not figure_withheld(m, whole, named=False, people=whole_counts)
