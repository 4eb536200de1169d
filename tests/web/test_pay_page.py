"""The Pay and reward page on the small council with its 2025 pay: HR sees every figure;
leadership sees them with groups of 1 to 4 people withheld (three team managers' pay, two
people's recruitment payments); managers of a service or a team are refused and not offered it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from thrive.codes import CareerGrade
from thrive.import_records.models import CensusWorkerDetail
from thrive.workforce import models

pytestmark = pytest.mark.django_db

MANAGER_PAY = ("50000.00", "52000.00", "54000.00")


@pytest.fixture
def paid(council):
    """Pay in the 2025 census for everyone in post: team managers 50,000 to 54,000; social
    workers 33,000 up in steps of 500; two social workers with a 2,500 payment."""
    workers = (
        models.Worker.objects.filter(authority=council.authority, spells__end_date__isnull=True)
        .distinct()
        .order_by("pk")
    )
    managers = iter(MANAGER_PAY)
    step, rewarded = 0, 0
    for w in workers:
        grades = set(w.spells.values_list("grade", flat=True))
        if str(CareerGrade.TEAM_MANAGER) in grades:
            salary = Decimal(next(managers))
            rr = None
        else:
            salary = Decimal(33000 + 500 * step)
            step += 1
            rr = Decimal("2500.00") if rewarded < 2 else Decimal("0")
            rewarded += 1
        CensusWorkerDetail.objects.create(worker=w, year=2025, base_salary=salary, rr_payments=rr)
    return council


def _row(html: str, label: str) -> str:
    return html.split(f'<th scope="row" class="govuk-table__header">{label}</th>')[1].split(
        "</tr>"
    )[0]


def test_hr_sees_every_figure_small_groups_included(paid, signed_in):
    html = signed_in("hr").get("/pay/?as_at=2025-09-30").content.decode()
    assert "Pay and reward" in html
    managers = _row(html, "Team manager")
    assert "£52,000" in managers and "£51,000" in managers and "£53,000" in managers
    assert "£5,000" in html  # the two payments' cost
    assert "How this is worked out" in html
    assert "no regional figure" in html


def test_leadership_sees_small_groups_withheld(paid, signed_in):
    html = signed_in("lead").get("/pay/?as_at=2025-09-30").content.decode()
    managers = _row(html, "Team manager")
    assert "fewer than 5" in managers and "£52,000" not in managers
    assert "£5,000" not in html
    assert "Figures about fewer than 5 people are not shown" in html
    workers = _row(html, "Social worker")
    assert "£37,250" in workers  # 18 salaries from 33,000 to 41,500: shown


@pytest.mark.parametrize("username", ["svc", "tm", "tm.cic"])
def test_managers_of_a_service_or_team_are_refused_and_not_offered_it(paid, signed_in, username):
    client = signed_in(username)
    assert client.get("/pay/").status_code == 403
    overview = client.get("/overview/").content.decode()
    assert 'href="/pay/"' not in overview
    # nor are the pay measures on the Overview (or the API's feed, which lists the same)
    assert "Median base salary" not in overview


def test_pay_measures_are_left_out_of_the_overview_and_the_feed():
    from thrive.summaries.feed import feed_measures
    from thrive.summaries.overview import overview_measures

    for chosen in (overview_measures(), feed_measures()):
        assert not [m.name for m in chosen if m.section == "Pay and reward"]


def test_without_pay_the_page_says_the_census_asks_for_it_from_2025(council, signed_in):
    html = signed_in("hr").get("/pay/?as_at=2024-09-30").content.decode()
    assert "No pay is recorded for the census of 30 September 2024" in html


def test_with_pay_from_2025_only_the_page_says_why_no_one_is_followed_a_year_on(paid, signed_in):
    html = signed_in("hr").get("/pay/?as_at=2025-09-30").content.decode()
    assert (
        "Nobody can be followed a year on yet: no pay was returned for the census day a year "
        "before (30 September 2024)." in html
    )


def test_the_salary_spread_chart_draws_only_what_the_viewer_may_see(paid, signed_in):
    html = signed_in("hr").get("/pay/?as_at=2025-09-30").content.decode()
    chart = html.split('<figure class="thrive-chart">')[1].split("</figure>")[0]
    assert '<svg role="img" aria-label="Base salary spread in 3 grades' in chart
    assert "medians from" in chart and "Team manager" in chart
    assert "the black mark is the median" in chart
    assert "left out" not in chart
    # Leadership: the team managers' (3) and the ASYE's (1) pay are withheld, so one grade is
    # left to draw: no chart, and nothing of the withheld grades' pay in the page.
    lead = signed_in("lead").get("/pay/?as_at=2025-09-30").content.decode()
    assert "thrive-chart" not in lead and "£52,000" not in lead


def test_the_tables_come_from_one_partial(paid, signed_in):
    html = signed_in("hr").get("/pay/?as_at=2025-09-30").content.decode()
    # (no one followed a year on yet: the small council's pay starts in 2025)
    assert html.count('<table class="govuk-table">') == 2
    for heading in ("Lower quarter", "Agency cover"):
        assert f'govuk-table__header--numeric">{heading}</th>' in html
    assert '<th scope="col" class="govuk-table__header">Grade</th>' in html
