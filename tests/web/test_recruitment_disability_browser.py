"""In a real browser: the Recruitment page's disabled applicants, for HR and for leadership,
accessible, with the method behind its disclosure."""

from __future__ import annotations

import pytest
from test_recruitment_disability import _pipeline

import browser as web_browser
import small_council

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        web_browser.chromium_path() is None,
        reason="Chromium is not installed (.ci/run installs it)",
    ),
]


def test_hr_and_leadership_see_the_check_in_the_browser(chromium, live_server, live_council):  # type: ignore[no-untyped-def]
    _pipeline(live_council, 3)
    seen = {}
    for username in ("hr", "lead"):
        page = web_browser.open_page(chromium).page
        web_browser.sign_in(page, live_server.url, username, small_council.PASSWORD)
        response = page.goto(live_server.url + "/recruitment/")
        assert response is not None and response.status == 200
        page.wait_for_selector("#disabled-applicants")
        section = page.locator("#disabled-applicants ~ details").first
        method = section.locator(".govuk-details__text")
        assert not method.is_visible()
        section.locator("summary").click()
        assert method.is_visible() and "shortlisted" in method.inner_text()
        assert web_browser.axe_violations(page) == []
        seen[username] = page.locator("main").inner_text()
        page.context.close()
    assert "3 disabled applicants met the minimum criteria" in seen["hr"]
    assert "D2" in seen["hr"]
    assert "fewer than 5 disabled applicants met the minimum criteria" in seen["lead"]
    assert "D2" not in seen["lead"]
