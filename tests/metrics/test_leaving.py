"""Why people leave, where they go, and after how long: exact answers on hand-made councils, and
properties on any council (the groups add up to the leavers; tenure is counted from the start of
the leaver's time with the council)."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta

import pytest
from builders import AS_AT, Org, results
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thrive.codes import LeaverDestination, ReasonLeave
from thrive.metrics import Result, compute
from thrive.metrics.workers import TENURE_GROUPS

BREAKDOWNS = {
    "leavers_by_reason": "reason",
    "leavers_by_destination": "destination",
    "leavers_by_tenure_band": "tenure_band",
}
YEAR_START = date(2017, 10, 1)


def groups(org: Org, name: str, **kwargs: object) -> dict[str, tuple[object, object, bool]]:
    """Whole-authority groups of one breakdown: {group: (numerator, value, suppressed)}."""
    key = BREAKDOWNS[name]
    return {
        r.slice[key]: (r.numerator, r.value, r.suppressed)
        for r in results(org, name, **kwargs)  # type: ignore[arg-type]
        if r.slice and set(r.slice) == {key}
    }


def test_reasons_are_the_census_labels_in_census_order() -> None:
    o = Org()
    team = o.team()
    for reason, n in ((ReasonLeave.RETIRED, 2), (ReasonLeave.RESIGNATION, 3)):
        for _ in range(n):
            o.spell(o.worker(), team, date(2012, 1, 1), date(2018, 3, 31), origin=9, reason=reason)
    o.spell(o.worker(), team, date(2012, 1, 1), date(2018, 5, 31), origin=9, reason=10)
    # Left before the year: not counted.
    o.spell(o.worker(), team, date(2012, 1, 1), date(2017, 9, 30), origin=9, reason=1)
    found = groups(o, "leavers_by_reason", hr=True)
    assert found == {
        "Resignation": (3, pytest.approx(50.0), False),
        "Retired": (2, pytest.approx(100 * 2 / 6), False),
        "Not yet collected": (1, pytest.approx(100 / 6), False),
    }
    assert list(found) == ["Resignation", "Retired", "Not yet collected"]


def test_a_move_inside_the_council_is_not_a_leaver_and_has_no_reason() -> None:
    o = Org()
    a, b = o.team("A"), o.team("B")
    w = o.worker()
    o.spell(w, a, date(2015, 1, 1), date(2018, 1, 31), origin=9)  # ends without a reason
    o.spell(w, b, date(2018, 2, 1))
    for name in BREAKDOWNS:
        assert groups(o, name, hr=True) == {}, name
        whole = [r for r in results(o, name, hr=True) if r.slice is None]
        assert [(r.numerator, r.denominator) for r in whole] == [(0, 0)]


def test_a_leaver_with_no_destination_recorded_is_shown_as_not_recorded() -> None:
    o = Org()
    team = o.team()
    o.spell(o.worker(), team, date(2015, 1, 1), date(2018, 6, 30), origin=9, reason=1)
    o.spell(
        o.worker(),
        team,
        date(2015, 1, 1),
        date(2018, 6, 30),
        origin=9,
        reason=1,
        destination=LeaverDestination.OUTSIDE_ENGLAND,
    )
    o.spell(o.worker(), team, date(2015, 1, 1), date(2018, 6, 30), origin=9, reason=1,
            destination=None)  # fmt: skip
    o.spell(o.worker(), team, date(2015, 1, 1), date(2018, 6, 30), origin=9, reason=1,
            destination=42)  # fmt: skip
    assert groups(o, "leavers_by_destination", hr=True) == {
        "Social worker role in a different local authority in England": (1, 25.0, False),
        "Social worker role outside England": (1, 25.0, False),
        "Not recorded": (1, 25.0, False),
        "Code 42": (1, 25.0, False),
    }


def test_tenure_runs_from_the_start_of_continuous_time_with_the_council() -> None:
    o = Org()
    a, b = o.team("A"), o.team("B")
    # A full year to the day: 1 year.
    o.spell(o.worker(), a, date(2017, 9, 1), date(2018, 8, 31), origin=9, reason=1)
    # One day short of a year: under 1 year.
    o.spell(o.worker(), a, date(2017, 9, 1), date(2018, 8, 30), origin=9, reason=1)
    # Moves inside the council do not restart the count: 2010 to 2018 is 8 years.
    w = o.worker()
    o.spell(w, a, date(2010, 4, 1), date(2014, 3, 31), origin=9)
    o.spell(w, b, date(2014, 4, 1), date(2018, 3, 31), reason=1, grade="senior_practitioner")
    # Agency time before joining does not count; a leaver who came back starts again.
    w = o.worker()
    o.spell(w, a, date(2005, 1, 1), date(2012, 12, 31), contract="agency")
    o.spell(w, a, date(2013, 1, 1), date(2014, 12, 31), origin=4, reason=1)
    o.spell(w, b, date(2016, 1, 1), date(2018, 4, 30), origin=2, reason=1)
    # Ten years and more.
    o.spell(o.worker(), b, date(2008, 6, 1), date(2018, 5, 31), origin=9, reason=5)
    found = groups(o, "leavers_by_tenure_band", hr=True)
    assert {k: v[0] for k, v in found.items()} == {
        "Under 1 year": 1,
        "1 year to under 2": 1,
        "2 years to under 5": 1,
        "5 years to under 10": 1,
        "10 years or more": 1,
    }
    assert list(found) == list(TENURE_GROUPS)


def test_a_29_february_start_completes_its_year_on_1_march() -> None:
    o = Org()
    team = o.team()
    o.spell(o.worker(), team, date(2016, 2, 29), date(2018, 2, 27), origin=9, reason=1)
    o.spell(o.worker(), team, date(2016, 2, 29), date(2018, 2, 28), origin=9, reason=1)
    found = groups(o, "leavers_by_tenure_band", hr=True)
    assert {k: v[0] for k, v in found.items()} == {"1 year to under 2": 1, "2 years to under 5": 1}


def test_by_grade_and_team_each_leaver_sits_under_the_post_they_left() -> None:
    o = Org()
    north, south = o.team("North"), o.team("South")
    for _ in range(3):
        o.spell(o.worker(), north, date(2016, 1, 1), date(2018, 6, 30), origin=9, reason=1)
    for _ in range(2):
        w = o.worker()
        o.spell(w, north, date(2016, 1, 1), date(2017, 12, 31), origin=9)
        o.spell(w, south, date(2018, 1, 1), date(2018, 6, 30), reason=5, grade="team_manager")
    by_grade = {
        (r.slice["grade"], r.slice["reason"]): (r.numerator, r.denominator)
        for r in results(o, "leavers_by_reason", by="grade", hr=True)
        if r.slice and "grade" in r.slice
    }
    assert by_grade == {
        ("social_worker", "Resignation"): (3, 3),
        ("team_manager", "Retired"): (2, 2),
    }
    by_team = {
        (r.slice["team"], r.slice["tenure_band"]): r.numerator
        for r in results(o, "leavers_by_tenure_band", by="team", hr=True)
        if r.slice and "team" in r.slice
    }
    assert by_team == {("North", "2 years to under 5"): 3, ("South", "2 years to under 5"): 2}


def test_a_worker_leaving_two_posts_at_once_counts_once_under_the_senior() -> None:
    o = Org()
    team = o.team()
    w = o.worker()
    o.spell(w, team, date(2015, 1, 1), date(2018, 6, 30), origin=9, reason=1, fte=0.5)
    o.spell(w, team, date(2016, 1, 1), date(2018, 6, 30), origin=9, reason=5, fte=0.5,
            grade="team_manager")  # fmt: skip
    assert groups(o, "leavers_by_reason", hr=True) == {"Retired": (1, 100.0, False)}


def test_small_groups_are_suppressed_outside_hr() -> None:
    o = Org()
    team = o.team()
    for reason, n in ((ReasonLeave.RESIGNATION, 8), (ReasonLeave.RETIRED, 6), (6, 1)):
        for _ in range(n):
            o.spell(o.worker(), team, date(2012, 1, 1), date(2018, 3, 31), origin=9, reason=reason)
    outside = groups(o, "leavers_by_reason")
    assert outside["Deceased"] == (None, None, True)
    assert outside["Retired"] == (None, None, True), "the next smallest goes too"
    assert outside["Resignation"] == (8, pytest.approx(100 * 8 / 15), False)
    assert not any(hidden for *_, hidden in groups(o, "leavers_by_reason", hr=True).values())


# --- properties on any council --------------------------------------------------------------


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return date(day.year + years, 3, 1)


def _band(first_day: date, last_day: date) -> str:
    """Whole years served, counted anniversary by anniversary (not by the formula)."""
    after = last_day + timedelta(days=1)
    years = 0
    while _add_years(first_day, years + 1) <= after:
        years += 1
    for upper, label in ((1, 0), (2, 1), (5, 2), (10, 3)):
        if years < upper:
            return TENURE_GROUPS[label]
    return TENURE_GROUPS[4]


@st.composite
def councils(draw: st.DrawFn) -> tuple[Org, Counter[str]]:
    """A council whose every worker keeps one grade and FTE (so a worker leaving twice in the
    year is counted at the first leaving), and the tenure bands of its year's leavers."""
    o = Org()
    teams = [o.team(f"Team {i}") for i in range(draw(st.integers(1, 3)))]
    expected: Counter[str] = Counter()
    for _ in range(draw(st.integers(1, 8))):
        w = o.worker()
        grade = draw(st.sampled_from(["asye", "social_worker", "team_manager"]))
        day = date(2004, 1, 1) + timedelta(days=draw(st.integers(0, 5200)))
        if draw(st.booleans()):  # agency time first: never counts
            o.spell(w, teams[0], day - timedelta(days=400), day - timedelta(days=1),
                    contract="agency")  # fmt: skip
        counted = False
        for _stint in range(draw(st.integers(1, 2))):
            first_day = day
            for n in range(draw(st.integers(1, 3))):
                last = day + timedelta(days=draw(st.integers(0, 2000)))
                leaves = draw(st.booleans())
                reason = draw(st.integers(1, 10)) if leaves else None
                o.spell(
                    w,
                    draw(st.sampled_from(teams)),
                    day,
                    last,
                    grade=grade,
                    origin=9 if n == 0 else None,
                    reason=reason,
                    destination=draw(st.none() | st.integers(1, 9)),
                )
                if leaves and YEAR_START <= last <= AS_AT and not counted:
                    expected[_band(first_day, last)] += 1
                    counted = True
                day = last + timedelta(days=1)
                if leaves:
                    break
            day = day + timedelta(days=draw(st.integers(1, 400)))
    return o, expected


def _numerators(found: list[Result], name: str, by: str | None) -> dict[str | None, float]:
    """Each slice's total of the breakdown's group numerators (or the measure's numerator)."""
    totals: dict[str | None, float] = defaultdict(float)
    for r in found:
        if r.name != name:
            continue
        where = (r.slice or {}).get(by) if by else None
        if by is not None and (r.slice is None or by not in r.slice):
            continue
        if name in BREAKDOWNS and (r.slice is None or BREAKDOWNS[name] not in r.slice):
            continue
        totals[where] += r.numerator or 0
    return dict(totals)


@settings(
    max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(council=councils(), by=st.sampled_from([None, "team", "grade"]))
def test_the_groups_add_up_to_the_leavers_and_tenure_counts_from_the_start(
    council: tuple[Org, Counter[str]], by: str | None
) -> None:
    org, expected = council
    names = ["leavers_headcount", *BREAKDOWNS]
    found = compute(org.frames(), AS_AT, names=names, by=by, hr=True, compare=False)
    leavers = _numerators(found, "leavers_headcount", by)
    leavers = {k: v for k, v in leavers.items() if v}
    for name in BREAKDOWNS:
        assert _numerators(found, name, by) == pytest.approx(leavers), name
        for r in found:
            if r.name == name and r.slice and BREAKDOWNS[name] in r.slice:
                if by is not None and by not in r.slice:
                    continue
                where = r.slice.get(by) if by else None
                assert r.denominator == leavers[where], (name, r)
    bands = {
        r.slice["tenure_band"]: r.numerator
        for r in found
        if r.name == "leavers_by_tenure_band" and r.slice and set(r.slice) == {"tenure_band"}
    }
    assert bands == dict(expected)
