"""The Leavers page's census view: reasons for leaving, destinations and years with the council,
for the whole council and by grade or team, small counts hidden outside the viewer's teams.

The hand-made council (``small_council``) has one leaver this collection year: Ivy, a social
worker in Child Protection North from 6 January 2020 to 31 March 2025 (5 whole years), who
resigned for a social work post in another council in England.
"""

from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest
from django.utils.html import escape

import factories
from thrive import metrics
from thrive.codes import CareerGrade, LeaverDestination, ReasonLeave
from thrive.frames.load import load

pytestmark = pytest.mark.django_db

OTHER_LA = LeaverDestination.OTHER_LA_ENGLAND.label


def _table(html: str, caption: str) -> str:
    """The table whose caption starts with ``caption``."""
    found = re.search(
        rf'<caption class="govuk-table__caption[^"]*">{re.escape(caption)}.*?</table>', html, re.S
    )
    assert found, f"no table {caption!r}"
    return found.group(0)


def _row(table: str, heading: str) -> list[str]:
    """The cells of the row headed ``heading``."""
    found = re.search(
        rf'<th scope="row" class="govuk-table__header">{re.escape(heading)}</th>(.*?)</tr>',
        table,
        re.S,
    )
    assert found, f"no row {heading!r}"
    return re.findall(r"<td[^>]*>(.*?)</td>", found.group(1))


def _columns(table: str) -> list[str]:
    head = table.split("</thead>", 1)[0]
    return re.findall(r'<th scope="col"[^>]*>(.*?)</th>', head)


def test_hr_sees_the_leavers_reason_destination_and_years(council, signed_in):
    html = signed_in("hr").get("/leavers/").content.decode()
    assert "Reasons, destinations and years with the council" in html
    assert _row(_table(html, "Reason for leaving: the whole council"), "Resignation") == [
        "1",
        "100.0%",
    ]
    assert _row(_table(html, "Destination: the whole council"), OTHER_LA) == ["1", "100.0%"]
    years = _table(html, "Years with the council: the whole council")
    assert _row(years, "5 years to under 10") == ["1", "100.0%"]
    by_grade = _table(html, "Reason for leaving by grade")
    assert _columns(by_grade) == ["Grade", "Resignation", "All leavers"]
    assert _row(by_grade, "Social worker") == ["1", "1"]


def test_the_page_shows_the_registrys_figures(council, signed_in):
    html = signed_in("hr").get("/leavers/").content.decode()
    for r in metrics.compute(
        load(council.authority),
        date(2025, 9, 30),
        names=["leavers_by_reason", "leavers_by_destination", "leavers_by_tenure_band"],
        hr=True,
        compare=False,
    ):
        if r.slice:
            group = next(iter(r.slice.values()))
            title = {
                "leavers_by_reason": "Reason for leaving",
                "leavers_by_destination": "Destination",
                "leavers_by_tenure_band": "Years with the council",
            }[r.name]
            cells = _row(_table(html, f"{title}: the whole council"), group)
            assert cells == [f"{r.numerator:,.0f}", f"{r.value:.1f}%"]


def test_leadership_sees_fewer_than_5_for_one_leaver(council, signed_in):
    html = signed_in("lead").get("/leavers/").content.decode()
    whole = _table(html, "Reason for leaving: the whole council")
    assert _row(whole, "Resignation") == ["fewer than 5", "–"]
    assert "100.0%" not in whole
    assert _row(_table(html, "Reason for leaving by grade"), "Social worker") == [
        "fewer than 5",
        "fewer than 5",
    ]
    assert council.leaver_name not in html


def test_by_team_a_team_manager_sees_their_own_team_and_not_others(council, signed_in):
    team = council.teams["CPS"]
    for reason in (ReasonLeave.RETIRED, ReasonLeave.RETIRED, ReasonLeave.DISMISSED):
        person = factories.worker(council.authority)
        factories.spell(
            person,
            team,
            date(2024, 10, 1),
            date(2025, 6, 30),
            start_origin=2,
            reason_leave=reason.value,
            leaver_destination=LeaverDestination.NOT_KNOWN.value,
        )
    tm = signed_in("tm").get("/leavers/?leavers_by=team").content.decode()
    by_team = _table(tm, "Reason for leaving by team")
    assert _columns(by_team) == ["Team", "Resignation", "Dismissed", "Retired", "All leavers"]
    assert _row(by_team, "Child Protection North") == ["1", "0", "0", "1"]  # their own team
    assert _row(by_team, "Child Protection South") == ["0"] + ["fewer than 5"] * 3
    assert _row(_table(tm, "Destination by team"), "Child Protection South") == [
        "0",
        "fewer than 5",
        "fewer than 5",
    ]
    hr = signed_in("hr").get("/leavers/?leavers_by=team").content.decode()
    assert _row(_table(hr, "Reason for leaving by team"), "Child Protection South") == [
        "0",
        "1",
        "2",
        "3",
    ]
    assert _row(_table(hr, "Destination by team"), "Child Protection South") == ["0", "3", "3"]
    years = _table(hr, "Years with the council by team")
    assert _row(years, "Child Protection South") == ["3", "0", "3"]
    assert _columns(years) == ["Team", "Under 1 year", "5 years to under 10", "All leavers"]


def test_a_chart_with_its_caption_and_table_when_several_groups_are_shown(council, signed_in):
    team = council.teams["CIC"]
    for i in range(10):
        person = factories.worker(council.authority)
        factories.spell(
            person,
            team,
            date(2015 + i % 2 * 8, 1, 1),
            date(2025, 6, 30),
            grade=CareerGrade.SENIOR_PRACTITIONER,
            start_origin=2,
            reason_leave=(ReasonLeave.RESIGNATION if i % 2 else ReasonLeave.RETIRED).value,
            leaver_destination=LeaverDestination.NON_SOCIAL_CARE.value,
        )
    html = signed_in("lead").get("/leavers/").content.decode()
    label = escape("Share of the year's leavers: why people left; the figures are in the table")
    chart = re.search(
        rf'<figure class="thrive-chart">\s*<svg role="img" aria-label="{re.escape(label)}'
        r".*?<figcaption[^>]*>(.*?)</figcaption>",
        html,
        re.S,
    )
    assert chart, "no reasons chart"
    assert "groups hidden for you are left out" in chart.group(1)
    whole = _table(html, "Reason for leaving: the whole council")
    assert _row(whole, "Resignation") == ["6", "54.5%"]  # Ivy and five of the ten
    assert _row(whole, "Retired") == ["5", "45.5%"]
    by_grade = _table(html, "Years with the council by grade")
    assert _columns(by_grade) == [
        "Grade",
        "2 years to under 5",
        "5 years to under 10",
        "10 years or more",
        "All leavers",
    ]
    assert _row(by_grade, "Senior practitioner") == ["5", "0", "5", "10"]
    assert _row(by_grade, "Social worker") == ["0", "fewer than 5", "0", "fewer than 5"]


def test_an_unknown_choice_is_refused_and_none_shows_the_grades(council, signed_in):
    refused = signed_in("hr").get("/leavers/?leavers_by=postcode")
    assert refused.status_code == 400
    assert "leavers_by 'postcode' is not one of the choices" in unescape(refused.content.decode())
    html = signed_in("hr").get("/leavers/").content.decode()
    assert "Reason for leaving by grade" in html
    assert '<option value="team">By team</option>' in html


@pytest.mark.parametrize("by", ["grade", "team"])
@pytest.mark.parametrize("user", ["hr", "lead", "svc", "tm"])
def test_the_census_view_names_nobody(council, signed_in, user, by):
    html = signed_in(user).get(f"/leavers/?leavers_by={by}").content.decode()
    section = html.split("Reasons, destinations and years with the council", 1)[1]
    section = section.split("Where people leave from", 1)[0]
    assert "Reason for leaving" in section
    assert not [name for name in council.all_names() if name and name in section]


def _svg_text(svg: str) -> str:
    """The words drawn in a chart, line by line."""
    return " | ".join(t.strip() for t in re.findall(r">([^<>]+)<", svg) if t.strip())


def _leave(council, team, name: str) -> None:
    person = factories.worker(council.authority, name=name)
    factories.spell(
        person,
        team,
        date(2021, 1, 1),
        date(2025, 6, 30),
        start_origin=2,
        reason_leave=ReasonLeave.RESIGNATION.value,
        leaver_destination=LeaverDestination.OTHER_LA_ENGLAND.value,
    )


def test_the_turnover_chart_leaves_out_teams_under_5_in_post_and_labels_each_bar_with_counts(
    council, signed_in
):
    # A one-person team whose other member left: 100% turnover, 1 in post, so not drawn.
    solo = factories.team(council.authority, name="Solo Outreach Team", service="Safeguarding")
    factories.spell(factories.worker(council.authority, name="Uma Solo01q"), solo, date(2022, 1, 1))
    _leave(council, solo, "Vic Solo02q")
    _leave(council, council.teams["CPS"], "Wes Cps09q")
    _leave(council, council.teams["CIC"], "Xan Cic09q")
    html = signed_in("hr").get("/leavers/").content.decode()
    chart = re.search(
        r'<figure class="thrive-chart">\s*<svg role="img" aria-label="Turnover rate in the 3 '
        r'teams with the highest and at least 5 in post[^"]*"(.*?)</svg>.*?'
        r"<figcaption[^>]*>(.*?)</figcaption>",
        html,
        re.S,
    )
    assert chart, "no turnover chart"
    drawn, caption = _svg_text(chart.group(1)), " ".join(unescape(chart.group(2)).split())
    assert "Solo" not in drawn
    # Each team's name, then its counts on a line of their own: nothing cut off.
    # (CPN: seven, its ASYE and this year's starter in post.)
    for team, people in (
        ("Child Protection North", 9),
        ("Child Protection South", 7),
        ("Children in Care East", 7),
    ):
        assert f"{team} | (1 leaver, {people} in post)" in drawn, drawn
    assert "Teams with fewer than 5 in post are left out (1 team)" in caption
    # The one-person team is still in the table of every team, with its figures, for HR.
    assert _row(_table(html, "Leavers by team"), "Solo Outreach Team")[0] == "1"
