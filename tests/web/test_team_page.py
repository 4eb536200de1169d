"""The Team page: caseloads against caps, supervision, appraisals, span, starters and leavers."""

from __future__ import annotations

import re

import pytest

from thrive.web.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_team_manager_sees_their_team_named_with_what_needs_attention(council, signed_in):
    page = signed_in("tm").get(f"/teams/{council.teams['CPN'].pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    for name in council.names["CPN"]:
        assert name in html
    assert council.leaver_name in html  # left this year: still listed, as a leaver
    over = council.names["CPN"][1]
    row = _row(html, over)
    assert "19" in row and "Over cap" in row
    asye_row = _row(html, "Hal Cpn07q")
    assert "ASYE: protected caseload" in asye_row and "Over cap" in asye_row  # 13 > 12
    assert "Overdue" in _row(html, council.names["CPN"][2])  # no supervision in 4 weeks
    assert "30 Jun 2025" in _row(html, council.names["CPN"][3])
    assert "Over cap" not in _row(html, council.names["CPN"][4])
    assert "Overdue" in _row(html, "Hal Cpn07q")  # two months in, never supervised
    assert "Overdue" not in _row(html, "Jo Cpn09q")  # agency worker, group supervision 3 days ago


def test_headline_counts_match_the_rows(council, signed_in):
    html = signed_in("tm").get(f"/teams/{council.teams['CPN'].pk}/").content.decode()
    cards = dict(
        re.findall(r'card__label">([^<]+)</dt><dd class="thrive-card__value">([^<]+)<', html)
    )
    assert cards["In the team"] == "9"  # manager, six practitioners, the ASYE, the agency worker
    assert cards["Over their caseload cap"] == "2"
    assert cards["Span of control"] == "6"
    assert "1 joined the council" in html and "1 left the council" in html


def test_leadership_sees_the_team_in_summary_with_only_the_manager_named(council, signed_in):
    html = signed_in("lead").get(f"/teams/{council.teams['CPN'].pk}/").content.decode()
    assert council.names["CPN"][0] in html  # the team manager
    for name in council.names["CPN"][1:] + [council.leaver_name]:
        assert name not in html
    assert "fewer than 5" in html  # two over cap: suppressed for a viewer without names


def test_team_manager_asking_for_another_team_gets_403_and_no_data(council, signed_in):
    page = signed_in("tm").get(f"/teams/{council.teams['CIC'].pk}/")
    assert page.status_code == 403
    html = page.content.decode()
    assert not any(name in html for name in council.names["CIC"])
    assert "Children in Care East" not in html


def test_service_manager_sees_teams_in_their_service_only(council, signed_in):
    client = signed_in("svc")
    assert client.get(f"/teams/{council.teams['CPS'].pk}/").status_code == 200
    assert client.get(f"/teams/{council.teams['CIC'].pk}/").status_code == 403
    listing = client.get("/teams/").content.decode()
    assert "Child Protection South" in listing and "Children in Care East" not in listing


def test_viewing_a_team_is_audited_with_the_workers_shown(council, signed_in):
    signed_in("tm").get(f"/teams/{council.teams['CPN'].pk}/")
    event = AuditEvent.objects.get(action=AuditEvent.Action.VIEW_TEAM)
    assert event.username == "tm"
    assert set(council.pseudonyms["CPN"]) <= set(event.workers)


def test_as_at_date_moves_the_page_back_in_time(council, signed_in):
    html = (
        signed_in("hr").get(f"/teams/{council.teams['CPN'].pk}/?as_at=2025-03-01").content.decode()
    )
    assert council.leaver_name in _row(html, council.leaver_name)  # still in the team then
    assert "Hal Cpn07q" not in html  # not yet started


def test_a_bad_as_at_date_is_explained_not_a_crash(council, signed_in):
    page = signed_in("tm").get(f"/teams/{council.teams['CPN'].pk}/?as_at=31-09-2025")
    assert page.status_code == 400
    assert "is not a date" in page.content.decode()


def _row(html: str, name: str) -> str:
    """The table row (or list item) that names this worker."""
    at = html.index(name)
    start = max(html.rfind("<tr", 0, at), html.rfind("<li", 0, at))
    end = min(i for i in (html.find("</tr>", at), html.find("</li>", at)) if i != -1)
    return html[start:end]


def test_the_caseload_cap_is_the_authoritys_own_target(council, signed_in):
    from thrive.workforce.models import MeasureTarget

    MeasureTarget.objects.create(authority=council.authority, measure="average_caseload", target=10)
    html = signed_in("tm").get(f"/teams/{council.teams['CPN'].pk}/").content.decode()
    assert "cap 10, ASYE 12" in html
    assert "Over cap" in _row(html, council.names["CPN"][4])  # 12 cases, over a cap of 10


def test_only_the_latest_appraisal_cycle_can_be_due(council, signed_in):
    from datetime import date

    from thrive.workforce.models import Appraisal, Worker

    worker = Worker.objects.get(name=council.names["CPN"][4])
    Appraisal.objects.create(worker=worker, cycle="2016/17", due_date=date(2016, 6, 30))
    html = signed_in("tm").get(f"/teams/{council.teams['CPN'].pk}/").content.decode()
    assert "2016" not in _row(html, council.names["CPN"][4])  # missed long ago, not due now
    assert "30 Jun 2025" in _row(html, council.names["CPN"][3])  # this cycle's, not done


def _teams_table(html: str) -> list[list[str]]:
    body = html.split('<tbody class="govuk-table__body">')[1].split("</tbody>")[0]
    rows = []
    for row in body.split("<tr")[1:]:
        name = re.search(r'href="/teams/\d+/">([^<]+)</a>', row)
        cells = re.findall(r'govuk-table__cell--numeric">([^<]*)</td>', row)
        rows.append([name.group(1) if name else "", *cells])
    return rows


@pytest.mark.parametrize("username", ["hr", "lead", "svc"])
def test_the_teams_index_compares_the_teams_with_the_team_pages_figures(
    council, signed_in, username
):
    client = signed_in(username)
    rows = _teams_table(client.get("/teams/").content.decode())
    assert rows and all(len(r) == 6 for r in rows)
    assert [r[0] for r in rows] == sorted(r[0] for r in rows)  # by team name by default
    for name, in_post, _vacancies, _caseload, over_cap, overdue in rows:
        team = next(t for t in council.teams.values() if t.name == name)
        page = client.get(f"/teams/{team.pk}/").content.decode()
        # the same counts, suppressed the same way, as the team's own page shows this viewer
        for label, shown in (("In the team", in_post), ("Over their caseload cap", over_cap),
                             ("Supervision overdue", overdue)):  # fmt: skip
            card = re.search(
                rf'<dt class="thrive-card__label">{label}</dt><dd class="[^"]*">([^<]*)</dd>', page
            )
            assert card and card.group(1) == shown, (username, name, label, shown)


def test_the_teams_index_sorts_by_a_column_without_javascript(council, signed_in):
    client = signed_in("hr")
    html = client.get("/teams/?sort=in_post").content.decode()
    rows = _teams_table(html)
    counts = [int(r[1]) for r in rows]
    assert counts == sorted(counts, reverse=True)
    assert 'aria-sort="descending"' in html and 'href="?sort=caseload"' in html
    dated = client.get("/teams/?sort=caseload&as_at=2025-03-01").content.decode()
    assert 'href="?sort=in_post&amp;as_at=2025-03-01"' in dated
    assert client.get("/teams/?sort=shoe_size").status_code == 400
    assert client.get("/teams/?order=in_post").status_code == 400
