"""In a real browser: the Recruitment page starts at the Try Before You Apply visit, for HR and
for leadership, accessible, with a small group of visitors who applied withheld outside HR."""

from __future__ import annotations

import pytest
from test_recruitment_page import _pipeline
from test_recruitment_visits import _visits

import browser as web_browser
import small_council

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        web_browser.chromium_path() is None,
        reason="Chromium is not installed (.ci/run installs it)",
    ),
]


def test_the_visits_come_first_and_pass_axe(chromium, live_server, live_council):  # type: ignore[no-untyped-def]
    _pipeline(live_council)
    _visits(live_council)
    seen = {}
    for username in ("hr", "lead"):
        page = web_browser.open_page(chromium).page
        web_browser.sign_in(page, live_server.url, username, small_council.PASSWORD)
        response = page.goto(live_server.url + "/recruitment/")
        assert response is not None and response.status == 200
        page.wait_for_selector("text=From a visit to an application")
        assert web_browser.axe_violations(page) == []
        seen[username] = page.locator("main").inner_text()
        page.context.close()
    for text in seen.values():
        assert "13 Try Before You Apply visits" in text
        assert text.index("From a visit to an application") < text.index("The funnel")
    assert "Experienced social worker\t4\t2\t50%\t0" in seen["hr"]
    assert "Experienced social worker\t4\tfewer than 5\t–\t0" in seen["lead"]
