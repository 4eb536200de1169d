"""The Try Before You Apply measures by hand: visits in the year, visitors who applied within
six months (only visits whose six months have run), and starters who first visited; and a
property: the share who applied is never more than the visits it is taken from."""

from __future__ import annotations

from datetime import date, timedelta

from builders import AS_AT, Org, one, sliced
from hypothesis import given, settings
from hypothesis import strategies as st


def _visit(
    o: Org,
    day: date,
    *,
    team: int | None = None,
    applied: date | None = None,
    hired: int | None = None,
) -> None:
    rows = o.rows.setdefault("visits", [])
    rows.append(
        {
            "visit_id": len(rows) + 1,
            "date": day,
            "career_stage": "student",
            "source": "",
            "team_id": team,
            "candidate_id": len(rows) + 1 if applied else None,
            "applied": applied,
            "hired_worker_id": hired,
        }
    )


def test_visits_in_the_year_by_the_team_visited() -> None:
    o = Org()
    north = o.team("North")
    o.spell(o.worker(), north, date(2015, 1, 1), origin=9)
    _visit(o, date(2017, 9, 30))  # the day before the year
    _visit(o, date(2017, 10, 1), team=north)
    _visit(o, date(2018, 9, 30))
    _visit(o, date(2018, 10, 1))  # after the as-at date
    assert one(o, "visits").numerator == 2
    by_team = sliced(o, "visits", "team")
    assert by_team["North"].numerator == 1
    assert by_team["(not recorded)"].numerator == 1


def test_visitors_applied_counts_visits_whose_six_months_ran_in_the_year() -> None:
    o = Org()
    o.spell(o.worker(), o.team(), date(2015, 1, 1), origin=9)
    # six months end 2017-10-01 .. 2018-09-30: visits from 2017-04-01 to 2018-03-31
    _visit(o, date(2017, 4, 1), applied=date(2017, 10, 1))  # applied on the window's last day
    _visit(o, date(2017, 6, 1), applied=date(2017, 12, 2))  # a day too late
    _visit(o, date(2018, 1, 15), applied=date(2018, 1, 14))  # before the visit: not counted
    _visit(o, date(2018, 3, 31))  # never applied
    _visit(o, date(2017, 3, 31), applied=date(2017, 4, 2))  # window closed before the year
    _visit(o, date(2018, 4, 1), applied=date(2018, 4, 2))  # window still open at as-at
    result = one(o, "visitors_applied")
    assert (result.numerator, result.denominator) == (1, 4)
    assert result.value == 25.0


def test_starters_who_first_visited() -> None:
    o = Org()
    north = o.team("North")
    came, other, early = o.worker(), o.worker(), o.worker()
    o.spell(came, north, date(2018, 3, 1), origin=9)
    o.spell(other, north, date(2018, 4, 1), origin=9)
    o.spell(early, north, date(2018, 5, 1), origin=9)
    _visit(o, date(2017, 12, 1), applied=date(2018, 1, 5), hired=came)
    _visit(o, date(2018, 6, 1), applied=date(2018, 1, 5), hired=early)  # visited after starting
    result = one(o, "starters_who_visited")
    assert (result.numerator, result.denominator) == (1, 3)


def test_no_visits_recorded_gives_no_share_of_starters() -> None:
    o = Org()
    o.spell(o.worker(), o.team(), date(2018, 3, 1), origin=9)
    result = one(o, "starters_who_visited")
    assert result.value is None


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(-800, 0), st.one_of(st.none(), st.integers(-30, 400))),
        max_size=15,
    )
)
def test_those_who_applied_are_never_more_than_the_visits(
    visits: list[tuple[int, int | None]],
) -> None:
    o = Org()
    o.spell(o.worker(), o.team(), date(2015, 1, 1), origin=9)
    for offset, gap in visits:
        day = AS_AT + timedelta(days=offset)
        _visit(o, day, applied=None if gap is None else day + timedelta(days=gap))
    result = one(o, "visitors_applied")
    applied, ended = result.numerator or 0, result.denominator or 0
    assert 0 <= applied <= ended <= len(visits)
    assert (one(o, "visits").numerator or 0) <= len(visits)
