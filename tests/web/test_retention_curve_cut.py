"""Outside HR a retention curve stops where fewer than 5 people are still at risk of leaving:
a step down among 3 still here is one of those 3 leaving."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from small_council import AS_AT
from thrive.centre.centre import Centre
from thrive.summaries import results
from thrive.summaries.retention import curves_section
from thrive.summaries.suppression import curve_points_shown

AT_RISK = st.lists(st.integers(min_value=0, max_value=12), min_size=1, max_size=15)


def _points(cohorts: dict[str, list[int]]) -> pl.DataFrame:
    rows = [
        {"cohort": name, "years": 0.5 * i, "retained": 1.0, "at_risk": n}
        for name, at_risk in cohorts.items()
        for i, n in enumerate(at_risk)
    ]
    return pl.DataFrame(rows, schema_overrides={"at_risk": pl.Int64})


@given(st.dictionaries(st.sampled_from(["Frontline", "2019", "ASYE"]), AT_RISK, min_size=1))
def test_a_curve_is_shown_only_while_five_or_more_are_at_risk(cohorts: dict[str, list[int]]):
    points = _points(cohorts)
    shown, cut = curve_points_shown(points, named=False, below=5)
    for name, at_risk in cohorts.items():
        # worked out here: from the first point with 5 or more at risk to the first after it
        # with fewer
        first = next((i for i, n in enumerate(at_risk) if n >= 5), None)
        expected: list[float] = []
        stop = None
        if first is not None:
            for i in range(first, len(at_risk)):
                if at_risk[i] < 5:
                    stop = 0.5 * i
                    break
                expected.append(0.5 * i)
        got = shown.filter(pl.col("cohort") == name)
        assert got["years"].to_list() == expected
        assert got["at_risk"].min() is None or got["at_risk"].min() >= 5
        assert cut.get(name) == stop
    everything, none_cut = curve_points_shown(points, named=True, below=5)
    assert everything.equals(points) and none_cut == {}


@pytest.mark.django_db
def test_the_small_councils_curves_stop_where_few_are_at_risk(council, signed_in):
    data = Centre.for_authority(council.authority).records()
    for by in ("route_in", "start_year", "first_grade"):
        named = results.retention_curves(data, by=by, as_at=AS_AT, named=True)
        unnamed = results.retention_curves(data, by=by, as_at=AS_AT, named=False)
        assert named.cut == {}
        assert all(p.at_risk >= 5 for p in unnamed.curves)
        for cohort, stop in unnamed.cut.items():
            row = next(c for c in unnamed.cohorts if c.cohort == cohort)
            for year, share in ((1, row.retained_1y), (2, row.retained_2y), (3, row.retained_3y)):
                if year >= stop:
                    assert share is None, (by, cohort, year)
            # the median time here, and its upper bound, only where the curve is shown
            assert row.median_years is None or row.median_years < stop, (by, cohort)
            assert row.median_upper is None or row.median_upper < stop, (by, cohort)
            hr_row = next(c for c in named.cohorts if c.cohort == cohort)
            if hr_row.median_years is None or hr_row.median_years >= stop:
                assert row.median_cut and row.median_years is None, (by, cohort)
        if by == "route_in":
            # HR's curves go on where few are at risk: the test has something to cut
            assert any(p.at_risk < 5 for p in named.curves) and unnamed.cut
            caption = curves_section(unnamed, by).chart_caption
            assert "A curve stops where fewer than 5 people are still at risk" in caption
            assert "stops where" not in curves_section(named, by).chart_caption
            page = signed_in("lead").get("/retention/").content.decode()
            assert "A curve stops where fewer than 5 people are still at risk" in page
            if any(c.median_cut for c in unnamed.cohorts):
                assert "not shown: too few followed that long" in page
