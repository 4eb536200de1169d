"""In a real browser: pages print without navigation, forms or download links, and the Reports
page's button gives the board pack."""

from __future__ import annotations

import subprocess

import pytest

import browser as web_browser
import small_council

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        web_browser.chromium_path() is None,
        reason="Chromium is not installed (.ci/run installs it)",
    ),
]


HIDDEN = (
    ".govuk-header",
    ".govuk-service-navigation",
    ".govuk-footer",
    "form.thrive-filter",
    ".thrive-downloads",
)


def test_a_page_prints_without_navigation_forms_or_split_charts(
    chromium, live_server, live_council, tmp_path
):
    page = web_browser.open_page(chromium).page
    web_browser.sign_in(page, live_server.url, "lead", small_council.PASSWORD)
    charts = 0
    for href in ("/workforce/", "/leavers/"):
        response = page.goto(live_server.url + href)
        assert response is not None and response.status == 200
        offered = page.eval_on_selector_all(
            ".thrive-downloads", "els => els.filter(e => e.offsetParent !== null).length"
        )
        assert offered > 0, href  # on screen, the tables' download links show
        page.emulate_media(media="print")
        for selector in HIDDEN:
            shown = page.eval_on_selector_all(
                selector, "els => els.filter(e => getComputedStyle(e).display !== 'none').length"
            )
            assert shown == 0, (href, selector)
        kept_whole = page.eval_on_selector_all(
            "figure", "els => els.map(e => getComputedStyle(e).breakInside)"
        )
        assert set(kept_whole) <= {"avoid"}, (href, kept_whole)
        charts += len(kept_whole)
        pdf = tmp_path / "printed.pdf"
        page.pdf(path=str(pdf), format="A4")
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout
        assert "Sign out" not in text and "Who to talk to" not in text and "Recruitment" not in text
        assert "Download this table" not in text
        page.emulate_media(media="screen")
    assert charts > 0
    page.context.close()


def test_the_reports_button_downloads_the_pack(chromium, live_server, live_council, tmp_path):
    page = web_browser.open_page(chromium).page
    web_browser.sign_in(page, live_server.url, "hr", small_council.PASSWORD)
    page.goto(live_server.url + "/reports/")
    assert web_browser.axe_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("button", name="Download Spreadsheet (XLSX)").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == f"board-pack-{live_council.authority.la_number}-2025-09-30.xlsx"
    assert saved.read_bytes()[:2] == b"PK"
    page.context.close()
