"""In a real browser: each role signs in and sees its pages, accessible and within the CSP.

One test per role walks every page in that role's navigation (and a team and a worker page
where the role has them), so the browser starts once and each role signs in once.
"""

from __future__ import annotations

import pytest

import browser as web_browser
import small_council
from small_council_children import add_children

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        web_browser.chromium_path() is None,
        reason="Chromium is not installed (.ci/run installs it)",
    ),
]


ROLES = {
    "hr": "HR admin",
    "lead": "Leadership",
    "svc": "Service manager",
    "tm": "Team manager",
}


def add_students_and_trainees(authority):  # type: ignore[no-untyped-def]
    """Students and trainees, so ASYE and careers shows "Coming through" with its tables."""
    from datetime import date

    from thrive.trainees.models import StudentPlacement, Trainee

    for i, (route, due) in enumerate(
        [("apprenticeship", date(2026, 7, 31))] * 6 + [("sponsored", date(2027, 6, 30))]
    ):
        Trainee.objects.create(
            authority=authority,
            trainee=f"TR{i:03d}",
            route=route,
            start_date=date(2023, 9, 4),
            expected_qualification=due,
            status="in_training",
        )
    for i in range(7):
        StudentPlacement.objects.create(
            authority=authority,
            student=f"ST{i:03d}",
            university="University of Plymouth",
            placement_type="final" if i % 2 else "first",
            start_date=date(2025, 1, 6),
            end_date=date(2025, 5, 23),
        )


@pytest.fixture
def walked_council(live_council):  # type: ignore[no-untyped-def]
    """The small council with its children's allocations, students and trainees, and a board
    pack issued by HR, so the Children page, the team's allocation page, ASYE and careers'
    "Coming through" and Reports' issued packs show what they hold."""
    from django.test import Client

    add_children(live_council)
    add_students_and_trainees(live_council.authority)
    hr = Client()
    hr.force_login(live_council.users["hr"])
    assert hr.post("/reports/issue/", {"to": "2025-09-30"}).status_code == 303
    return live_council


@pytest.mark.parametrize("username", list(ROLES))
def test_each_role_signs_in_and_every_page_it_is_offered_passes_axe(
    chromium, live_server, walked_council, username
):
    live_council = walked_council
    watched = web_browser.open_page(chromium)
    page = watched.page
    web_browser.sign_in(page, live_server.url, username, small_council.PASSWORD)
    assert ROLES[username] in page.locator("header").inner_text()
    links = page.locator(".govuk-service-navigation__list a, .thrive-header__admin a")
    pages = {
        links.nth(i).inner_text().strip(): links.nth(i).get_attribute("href")
        for i in range(links.count())
    }
    assert {"Teams", "Retention", "Recruitment", "Feedback", "Forecast"} <= set(pages)
    # the navigation bar is two short rows at most on a laptop, whoever signs in (HR's own
    # pages, the data, the audit log and the API tokens, are in the header beside their name)
    bar = page.locator(".govuk-service-navigation__list a").all()
    rows = {round(box["y"]) for box in (item.bounding_box() for item in bar) if box}
    assert len(rows) <= 2, rows
    assert ("Audit log" in pages) == (username == "hr")
    # the list of people most likely to leave names people: never offered to leadership
    assert ("Who to talk to" in pages) == (username != "lead")
    # the pages issue 17's last review read: walked by every role that is offered them
    assert ("Children" in pages) == (username != "tm")
    assert ("Reports" in pages) == ("Action plan" in pages) == (username in {"hr", "lead"})
    assert ("Pay and reward" in pages) == (username in {"hr", "lead"})
    extra = {
        "Team": f"/teams/{live_council.teams['CPN'].pk}/",
        "Team's allocations": f"/teams/{live_council.teams['CPN'].pk}/allocation-plan/",
        "Worker": f"/workers/{live_council.pseudonyms['CPN'][1]}/",
        "Stay conversation": f"/workers/{live_council.pseudonyms['CPN'][1]}/stay-conversation/",
        "Retention by team": "/retention/?by=first_team",
        "Forecast with mistakes": "/forecast/?scenario=baseline&target_caseload=2",
    }
    if username == "lead":
        extra.pop("Worker")
        extra.pop("Stay conversation")
    if username == "hr":
        extra["Add an action"] = "/action-plan/new/"
    problems: dict[str, object] = {}
    wording: dict[str, list[str]] = {}
    for title, href in {"Home": "/", **pages, **extra}.items():
        response = page.goto(live_server.url + href)
        # a form sent with mistakes is answered 400, with the form and its errors to correct
        expected = 400 if title == "Forecast with mistakes" else 200
        assert response is not None and response.status == expected, (title, href)
        web_browser.screenshot(page, f"{username}-{title}")
        violations = web_browser.axe_violations(page)
        if violations:
            problems[title] = violations
        words = web_browser.statistics_words(page)
        if title != "Audit log":  # the log keeps what was asked, dates as they were given
            words += web_browser.wording_slips(page)
        if words:
            wording[title] = words
    assert not problems, problems
    # plain English first: the method's words only behind "How this is worked out"; counts
    # agree with their nouns and dates are in words
    assert not wording, wording
    assert not watched.csp_violations, watched.csp_violations
    page.context.close()


def test_a_team_manager_asking_for_another_team_sees_a_refusal_and_no_names(
    chromium, live_server, live_council
):
    watched = web_browser.open_page(chromium)
    page = watched.page
    web_browser.sign_in(page, live_server.url, "tm", small_council.PASSWORD)
    response = page.goto(f"{live_server.url}/teams/{live_council.teams['CIC'].pk}/")
    assert response is not None and response.status == 403
    text = page.locator("main").inner_text()
    assert "You cannot see this page" in text
    assert not any(name in page.content() for name in live_council.names["CIC"])
    web_browser.screenshot(page, "tm-another-team-refused")
    assert not web_browser.axe_violations(page)
    page.context.close()


def test_a_team_manager_records_a_stay_conversation_from_the_list(
    chromium, live_server, live_council, ranking_trusted
):
    watched = web_browser.open_page(chromium)
    page = watched.page
    web_browser.sign_in(page, live_server.url, "tm", small_council.PASSWORD)
    page.goto(f"{live_server.url}/retention/at-risk/")
    first = page.locator("main table tbody tr").first
    name = first.locator("th a").inner_text()
    assert name in live_council.names["CPN"]
    first.get_by_role("link", name="Record one").click()
    page.wait_for_load_state()
    page.get_by_label("Date of the conversation").fill("2099-01-01")
    page.get_by_role("button", name="Save the conversation").click()
    page.wait_for_load_state()
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "The date must be today or earlier" in summary
    assert "Select the outcome of the conversation" in summary
    web_browser.screenshot(page, "tm-stay-conversation-with-errors")
    assert not web_browser.axe_violations(page)
    page.get_by_label("Date of the conversation").fill("2025-09-20")
    page.get_by_label("Their main concern").select_option("workload")
    page.get_by_role("radio", name="Staying, with actions agreed").check()
    page.get_by_role("textbox", name="Actions agreed").fill("Caseload review in October.")
    page.get_by_role("button", name="Save the conversation").click()
    page.wait_for_load_state()
    assert "Stay conversation recorded." in page.locator("main").inner_text()
    assert "Caseload review in October." in page.locator("#stay-conversations + table").inner_text()
    web_browser.screenshot(page, "tm-stay-conversation-recorded")
    assert not web_browser.axe_violations(page)
    page.goto(f"{live_server.url}/retention/at-risk/")
    row = page.locator("main table tbody tr", has_text=name)
    assert "20 Sep 2025" in row.inner_text()
    assert not watched.csp_violations, watched.csp_violations
    page.context.close()


def test_an_upload_with_errors_shows_them_by_row(chromium, live_server, live_council, tmp_path):
    bad = tmp_path / "staff.csv"
    bad.write_text(
        "worker_id,name,birth_date,team,grade,org_role,contract_type,fte,start_date,start_origin\n"
        "N1,Lee Badrow,1990-13-45,Child Protection North,social_worker,5,permanent,1.7,"
        "2025-09-01,2\n"
    )
    watched = web_browser.open_page(chromium)
    page = watched.page
    web_browser.sign_in(page, live_server.url, "hr", small_council.PASSWORD)
    page.goto(f"{live_server.url}/data/")
    page.get_by_label("What the file holds").select_option("staff")
    page.get_by_label("File", exact=True).set_input_files(str(bad))
    page.get_by_role("button", name="Check and import").click()
    page.wait_for_load_state()
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "staff.csv was not imported" in summary
    report = page.locator("#problems + p + table").inner_text()
    assert "1990-13-45" in report and "fte" in report
    web_browser.screenshot(page, "hr-data-upload-with-errors")
    assert not web_browser.axe_violations(page)
    assert not watched.csp_violations, watched.csp_violations
    page.context.close()


def test_a_first_load_of_several_files_shows_its_one_page(
    chromium, live_server, live_council, tmp_path, data
):
    notes = tmp_path / "notes.csv"
    notes.write_text("colour,shape\nred,round\n")
    watched = web_browser.open_page(chromium)
    page = watched.page
    web_browser.sign_in(page, live_server.url, "hr", small_council.PASSWORD)
    page.goto(f"{live_server.url}/data/")
    page.get_by_label("Files", exact=True).set_input_files([str(data / "posts.csv"), str(notes)])
    page.get_by_role("button", name="Check and load every file").click()
    page.wait_for_load_state()
    assert "1 file loaded" in page.locator(".govuk-panel").inner_text()
    files = page.locator("table").first.inner_text()
    assert "posts.csv" in files and "notes.csv" in files
    web_browser.screenshot(page, "hr-data-first-load")
    assert not web_browser.axe_violations(page)
    assert not watched.csp_violations, watched.csp_violations
    page.context.close()


@pytest.mark.parametrize("username", ["lead", "svc", "tm"])
def test_the_overview_answers_are_we_on_track_in_one_screen(
    chromium, live_server, live_council, username
):
    """The Overview at 1280 by 900, for leadership, a service manager (their own service, named,
    so the longest changes in words) and a team manager: the answer (the count of
    measures on target) and every headline card lie within the first screen, the last card's
    bottom above 900 px, with the date and service to choose below them; each card says its
    figure, its target with a direction, its status and its change in words."""
    watched = web_browser.open_page(chromium)
    page = watched.page
    web_browser.sign_in(page, live_server.url, username, small_council.PASSWORD)
    page.goto(f"{live_server.url}/overview/")
    web_browser.screenshot(page, f"{username}-overview-headline")
    answer = page.get_by_text("of the measures with a target").bounding_box()
    cards = page.locator(".thrive-headline__card")
    assert answer is not None and cards.count() == 8
    boxes = [cards.nth(i).bounding_box() for i in range(cards.count())]
    assert all(boxes)
    bottom = max(box["y"] + box["height"] for box in boxes)
    assert answer["y"] < boxes[0]["y"] and bottom <= 900, (answer, bottom)
    chooser = page.get_by_label("As at").bounding_box()
    assert chooser is not None and chooser["y"] > bottom, chooser
    for i in range(cards.count()):
        text = cards.nth(i).inner_text()
        assert "Target: " in text and "Since 30 Sep 2024: " in text, text
    assert not web_browser.axe_violations(page)
    assert not watched.csp_violations, watched.csp_violations
    page.context.close()
