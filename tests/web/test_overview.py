"""The Overview shows the metrics registry's figures, with targets, status, change and trend."""

from __future__ import annotations

import re
from datetime import date, timedelta
from html import unescape

import pytest
from lxml import html as lxml_html

import factories
from small_council import AS_AT
from thrive import metrics
from thrive.centre.targets import targets_for
from thrive.codes import SupervisionKind
from thrive.frames.load import load
from thrive.summaries.formatting import number
from thrive.summaries.overview import HEADLINE, overview_measures, trend_dates
from thrive.workforce import models

pytestmark = pytest.mark.django_db


def _cell(html: str, measure: str) -> str:
    row = re.search(rf'<tr class="govuk-table__row" id="measure-{measure}">(.*?)</tr>', html, re.S)
    assert row, f"no row for {measure}"
    return row.group(1)


def test_every_overview_measure_is_listed_with_the_registrys_value(council, signed_in):
    html = signed_in("hr").get("/overview/").content.decode()
    results = {
        r.name: r
        for r in metrics.compute(
            load(council.authority), AS_AT, targets=targets_for(council.authority), hr=True
        )
        if r.slice is None
    }
    for m in overview_measures():
        row = _cell(html, m.name)
        assert m.label.replace("'", "&#x27;") in row
    turnover = results["turnover_rate"]
    assert f"{turnover.value:.1f}%" in _cell(html, "turnover_rate")
    assert "at most 12.0%" in _cell(html, "turnover_rate")  # the strategy's default target
    caseload = results["average_caseload"]
    assert f"{caseload.value:.1f}" in _cell(html, "average_caseload")


def test_status_is_shown_in_words_and_the_headline_counts_them(council, signed_in):
    html = signed_in("hr").get("/overview/").content.decode()
    # counted in the tables of every measure (the headline cards repeat some of them)
    tables = html[html.index('class="govuk-table thrive-measures"') :]
    statuses = re.findall(r"thrive-status--(green|amber|red)", tables)
    headline = re.search(
        r"<strong>(\d+)</strong> (meets?) it, <strong>(\d+)</strong> (is|are) close and "
        r"<strong>(\d+)</strong> (is|are) off target",
        html,
    )
    assert headline
    green, meet, amber, close, red, off = headline.groups()
    assert [int(green), int(amber), int(red)] == [
        statuses.count("green"),
        statuses.count("amber"),
        statuses.count("red"),
    ]
    # each count agrees with its verb: "1 is off target", "2 are close", "1 meets it"
    for count, verb, one in ((green, meet, "meets"), (amber, close, "is"), (red, off, "is")):
        assert (verb == one) == (int(count) == 1), (count, verb)
    assert "Meets target" in html or "Off target" in html or "Close to target" in html


def test_a_small_count_is_suppressed_for_leadership_but_not_for_hr(council, signed_in):
    # One leaver this year in the whole council.
    assert "fewer than 5" in _cell(
        signed_in("lead").get("/overview/").content.decode(), "leavers_headcount"
    )
    hr_row = _cell(signed_in("hr").get("/overview/").content.decode(), "leavers_headcount")
    assert re.search(r'thrive-measures__value">1<', hr_row)


def test_service_manager_opens_on_their_own_service_and_can_choose_the_council(council, signed_in):
    client = signed_in("svc")
    own = client.get("/overview/").content.decode()
    assert 'value="Safeguarding" selected' in own
    whole = client.get("/overview/?service=").content.decode()
    assert '<option value="" selected' in whole


def test_an_unknown_service_is_refused_and_an_empty_one_is_the_whole_council(council, signed_in):
    refused = signed_in("lead").get("/overview/?service=Nowhere")
    assert refused.status_code == 400
    assert "service 'Nowhere' is not one of the choices" in unescape(refused.content.decode())
    html = signed_in("lead").get("/overview/?service=").content.decode()
    assert '<option value="" selected' in html


def test_trend_runs_over_twelve_quarters_ending_on_the_as_at_date():
    from datetime import date

    points = trend_dates(date(2025, 9, 30))
    assert len(points) == 12 and points[-1] == date(2025, 9, 30) and points[0] == date(2022, 12, 31)
    mid = trend_dates(date(2025, 8, 15))
    assert len(mid) == 12 and mid[-1] == date(2025, 8, 15) and mid[-2] == date(2025, 6, 30)


def test_the_overview_is_kept_until_the_records_change(
    council, signed_in, django_assert_max_num_queries
):
    client = signed_in("lead")
    client.get("/overview/")
    with django_assert_max_num_queries(20):
        again = client.get("/overview/")
    assert again.status_code == 200


def test_a_session_is_served_its_kept_page_until_the_records_change(
    council, signed_in, django_assert_max_num_queries
):
    from thrive.frames import cache as frames_cache
    from thrive.workforce.models import MeasureTarget

    client = signed_in("lead")
    first = client.get("/overview/").content.decode()
    with django_assert_max_num_queries(4):  # the session and the user, nothing for the page
        again = client.get("/overview/").content.decode()
    assert again == first
    MeasureTarget.objects.create(authority=council.authority, measure="turnover_rate", target=5)
    from django.contrib.admin.models import ADDITION, LogEntry

    LogEntry.objects.log_actions(
        user_id=council.users["hr"].pk,
        queryset=MeasureTarget.objects.all(),
        action_flag=ADDITION,
        single_object=True,
    )
    frames_cache.forget()  # as if the 2-second fingerprint check had come round
    changed = client.get("/overview/").content.decode()
    assert "5.0%" in _cell(changed, "turnover_rate") and changed != first


def test_the_figures_are_kept_once_for_the_council_and_shared_by_viewers_with_the_same_rights(
    council, signed_in
):
    from django.core.cache import cache

    from thrive.centre.centre import Centre
    from thrive.summaries.overview import OverviewFigures

    first = signed_in("lead").get("/overview/?service=").content.decode()
    other = Centre.for_user(council.users["tm"])
    # kept under the council (not the leadership view), for the whole council without names
    kept = cache.get(other.key(f"overview:{other.as_at}:None:False:", for_authority=True))
    assert isinstance(kept, OverviewFigures)
    later = signed_in("tm").get("/overview/?service=").content.decode()

    def body(html: str) -> str:  # below the "as at" and service form, to the end of the page
        return html.split("Are we on track?")[1].split("</form>", 1)[1].split("</main>")[0]

    assert "Turnover" in body(first) and body(first) == body(later)


def test_a_target_reads_with_its_direction():
    from thrive.summaries.rows import target_text

    assert target_text(14.0, False, "cases").startswith("at most 14")
    assert target_text(90.0, True, "percent").startswith("at least 90")
    assert not target_text(5.0, None, "count").startswith("at ")  # no direction: none said
    assert target_text(None, True, "percent") == "–"


def _cards(html: str) -> dict[str, list[str]]:
    """Each headline card's lines of text, by measure: label, figure, target, status, change."""
    page = lxml_html.fromstring(html)
    return {
        card.get("id").removeprefix("headline-"): [
            " ".join(line.text_content().split()) for line in card.xpath("./h3|./p")
        ]
        for card in page.xpath("//li[starts-with(@id, 'headline-')]")
    }


@pytest.mark.parametrize("who", ["hr", "lead"])
def test_the_headline_measures_lead_the_page_as_cards_agreeing_with_their_rows(
    council, signed_in, who
):
    html = signed_in(who).get("/overview/").content.decode()
    cards = _cards(html)
    assert list(cards) == [name for name, _ in HEADLINE]
    # The cards come before the detail: the first card before the first table of measures.
    assert html.index('id="headline-') < html.index('class="govuk-table thrive-measures"')
    results = {
        r.name: r
        for r in metrics.compute(
            load(council.authority), AS_AT, targets=targets_for(council.authority), hr=True
        )
        if r.slice is None
    }
    for name, label in HEADLINE:
        shown_label, figure, target, status, change = cards[name]
        row = lxml_html.fromstring(_cell(html, name).join(["<table><tr>", "</tr></table>"]))
        value, shown_target, row_status, *_ = [
            " ".join(c.text_content().split()) for c in row.xpath("//td")
        ]
        assert (shown_label, target) == (label, f"Target: {shown_target}".replace("–", "none set"))
        assert value.startswith(figure) and status == row_status, (name, figure, value)
        assert change.startswith("Since 30 Sep 2024: "), change
        if status == "not shown":  # withheld, as the row is: its change goes with it
            assert who == "lead" and change.endswith(": not shown"), (name, change)
            continue
        r = results[name]
        before = "no figure a year ago" if r.previous is None else number(r.previous, r.unit)
        assert before in change, (name, change)
    # A target reads with its direction; a measure without one says so.
    assert cards["average_caseload"][2] == "Target: at most 14.0"
    assert cards["supervised_share"][2] == "Target: at least 90.0%"
    assert cards["agency_rate"][2] == "Target: none set"
    if who == "hr":
        assert cards["agency_rate"][3] == "No target"
        assert "not shown" not in " ".join(line for card in cards.values() for line in card)


def _tiny_service(council) -> None:
    """A service of two social workers, in post since 2023 with caseloads: small enough that
    every figure of it is withheld from anyone who may not see its people named."""
    team = factories.team(council.authority, name="Edge of Care Team", service="Edge of Care")
    for i in range(2):
        person = factories.worker(council.authority, name=f"Hal Edge{i:02d}q")
        factories.spell(person, team, date(2023, 1, 1))
        models.CaseloadSnapshot.objects.create(worker=person, date=AS_AT, cases=20)
        models.Supervision.objects.create(
            worker=person, date=AS_AT - timedelta(weeks=1), kind=SupervisionKind.INDIVIDUAL.value
        )


def test_a_small_services_cards_are_withheld_from_leadership_as_its_rows_are(council, signed_in):
    _tiny_service(council)
    html = signed_in("lead").get("/overview/?service=Edge+of+Care").content.decode()
    cards = _cards(html)
    assert list(cards) == [name for name, _ in HEADLINE if f'id="measure-{name}"' in html]
    assert "average_caseload" in cards
    for name, (_label, figure, _target, status, change) in cards.items():
        assert figure == "not shown", (name, figure)
        assert status == "not shown", (name, status)
        assert change == "Since 30 Sep 2024: not shown", (name, change)
        assert "thrive-status--" not in _cell(html, name)
    # HR may see the two named, so the same cards show their figures.
    hr = _cards(signed_in("hr").get("/overview/?service=Edge+of+Care").content.decode())
    assert hr["average_caseload"][1] == "20.0"
    assert hr["average_caseload"][3] == "Off target"


@pytest.mark.parametrize("who", ["hr", "lead"])
def test_a_change_never_reads_against_its_status(council, signed_in, who):
    """ "worse" beside "Meets target", or a bare "better" beside "Off target", reads as a
    contradiction: each row's and card's change agrees with its status."""
    html = signed_in(who).get("/overview/").content.decode()
    page = lxml_html.fromstring(html)
    seen = []
    for row in page.xpath("//tr[starts-with(@id, 'measure-')]"):
        cells = [" ".join(c.text_content().split()) for c in row.xpath("./td")]
        status, change = cells[2], cells[3]
        seen.append((status, change))
        if status == "Meets target":
            assert not change.endswith("worse"), (row.get("id"), change)
        if status in {"Off target", "Close to target"}:
            assert not change.endswith("better"), (row.get("id"), change)
    for name, (_label, _figure, target, status, change) in _cards(html).items():
        if status == "Meets target":
            assert not change.endswith("worse"), (name, change)
        if status in {"Off target", "Close to target"}:
            assert not change.endswith("better"), (name, change)
        if change.endswith("still within the target of " + target.removeprefix("Target: ")):
            assert status == "Meets target", (name, status)
    assert any("still within the target" in c or "not yet within" in c for _, c in seen), seen
