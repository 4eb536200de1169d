"""The Workforce, ASYE and careers, and Leavers pages: registry figures, arranged and suppressed."""

from __future__ import annotations

import re

import pytest

from small_council import AS_AT
from thrive import metrics
from thrive.frames.load import load

pytestmark = pytest.mark.django_db


def _table_row(html: str, heading: str) -> str:
    found = re.search(
        rf'<th scope="row" class="govuk-table__header">{re.escape(heading)}</th>(.*?)</tr>',
        html,
        re.S,
    )
    assert found, f"no row {heading!r}"
    return found.group(1)


def test_the_starters_and_leavers_waterfall_reconciles_with_the_registry(council, signed_in):
    html = signed_in("hr").get("/workforce/").content.decode()
    whole = next(
        r
        for r in metrics.compute(
            load(council.authority), AS_AT, names=["stock_flow_difference_fte"]
        )
        if r.slice is None
    )
    assert whole.detail is not None
    assert f"{whole.detail['start_fte']:.1f} FTE" in _table_row(html, "In post a year earlier")
    assert f"{whole.detail['starters_fte']:.1f} FTE" in _table_row(html, "Starters")
    assert f"{whole.detail['leavers_fte']:.1f} FTE" in _table_row(html, "Leavers")
    assert f"{whole.detail['end_fte']:.1f} FTE" in _table_row(html, "In post now")
    assert "The steps add up exactly." in html
    assert "<svg " in html and "Permanent and agency mix" in html


def test_the_waterfall_is_withheld_where_it_would_give_away_one_starter(council, signed_in):
    # the small council had one starter and one leaver in the year: their FTE steps would say
    # what the withheld counts are, so leadership and managers see neither steps nor chart
    counts = {
        r.name: r.value
        for r in metrics.compute(
            load(council.authority), AS_AT, names=["starters_headcount", "leavers_headcount"]
        )
        if r.slice is None
    }
    assert counts == {"starters_headcount": 1.0, "leavers_headcount": 1.0}
    for who in ("lead", "tm"):
        html = signed_in(who).get("/workforce/").content.decode()
        assert "so few people started or left over the year" in html
        assert "In post a year earlier" not in html and "Each bar starts where" not in html
    hr = signed_in("hr").get("/workforce/").content.decode()
    assert "so few people started or left" not in hr and "In post a year earlier" in hr


def test_agency_workers_in_posts_are_counted_but_small_counts_suppressed(council, signed_in):
    from thrive.workforce.models import EmploymentSpell, EstablishmentPost

    agency = EmploymentSpell.objects.get(worker__name="Jo Cpn09q")
    post = EstablishmentPost.objects.create(
        team=council.teams["CPN"],
        reference="CPN-9",
        grade="social_worker",
        funded_fte=1,
        start_date=agency.start_date,
    )
    agency.post = post
    agency.save()
    hr = signed_in("hr").get("/workforce/").content.decode()
    assert "1 agency worker occupies a funded post" in hr
    lead = signed_in("lead").get("/workforce/").content.decode()
    assert "fewer than 5 agency workers occupy a funded post" in lead


def test_careers_page_lists_the_asye_measures_and_years(council, signed_in):
    html = signed_in("hr").get("/careers/").content.decode()
    for label in ("ASYE pass rate", "ASYEs still employed 2 years after starting", "Year by year"):
        assert label in html
    assert "Sep 2025" in html and "By route into social work" in html


def test_leavers_by_team_show_the_one_leaver_to_hr_and_hide_it_from_leadership(council, signed_in):
    hr = signed_in("hr").get("/leavers/").content.decode()
    assert re.search(r">1</td>", _table_row(hr, "Child Protection North"))
    lead = signed_in("lead").get("/leavers/").content.decode()
    assert "fewer than 5" in _table_row(lead, "Child Protection North")
    tm = signed_in("tm").get("/leavers/").content.decode()
    assert re.search(r">1</td>", _table_row(tm, "Child Protection North"))  # their own team
    assert "Who leaves" in lead
