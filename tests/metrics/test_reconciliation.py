"""Stock and flow: start + starters - leavers = end, by contract type, every FTE explained."""

from __future__ import annotations

from datetime import date

import pytest
from builders import AS_AT, Org, results


def reconciliation(org: Org, by: str | None = None) -> dict[str, dict[str, float]]:
    out = {}
    for r in results(org, "stock_flow_difference_fte", AS_AT, by=by):
        key = "all" if r.slice is None else ", ".join(r.slice.values())
        assert r.detail is not None
        out[key] = {**r.detail, "difference": r.value, "expected": r.denominator}
    return out


@pytest.fixture
def org() -> Org:
    o = Org()
    team, other = o.team("North"), o.team("South")
    o.spell(o.worker(), team, date(2015, 1, 1), origin=9)  # stays
    o.spell(o.worker(), team, date(2015, 1, 1), date(2018, 1, 31), origin=9, reason=1)  # leaves
    o.spell(o.worker(), team, date(2018, 3, 1), fte=0.5, origin=1)  # starts
    converted = o.worker()  # fixed-term made permanent
    o.spell(converted, team, date(2016, 1, 1), date(2018, 4, 30), contract="fixed_term", origin=9)
    o.spell(converted, team, date(2018, 5, 1))
    cut = o.worker()  # cuts hours
    o.spell(cut, team, date(2016, 1, 1), date(2018, 6, 30), origin=9)
    o.spell(cut, team, date(2018, 7, 1), fte=0.6)
    mover = o.worker()  # changes team
    o.spell(mover, team, date(2016, 1, 1), date(2018, 6, 30), origin=9)
    o.spell(mover, other, date(2018, 7, 1))
    unexplained = o.worker()  # no start origin and nothing before it: a record to check
    o.spell(unexplained, team, date(2018, 2, 1), fte=0.4)
    o.spell(o.worker(), team, date(2017, 1, 1), contract="agency")  # never in these figures
    return o


def test_the_whole_authority_balances_with_every_difference_named(org: Org) -> None:
    whole = reconciliation(org)["all"]
    assert whole["start_fte"] == 5
    assert whole["starters_fte"] == 0.5
    assert whole["leavers_fte"] == 1
    assert whole["moved_in_fte"] == whole["moved_out_fte"] == 0
    assert whole["fte_changes"] == pytest.approx(-0.4)
    assert whole["other_in_fte"] == pytest.approx(0.4)
    assert whole["end_fte"] == pytest.approx(5 + 0.5 - 1 - 0.4 + 0.4)
    assert whole["difference"] == pytest.approx(whole["end_fte"] - whole["expected"])


def test_by_contract_a_conversion_moves_out_of_fixed_term_into_permanent(org: Org) -> None:
    rows = reconciliation(org)
    assert rows["fixed_term"]["moved_out_fte"] == 1 and rows["fixed_term"]["end_fte"] == 0
    assert rows["permanent"]["moved_in_fte"] == 1
    assert rows["permanent"]["start_fte"] == 4


def test_by_team_a_move_is_out_of_one_team_and_into_the_other(org: Org) -> None:
    rows = reconciliation(org, by="team")
    assert rows["North"]["moved_out_fte"] == 1
    assert rows["South"]["moved_in_fte"] == 1
    assert rows["South"]["end_fte"] == 1


def test_every_row_balances(org: Org) -> None:
    for by in (None, "team", "grade", "contract", "route"):
        for key, row in reconciliation(org, by).items():
            explained = (
                row["start_fte"]
                + row["starters_fte"]
                - row["leavers_fte"]
                + row["moved_in_fte"]
                - row["moved_out_fte"]
                + row["fte_changes"]
                + row["other_in_fte"]
                - row["other_out_fte"]
            )
            assert explained == pytest.approx(row["end_fte"]), (by, key)
