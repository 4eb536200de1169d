"""``/api/v1/forecast`` gives ``thrive forecast``'s P10, P50 and P90 for the same scenario (the
same model, runs and seed), at each year end; bad levers are a 400, an unknown scenario a 404."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_a_forecast_is_the_commands_forecast(council, api):
    answer = api("lead").get("/api/v1/forecast?scenario=baseline&horizon=12")
    assert answer.status_code == 200
    body = answer.json()
    assert body["runs"] == 10_000 and body["horizon"] == 12 and body["unavailable"] is None
    out = StringIO()
    call_command(
        "forecast", "--scenario", "baseline", "--horizon", "12", "--format", "json", stdout=out
    )
    months = json.loads(out.getvalue())[0]["months"]
    theirs = {
        (m["date"], m["measure"]): (m["p10"], m["p50"], m["p90"])
        for m in months
        if m["breakdown"] == "all"
    }
    assert [p["month_end"] for p in body["points"]] == ["2025-09-30", "2026-09-30"]
    compared = 0
    for point in body["points"]:
        for band in point["measures"]:
            key = (point["month_end"], band["measure"])
            if key in theirs and band["p50"] is not None:
                assert (band["p10"], band["p50"], band["p90"]) == pytest.approx(theirs[key]), key
                compared += 1
    assert compared >= 10


@pytest.mark.parametrize(
    "query,status",
    [
        ("horizon=13", 400),
        ("horizon=x", 400),
        ("asye_per_year=-1", 400),
        ("turnover_change=101", 400),
        ("target_caseload=nan", 400),
        ("scenario=shoe_size", 404),
    ],
)
def test_levers_it_cannot_use_are_refused_in_words(council, api, query, status):
    response = api("hr").get(f"/api/v1/forecast?{query}")
    assert response.status_code == status, response.content[:200]
    assert response.json()["detail"]


@pytest.fixture
def committed_council(transactional_db: None, settings):
    """The small council, committed, with results worked out in the background as on a server."""
    import small_council

    settings.THRIVE_BACKGROUND = True
    return small_council.build()


def test_on_a_server_a_forecast_not_ready_is_a_202_then_the_figures(committed_council, monkeypatch):
    import time

    from django.test import Client

    from thrive.api_tokens.keys import issue
    from thrive.centre import background

    monkeypatch.setattr(background, "WAIT_SECONDS", 0.0)  # as if the run took minutes
    token = issue(committed_council.users["lead"], 1, issued_by="test").text
    client = Client(headers={"Authorization": f"Bearer {token}"})
    first = client.get("/api/v1/forecast?scenario=baseline&horizon=12")
    assert first.status_code == 202 and first["Retry-After"] == "5"
    assert first.json()["detail"].startswith("Working this out")
    deadline = time.monotonic() + 180
    while background._running and time.monotonic() < deadline:
        time.sleep(0.1)
    second = client.get("/api/v1/forecast?scenario=baseline&horizon=12")
    assert second.status_code == 200 and len(second.json()["points"]) == 2
