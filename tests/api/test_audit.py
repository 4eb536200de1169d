"""Every API call that answers with named people is in the audit log, with their pseudonyms."""

from __future__ import annotations

import pytest

from thrive.audit import AuditEvent
from thrive.import_records.models import ImportBatch, QuarantinedRow

pytestmark = pytest.mark.django_db


def test_a_workforce_call_naming_people_is_audited_with_whom_it_named(council, api):
    before = AuditEvent.objects.count()
    body = api("tm").get("/api/v1/workforce?as_at=2025-03-01").json()
    event = AuditEvent.objects.get(pk__gt=0, action=AuditEvent.Action.API_NAMED)
    assert AuditEvent.objects.count() == before + 1
    assert event.username == "tm" and event.user_id == council.users["tm"].pk
    assert event.authority_id == council.authority.pk
    assert sorted(event.workers) == sorted(w["pseudonym"] for w in body["workers"])
    assert event.workers and {w["name"] for w in body["workers"]} <= council.names_of("CPN")
    assert event.subject == "API: workforce as at 2025-03-01"
    assert event.path == "/api/v1/workforce?as_at=2025-03-01"


def test_calls_with_no_named_people_are_not_audited(council, api):
    for url in ("/api/v1/measures", "/api/v1/comparisons", "/api/v1/imports"):
        assert api("hr").get(url).status_code == 200
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.API_NAMED).exists()


def test_an_hr_admin_reading_a_batchs_quarantined_rows_is_audited(council, api):
    batch = ImportBatch.objects.create(
        authority=council.authority,
        kind="staff",
        file_name="staff.csv",
        sha256="0" * 64,
        imported_by="hr",
        rejected=1,
    )
    QuarantinedRow.objects.create(
        batch=batch, location="row 3", values={"name": "Zed"}, errors=[{"field": "fte"}]
    )
    answer = api("hr").get(f"/api/v1/imports/{batch.pk}").json()
    assert answer["problems"] == [
        {"location": "row 3", "values": {"name": "Zed"}, "errors": [{"field": "fte"}]}
    ]
    assert answer["batch"]["file_name"] == "staff.csv"
    listed = api("hr").get("/api/v1/imports").json()["batches"]
    assert [b["id"] for b in listed] == [batch.pk]
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.API_NAMED, subject=f"API: problems of import batch {batch.pk}"
    ).exists()
    assert api("svc").get(f"/api/v1/imports/{batch.pk}").status_code == 403
