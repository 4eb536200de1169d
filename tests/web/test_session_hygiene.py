"""Sessions and the audit trail: no stored copies of pages, sessions that end, refusals logged.

Time is moved by rewriting the session's own timestamps (as a browser left idle would find
them), not by sleeping.
"""

from __future__ import annotations

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from thrive.web.middleware import LAST_SEEN, STARTED
from thrive.web.models import AuditEvent

pytestmark = pytest.mark.django_db


def _no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "") and response["Pragma"] == "no-cache"


def test_every_signed_in_page_says_no_store(council, signed_in):
    client = signed_in("hr")
    for url in ("/", "/overview/", "/overview/", f"/teams/{council.teams['CPN'].pk}/", "/audit/"):
        response = client.get(url)  # the Overview twice: the second is the kept page
        assert response.status_code == 200, url
        assert _no_store(response), url
    refused = signed_in("tm").get(f"/teams/{council.teams['CIC'].pk}/")
    assert refused.status_code == 403 and _no_store(refused)


def test_static_files_and_pages_for_visitors_may_be_kept(council):
    visitor = Client()
    assert "no-store" not in visitor.get("/").get("Cache-Control", "")  # names councils only
    css = visitor.get("/static/thrive/thrive.css")
    assert css.status_code == 200
    assert "no-store" not in css.get("Cache-Control", "")


def _age(client: Client, **seconds_ago: int) -> None:
    """Move the session's timestamps back (``started=``, ``last_seen=`` seconds)."""
    session = client.session
    now = int(time.time())
    if "started" in seconds_ago:
        session[STARTED] = now - seconds_ago["started"]
    if "last_seen" in seconds_ago:
        session[LAST_SEEN] = now - seconds_ago["last_seen"]
    session.save()


@override_settings(THRIVE_SESSION_IDLE_SECONDS=600)
def test_a_session_idle_too_long_is_signed_out(council, signed_in):
    client = signed_in("hr")
    assert client.get("/overview/").status_code == 200  # notes the time
    _age(client, last_seen=590)
    assert client.get("/overview/").status_code == 200  # not yet
    _age(client, last_seen=610)
    response = client.get("/overview/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    signed_out = client.get(response["Location"]).content.decode()
    assert "signed out after 10 minutes without activity" in signed_out
    assert client.get("/overview/").status_code == 302  # and stays signed out


@override_settings(SESSION_COOKIE_AGE=3600)
def test_a_session_ends_its_hours_after_signing_in_however_active(council, signed_in):
    client = signed_in("hr")
    assert client.get("/overview/").status_code == 200
    _age(client, started=3590, last_seen=5)
    assert client.get("/overview/").status_code == 200
    _age(client, started=3610, last_seen=5)
    response = client.get("/overview/")
    assert response.status_code == 302
    assert (
        "signed out 1 hours after signing in" in client.get(response["Location"]).content.decode()
    )


def test_a_refused_page_is_audited(council, signed_in):
    signed_in("tm").get(f"/teams/{council.teams['CIC'].pk}/")
    event = AuditEvent.objects.get(action=AuditEvent.Action.REFUSED)
    assert event.username == "tm"
    assert event.authority_id == council.authority.pk
    assert event.path == f"/teams/{council.teams['CIC'].pk}/"
    assert "outside the part of the council you manage" in event.subject
    assert event.workers == []


def test_a_user_with_no_role_is_refused_and_audited(council, signed_in):
    assert signed_in("nobody").get("/overview/").status_code == 403
    event = AuditEvent.objects.get(action=AuditEvent.Action.REFUSED)
    assert (event.username, event.authority_id) == ("nobody", None)


def test_a_record_not_in_the_users_council_is_audited_as_not_found(council, signed_in):
    assert signed_in("tm").get("/teams/987654321/").status_code == 404
    event = AuditEvent.objects.get(action=AuditEvent.Action.REFUSED)
    assert event.username == "tm" and event.subject.startswith("Not found /teams/987654321/")


def test_a_visitors_refusal_names_no_one(council):
    assert Client().get("/nowhere/").status_code == 404
    assert not AuditEvent.objects.exists()


def test_a_form_without_its_security_token_is_refused_styled_and_audited(council):
    client = Client(enforce_csrf_checks=True)
    client.force_login(council.users["hr"])
    response = client.post("/data/", {"kind": "staff"})
    assert response.status_code == 403
    assert "The form could not be sent" in response.content.decode()
    assert AuditEvent.objects.get(action=AuditEvent.Action.REFUSED).username == "hr"


def test_refused_uploads_are_audited(council, signed_in):
    client = signed_in("hr")
    wrong_type = SimpleUploadedFile("staff.exe", b"MZ")
    assert client.post("/data/", {"kind": "staff", "file": wrong_type}).status_code == 400
    invalid = SimpleUploadedFile("staff.csv", b"worker_id,name\nN1,Someone\n")
    response = client.post("/data/", {"kind": "staff", "profile": "generic", "file": invalid})
    assert response.status_code == 422
    events = AuditEvent.objects.filter(action=AuditEvent.Action.REFUSED_UPLOAD).order_by("pk")
    assert [e.username for e in events] == ["hr", "hr"]
    assert "staff.exe" in events[0].subject and "staff.csv" in events[1].subject
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.IMPORT).exists()
