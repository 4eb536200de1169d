"""Small numbers never reach a viewer outside the named scope, on any page of group figures.

Hypothesis builds a council with a steady team of seven (so the council as a whole is shown)
and a tiny team of 1 to 4 generated workers in a service of its own: starts, leavings with
exit interviews, sickness absence, supervision and appraisals all generated. Every page that
shows figures about groups is requested as each role, and the tiny group's figures are read
out of the HTML:

- leadership and the big team's manager (the tiny team is outside their named scope) must get
  no count of 1 to 4, no zero beside one, no status, change, rate or history of the tiny
  service, no leavers, interviews or most common reason of the tiny team, and no start-year
  or first-grade cohort's leavers or still-here of 1 to 4 (or their complement);
- on Workforce the tiny team's and service's vacancy rows (FTE vacant, vacancy rate, not
  covered) read "not shown" to them, and the vacancy chart leaves the tiny team out; on
  Feedback a year of 1 to 4 exit interviews gives no count, no would-come-back share and no
  reason's share (not even "0%" beside the withheld ones), and the tiny team's survey scores
  (fewer than 5 responses) are withheld from everyone; ASYE and careers and Recruitment have
  no breakdown by team or service, and name neither the tiny team nor its service;
- the tiny team's own manager and HR (named) get the real figures, so the test fails if
  suppression forgets who may see them.

The expected figures are worked out here from the generated records, not from Thrive's code.
The API and the board pack are checked on the same councils by tests/api/test_small_numbers.py.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from small_groups import (
    AS_AT,
    STEADY_LEFT,
    STEADY_REASONS,
    TINY_SOURCES,
    YEAR_START,
    Person,
    _in_post,
    _store,
    _tiny_group,
    people,
)
from thrive.codes import (
    CareerGrade,
    Route,
)
from thrive.codes.lifecycle import CandidateSource, LeavingReason
from thrive.frames import cache as frames_cache

SMALL = re.compile(r"^[1-4]$")
WITHHELD = {"fewer than 5", "not shown", "–"}


def _get(user: User, url: str) -> tuple[int, lxml_html.HtmlElement | None]:
    client = Client()
    client.force_login(user)
    response = client.get(url + ("&" if "?" in url else "?") + f"as_at={AS_AT}")
    if response.status_code != 200:
        return response.status_code, None
    return 200, lxml_html.fromstring(response.content.decode())


def _text(node: lxml_html.HtmlElement) -> str:
    return " ".join(node.text_content().split())


def _cells(row: lxml_html.HtmlElement) -> list[str]:
    return [_text(c) for c in row.xpath("./th|./td")]


def _check_overview(user: User, tiny: list[Person], named: bool) -> None:
    status, page = _get(user, "/overview/?service=Tiny+Service")
    assert status == 200 and page is not None
    rows = page.xpath("//tr[starts-with(@id, 'measure-')]")
    # A service with nobody in the year has no slice, so no row at all: nothing to give away.
    assert rows or not any(p.left is None or p.left >= YEAR_START for p in tiny)
    headcount = sum(_in_post(p, AS_AT) for p in tiny)
    for row in rows:
        label, value, _target, state, change, trend = _cells(row)
        if named:
            if row.get("id") == "measure-headcount_in_post":
                assert value == str(headcount), (label, value)
            continue
        if _tiny_group(tiny):
            assert value == "not shown", (label, value)
            assert state == "not shown", (label, state)
            assert change == "–", (label, change)
            assert trend == "not shown", (label, trend)
    if not named and _tiny_group(tiny):
        assert not page.xpath("//table[contains(@class, 'thrive-trend-table')]/tbody/tr")


FTE_OF_PEOPLE = {
    "starters_fte": "starters_headcount",
    "leavers_fte": "leavers_headcount",
    "fte_in_post": "headcount_in_post",
    "agency_fte": "agency_headcount",
}


def _check_fte_beside_headcount(user: User, tiny: list[Person]) -> None:
    """The council's Overview: an FTE of starters, leavers or those in post is withheld
    wherever its headcount is ("FTE starters 1.00" beside "fewer than 5" gives it away), and a
    turnover rate wherever its leavers are."""
    status, page = _get(user, "/overview/")
    assert status == 200 and page is not None
    values = {
        row.get("id").removeprefix("measure-"): _cells(row)[1]
        for row in page.xpath("//tr[starts-with(@id, 'measure-')]")
    }
    # The steady seven started long ago: the year's starters are the tiny team's.
    starters = sum(YEAR_START <= p.start <= AS_AT for p in tiny)
    if "starters_headcount" in values and starters:
        assert values["starters_headcount"] == "fewer than 5", values["starters_headcount"]
    for fte, counted in FTE_OF_PEOPLE.items():
        if counted in values and values[counted] in WITHHELD:
            assert values.get(fte, "not shown") in WITHHELD, (fte, values.get(fte))
    # The steady team's leavers left over a year ago: the year's leavers are the tiny team's,
    # and a turnover rate of 1 to 4 leavers gives them away ("14.3%" of 7 in post is 1).
    leavers = sum(p.left is not None and YEAR_START <= p.left <= AS_AT for p in tiny)
    for rate in ("turnover_rate", "turnover_rate_headcount"):
        if rate in values and 1 <= leavers <= 4:
            assert values[rate] in WITHHELD, (rate, leavers, values[rate])


def _check_team_page(users: dict[str, User], team_id: int, tiny: list[Person]) -> None:
    url = f"/teams/{team_id}/"
    headcount = sum(_in_post(p, AS_AT) for p in tiny)
    assert _get(users["tm.steady"], url)[0] == 403
    _, page = _get(users["lead"], url)
    assert page is not None
    values = [_text(v) for v in page.xpath("//dd[contains(@class, 'thrive-card__value')]")]
    notes = [_text(v) for v in page.xpath("//dd[contains(@class, 'thrive-card__note')]")]
    movers = _text(page.xpath("//h2[text()='Starters and leavers this year']/following::p[1]")[0])
    if headcount:
        # Headcount, over cap, supervision overdue, appraisals due: no number at all.
        assert all(v in WITHHELD for v in values[:4]), values
        assert notes[0] == "FTE not shown"
        assert "not shown joined" in movers and "not shown left" in movers, movers
    for v in values[:4]:
        assert not SMALL.match(v), values
    _, own = _get(users["tm.tiny"], url)
    assert own is not None
    shown = _text(own.xpath("//dd[contains(@class, 'thrive-card__value')]")[0])
    assert shown == str(headcount)


def _check_leavers(user: User, tiny: list[Person]) -> None:
    status, page = _get(user, "/leavers/?leavers_by=team")
    assert status == 200 and page is not None
    leavers = sum(p.left is not None and p.left >= YEAR_START for p in tiny)
    for row in page.xpath("//tr[th[contains(., 'Tiny Team')]]|//tr[th[.='Tiny Service']]"):
        cells = _cells(row)
        for cell in cells[1:]:
            assert not SMALL.match(cell), cells
            assert not re.match(r"^[1-4] of", cell), cells
        if 0 < leavers < 5 or _tiny_group(tiny):
            # leavers, interviewed and the most common reason of fewer than 5: none of them
            assert not any(r.label in " ".join(cells) for r in LeavingReason), cells
            assert all(c in WITHHELD for c in cells[1:]), cells


def _check_retention(user: User, by: str, named: bool) -> None:
    status, page = _get(user, f"/retention/?by={by}")
    assert status == 200 and page is not None
    tables = page.xpath("//table[.//th[.='Still here']]")
    for table in tables:
        for row in table.xpath("./tbody/tr"):
            cohort, people, left, here = _cells(row)[:4]
            if named:
                continue
            if people == "fewer than 5":
                assert left == here == "–", (cohort, left, here)
                continue
            assert not SMALL.match(left) and not SMALL.match(here), (cohort, people, left, here)
            assert (left == "not shown") == (here == "not shown"), (cohort, left, here)


def _check_workforce(user: User, tiny: list[Person], named: bool) -> None:
    """Vacancies by team and by service: the tiny team's and service's rows (each has a post
    open) give no FTE, rate or cover, whose denominator is the FTE of 1 to 4 people."""
    status, page = _get(user, "/workforce/")
    assert status == 200 and page is not None
    rows = page.xpath(
        "//table[.//th[.='Vacancy rate']]/tbody/tr[th[.='Tiny Team' or .='Tiny Service']]"
    )
    assert len(rows) == 2, [_cells(r) for r in rows]
    for row in rows:
        cells = _cells(row)
        if named or not _tiny_group(tiny):
            assert all("not shown" not in c for c in cells[1:]), cells
            assert cells[2].endswith("%"), cells
        else:
            assert cells[1:] == ["not shown"] * 3, cells
    if not named and _tiny_group(tiny):
        charts = " ".join(_text(svg) for svg in page.xpath("//svg"))
        assert "Tiny Team" not in charts
    # By grade: the steady team's one team manager, and the ASYEs (all the tiny team's), are
    # groups of 1 to 4 people; a grade spans teams, so only HR sees their figures.
    grades = page.xpath("//table[.//caption[.='Vacancies by grade']]/tbody/tr")
    assert grades
    groups = {
        CareerGrade.TEAM_MANAGER.label: 1,
        CareerGrade.SOCIAL_WORKER.label: 6
        + _tiny_group([p for p in tiny if p.grade == CareerGrade.SOCIAL_WORKER]),
        CareerGrade.ASYE.label: _tiny_group([p for p in tiny if p.grade == CareerGrade.ASYE]),
    }
    seen = set()
    for row in grades:
        cells = _cells(row)
        if cells[0] not in groups:
            continue
        seen.add(cells[0])
        if user.username == "small.hr" or not 0 < groups[cells[0]] < 5:
            assert all("not shown" not in c for c in cells[1:]), cells
        else:
            assert cells[1:] == ["not shown"] * 3, cells
    if any(p.grade == CareerGrade.ASYE for p in tiny):
        assert CareerGrade.ASYE.label in seen, [_cells(r) for r in grades]


def _check_feedback(
    user: User, tiny: list[Person], steady_reasons: list[LeavingReason], named: bool
) -> None:
    """Survey scores by team: anonymous, so fewer than 5 responses are withheld from everyone
    (the tiny team's in-post workers answer); exit interviews by year: the tiny team's leavers
    make years of 1 to 4 interviews, and the steady team's 5 to 9 leavers in 2023 a year whose
    reasons' shares, times the interviews shown beside them, would count a reason of 1 to 4."""
    status, page = _get(user, "/feedback/")
    assert status == 200 and page is not None
    scores = "//table[contains(., 'Mean score')]/tbody/tr"
    steady = page.xpath(scores + "[th[.='Steady Team']]")
    assert steady and _cells(steady[0])[1].startswith("4.0"), steady
    for row in page.xpath(scores + "[th[.='Tiny Team']]"):
        cells = _cells(row)
        assert all(c in ("fewer than 5 responses", "–") for c in cells[1:]), cells
    by_year: dict[int, int] = {}
    given: dict[int, dict[str, int]] = {}
    left = [(p.left, p.reason) for p in tiny if p.left is not None]
    for day, reason in left + [(STEADY_LEFT, r) for r in steady_reasons]:
        year = day.year + 1 if day.month >= 10 else day.year
        by_year[year] = by_year.get(year, 0) + 1
        in_year = given.setdefault(year, {})
        in_year[reason.label] = in_year.get(reason.label, 0) + 1
    for row in page.xpath("//table[.//th[.='Leavers interviewed']]/tbody/tr"):
        year, interviewed, would_return, would_recommend = _cells(row)[:4]
        count = by_year.get(int(year), 0)
        if named or count >= 5:
            assert interviewed == str(count), (year, interviewed, count)
        elif count:
            assert interviewed == "fewer than 5", (year, interviewed)
            assert would_return == would_recommend == "–", (year, would_return)
    reasons = page.xpath("//table[.//caption[contains(., 'Main reason')]]")
    assert reasons
    heads = [int(_text(h)) for h in reasons[0].xpath("./thead/tr/th")[1:]]
    assert 2023 in heads, heads
    shares = {_cells(row)[0]: _cells(row)[1:] for row in reasons[0].xpath("./tbody/tr")}
    for i, year in enumerate(heads):
        column = {label: cells[i] for label, cells in shares.items()}
        counts = given.get(year, {})
        if named:
            for label, n in counts.items():
                assert column[label] == f"{100 * n / by_year[year]:.0f}%", (year, label)
            continue
        if not counts:
            continue
        if by_year[year] < 5:
            assert all(c in WITHHELD for c in column.values()), (year, column)
            continue
        small = [label for label, n in counts.items() if 0 < n < 5]
        for label in small:
            assert column[label] in WITHHELD, (year, label, column)
        if small:  # not the only one withheld: else 100% less the others would give it away
            assert sum(c in WITHHELD for c in column.values()) >= 2, (year, column)
        for label, n in counts.items():
            if n >= 5 and len(small) != 1:
                assert column[label] == f"{100 * n / by_year[year]:.0f}%", (year, label)


def _check_no_group_breakdown(user: User, url: str) -> None:
    """ASYE and careers (cohorts, routes, progressions) and Recruitment (by source and by
    panel) have no breakdown by team or service and no parameter that narrows to one: the
    tiny team and service are named nowhere on them, so no figure is about them alone."""
    status, page = _get(user, url)
    assert status == 200 and page is not None
    main = _text(page.xpath("//main")[0])
    assert "Tiny Team" not in main and "Tiny Service" not in main, url
    status, narrowed = _get(user, url + "?service=Tiny+Service&team=Tiny+Team")
    assert status == 400 or (
        narrowed is not None and "Tiny Team" not in _text(narrowed.xpath("//main")[0])
    )


def _check_recruitment(user: User, tiny: list[Person], named: bool) -> None:
    """Hires by source (Started, and the conversion, time, cost and score of so few) and the
    hires-still-here tables by source and by panel: a group of 1 to 4 hires is withheld
    outside HR, and so is the next smallest source when it alone would give it away."""
    _, page = _get(user, "/recruitment/")
    assert page is not None
    hires = {s.label: 0 for s in TINY_SOURCES}
    for p in tiny:
        hires[p.source.label] += 1
    sources = page.xpath("//table[.//caption[contains(., 'Where candidates came from')]]")
    assert sources
    rows = {_cells(r)[0]: _cells(r)[1:] for r in sources[0].xpath("./tbody/tr")}
    job_board = rows[CandidateSource.JOB_BOARD.label][1]
    assert job_board == "7" if named else job_board in ("7", "not shown"), rows
    if not named and sum(0 < n < 5 for n in hires.values()) == 1:  # not found by subtraction
        assert sum(cells[1] in WITHHELD for cells in rows.values()) >= 2, rows
    for label, n in hires.items():
        if not n:
            continue
        applied, started, *rest = rows[label]
        if named:
            assert started == str(n), (label, rows[label])
        else:
            assert not SMALL.match(started), (label, rows[label])
            assert started in WITHHELD and all(c in WITHHELD for c in rest), (label, rows)
    panels = {
        "With young people": sum(p.panel for p in tiny),
        "Without young people": 7 + sum(not p.panel for p in tiny),
    }
    for caption, groups in (("by source", hires), ("young people", panels)):
        for table in page.xpath(f"//table[.//caption[contains(., '{caption}')]]"):
            for row in table.xpath("./tbody/tr"):
                group, people, *shares = _cells(row)
                n = groups.get(group, 0)
                if not named and 0 < n < 5:
                    assert people == "fewer than 5" and shares == ["–", "–"], (caption, group)
                else:
                    assert not people.startswith("fewer"), (caption, group, people)


def _check_routes(user: User, tiny: list[Person], named: bool) -> None:
    """Careers by route: the tiny team's Frontline and Step Up workers are the only ones of
    their route; a retention rate of 1 to 4 people in post a year earlier is withheld."""
    _, page = _get(user, "/careers/")
    assert page is not None
    year_ago = date(2024, 9, 30)
    rows = page.xpath("//table[.//th[.='Route']]/tbody/tr")
    assert any(_cells(r)[0] == Route.EXPERIENCED.label for r in rows)  # the steady team
    for row in rows:
        route, _still, retention = _cells(row)
        n = sum(_in_post(p, year_ago) for p in tiny if p.route.label == route)
        if not named and 0 < n < 5:
            assert retention.startswith("fewer than 5"), (route, retention)
        elif named and n:
            assert retention.endswith("%"), (route, retention)


def _check_careers_counts(user: User) -> None:
    """The ASYE cohorts and progressions are the council's, but every ASYE here is the tiny
    team's: no count of 1 to 4 in them reaches a viewer outside HR."""
    _, page = _get(user, "/careers/")
    assert page is not None
    tables = page.xpath("//table[.//caption[contains(., 'ASYE') or contains(., 'moving up')]]")
    assert tables  # the yearly ASYE table at least; cohorts and moves when there are some
    for table in tables:
        for row in table.xpath("./tbody/tr"):
            cells = _cells(row)
            assert not any(SMALL.match(c) for c in cells[1:]), cells


@pytest.mark.slow
@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    tiny=st.lists(people(), min_size=1, max_size=4),
    steady_reasons=st.lists(st.sampled_from(STEADY_REASONS), min_size=5, max_size=9),
)
@example(  # a one-person team whose only worker left long ago: a group of nobody now
    tiny=[
        Person(
            date(2014, 1, 1),
            date(2014, 1, 31),
            CareerGrade.SOCIAL_WORKER,
            "1",
            LeavingReason.CAREER_PROGRESSION,
            None,
            None,
            0,
        )
    ],
    steady_reasons=[LeavingReason.WORKLOAD] * 5 + [LeavingReason.PAY],  # one small reason
)
@example(  # one starter in the year: "FTE starters 0.80" would give away "fewer than 5"
    tiny=[
        Person(
            date(2025, 3, 3),
            None,
            CareerGrade.SOCIAL_WORKER,
            "0.8",
            LeavingReason.CAREER_PROGRESSION,
            1,
            None,
            0,
        )
    ],
    steady_reasons=[LeavingReason.WORKLOAD] * 6,
)
def test_no_small_number_reaches_a_viewer_outside_the_named_scope(
    tiny: list[Person], steady_reasons: list[LeavingReason], db: None
) -> None:
    with transaction.atomic():  # each example starts from an empty store
        frames_cache.forget()
        cache.clear()
        made = _store(tiny, steady_reasons)
        users: dict[str, User] = made["users"]  # type: ignore[assignment]
        team_id: int = made["tiny_team"]  # type: ignore[assignment]
        for who in ("lead", "tm.steady"):
            _check_overview(users[who], tiny, named=False)
            _check_fte_beside_headcount(users[who], tiny)
            _check_leavers(users[who], tiny)
        _check_overview(users["hr"], tiny, named=True)
        _check_team_page(users, team_id, tiny)
        for by in ("start_year", "first_grade"):
            _check_retention(users["lead"], by, named=False)
        for who in ("lead", "tm.steady", "hr", "tm.tiny"):
            named = who in ("hr", "tm.tiny")
            _check_workforce(users[who], tiny, named=named)
            _check_feedback(users[who], tiny, steady_reasons, named=who == "hr")
            for url in ("/careers/", "/recruitment/"):
                _check_no_group_breakdown(users[who], url)
            _check_recruitment(users[who], tiny, named=who == "hr")
            _check_routes(users[who], tiny, named=who == "hr")
        for who in ("lead", "tm.steady"):
            _check_careers_counts(users[who])
        transaction.set_rollback(True)
