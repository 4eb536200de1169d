"""The small-number leaks found on the demo council (issue 14), each asked again.

The demo has a one-person service (Leadership, with its Leadership Team) and one-person
management teams; leadership and a team manager may not see their people named. Built once for
the module inside a transaction rolled back at the end.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from django.test import Client
from lxml import html as lxml_html

from thrive.centre.centre import Centre
from thrive.codes.lifecycle import LeavingReason
from thrive.demo import load_demo
from thrive.summaries import kept_results
from thrive.summaries.retention import curves_section
from thrive.workforce.models import Authority, Team

pytestmark = [pytest.mark.slow, pytest.mark.django_db]
AS_AT = date(2025, 9, 30)
SMALL = re.compile(r"^[1-4]$")
STATUS = ("Meets target", "Close to target", "Off target")


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker) -> Iterator[Authority]:  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo(seed=1, scale=1).authority
        transaction.set_rollback(True)


def _page(username: str, url: str) -> lxml_html.HtmlElement:
    client = Client()
    client.force_login(User.objects.get(username=username))
    response = client.get(url + ("&" if "?" in url else "?") + f"as_at={AS_AT}")
    assert response.status_code == 200
    return lxml_html.fromstring(response.content.decode())


def _cells(row: lxml_html.HtmlElement) -> list[str]:
    return [" ".join(c.text_content().split()) for c in row.xpath("./th|./td")]


@pytest.mark.parametrize("username", ["leadership", "team.manager"])
def test_a_one_person_service_shows_no_value_status_change_or_history(
    demo: Authority, username: str
) -> None:
    page = _page(username, "/overview/?service=Leadership")
    rows = page.xpath("//tr[starts-with(@id, 'measure-')]")
    assert rows
    for row in rows:
        label, value, _target, state, change, trend = _cells(row)
        assert value == "not shown", (label, value)
        assert state == "not shown" and not any(s in state for s in STATUS), (label, state)
        assert change == "–", (label, change)
        assert trend == "not shown", (label, trend)
    sickness = page.xpath("//tr[@id='measure-absence_rate']")
    assert sickness and "%" not in _cells(sickness[0])[1]
    # The headline cards are withheld as the rows are: figure, status and change.
    cards = page.xpath("//li[starts-with(@id, 'headline-')]")
    assert cards
    for card in cards:
        _label, figure, _target, state, change = (
            " ".join(line.text_content().split()) for line in card.xpath("./h3|./p")
        )
        assert figure == "not shown" and state == "not shown", (card.get("id"), figure, state)
        assert change.endswith(": not shown"), (card.get("id"), change)
    assert not page.xpath("//table[contains(@class, 'thrive-trend-table')]/tbody/tr")


def test_hr_sees_the_one_person_service(demo: Authority) -> None:
    page = _page("hr.admin", "/overview/?service=Leadership")
    headcount = page.xpath("//tr[@id='measure-headcount_in_post']")[0]
    assert _cells(headcount)[1] == "1"


def test_a_one_person_team_page_gives_leadership_no_zero_beside_a_suppressed_count(
    demo: Authority,
) -> None:
    team = Team.objects.get(service__authority=demo, name="Leadership Team")
    page = _page("leadership", f"/teams/{team.pk}/")
    values = [
        " ".join(v.text_content().split())
        for v in page.xpath("//dd[contains(@class, 'thrive-card__value')]")
    ]
    headcount, over_cap, overdue, appraisals = values[:4]
    assert headcount == "fewer than 5"
    assert over_cap == overdue == appraisals == "not shown"
    assert "FTE not shown" in page.text_content()


def test_leavers_by_team_shows_no_interviews_or_reason_of_fewer_than_5(demo: Authority) -> None:
    page = _page("leadership", "/leavers/?leavers_by=team")
    table = page.xpath("//table[.//th[.='Most common reason']]")[0]
    rows = [_cells(r) for r in table.xpath("./tbody/tr")]
    assert rows
    for team, leavers, _rate, interviewed, reason in rows:
        assert not SMALL.match(leavers) and not SMALL.match(interviewed), (team, interviewed)
        if interviewed in ("fewer than 5", "not shown", "–"):
            assert reason == "–", (team, reason)
        else:
            assert int(interviewed) >= 5 and int(leavers) - int(interviewed) not in range(1, 5)
    # Child Protection Mid: 5 leavers, 4 interviewed, whose most common reason was shown.
    mid = next(r for r in rows if r[0].startswith("Child Protection Mid"))
    assert mid[3] == "not shown" and mid[4] == "–"
    assert not any(r.label == mid[4] for r in LeavingReason)


@pytest.mark.parametrize("by", ["start_year", "first_grade"])
def test_retention_cohorts_show_no_left_or_still_here_of_1_to_4(demo: Authority, by: str) -> None:
    centre = Centre.for_authority(demo, AS_AT)
    curves = kept_results.retention_curves(centre, by, AS_AT, named=False)
    assert not isinstance(curves, kept_results.Unavailable)
    rows = curves_section(curves, by).rows
    assert rows
    hidden = 0
    for row in rows:
        for count in (row.leavers, row.in_post):
            assert not SMALL.match(count), (row.label, row.leavers, row.in_post)
        assert (row.leavers == "not shown") == (row.in_post == "not shown")
        hidden += row.leavers == "not shown"
    assert hidden  # the demo has such cohorts (2006: 8 started, 1 still here)
    named = curves_section(kept_results.retention_curves(centre, by, AS_AT, named=True), by)  # type: ignore[arg-type]
    assert any(SMALL.match(r.leavers) or SMALL.match(r.in_post) for r in named.rows)
