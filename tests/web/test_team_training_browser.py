"""In a real browser: the Team page's mandatory training section, for a team manager and for
leadership, accessible, within the CSP, in plain words, its method behind the disclosure."""

from __future__ import annotations

import pytest
from test_team_training import ASYE, LOCUM, _catalogue

import browser as web_browser
import small_council

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        web_browser.chromium_path() is None,
        reason="Chromium is not installed (.ci/run installs it)",
    ),
]


@pytest.mark.parametrize("username", ["tm", "lead"])
def test_the_training_section_reads_plainly_and_passes_axe(
    chromium, live_server, live_council, username
):
    _catalogue(live_council)
    watched = web_browser.open_page(chromium)
    page = watched.page
    web_browser.sign_in(page, live_server.url, username, small_council.PASSWORD)
    response = page.goto(f"{live_server.url}/teams/{live_council.teams['CPN'].pk}/")
    assert response is not None and response.status == 200
    heading = page.get_by_role("heading", name="Mandatory training")
    assert heading.is_visible()
    text = page.locator("#training ~ p").first.inner_text()
    if username == "tm":
        assert text.startswith("On 30 September 2025: 2 workers have mandatory training overdue")
        table = page.get_by_role("table").filter(has_text="Overdue or due within 60 days")
        assert table.get_by_role("row").filter(has_text=LOCUM).is_visible()
        assert table.get_by_role("row").filter(has_text=ASYE).is_visible()
    else:
        assert "fewer than 5 workers have mandatory training overdue" in text
        assert LOCUM not in page.locator("main").inner_text()
    method = page.get_by_text("A mandatory course is required of everyone in post")
    assert not method.is_visible()
    page.locator("summary", has_text="How this is worked out").last.click()
    assert method.is_visible()
    web_browser.screenshot(page, f"{username}-team-training")
    assert web_browser.axe_violations(page) == []
    assert web_browser.statistics_words(page) == []
    assert web_browser.wording_slips(page) == []
    assert not watched.csp_violations, watched.csp_violations
    page.context.close()
