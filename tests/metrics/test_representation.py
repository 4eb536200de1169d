"""A representative workforce: shares by group, small-number suppression, population targets."""

from __future__ import annotations

from datetime import date

import pytest
from builders import AS_AT, Org, results

from thrive.metrics import Targets


@pytest.fixture
def org() -> Org:
    o = Org()
    team = o.team()
    for i in range(12):
        o.spell(o.worker(ethnicity="WBRI", sex="F"), team, date(2015, 1, 1), origin=9)
        if i < 6:
            o.spell(o.worker(ethnicity="AIND", sex="M"), team, date(2015, 1, 1), origin=9)
    for _ in range(2):
        o.spell(o.worker(ethnicity="BAFR", sex="F"), team, date(2015, 1, 1), origin=9)
    o.spell(o.worker(ethnicity="REFU", sex="U", born=None), team, date(2015, 1, 1), origin=9)
    o.spell(o.worker(born=date(1990, 10, 1)), team, date(2015, 1, 1), origin=9)
    # An agency worker: not in the council's own workforce figures.
    o.spell(o.worker(ethnicity="MWBC"), team, date(2017, 1, 1), contract="agency")
    return o


def groups(org: Org, name: str, **kwargs: object) -> dict[str, tuple[object, object, bool]]:
    return {
        r.slice["ethnicity" if "ethnicity" in name else name.rsplit("_by_", 1)[1]]: (
            r.numerator,
            r.value,
            r.suppressed,
        )
        for r in results(org, name, **kwargs)  # type: ignore[arg-type]
        if r.slice
    }


def test_shares_of_the_directly_employed_workforce_in_hr_view(org: Org) -> None:
    shares = groups(org, "workforce_by_ethnicity", hr=True)
    assert shares == {
        "White": (13, pytest.approx(100 * 13 / 22), False),
        "Asian": (6, pytest.approx(100 * 6 / 22), False),
        "Black": (2, pytest.approx(100 * 2 / 22), False),
        "Unknown": (1, pytest.approx(100 / 22), False),
    }


def test_small_groups_are_suppressed_outside_hr(org: Org) -> None:
    shares = groups(org, "workforce_by_ethnicity")
    assert shares["Black"] == (None, None, True)
    assert shares["Unknown"] == (None, None, True)
    assert shares["White"][2] is False and shares["Asian"][2] is False


def test_one_small_group_hides_the_next_smallest_too() -> None:
    o = Org()
    team = o.team()
    for sex, n in (("F", 9), ("M", 6), ("U", 2)):
        for _ in range(n):
            o.spell(o.worker(sex=sex), team, date(2015, 1, 1), origin=9)
    shares = groups(o, "workforce_by_sex")
    assert shares["Not known or not specified"][2] and shares["Male"][2], "the next smallest"
    assert shares["Female"] == (9, pytest.approx(100 * 9 / 17), False)


def test_the_threshold_is_configurable(org: Org) -> None:
    below_2 = groups(org, "workforce_by_ethnicity", targets=Targets(options={"suppress_below": 2}))
    # Only the group of 1 is small; the group of 2 goes too, so it cannot be derived.
    assert below_2["Unknown"][2] and below_2["Black"][2]
    assert below_2["Asian"] == (6, pytest.approx(100 * 6 / 22), False)
    below_1 = groups(org, "workforce_by_ethnicity", targets=Targets(options={"suppress_below": 1}))
    assert not any(hidden for _, _, hidden in below_1.values())


def test_age_bands_on_the_as_at_date(org: Org) -> None:
    bands = groups(org, "workforce_by_age_band", hr=True)
    # Born 1 Jan 1985: 33 on 30 Sep 2018; born 1 Oct 1990: still 27 the day before turning 28.
    assert bands["30 to 39"][0] == 20
    assert bands["Under 30"][0] == 1
    assert bands["Not known"][0] == 1


def test_an_age_counts_from_the_birthday_in_every_month() -> None:
    o = Org()
    team = o.team()
    # Both 30 on 30 September 2018: born on the last day of August, and the 30th of September.
    for born in (date(1988, 8, 31), date(1988, 9, 30)):
        o.spell(o.worker(born=born), team, date(2015, 1, 1), origin=9)
    o.spell(o.worker(born=date(1988, 10, 1)), team, date(2015, 1, 1), origin=9)
    bands = groups(o, "workforce_by_age_band", hr=True)
    assert {k: v[0] for k, v in bands.items()} == {"Under 30": 1, "30 to 39": 2}


def test_starters_and_leavers_by_group() -> None:
    o = Org()
    team = o.team()
    for _ in range(5):
        o.spell(o.worker(sex="F"), team, date(2018, 1, 1), origin=1)
    o.spell(o.worker(sex="M"), team, date(2015, 1, 1), date(2018, 2, 1), origin=9, reason=1)
    starters = groups(o, "starters_by_sex", hr=True)
    assert starters == {"Female": (5, 100.0, False)}
    assert groups(o, "leavers_by_sex", hr=True) == {"Male": (1, 100.0, False)}


def test_sex_is_shown_by_its_label_and_a_missing_one_is_not_known() -> None:
    o = Org()
    team = o.team()
    for sex in ("F", "M", "U", None):
        o.spell(o.worker(sex=sex), team, date(2015, 1, 1), origin=9)  # type: ignore[arg-type]
    shares = groups(o, "workforce_by_sex", hr=True)
    assert list(shares) == ["Female", "Male", "Not known or not specified"]
    assert shares["Not known or not specified"][0] == 2


def test_the_local_population_share_is_the_target(org: Org) -> None:
    targets = Targets(population={("ethnicity", "White"): 94.5})
    found = {
        r.slice["ethnicity"]: r
        for r in results(org, "workforce_by_ethnicity", targets=targets)
        if r.slice
    }
    assert found["White"].target == 94.5 and found["White"].status is None
    assert found["Asian"].target is None


def test_sliced_by_grade_each_group_sits_under_its_grade() -> None:
    o = Org()
    team = o.team()
    for _ in range(5):
        o.spell(o.worker(ethnicity="WBRI"), team, date(2015, 1, 1), origin=9, grade="team_manager")
        o.spell(o.worker(ethnicity="BCRB"), team, date(2015, 1, 1), origin=9)
    by_grade = [
        (r.slice, r.numerator)
        for r in results(o, "workforce_by_ethnicity", AS_AT, by="grade")
        if r.slice and "grade" in r.slice
    ]
    assert sorted(by_grade, key=str) == sorted(
        [
            ({"grade": "team_manager", "ethnicity": "White"}, 5),
            ({"grade": "social_worker", "ethnicity": "Black"}, 5),
        ],
        key=str,
    )


def test_a_slice_whose_people_are_all_in_one_small_group_hides_its_total_too() -> None:
    o = Org()
    big, small = o.team("Big"), o.team("Small")
    for _ in range(6):
        o.spell(o.worker(sex="F"), big, date(2015, 1, 1), origin=9)
    o.spell(o.worker(sex="M"), small, date(2015, 1, 1), origin=9)
    rows = {
        r.slice.get("team"): r
        for r in results(o, "workforce_by_sex", AS_AT, by="team")
        if r.slice and "team" in r.slice
    }
    assert rows["Small"].suppressed and rows["Small"].denominator is None
    assert rows["Big"].numerator == 6 and rows["Big"].denominator == 6
