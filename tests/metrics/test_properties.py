"""Properties every measure keeps on any workforce: shares stay in 0-100, the stock-and-flow
reconciliation always balances, and slices of a count add up to the whole."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

import pytest
from builders import Org
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thrive.metrics import DIMENSIONS, Options, Result, compute, measures
from thrive.metrics.registry import Kind

GRADES = ["asye", "social_worker", "senior_practitioner", "team_manager"]
# Rates whose numerator is not a part of their denominator, so may pass 100.
UNBOUNDED = {
    "turnover_rate",
    "turnover_rate_headcount",
    "practitioner_turnover_rate",
    "absence_rate",
    "asye_caseload_ratio",
}
# Whose slices' numerators do not add up to the whole's, by definition.
NOT_ADDITIVE = {"stability_index", "asye_caseload_ratio"}


@st.composite
def workforces(draw: st.DrawFn) -> Org:
    o = Org()
    teams = [
        o.team(f"Team {i}", service=f"Service {i % 2}") for i in range(draw(st.integers(1, 3)))
    ]
    posts = [
        o.post(
            t,
            funded=draw(st.sampled_from([0.5, 1.0])),
            start=draw(st.dates(date(2015, 1, 1), date(2018, 12, 31))),
            end=draw(st.none() | st.dates(date(2019, 1, 1), date(2020, 1, 1))),
        )
        for t in teams
        for _ in range(2)
    ]
    workers: list[int] = []
    for _ in range(draw(st.integers(1, 10))):
        w = o.worker(
            route=draw(st.sampled_from(["asye", "experienced", ""])),
            sex=draw(st.sampled_from("FMU")),
            ethnicity=draw(st.sampled_from(["WBRI", "AIND", "BAFR", "REFU"])),
        )
        workers.append(w)
        agency = draw(st.booleans()) and draw(st.booleans())
        day = date(2016, 1, 1) + timedelta(days=draw(st.integers(0, 1200)))
        for stint in range(draw(st.integers(1, 2))):
            segments = draw(st.integers(1, 3))
            for n in range(segments):
                length = draw(st.integers(0, 500))
                last = n == segments - 1
                open_ended = last and stint == 0 and draw(st.booleans())
                end = None if open_ended else day + timedelta(days=length)
                contract = (
                    "agency" if agency else draw(st.sampled_from(["permanent", "fixed_term"]))
                )
                leaves = not agency and last and end is not None and draw(st.booleans())
                o.spell(
                    w,
                    draw(st.sampled_from(teams)),
                    day,
                    end,
                    grade=draw(st.sampled_from(GRADES)),
                    contract=contract,
                    fte=draw(st.sampled_from([0.4, 0.5, 0.8, 1.0])),
                    origin=9 if n == 0 and not agency and draw(st.integers(0, 9)) else None,
                    reason=1 if leaves else None,
                    post=draw(st.none() | st.sampled_from(posts)),
                )
                if end is None:
                    break
                day = end + timedelta(days=1)
            if day is None:
                break
            day = day + timedelta(days=draw(st.integers(1, 300)))
        if draw(st.booleans()):  # a second role at the same time
            o.spell(
                w,
                teams[0],
                date(2017, 3, 1),
                date(2019, 2, 1),
                grade="operations_manager",
                origin=9,
            )
        o.caseload(w, date(2018, 9, 30), draw(st.integers(0, 25)))
        if draw(st.booleans()):
            o.supervision(w, date(2018, 9, 15))
        if draw(st.booleans()):
            o.absence(w, date(2018, 3, 5), date(2018, 3, 9), draw(st.floats(0, 5)))
        if draw(st.booleans()):
            o.appraisal(w, date(2018, 5, 1), draw(st.none() | st.just(date(2018, 5, 2))))
    for w in workers[1:]:
        if draw(st.booleans()):
            o.line(workers[0], w, date(2017, 1, 1))
    return o


def _check_rates(results: list[Result]) -> None:
    for r in results:
        m = measures()[r.name]
        if m.kind is Kind.RATE and r.value is not None:
            assert r.value >= 0, r
            if r.name not in UNBOUNDED:
                assert r.value <= 100 + 1e-9, r


def _check_reconciliation(results: list[Result]) -> None:
    for r in results:
        if r.name != "stock_flow_difference_fte" or r.detail is None:
            continue  # (no detail: nobody directly employed, 0 out of 0)
        d = r.detail
        explained = (
            d["start_fte"]
            + d["starters_fte"]
            - d["leavers_fte"]
            + d["moved_in_fte"]
            - d["moved_out_fte"]
            + d["fte_changes"]
            + d["other_in_fte"]
            - d["other_out_fte"]
        )
        assert explained == pytest.approx(d["end_fte"], abs=1e-9), r


def _check_slices_add_up(results: list[Result], by: str) -> None:
    whole: dict[tuple[str, str | None], Result] = {}
    parts: dict[tuple[str, str | None], list[Result]] = defaultdict(list)
    for r in results:
        m = measures()[r.name]
        group = (r.slice or {}).get(m.breakdown) if m.breakdown else None
        if r.slice is None or set(r.slice) == {m.breakdown}:
            whole[(r.name, group)] = r
        elif by in r.slice:
            parts[(r.name, group)].append(r)
    for (name, group), sliced in parts.items():
        m = measures()[name]
        total = whole.get((name, group))
        if total is None or any(r.suppressed for r in [total, *sliced]):
            continue
        if m.kind is Kind.MAXIMUM:
            assert max(r.numerator or 0 for r in sliced) == pytest.approx(total.numerator or 0)
            continue
        if name not in NOT_ADDITIVE:
            assert sum(r.numerator or 0 for r in sliced) == pytest.approx(
                total.numerator or 0, abs=1e-6
            ), name
        # (A breakdown's denominator is its slice's total, present only where the group is.)
        if m.denominator is not None and not m.breakdown and name != "asye_caseload_ratio":
            assert sum(r.denominator or 0 for r in sliced) == pytest.approx(
                total.denominator or 0, abs=1e-6
            ), name


def _naive_vacancies(org: Org, as_at: date) -> tuple[float, float]:
    """Vacancy and uncovered FTE counted post by post, the slow obvious way."""
    vacancy = uncovered = 0.0
    for post in org.rows.get("posts", []):
        end = post["end_date"]
        if not (post["start_date"] <= as_at and (end is None or as_at <= end)):
            continue
        employed = agency = 0.0
        for spell in org.rows.get("spells", []):
            if spell["post_id"] != post["post_id"]:
                continue
            leaves = spell["end_date"]
            if leaves is not None and spell["reason_leave"] is None:
                leaves = leaves + timedelta(days=1)
            if spell["start_date"] <= as_at and (leaves is None or as_at < leaves):
                if spell["contract_type"] == "agency":
                    agency += float(spell["fte"])  # type: ignore[arg-type]
                else:
                    employed += float(spell["fte"])  # type: ignore[arg-type]
        free = max(float(post["funded_fte"]) - employed, 0.0)  # type: ignore[arg-type]
        vacancy += free
        uncovered += max(free - agency, 0.0)
    return vacancy, uncovered


def _check_vacancies(org: Org, results: list[Result], as_at: date) -> None:
    whole = {r.name: r for r in results if r.slice is None and r.as_at == as_at}
    vacancy, uncovered = _naive_vacancies(org, as_at)
    assert whole["vacancy_fte"].value == pytest.approx(vacancy, abs=1e-6)
    assert whole["unfilled_vacancy_rate"].numerator == pytest.approx(uncovered, abs=1e-6)


def _check_sweeping_gives_the_same(org: Org, direct: list[Result], by: str, as_at: date) -> None:
    """Summing stocks through time (used for long trends) agrees with looking at each date,
    and whole-authority figures derived from slices agree with those computed on their own."""
    quick = Options(sweep_from_points=1, derive_whole=True)
    swept = compute(org.frames(), as_at, by=by, hr=True, options=quick)
    assert len(swept) == len(direct)
    index = {(r.name, str(r.slice)): r for r in direct}
    for r in swept:
        other = index[(r.name, str(r.slice))]
        for field in ("value", "numerator", "denominator"):
            a, b = getattr(r, field), getattr(other, field)
            assert (a is None) == (b is None) and (a is None or a == pytest.approx(b, abs=1e-6)), (
                r.name,
                r.slice,
                field,
                a,
                b,
            )


@settings(
    max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    org=workforces(),
    by=st.sampled_from(list(DIMENSIONS)),
    as_at=st.sampled_from([date(2018, 9, 30), date(2019, 3, 31)]),
)
def test_measures_keep_their_invariants_on_any_workforce(org: Org, by: str, as_at: date) -> None:
    independent = Options(derive_whole=False)  # each whole figure computed on its own
    results = compute(org.frames(), as_at, by=by, hr=True, options=independent)
    _check_rates(results)
    _check_reconciliation(results)
    _check_slices_add_up(results, by)
    _check_vacancies(org, results, as_at)
    _check_sweeping_gives_the_same(org, results, by, as_at)
