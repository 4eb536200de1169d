"""In a real browser: a director chooses another staff group on the Workforce page."""

from __future__ import annotations

from datetime import date

import pytest

import browser as web_browser
import factories
import small_council
from thrive.codes import StartOrigin

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        web_browser.chromium_path() is None,
        reason="Chromium is not installed (.ci/run installs it)",
    ),
]


def test_leadership_chooses_family_support_workers_on_the_workforce_page(
    chromium, live_server, live_council
):
    for n in range(6):
        who = factories.worker(live_council.authority, name=f"Fsw Browser{n}q", swe_number=None)
        factories.spell(
            who, live_council.teams["CPS"], date(2021, 3, 1), fte="1",
            start_origin=int(StartOrigin.OTHER_SOCIAL_CARE), staff_group="family_support",
        )  # fmt: skip
    watched = web_browser.open_page(chromium)
    page = watched.page
    web_browser.sign_in(page, live_server.url, "lead", small_council.PASSWORD)
    page.goto(f"{live_server.url}/workforce/")
    assert page.get_by_role("heading", name="Vacancies").count() == 1
    page.get_by_label("Staff group").select_option(label="Family support workers")
    page.get_by_role("button", name="Show").click()
    page.wait_for_load_state()
    assert "staff=family_support" in page.url
    text = web_browser.main_text(page)
    assert "These are the council's family support workers, not social workers" in text
    assert "Permanent and agency mix" in text
    assert "Directly employed family support workers" in text  # the chart's legend
    assert "social workers in post" not in text
    assert page.get_by_role("heading", name="Vacancies").count() == 0
    assert "Fsw " not in page.content()
    assert page.get_by_label("Staff group").input_value() == "family_support"
    web_browser.screenshot(page, "lead-workforce-family-support")
    assert not web_browser.axe_violations(page)
    assert not web_browser.statistics_words(page) and not web_browser.wording_slips(page)
    assert watched.csp_violations == []
    page.context.close()
