"""Against a live server: a Power BI style client (plain HTTP, a bearer token) reads a measure's
trend, and the docs page runs in Chromium under the strict Content Security Policy."""

from __future__ import annotations

import requests

import browser as web_browser
from thrive.api_tokens.keys import issue


def test_a_power_bi_style_client_reads_a_measure_trend_with_a_bearer_token(
    live_server, live_council
):
    token = issue(live_council.users["lead"], 30, issued_by="hr", label="Power BI").text
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    answer = session.get(
        f"{live_server.url}/api/v1/measures/vacancy_rate/trend",
        params={"start": "2024-10-01", "end": "2025-09-30"},
        timeout=60,
    )
    assert answer.status_code == 200, answer.text[:300]
    assert answer.headers["Content-Type"].startswith("application/json")
    assert "Set-Cookie" not in answer.headers  # no session: the token is the whole credential
    assert "no-store" in answer.headers["Cache-Control"]
    body = answer.json()
    assert body["measure"] == "vacancy_rate" and body["unit"] == "%"
    rows = [(p["as_at"] or p["period"]["end"], p["value"]) for p in body["points"]]
    assert len(rows) == 12 and rows[-1][0] == "2025-09-30"
    assert all(value is None or 0 <= value <= 100 for _, value in rows)
    assert any(value is not None for _, value in rows)
    refused = requests.get(f"{live_server.url}/api/v1/measures", timeout=60)
    assert refused.status_code == 401


def test_the_docs_page_shows_every_endpoint_with_no_csp_violation(chromium, live_server):
    watched = web_browser.open_page(chromium)
    page = watched.page
    page.goto(f"{live_server.url}/api/v1/docs")
    page.wait_for_selector(".opblock-summary-path", timeout=30_000)
    shown = {
        page.locator(".opblock-summary-path").nth(i).inner_text().strip()
        for i in range(page.locator(".opblock-summary-path").count())
    }
    assert "/api/v1/measures/{key}/trend" in {s.replace("\u200b", "") for s in shown}
    assert not watched.csp_violations, watched.csp_violations
    page.context.close()
