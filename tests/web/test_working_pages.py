"""No request waits on a model fit: a page whose figures are not ready says so and fills in."""

from __future__ import annotations

import re
import time

import pytest
from django.test import Client

import small_council
from thrive.centre import background
from thrive.web.views.common import WORKING_HEADER

WORKING = "Working this out: it will appear here in a moment."


@pytest.fixture
def committed_council(transactional_db: None, settings) -> small_council.Council:
    """The small council, committed (a background thread's connection must see it), with
    results worked out in the background as on a server."""
    settings.THRIVE_BACKGROUND = True
    return small_council.build()


def _client(council: small_council.Council, username: str) -> Client:
    client = Client()
    client.force_login(council.users[username])
    return client


def _wait_for_background_work() -> None:
    deadline = time.monotonic() + 120
    while background._running and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not background._running


@pytest.mark.parametrize("path", ["/retention/", "/feedback/", "/careers/", "/forecast/"])
def test_a_page_not_ready_says_so_polls_and_then_shows_its_figures(
    committed_council, monkeypatch, path
):
    monkeypatch.setattr(background, "WAIT_SECONDS", 0.0)  # as if the model took minutes
    client = _client(committed_council, "hr")

    first = client.get(path)

    assert first.status_code == 200
    html = first.content.decode()
    assert WORKING in html
    assert first[WORKING_HEADER] == "1" and "no-store" in first["Cache-Control"]
    assert f'hx-get="{path}"' in html and 'hx-trigger="load delay:2s"' in html
    scripts = re.findall(r"<script([^>]*)>", html)
    assert scripts and all("src=" in attributes for attributes in scripts)  # strict CSP holds

    _wait_for_background_work()
    second = client.get(path)
    assert second.status_code == 200 and WORKING not in second.content.decode()
    assert not second.has_header(WORKING_HEADER)


def test_who_to_talk_to_waits_in_the_background_too_and_stays_audited(
    committed_council, monkeypatch
):
    monkeypatch.setattr(background, "WAIT_SECONDS", 0.0)
    client = _client(committed_council, "hr")
    assert WORKING in client.get("/retention/at-risk/").content.decode()
    _wait_for_background_work()
    ready = client.get("/retention/at-risk/").content.decode()
    assert WORKING not in ready and "Who to talk to" in ready


def test_a_result_ready_within_the_wait_is_shown_at_once(committed_council, monkeypatch):
    monkeypatch.setattr(background, "WAIT_SECONDS", 60.0)  # generous: the machine may be busy
    client = _client(committed_council, "tm")
    response = client.get("/workforce/")
    assert response.status_code == 200
    assert WORKING not in response.content.decode()  # worked out within the wait


PACK_WORKING = "The pack's capacity forecast is being worked out"


def test_the_reports_page_offers_the_pack_once_its_forecast_is_worked_out(
    committed_council, monkeypatch
):
    monkeypatch.setattr(background, "WAIT_SECONDS", 0.0)  # as if the runs took minutes
    client = _client(committed_council, "hr")

    first = client.get("/reports/")
    html = first.content.decode()
    assert first.status_code == 200 and PACK_WORKING in html
    assert "report_download" not in html and 'action="/reports/pack/"' not in html
    assert 'hx-get="/reports/"' in html and "no-store" in first["Cache-Control"]
    # A download asked for meanwhile is sent back to the page, not worked out in the request.
    started = time.monotonic()
    early = client.post("/reports/pack/", {"to": "2025-03-31", "format": "html"})
    assert early.status_code == 303 and early["Location"] == "/reports/"
    assert time.monotonic() - started < 5

    _wait_for_background_work()
    second = client.get("/reports/").content.decode()
    assert PACK_WORKING not in second and 'action="/reports/pack/"' in second


def test_a_download_asked_for_before_the_page_is_ready_gets_the_working_page(
    committed_council, monkeypatch
):
    monkeypatch.setattr(background, "WAIT_SECONDS", 0.0)
    client = _client(committed_council, "hr")

    first = client.get("/retention/", {"by": "route_in", "download": "csv", "table": "1"})

    # not a file of the working page: the page itself, asking again for the page without the
    # download, whose links then give the file
    assert first.status_code == 200 and first[WORKING_HEADER] == "1"
    assert "Content-Disposition" not in first
    html = first.content.decode()
    assert WORKING in html and 'hx-get="/retention/?by=route_in"' in html

    _wait_for_background_work()
    second = client.get("/retention/", {"by": "route_in", "download": "csv", "table": "1"})
    assert second.status_code == 200 and "attachment" in second["Content-Disposition"]
