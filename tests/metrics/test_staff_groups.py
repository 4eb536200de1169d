"""Every workforce measure by staff group: the social workers' figures never move, each group is
computed as social workers are, and social-work-only measures are never sliced by staff group."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from builders import Org
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thrive.codes.staff import StaffGroup
from thrive.metrics import Result, compute, measures
from thrive.metrics.staff_groups import by_staff_group

AS_AT = date(2018, 9, 30)
# Counts of people and FTE: each worker is in one staff group, so the groups add up to everyone.
ADDITIVE = (
    "fte_in_post",
    "headcount_in_post",
    "agency_fte",
    "agency_headcount",
    "starters_fte",
    "starters_headcount",
    "leavers_fte",
    "leavers_headcount",
)
GROUPS = [g.value for g in StaffGroup]


def _key(r: Result) -> tuple[str, str | None]:
    m = measures()[r.name]
    return r.name, (r.slice or {}).get(m.breakdown) if m.breakdown else None


def _whole(results: list[Result]) -> dict[tuple[str, str | None], Result]:
    """The whole authority's rows (a breakdown's: one per group)."""
    return {
        _key(r): r for r in results if not r.slice or set(r.slice) == {measures()[r.name].breakdown}
    }


def _by_group(results: list[Result]) -> dict[str, dict[tuple[str, str | None], Result]]:
    out: dict[str, dict[tuple[str, str | None], Result]] = {}
    for r in results:
        if r.slice and "staff_group" in r.slice:
            out.setdefault(r.slice["staff_group"], {})[_key(r)] = r
    return out


@st.composite
def mixed_workforces(draw: st.DrawFn) -> Org:
    o = Org()
    teams = [o.team(f"Team {i}") for i in range(draw(st.integers(1, 2)))]
    for _ in range(draw(st.integers(1, 12))):
        w = o.worker(sex=draw(st.sampled_from("FMU")))
        group = draw(st.sampled_from(GROUPS))
        agency = draw(st.integers(0, 4)) == 0
        start = date(2016, 1, 1) + timedelta(days=draw(st.integers(0, 900)))
        length = draw(st.none() | st.integers(30, 700))
        end = None if length is None else start + timedelta(days=length)
        leaves = not agency and end is not None and draw(st.booleans())
        o.spell(
            w,
            draw(st.sampled_from(teams)),
            start,
            end,
            grade=draw(st.sampled_from(["social_worker", "senior_practitioner"])),
            contract="agency" if agency else "permanent",
            fte=draw(st.sampled_from([0.5, 1.0])),
            origin=None if agency else 2,
            reason=1 if leaves else None,
            staff_group=group,
        )
    return o


@settings(
    max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(org=mixed_workforces())
def test_staff_groups_leave_social_work_alone_and_add_up_to_everyone(org: Org) -> None:
    frames = org.frames()
    plain = compute(frames, AS_AT, hr=True, compare=False)
    sliced = compute(frames, AS_AT, by="staff_group", hr=True, compare=False)
    whole = _whole(sliced)
    # The whole authority is exactly what it is without slicing: social workers.
    assert {k: (r.numerator, r.denominator) for k, r in _whole(plain).items()} == {
        k: (r.numerator, r.denominator) for k, r in whole.items()
    }
    groups = _by_group(sliced)
    assert set(groups) <= set(GROUPS)
    for results in groups.values():
        assert all(by_staff_group(measures()[name]) for name, _ in results)
    # The social workers' slice is the whole authority's figure.
    for key, r in groups.get("social_worker", {}).items():
        assert (r.numerator, r.denominator) == (whole[key].numerator, whole[key].denominator)
    # Counted for everyone at once, the counts are the groups' added up.
    everyone = replace(frames, spells=frames.all_spells.drop("staff_group"))
    together = _whole(compute(everyone, AS_AT, names=ADDITIVE, hr=True, compare=False))
    for name in ADDITIVE:
        added = sum(g.get((name, None), None).numerator or 0 for g in groups.values())
        assert added == pytest.approx(together[(name, None)].numerator or 0, abs=1e-9), name


def test_a_family_support_team_by_hand() -> None:
    o = Org()
    team = o.team("Family Support East")
    social = o.worker()
    o.spell(social, team, date(2015, 1, 1), origin=2)
    for n in range(3):
        fsw = o.worker()
        left = n == 0
        o.spell(
            fsw,
            team,
            date(2016, 4, 1),
            date(2018, 3, 31) if left else None,
            fte=0.5,
            origin=6,
            reason=1 if left else None,
            staff_group="family_support",
        )
    early = o.worker()
    o.spell(early, team, date(2017, 4, 1), contract="agency", staff_group="early_help")
    results = compute(o.frames(), AS_AT, by="staff_group", hr=True, compare=False)
    got = {
        (r.name, (r.slice or {}).get("staff_group")): (r.numerator, r.denominator) for r in results
    }
    assert got[("headcount_in_post", None)] == (1, None)
    assert got[("headcount_in_post", "social_worker")] == (1, None)
    assert got[("headcount_in_post", "family_support")] == (2, None)
    assert got[("fte_in_post", "family_support")] == (1.0, None)
    assert got[("leavers_headcount", "family_support")] == (1, None)
    # 0.5 FTE left over the year; 1.0 FTE in post at its end (the Department's definition).
    assert got[("turnover_rate", "family_support")] == (0.5, 1.0)
    assert got[("agency_headcount", "early_help")] == (1, None)
    # Caseloads and the ASYE are social work only: never sliced by staff group.
    assert ("average_caseload", "family_support") not in got
    assert ("asye_pass_rate", "family_support") not in got
    assert ("average_caseload", None) in got


def test_a_small_staff_groups_breakdown_is_withheld_outside_hr() -> None:
    """As every other slice's: a group of 1 to 4 leavers by reason is withheld, with the total
    when it is the only group; HR sees it."""
    o = Org()
    team = o.team("Family Support East")
    o.spell(o.worker(), team, date(2015, 1, 1), origin=2)
    fsw = o.worker()
    o.spell(
        fsw, team, date(2016, 4, 1), date(2018, 3, 31), origin=6, reason=1,
        staff_group="family_support",
    )  # fmt: skip

    def reasons(hr: bool) -> dict[str, Result]:
        found = compute(o.frames(), AS_AT, by="staff_group", hr=hr, compare=False)
        return {
            r.slice["reason"]: r
            for r in found
            if r.name == "leavers_by_reason"
            and r.slice
            and r.slice.get("staff_group") == "family_support"
        }

    shared = reasons(hr=False)["Resignation"]
    assert shared.suppressed and shared.numerator is None and shared.denominator is None
    assert reasons(hr=True)["Resignation"].numerator == 1
