"""Small numbers never reach a user outside the named scope through the API or the board pack.

The councils of tests/small_groups.py (a steady team of seven, a tiny team of 1 to 4 generated
workers in a service of its own) are asked, with each user's token, for every measure
(``/api/v1/measures``, the council's and the tiny service's), a turnover rate's monthly trend,
the workforce by team and the retention cohorts; and the leadership board pack is built and
written as a spreadsheet. Every leaver and starter of the year is the tiny team's when the
steady team's leavers are more than a year back, so:

- a turnover rate (FTE or headcount) and the FTE of leavers, worked out from 1 to 4 leavers,
  are withheld with their status, change and workings, at every date, wherever they appear;
  so is the FTE of 1 to 4 starters;
- no count of people of 1 to 4, and nothing at all about the tiny service, reaches leadership
  or the steady team's manager;
- HR sees the figures, so the test fails if suppression forgets who may see them.

The expected counts are worked out here from the generated records, not from Thrive's code.
"""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from small_groups import AS_AT, STEADY_LEFT, STEADY_REASONS, Person, _store, _tiny_group, people
from thrive.api_tokens.keys import issue
from thrive.centre.centre import Centre
from thrive.codes import CareerGrade
from thrive.codes.lifecycle import LeavingReason
from thrive.frames import cache as frames_cache
from thrive.metrics import measure
from thrive.summaries import pack_files
from thrive.summaries.board_pack import board_pack_for
from thrive.summaries.pack_figures import SUPPRESSED, Figure
from thrive.workforce.models import Authority

OF_LEAVERS = ("turnover_rate", "turnover_rate_headcount", "leavers_fte")
OF_STARTERS = ("starters_fte",)
TREND_START = date(2024, 10, 1)


def _year_to(day: date) -> date:
    """The first day of the year to ``day``: a year back, plus a day."""
    try:
        back = day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        back = day.replace(year=day.year - 1, day=28)
    return back + timedelta(days=1)


def _leavers(tiny: list[Person], steady: int, day: date) -> int:
    start = _year_to(day)
    tiny_leavers = sum(p.left is not None and start <= p.left <= day for p in tiny)
    return tiny_leavers + (steady if start <= STEADY_LEFT <= day else 0)


def _starters(tiny: list[Person], day: date) -> int:
    return sum(_year_to(day) <= p.start <= day for p in tiny)


def _small(n: int) -> bool:
    return 1 <= n <= 4


def _withheld_at(name: str, tiny: list[Person], steady: int, day: date) -> bool:
    """Whether measure ``name`` must be withheld outside the named scope as at ``day``."""
    if name in OF_LEAVERS:
        return _small(_leavers(tiny, steady, day))
    if name in OF_STARTERS:
        return _small(_starters(tiny, day))
    return False


def _client(user: User) -> Client:
    token = issue(user, 30, issued_by="test").text
    return Client(headers={"Authorization": f"Bearer {token}"})


def _get(client: Client, url: str, **params: Any) -> dict[str, Any]:
    response = client.get(url, params)
    assert response.status_code == 200, (url, params, response.content[:300])
    found: dict[str, Any] = response.json()
    return found


def _is_withheld(figure: dict[str, Any]) -> bool:
    return all(figure[k] is None for k in ("value", "status", "numerator", "denominator"))


def _check_measures(client: Client, tiny: list[Person], steady: int, named: bool) -> None:
    council = _get(client, "/api/v1/measures", as_at=AS_AT.isoformat())["measures"]
    year_ago = date(AS_AT.year - 1, AS_AT.month, AS_AT.day)
    for figure in council:
        name = figure["name"]
        m = measure(name)
        if named:
            if name in OF_LEAVERS and _leavers(tiny, steady, AS_AT):
                assert figure["value"] is not None, figure
            continue
        if str(m.unit) == "people" and str(m.kind) == "count":
            assert figure["value"] is None or not _small(figure["value"]), figure
        if _withheld_at(name, tiny, steady, AS_AT):
            assert _is_withheld(figure) and figure["change"] is None, figure
        if _withheld_at(name, tiny, steady, year_ago):
            assert figure["previous"] is None and figure["change"] is None, figure
    service = _get(client, "/api/v1/measures", as_at=AS_AT.isoformat(), service="Tiny Service")
    if not named and _tiny_group(tiny):
        for figure in service["measures"]:
            assert _is_withheld(figure) and figure["previous"] is None, figure


BREAKDOWN_DAYS = (date(2023, 9, 30), AS_AT)  # the steady team's leavers' year, and the tiny's


def _check_breakdowns(
    client: Client, hr: Client, tiny: list[Person], steady: int, named: bool
) -> None:
    """The breakdown measures' parts (leavers by years with the council: the steady team's
    5 or more leavers all in one band, the tiny team's 1 to 4 in theirs): no count of 1 to 4
    reaches a viewer outside the named scope, one small part withheld takes the next smallest
    with it, and nothing at all about the tiny service."""
    for day in BREAKDOWN_DAYS:
        asked = {"as_at": day.isoformat(), "breakdowns": "true"}
        parts = [
            f
            for f in _get(client, "/api/v1/measures", **asked)["measures"]
            if measure(f["name"]).breakdown
        ]
        truth = {
            (f["name"], str(f["slice"])): f
            for f in _get(hr, "/api/v1/measures", **asked)["measures"]
            if measure(f["name"]).breakdown
        }
        bands = [f for f in parts if f["name"] == "leavers_by_tenure_band" and f["slice"]]
        assert sum(truth[(f["name"], str(f["slice"]))]["numerator"] or 0 for f in bands) == (
            _leavers(tiny, steady, day)
        )
        if named:
            assert all(not f["suppressed"] for f in parts), parts
            continue
        for f in parts:
            if str(measure(f["name"]).unit) != "FTE":
                assert f["numerator"] is None or not _small(f["numerator"]), f
        counted = [f for f in bands if truth[(f["name"], str(f["slice"]))]["numerator"]]
        hidden = [f for f in counted if f["suppressed"]]
        assert len(hidden) != 1 or len(counted) == 1, counted
        if any(_small(truth[(f["name"], str(f["slice"]))]["numerator"]) for f in counted):
            assert hidden, counted
    tiny_service = _get(
        client,
        "/api/v1/measures",
        as_at=AS_AT.isoformat(),
        service="Tiny Service",
        breakdowns="true",
    )["measures"]
    if not named and _tiny_group(tiny):
        for figure in tiny_service:
            assert _is_withheld(figure) and figure["previous"] is None, figure


def _check_trend(client: Client, tiny: list[Person], steady: int, named: bool) -> None:
    for key in ("turnover_rate", "leavers_fte"):
        trend = _get(
            client,
            f"/api/v1/measures/{key}/trend",
            start=TREND_START.isoformat(),
            end=AS_AT.isoformat(),
        )
        assert len(trend["points"]) == 12
        for point in trend["points"]:
            day = date.fromisoformat(point["period"]["end"])
            leavers = _leavers(tiny, steady, day)
            if named:
                assert point["value"] is not None, point
            elif _small(leavers):
                assert _is_withheld(point), (day, leavers, point)
            else:
                assert point["value"] is not None, (day, leavers, point)
    # by team: every point of the tiny team (1 to 4 people over the year) is withheld, even a
    # rate over many working days (its absence rate), as /measures?by= withholds a small slice
    by_team = _get(
        client,
        "/api/v1/measures/absence_rate/trend",
        start=TREND_START.isoformat(),
        end=AS_AT.isoformat(),
        by="team",
    )
    tiny_points = [p for p in by_team["points"] if (p["slice"] or {}).get("team") == "Tiny Team"]
    for point in tiny_points:
        day = date.fromisoformat(point["period"]["end"])
        there = any(p.start <= day and (p.left is None or p.left >= _year_to(day)) for p in tiny)
        if named:
            assert not point["suppressed"], point
        elif there:
            assert _is_withheld(point), (day, point)


def _check_workforce_and_retention(client: Client, named: bool) -> None:
    for team in _get(client, "/api/v1/workforce", as_at=AS_AT.isoformat())["teams"]:
        if not named:
            assert team["headcount"] is None or not _small(team["headcount"]), team
    for by in ("start_year", "first_grade"):
        found = _get(client, "/api/v1/retention", as_at=AS_AT.isoformat(), by=by)
        for cohort in found.get("cohorts") or []:
            for key in ("people", "leavers", "in_post"):
                if not named:
                    assert cohort[key] is None or not _small(cohort[key]), (by, cohort)


def _header_day(header: str) -> date | None:
    """The date a board pack column is as at ("At 31 Mar 2025", "31 Mar 2025", "Value")."""
    if header == "Value":
        return AS_AT
    text = header.removeprefix("At ")
    try:
        return datetime.strptime(text, "%d %b %Y").date()
    except ValueError:
        return None


def _check_pack(authority: Authority, tiny: list[Person], steady: int, named: bool) -> None:
    pack = board_pack_for(Centre.for_authority(authority), AS_AT, named=named, forecast=False)
    labels = {measure(n).label: n for n in (*OF_LEAVERS, *OF_STARTERS)}
    checked = 0
    tables = [t for s in pack.sections for t in s.tables]
    tables += [c.table for s in pack.sections for c in s.charts]
    for table in tables:
        days = [_header_day(h) for h in table.headers]
        for row in table.rows:
            for column, (day, cell) in enumerate(zip(days, row, strict=False)):
                if not isinstance(cell, Figure):
                    continue
                if not named and cell.unit == "people" and cell.value is not None:
                    assert not _small(cell.value), (table.caption, row)
                if row[0] not in labels or day is None:
                    continue
                hidden = cell.mark == SUPPRESSED
                expected = not named and _withheld_at(labels[str(row[0])], tiny, steady, day)
                assert hidden == expected, (table.caption, row[0], day, cell)
                if hidden and table.headers[column] == "Value" and "Status" in table.headers:
                    status = row[table.headers.index("Status")]
                    assert status == "", row  # no "Off target" beside a withheld rate
                checked += 1
    assert checked >= 5
    # The spreadsheet writes what the pack decided: "c" where withheld.
    book = load_workbook(io.BytesIO(pack_files.to_xlsx(pack)))
    summary = [list(r) for r in book["Summary"].iter_rows(values_only=True)]
    turnover = measure("turnover_rate").label
    rows = [r for r in summary if r and r[0] == turnover]
    assert rows
    withheld = not named and _withheld_at("turnover_rate", tiny, steady, AS_AT)
    assert (rows[0][2] == SUPPRESSED) == withheld, rows[0]


@pytest.mark.slow
@settings(  # each example is a council and a pack (seconds): few of them, and no shrinking
    max_examples=5,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    tiny=st.lists(people(), min_size=1, max_size=4),
    steady_reasons=st.lists(st.sampled_from(STEADY_REASONS), min_size=5, max_size=9),
)
@example(  # one leaver of 8 in post: "Turnover rate 12.5%" would give the one away
    tiny=[
        Person(
            date(2020, 1, 6),
            date(2025, 6, 30),
            CareerGrade.SOCIAL_WORKER,
            "1",
            LeavingReason.PAY,
            None,
            None,
            0,
        )
    ],
    steady_reasons=[LeavingReason.WORKLOAD] * 6,
)
@example(  # one leaver of a year and a bit beside 6 of over five years: both bands withheld
    tiny=[
        Person(
            date(2022, 1, 3),
            date(2023, 3, 31),
            CareerGrade.SOCIAL_WORKER,
            "1",
            LeavingReason.PAY,
            None,
            None,
            0,
        )
    ],
    steady_reasons=[LeavingReason.WORKLOAD] * 6,
)
def test_no_small_number_reaches_the_api_or_the_board_pack(
    tiny: list[Person], steady_reasons: list[LeavingReason], db: None
) -> None:
    with transaction.atomic():  # each example starts from an empty store
        frames_cache.forget()
        cache.clear()
        made = _store(tiny, steady_reasons)
        users: dict[str, User] = made["users"]  # type: ignore[assignment]
        steady = len(steady_reasons)
        hr = _client(users["hr"])
        for who in ("lead", "tm.steady", "hr"):
            client = _client(users[who])
            named = who == "hr"
            _check_measures(client, tiny, steady, named)
            _check_breakdowns(client, hr, tiny, steady, named)
            _check_trend(client, tiny, steady, named)
            _check_workforce_and_retention(client, named)
        authority = Authority.objects.get(la_number="995")
        _check_pack(authority, tiny, steady, named=False)
        _check_pack(authority, tiny, steady, named=True)
        transaction.set_rollback(True)
