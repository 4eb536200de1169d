"""Absurd addresses get Thrive's own 400 or 404 page at once: never a 500, never a long wait.

Every URL in the URL configuration (read from it, with the samples of ``test_scope_rules``) is
asked for "as at" dates no page can show, with record numbers no database can hold, and with
query values that are not among a page's choices.
"""

from __future__ import annotations

import time
from datetime import date, timedelta

import pytest
from django.db.models import Min
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st
from test_scope_rules import _urls

from small_council import AS_AT
from thrive.summaries.periods import BadDateError, months_after, parse_as_at
from thrive.web.converters import LARGEST_ID, RecordId
from thrive.workforce import models

STYLED_400 = '<h1 class="govuk-heading-l">There is a problem with the address</h1>'
STYLED_404 = '<h1 class="govuk-heading-l">Page not found</h1>'
STYLESHEET = "thrive/thrive.css"
# The front page reads no query; the first load and the published statistics are POST only.
IGNORES_QUERY = {"/"}
POST_ONLY = {
    "/data/published/",
    "/data/first-load/",
    "/api-tokens/1/revoke/",
    "/reports/pack/",
    "/reports/issue/",
}


def _styled(response, heading: str) -> bool:
    html = response.content.decode()
    return heading in html and STYLESHEET in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "as_at", ["9999-12-31", "0001-01-01", "2024-02-30", "x" * 5000, "2025-09-30\x00", "1e400"]
)
def test_every_page_refuses_a_date_it_cannot_show_with_the_styled_400(council, signed_in, as_at):
    client = signed_in("hr")
    asked = 0
    for url in _urls(council):
        if url.startswith("/api/"):  # the API's own answers: tests/api/test_bad_input.py
            continue
        response = client.get(url, {"as_at": as_at})
        if url in IGNORES_QUERY:
            assert response.status_code == 200, url
        elif url in POST_ONLY:
            assert response.status_code == 405, url
        else:
            assert response.status_code == 400, (url, response.status_code)
            assert _styled(response, STYLED_400), url
            asked += 1
    assert asked > 15


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["hr", "lead", "tm"])
def test_every_page_refuses_a_parameter_it_does_not_know_naming_it(council, signed_in, username):
    """A mistyped or foreign parameter (``servise=``, ``utm_source=``) is not quietly ignored:
    the styled 400 page names it, before the page works anything out."""
    client = signed_in(username)
    asked = 0
    # the pages only: the API (/api/v1/) answers in JSON (tests/api/test_unknown_parameters.py)
    for url in (u for u in _urls(council) if not u.startswith("/api/")):
        for query in ({"servise": "Fostering"}, {"as_at": AS_AT.isoformat(), "zz_x": "1"}):
            started = time.perf_counter()
            response = client.get(url, query)
            took = time.perf_counter() - started
            assert response.status_code == 400, (url, query, response.status_code)
            assert _styled(response, STYLED_400), url
            name = next(k for k in query if k != "as_at")
            assert f"does not know the choice &#x27;{name}&#x27;" in response.content.decode()
            assert took < 2, (url, took)
            asked += 1
    assert asked > 40


@pytest.mark.django_db
def test_an_empty_date_means_the_latest_and_the_range_ends_are_shown(council, signed_in):
    earliest = min(
        models.EmploymentSpell.objects.aggregate(d=Min("start_date"))["d"],
        models.CaseloadSnapshot.objects.aggregate(d=Min("date"))["d"],
        models.Supervision.objects.aggregate(d=Min("date"))["d"],
    )
    last = months_after(max(AS_AT, timezone.localdate()), 60)  # records still describe today
    client = signed_in("hr")
    for url in ("/overview/", "/retention/", f"/teams/{council.teams['CPN'].pk}/"):
        assert client.get(url, {"as_at": ""}).status_code == 200, url
        for shown in (earliest, last):
            assert client.get(url, {"as_at": shown.isoformat()}).status_code == 200, (url, shown)
        for refused in (earliest - timedelta(days=1), last + timedelta(days=1)):
            response = client.get(url, {"as_at": refused.isoformat()})
            assert response.status_code == 400, (url, refused)
            assert "outside the dates Thrive can show" in response.content.decode()


@pytest.mark.django_db
def test_record_numbers_no_database_can_hold_are_a_styled_404(council, signed_in):
    client = signed_in("hr")
    for url in (
        "/teams/99999999999999999999999/",
        f"/teams/{LARGEST_ID + 1}/",
        f"/teams/{LARGEST_ID}/",
        "/teams/0/",
        "/data/batches/99999999999999999999/undo/",
        f"/data/batches/{LARGEST_ID}/undo/",
        f"/workers/{'x' * 5000}/",
        f"/workers/{'x' * 5000}/stay-conversation/",
        f"/data/problems/{'0' * 5000}.csv",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert _styled(response, STYLED_404), url


@pytest.mark.django_db
def test_values_a_page_does_not_offer_are_a_styled_400(council, signed_in):
    client = signed_in("hr")
    refused = [
        "/retention/?by=nonsense",
        "/leavers/?leavers_by=shoe_size",
        "/overview/?service=Nowhere",
        "/children/?service=Nowhere",
        "/children/?service=" + "s" * 5000,
        "/overview/?compare=abc",
        "/overview/?" + "&".join(f"compare={n:03d}" for n in range(200)),
        "/audit/?page=0",
        "/audit/?page=x",
        "/audit/?page=99999",
        "/audit/?action=dance",
        "/audit/?user=%00",
        "/audit/?worker=" + "w" * 5000,
        "/teams/?as_at=2025-03-01&as_at=2025-04-01",
        f"/workers/{council.pseudonyms['CPN'][1]}/stay-conversation/?prompted_by=whim",
    ]
    for url in refused:
        response = client.get(url)
        assert response.status_code == 400, (url, response.status_code)
        assert _styled(response, STYLED_400), url
    shown = ["/retention/?by=route_in", "/overview/?service=", "/audit/?page=1&action=import"]
    shown += ["/children/?service=", "/children/?service=Safeguarding"]
    for url in shown:
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_a_goal_beyond_the_longest_horizon_is_refused_on_the_form(council, signed_in):
    response = signed_in("lead").get("/forecast/?scenario=baseline&goal_by=2200-01")
    assert response.status_code == 400
    assert "Enter a month up to September 2030" in response.content.decode()


@given(st.text(max_size=60))
def test_any_text_is_a_date_in_the_range_or_refused_in_words(text):
    earliest, latest, last = date(2014, 10, 1), date(2025, 9, 30), date(2030, 9, 30)
    try:
        shown = parse_as_at(text, latest, earliest, last)
    except BadDateError as refused:
        assert str(refused)
    else:
        assert earliest <= shown <= last
        assert shown == latest or text.strip()


@given(st.from_regex(RecordId.regex, fullmatch=True))
def test_a_record_number_is_one_a_database_can_hold_or_no_match(digits):
    try:
        number = RecordId().to_python(digits)
    except ValueError:
        assert int(digits) > LARGEST_ID
    else:
        assert 0 <= number <= LARGEST_ID


@pytest.mark.django_db
def test_djangos_own_refusals_and_failures_are_thrive_pages(client):
    from django.test import RequestFactory

    from thrive.web.views.errors import server_error

    wrong_host = client.get("/", HTTP_HOST="thrive.example.invalid")
    assert wrong_host.status_code == 400
    assert _styled(wrong_host, STYLED_400)
    assert "cannot show" in wrong_host.content.decode()  # says nothing of why: not Thrive's check
    failed = server_error(RequestFactory().get("/overview/"))
    assert failed.status_code == 500
    assert _styled(failed, "Sorry, there is a problem with the service")
