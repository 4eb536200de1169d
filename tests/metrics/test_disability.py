"""Disability in the workforce: the declaration rate and the share disabled of those who
declared, by hand-worked examples, small-number suppression, the population target and
invariants over any mix of answers."""

from __future__ import annotations

from datetime import date

import pytest
from builders import Org, one, results, sliced
from hypothesis import given, settings
from hypothesis import strategies as st

from thrive import metrics
from thrive.metrics import Targets
from thrive.summaries.suppression import figure_withheld

ANSWERS = ("yes", "no", "prefer_not_to_say", "not_known", None)


def _org(answers: list[str | None], grade: str = "social_worker", o: Org | None = None) -> Org:
    o = o or Org()
    team = o.team()
    for answer in answers:
        o.spell(o.worker(disability=answer), team, date(2015, 1, 1), origin=9, grade=grade)
    return o


def _shares(org: Org, **kwargs: object) -> dict[str, tuple[object, object, object, bool]]:
    return {
        r.slice["disability"]: (r.numerator, r.denominator, r.value, r.suppressed)
        for r in results(org, "workforce_by_disability", **kwargs)  # type: ignore[arg-type]
        if r.slice
    }


def test_the_share_disabled_is_of_those_who_declared() -> None:
    # 6 disabled, 14 not, 3 would rather not say, 2 never asked: 20 declared of 25.
    org = _org(["yes"] * 6 + ["no"] * 14 + ["prefer_not_to_say"] * 3 + ["not_known", None])
    assert _shares(org, hr=True) == {
        "Disabled": (6, 20, pytest.approx(30.0), False),
        "Not disabled": (14, 20, pytest.approx(70.0), False),
    }
    rate = one(org, "disability_declaration_rate", hr=True)
    assert (rate.numerator, rate.denominator, rate.value) == (20, 25, pytest.approx(80.0))


def test_agency_workers_and_leavers_are_not_counted() -> None:
    org = _org(["yes"] * 5 + ["no"] * 5)
    team = org.team("Children in Care South")
    org.spell(org.worker(disability="yes"), team, date(2017, 1, 1), contract="agency")
    org.spell(org.worker(disability="yes"), team, date(2015, 1, 1), date(2018, 3, 1),
              origin=9, reason=1)  # fmt: skip
    assert _shares(org, hr=True)["Disabled"][:2] == (5, 10)


def test_a_small_group_is_withheld_outside_hr_and_the_other_with_it() -> None:
    org = _org(["yes"] * 3 + ["no"] * 30)
    assert _shares(org) == {
        "Disabled": (None, 33, None, True),
        "Not disabled": (None, 33, None, True),
    }
    assert _shares(org, hr=True)["Disabled"] == (3, 33, pytest.approx(100 * 3 / 33), False)


def test_a_declaration_rate_that_gives_away_a_few_is_withheld_outside_hr() -> None:
    org = _org(["no"] * 20 + ["not_known"] * 2)
    rate = one(org, "disability_declaration_rate", hr=True)
    assert rate.value == pytest.approx(100 * 20 / 22)
    measure = metrics.measure("disability_declaration_rate")
    assert figure_withheld(measure, rate, named=False)  # 2 of 22 have not said
    assert not figure_withheld(measure, rate, named=True)


def test_by_grade() -> None:
    org = _org(["yes"] * 5 + ["no"] * 5, grade="social_worker")
    org = _org(["no"] * 6 + [None] * 4, grade="team_manager", o=org)
    rates = sliced(org, "disability_declaration_rate", "grade", hr=True)
    assert rates["social_worker"].value == pytest.approx(100.0)
    assert rates["team_manager"].value == pytest.approx(60.0)


def test_the_local_population_share_is_the_disabled_groups_target() -> None:
    org = _org(["yes"] * 6 + ["no"] * 14)
    targets = Targets(population={("disability", "Disabled"): 17.5})
    found = {
        r.slice["disability"]: r
        for r in results(org, "workforce_by_disability", targets=targets)
        if r.slice
    }
    assert found["Disabled"].target == 17.5 and found["Disabled"].status is None
    assert found["Not disabled"].target is None


def test_nothing_declared_gives_no_share_and_a_rate_of_zero() -> None:
    org = _org(["not_known"] * 8)
    assert _shares(org, hr=True) == {}
    rate = one(org, "disability_declaration_rate", hr=True)
    assert (rate.numerator, rate.denominator, rate.value) == (0, 8, 0.0)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(ANSWERS), min_size=1, max_size=40))
def test_the_shares_add_up_and_every_rate_is_a_percentage(answers: list[str | None]) -> None:
    org = _org(answers)
    declared = sum(a in ("yes", "no") for a in answers)
    shares = _shares(org, hr=True)
    assert sum(n for n, *_ in shares.values()) == declared  # type: ignore[misc]
    if declared:
        assert sum(v for _, _, v, _ in shares.values()) == pytest.approx(100.0)  # type: ignore[misc]
    assert shares.get("Disabled", (0,))[0] == answers.count("yes") or not answers.count("yes")
    rate = one(org, "disability_declaration_rate", hr=True)
    assert rate.numerator == declared and rate.denominator == len(answers)
    assert rate.value is not None and 0.0 <= rate.value <= 100.0
