"""Next year: the published statistics' forecast for the council, its region, England and its
comparators, the same figures as ``thrive published forecast``, for the roles offered it."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from io import StringIO

import polars as pl
import pytest
from django.core.management import call_command
from django.test import Client
from polars.testing import assert_frame_equal

from thrive.forecast.published import MAIN_MEASURES, read_published
from thrive.forecast.published.table import from_records
from thrive.ingest.published_figures import import_dfe_stats
from thrive.published.shipped import shipped_table_path
from thrive.summaries import formatting
from thrive.summaries.next_year import UNITS, published_records
from thrive.workforce.models import Authority

pytestmark = pytest.mark.django_db

OFFERED = ("hr", "lead", "svc")
BATH = "800"  # Bath and North East Somerset, South West: published every year 2017-2024


def _nav(html: str) -> bool:
    return 'href="/next-year/"' in html.split('id="main-content"')[0]


def _rows(html: str, measure: str) -> dict[str, list[str]]:
    """The page's table for one measure: each area's cells, by the area's kind."""
    table = html.split(f'data-measure="{measure}"', 1)[1].split("</table>", 1)[0]
    found: dict[str, list[str]] = {}
    for kind, row in re.findall(
        r'<tr class="govuk-table__row" data-kind="(\w+)">(.*?)</tr>', table
    ):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)
        found.setdefault(kind, cells)
    return found


def test_without_published_statistics_the_page_says_so_and_team_managers_are_not_offered_it(
    signed_in: Callable[[str], Client],
) -> None:
    for role in OFFERED:
        response = signed_in(role).get("/next-year/")
        assert response.status_code == 200
        html = response.content.decode()
        assert _nav(html) and "There is no forecast from the Department" in html
    refused = signed_in("tm").get("/next-year/")
    assert refused.status_code == 403
    assert not _nav(signed_in("tm").get("/overview/").content.decode())
    assert signed_in("nobody").get("/next-year/").status_code == 403


def test_the_page_shows_the_figures_the_command_line_gives_for_the_council_its_region_and_england(
    council, signed_in: Callable[[str], Client]
) -> None:
    import_dfe_stats()
    Authority.objects.filter(pk=council.authority.pk).update(la_number=BATH, region="South West")
    # the store's rows make the table the command reads from the shipped file
    assert_frame_equal(
        from_records(published_records()), read_published(shipped_table_path()), check_dtypes=False
    )
    out = StringIO()
    call_command("published", "forecast", "--format", "json", stdout=out)
    made = [r for r in json.loads(out.getvalue()) if r["measure"] in MAIN_MEASURES]
    chosen = "?compare=802&compare=803"  # North Somerset, South Gloucestershire
    pages = {role: signed_in(role).get("/next-year/" + chosen) for role in (*OFFERED, "tm")}
    assert pages["tm"].status_code == 403
    html = pages["lead"].content.decode()
    assert all(pages[r].status_code == 200 for r in OFFERED)
    for measure in MAIN_MEASURES:
        _, unit = UNITS[measure]
        rows = _rows(html, measure)
        expected = {
            "us": next(r for r in made if r["old_la_code"] == BATH and r["measure"] == measure),
            "region": next(
                r for r in made if r["la_name"] == "South West" and r["level"] == "Regional"
                and r["measure"] == measure
            ),
            "england": next(
                r for r in made if r["level"] == "National" and r["measure"] == measure
            ),
        }  # fmt: skip
        for kind, row in expected.items():
            low, high = (formatting.number(row[p], unit) for p in ("p10", "p90"))
            assert rows[kind] == [
                row["la_name"],
                formatting.number(row["last"], unit),
                formatting.number(row["p50"], unit),
                f"{low} to {high}",
            ], (measure, kind)
        theirs = [r for la in ("802", "803") for r in made
                  if r["old_la_code"] == la and r["measure"] == measure]  # fmt: skip
        shown = re.findall(r'data-kind="comparator"><th[^>]*>(.*?)</th><td[^>]*>[^<]*</td>'
                           r"<td[^>]*>(.*?)</td>", html.split(f'data-measure="{measure}"')[1]
                           .split("</table>")[0])  # fmt: skip
        assert shown == [(r["la_name"], formatting.number(r["p50"], unit)) for r in theirs]
    # the backtest in words, from the kept results, and no jargon in the main text
    assert "8 in 10 likely range 78% of the time" in html
    assert "For regions and England it did 47% of the time" in html
    assert "P10" not in html.split('id="main-content"')[1]
    assert html.count('<svg role="img"') == len(MAIN_MEASURES)
    # the council's own records beside the published figures' forecast
    assert "From our own records" in html and "FTE social workers in post at 30 September" in html
    # the Overview's comparison has the council's next year and the link, for the roles offered
    overview = signed_in("lead").get("/overview/").content.decode()
    bath = expected_turnover = next(
        r for r in made if r["old_la_code"] == BATH and r["measure"] == "turnover_rate_fte"
    )
    assert f"Next year (2025) for {bath['la_name']}" in overview
    assert f"turnover {formatting.number(expected_turnover['p50'], '%')}" in overview
    assert 'href="/next-year/"' in overview.split('id="main-content"')[1]
    assert "Next year (2025)" not in signed_in("tm").get("/overview/").content.decode()


def test_the_table_from_the_store_keeps_a_newer_release_s_extra_year() -> None:
    records = [
        (2024, "National", "E92000001", "", "England", "", "", "inpost_fte", 100.0),
        (2025, "National", "E92000001", "", "England", "", "", "inpost_fte", 110.0),
        (2025, "National", "E92000001", "", "England", "", "", "new_column", 1.0),
        (2025, "Local authority", "E06000022", BATH, "Bath", "E12000009", "South West",
         "turnover_rate_fte", None),
    ]  # fmt: skip
    table = from_records(records)
    assert table.filter(pl.col("level") == "National")["inpost_fte"].to_list() == [100.0, 110.0]
    bath = table.filter(pl.col("key") == BATH).row(0, named=True)
    assert bath["la_code"] == "E06000022" and bath["turnover_rate_fte"] is None
    assert bath["inpost_fte"] is None and "new_column" not in table.columns


def test_a_table_of_one_year_gives_no_forecast_and_says_why() -> None:
    from thrive.forecast.published import PublishedForecastError, forecast

    table = from_records(
        [(2025, "National", "E92000001", "", "England", "", "", "inpost_fte", 9.0)]
    )
    with pytest.raises(PublishedForecastError, match="too few years"):
        forecast(table, 2026)
