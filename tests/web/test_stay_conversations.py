"""Recording a stay conversation: saved and audited; errors shown; refused outside scope."""

from __future__ import annotations

from datetime import date

import pytest

from thrive.lifecycle.models import StayConversation
from thrive.web.models import AuditEvent
from thrive.workforce.models import Worker

pytestmark = pytest.mark.django_db


def _url(pseudonym: str) -> str:
    return f"/workers/{pseudonym}/stay-conversation/"


def _valid(council, **changes: str) -> dict[str, str]:
    manager = Worker.objects.get(name=council.names["CPN"][0])
    return {
        "date": "2025-09-12",
        "held_by": str(manager.pk),
        "held_by_name": "",
        "prompted_by": "risk_list",
        "main_concern": "workload",
        "outcome": "action_agreed",
        "actions": "Caseload review with the team manager in October.",
        **changes,
    }


def test_a_team_manager_records_a_conversation_it_is_saved_audited_and_shown(
    council, signed_in, ranking_trusted
):
    client = signed_in("tm")
    pseudonym = council.pseudonyms["CPN"][2]
    form = client.get(_url(pseudonym))
    assert form.status_code == 200 and "csrfmiddlewaretoken" in form.content.decode()
    response = client.post(_url(pseudonym), _valid(council))
    assert response.status_code == 302 and response["Location"] == f"/workers/{pseudonym}/"
    saved = StayConversation.objects.get()
    assert saved.worker.pseudonym == pseudonym and saved.date == date(2025, 9, 12)
    assert (saved.held_by.name, saved.outcome) == (council.names["CPN"][0], "action_agreed")
    change = AuditEvent.objects.get(action=AuditEvent.Action.CHANGE)
    assert change.username == "tm" and change.workers == [pseudonym]
    assert "stay conversation" in change.subject
    record = client.get(f"/workers/{pseudonym}/").content.decode()
    assert "Stay conversations" in record and "Caseload review with the team manager" in record
    assert "Staying, with actions agreed" in record
    listed = client.get("/retention/at-risk/").content.decode()
    row = listed.split(f'href="/workers/{pseudonym}/"')[1].split("</tr>")[0]
    assert "12 Sep 2025" in row and "Staying, with actions agreed" in row


def test_the_csrf_token_is_required(council):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(council.users["tm"])
    response = client.post(_url(council.pseudonyms["CPN"][2]), _valid(council))
    assert response.status_code == 403
    assert not StayConversation.objects.exists()


def test_an_invalid_form_shows_each_error_and_saves_nothing(council, signed_in):
    client = signed_in("tm")
    response = client.post(
        _url(council.pseudonyms["CPN"][2]),
        _valid(council, date="2099-01-01", held_by="", outcome=""),
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html
    assert "The date must be today or earlier" in html
    assert "Select who held the conversation, or enter their name" in html
    assert "Select the outcome of the conversation" in html
    assert 'href="#id_outcome"' in html  # the error summary links to the field
    assert "Caseload review with the team manager" in html  # what was typed is kept
    assert not StayConversation.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.CHANGE).exists()


def test_a_name_and_a_choice_together_are_refused(council, signed_in):
    response = signed_in("tm").post(
        _url(council.pseudonyms["CPN"][2]), _valid(council, held_by_name="HR business partner")
    )
    assert response.status_code == 400
    assert "Either select who held it or enter a name, not both" in response.content.decode()
    assert not StayConversation.objects.exists()


def test_someone_not_on_the_workforce_can_be_named(council, signed_in):
    response = signed_in("hr").post(
        _url(council.pseudonyms["CIC"][3]),
        _valid(council, held_by="", held_by_name="Sam Reed, HR business partner"),
    )
    assert response.status_code == 302
    assert StayConversation.objects.get().held_by_name == "Sam Reed, HR business partner"


@pytest.mark.parametrize(
    ("username", "team"),
    [("tm", "CIC"), ("tm.cic", "CPN"), ("svc", "CIC"), ("lead", "CPN")],
)
def test_out_of_scope_users_are_refused_and_nothing_is_saved(council, signed_in, username, team):
    client = signed_in(username)
    pseudonym = council.pseudonyms[team][2]
    assert client.get(_url(pseudonym)).status_code == 403
    response = client.post(_url(pseudonym), _valid(council))
    assert response.status_code == 403
    assert council.names[team][2] not in response.content.decode()
    assert not StayConversation.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.CHANGE).exists()


def test_a_manager_cannot_record_one_about_themself(council, signed_in):
    own = council.pseudonyms["CPN"][0]
    client = signed_in("tm")
    assert client.post(_url(own), _valid(council)).status_code == 403
    assert "Stay conversations" not in client.get(f"/workers/{own}/").content.decode()
    assert not StayConversation.objects.exists()
