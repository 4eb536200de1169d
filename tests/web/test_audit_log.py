"""The audit log: views of named workers and admin changes are written, and HR can read them."""

from __future__ import annotations

import pytest
from django.contrib.admin.models import CHANGE, LogEntry

from thrive.web.models import AuditEvent
from thrive.workforce.models import Worker

pytestmark = pytest.mark.django_db


def test_opening_a_worker_record_is_audited(council, signed_in):
    pseudonym = council.pseudonyms["CPN"][2]
    page = signed_in("tm").get(f"/workers/{pseudonym}/")
    assert page.status_code == 200
    assert council.names["CPN"][2] in page.content.decode()
    event = AuditEvent.objects.get(action=AuditEvent.Action.VIEW_WORKER)
    assert (event.username, event.workers) == ("tm", [pseudonym])
    assert event.authority_id == council.authority.pk


def test_a_refused_record_leaves_no_view_in_the_log(council, signed_in):
    signed_in("tm").get(f"/workers/{council.pseudonyms['CIC'][1]}/")
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.VIEW_WORKER).exists()


def test_an_admin_change_is_audited(council):
    worker = Worker.objects.get(pseudonym=council.pseudonyms["CPN"][1])
    # What the admin's change view writes after saving a record.
    LogEntry.objects.log_actions(
        user_id=council.users["hr"].pk,
        queryset=[worker],
        action_flag=CHANGE,
        change_message="Changed name.",
        single_object=True,
    )
    event = AuditEvent.objects.get(action=AuditEvent.Action.CHANGE)
    assert event.username == "hr"
    assert event.workers == [worker.pseudonym]
    assert "Changed" in event.subject


def test_hr_can_read_and_filter_the_log_and_no_one_else_can(council, signed_in):
    signed_in("tm").get(f"/workers/{council.pseudonyms['CPN'][2]}/")
    signed_in("svc").get(f"/teams/{council.teams['CPS'].pk}/")
    hr = signed_in("hr")
    everything = hr.get("/audit/").content.decode()
    assert "tm" in everything and "svc" in everything
    by_worker = hr.get(f"/audit/?worker={council.pseudonyms['CPN'][2]}").content.decode()
    assert "Viewed a worker" in by_worker and "Child Protection South" not in by_worker
    by_user = hr.get("/audit/?user=svc").content.decode()
    assert "Child Protection South" in by_user and "1 event" in by_user
    for other in ("lead", "svc", "tm"):
        assert signed_in(other).get("/audit/").status_code == 403
