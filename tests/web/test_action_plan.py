"""The action plan: HR adds and changes actions, every change audited; leadership reads it;
absurd input refused with an error summary; progress on the Overview for every role."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from thrive.action_plan.models import Action
from thrive.summaries.action_plan import actions_of, progress_of
from thrive.web.models import AuditEvent
from thrive.workforce.models import Authority

pytestmark = pytest.mark.django_db

NEW = "/action-plan/new/"


def _valid(**changes: object) -> dict[str, object]:
    return {
        "title": "Exit interviews for every leaver",
        "owner": "Head of service, CIN",
        "due": "2026-03-31",
        "status": "on_track",
        "measures": ["turnover_rate", "stability_index"],
        "notes": "Started in the CPN teams.",
        **changes,
    }


def _changes() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=AuditEvent.Action.CHANGE).order_by("pk"))


def _action(council, **fields: object) -> Action:
    made = {
        "title": "Caseloads towards 18",
        "owner": "Principal social worker",
        "due": date(2026, 9, 30),
        "status": "at_risk",
        "measures": ["average_caseload"],
        **fields,
    }
    return Action.objects.create(authority=council.authority, **made)


def test_hr_adds_an_action_it_is_saved_audited_and_listed(council, signed_in):
    client = signed_in("hr")
    form = client.get(NEW)
    assert form.status_code == 200 and "csrfmiddlewaretoken" in form.content.decode()
    response = client.post(NEW, _valid())
    assert response.status_code == 302 and response["Location"] == "/action-plan/"
    saved = Action.objects.get()
    assert saved.authority == council.authority and saved.due == date(2026, 3, 31)
    assert saved.measures == ["turnover_rate", "stability_index"]
    (change,) = _changes()
    assert change.username == "hr" and change.authority == council.authority
    assert change.subject.startswith("Added action 'Exit interviews for every leaver'")
    assert "31 Mar 2026" in change.subject and change.workers == []
    page = client.get("/action-plan/").content.decode()
    assert "Exit interviews for every leaver" in page and "Head of service, CIN" in page
    assert "Turnover rate" in page and "Stability index" in page


def test_a_change_is_audited_saying_what_changed_from_what(council, signed_in):
    action = _action(council)
    client = signed_in("hr")
    url = f"/action-plan/{action.pk}/"
    assert "Caseloads towards 18" in client.get(url).content.decode()
    posted = _valid(
        title="Caseloads towards 18",
        owner="Principal social worker",
        due="2026-09-30",
        status="done",
        measures=["average_caseload"],
        notes="",
    )
    assert client.post(url, posted).status_code == 302
    action.refresh_from_db()
    assert action.status == "done"
    (change,) = _changes()
    assert change.subject == (
        "Changed action 'Caseloads towards 18' in the action plan: status At risk to Done"
    )
    # Saving it again unchanged changes nothing and writes nothing.
    assert client.post(url, posted).status_code == 302
    assert len(_changes()) == 1


@pytest.mark.parametrize(
    ("changes", "message", "field"),
    [
        ({"due": "1066-10-14"}, "The due date must be in 2000 or later", "due"),
        ({"due": "2999-01-01"}, "The due date must be within 10 years", "due"),
        ({"due": "31/13/2026"}, "Enter the due date as a real date", "due"),
        ({"due": ""}, "Enter the date the action is due", "due"),
        ({"title": "x" * 201}, "The action must be 200 characters or fewer", "title"),
        ({"title": "  "}, "Enter what the action is", "title"),
        ({"owner": "y" * 121}, "The owner must be 120 characters or fewer", "owner"),
        ({"notes": "z" * 2001}, "Notes must be 2,000 characters or fewer", "notes"),
        ({"status": "sideways"}, "Select a valid choice", "status"),
        ({"measures": ["no_such_measure"]}, "Select measures from the list", "measures"),
        ({"measures": ["leavers_by_reason"]}, "Select measures from the list", "measures"),
        (
            {
                "measures": [
                    "turnover_rate",
                    "agency_rate",
                    "vacancy_rate",
                    "average_caseload",
                    "stability_index",
                    "retention_rate",
                    "absence_rate",
                ]
            },
            "Select 6 measures or fewer",
            "measures",
        ),
    ],
)
def test_absurd_input_is_refused_with_an_error_summary(council, signed_in, changes, message, field):
    response = signed_in("hr").post(NEW, _valid(**changes))
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html and message in html
    target = html.split('govuk-error-summary__list">')[1].split('href="#')[1].split('"')[0]
    assert target.startswith(f"id_{field}") and f'id="{target}"' in html  # links to the field
    assert not Action.objects.exists() and not _changes()


def test_the_csrf_token_is_required(council):
    client = Client(enforce_csrf_checks=True)
    client.force_login(council.users["hr"])
    assert client.post(NEW, _valid()).status_code == 403
    assert not Action.objects.exists()


def test_leadership_reads_the_plan_but_cannot_change_it(council, signed_in):
    action = _action(council)
    client = signed_in("lead")
    page = client.get("/action-plan/")
    assert page.status_code == 200 and "Caseloads towards 18" in page.content.decode()
    assert "Add an action" not in page.content.decode()
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, _valid()).status_code == 403
    assert client.post(f"/action-plan/{action.pk}/", _valid()).status_code == 403
    assert Action.objects.count() == 1 and not _changes()


@pytest.mark.parametrize("username", ["svc", "tm", "nobody"])
def test_managers_are_refused_the_plan(council, signed_in, username):
    client = signed_in(username)
    assert client.get("/action-plan/").status_code == 403
    assert client.post(NEW, _valid()).status_code == 403
    assert not Action.objects.exists()


def test_another_councils_action_cannot_be_opened(council, signed_in):
    other = Authority.objects.create(la_number="997", name="Elsewhere Council")
    theirs = Action.objects.create(
        authority=other, title="Theirs", owner="Them", due=date(2026, 1, 1)
    )
    client = signed_in("hr")
    assert client.get(f"/action-plan/{theirs.pk}/").status_code == 404
    assert client.post(f"/action-plan/{theirs.pk}/", _valid()).status_code == 404
    assert "Theirs" not in client.get("/action-plan/").content.decode()


def test_progress_counts_by_status_and_names_the_overdue(council):
    today = timezone.localdate()
    _action(council, title="Late and at risk", due=today - timedelta(days=1))
    _action(council, title="Late but done", due=today - timedelta(days=30), status="done")
    _action(council, title="Late but dropped", due=today - timedelta(days=30), status="dropped")
    _action(council, title="Due today", due=today, status="on_track")
    progress = progress_of(actions_of(council.authority.pk, today))
    assert (progress.total, progress.done, progress.on_track, progress.at_risk) == (4, 1, 1, 1)
    assert progress.dropped == 1 and progress.overdue == ["Late and at risk"]
    assert progress.sentence == ("4 actions: 1 done, 1 on track, 1 at risk, 1 dropped, 1 overdue.")


@pytest.mark.parametrize("username", ["hr", "lead", "svc", "tm"])
def test_the_overview_shows_progress_to_every_role_and_follows_changes(
    council, signed_in, username
):
    today = timezone.localdate()
    _action(council, title="Recruit 6 ASYEs", due=today - timedelta(days=3), status="on_track")
    client = signed_in(username)
    first = client.get("/overview/").content.decode()
    assert "The action plan" in first
    assert "1 action: 1 on track, 1 overdue." in first and "Overdue: Recruit 6 ASYEs." in first
    assert "Principal social worker" not in first  # the owner is not on the Overview
    _action(council, title="Flexible working offer", status="done")
    again = client.get("/overview/").content.decode()  # the kept page follows the plan
    assert "2 actions: 1 done, 1 on track, 1 overdue." in again


def test_the_plan_downloads_as_the_page_shows_it(council, signed_in):
    due = timezone.localdate() - timedelta(days=1)
    _action(council, title="=HYPERLINK(1)", notes="Talk to teams", due=due)
    client = signed_in("lead")
    response = client.get("/action-plan/", {"download": "csv", "table": 1})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    row = next(r for r in rows if "HYPERLINK" in r[0])
    assert row[0] == "'=HYPERLINK(1)"  # formula-looking text escaped
    assert row[1:5] == [
        "Principal social worker",
        f"{due:%-d %b %Y} Overdue",
        "At risk",
        "Average caseload (cases per case-holding FTE)",
    ]
