"""The Data page: an upload with errors shows them by row and changes nothing; a good one can be
undone; only HR admins get in; imports, undos and downloads are audited."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from thrive.import_records.models import ImportBatch
from thrive.web.models import AuditEvent
from thrive.workforce.models import Worker

pytestmark = pytest.mark.django_db

HEADER = (
    "worker_id,swe_number,name,birth_date,sex,ethnicity,qualification_level,route,team,grade,"
    "org_role,contract_type,fte,start_date,end_date,start_origin,reason_leave,leaver_destination,"
    "day_rate,post_reference\n"
)
GOOD = (
    "N900001,SW777001,Kit Newstarter,1990-01-01,F,WBRI,1,experienced,Child Protection North,"
    "social_worker,5,permanent,1,2025-09-01,,2,,,,\n"
)
BAD = (
    "N900002,SW777002,Lee Badrow,1990-13-45,F,WBRI,1,experienced,Child Protection North,"
    "social_worker,5,permanent,1.7,2025-09-01,,2,,,,\n"
)


def _upload(client, body: str, name: str = "staff.csv", kind: str = "staff"):
    return client.post(
        "/data/",
        {"kind": kind, "profile": "generic", "file": SimpleUploadedFile(name, body.encode())},
    )


def test_an_upload_with_errors_is_refused_with_its_problems_and_changes_nothing(council, signed_in):
    client = signed_in("hr")
    before = Worker.objects.count()
    response = _upload(client, HEADER + GOOD + BAD)
    assert response.status_code == 422
    html = response.content.decode()
    assert "staff.csv was not imported" in html
    assert "birth_date" in html and "1990-13-45" in html and "fte" in html
    assert Worker.objects.count() == before
    assert not ImportBatch.objects.exists()
    token = response.context["report"].token
    download = client.get(f"/data/problems/{token}.csv")
    assert download.status_code == 200
    rows = b"".join(download.streaming_content).decode()
    assert rows.startswith("severity,file,location,field,value,expected,message")
    assert "1990-13-45" in rows
    assert AuditEvent.objects.filter(action=AuditEvent.Action.DOWNLOAD, username="hr").exists()


def test_a_good_upload_becomes_a_batch_that_can_be_undone(council, signed_in):
    client = signed_in("hr")
    response = _upload(client, HEADER + GOOD)
    assert response.status_code == 302
    assert Worker.objects.filter(name="Kit Newstarter").exists()
    batch = ImportBatch.objects.get()
    history = client.get("/data/").content.decode()
    assert f"#{batch.pk}" in history and "staff.csv imported" in history
    assert client.get(f"/data/batches/{batch.pk}/undo/").status_code == 200
    assert client.post(f"/data/batches/{batch.pk}/undo/").status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.UNDONE
    assert not Worker.objects.filter(name="Kit Newstarter").exists()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {AuditEvent.Action.IMPORT, AuditEvent.Action.UNDO} <= actions


def test_a_file_of_the_wrong_type_is_refused_before_import(council, signed_in):
    response = _upload(signed_in("hr"), "hello", name="notes.txt")
    assert response.status_code == 400
    assert "upload a .csv, .xlsx or .xml file" in response.content.decode()


def test_no_one_but_hr_may_import_download_or_undo(council, signed_in):
    for username in ("lead", "svc", "tm"):
        client = signed_in(username)
        assert client.get("/data/").status_code == 403
        assert _upload(client, HEADER + GOOD).status_code == 403
        assert client.post("/data/batches/1/undo/").status_code == 403
        assert client.get("/data/problems/" + "0" * 32 + ".csv").status_code == 403
    assert not Worker.objects.filter(name="Kit Newstarter").exists()


def test_a_made_up_report_token_finds_nothing(council, signed_in):
    assert signed_in("hr").get("/data/problems/" + "a" * 32 + ".csv").status_code == 404


def test_the_page_offers_the_development_records_and_takes_one(council, signed_in):
    from thrive.lifecycle.models import CpdRecord

    client = signed_in("hr")
    page = client.get("/data/").content.decode()
    for label in ("Line management", "ASYE programme", "Staff survey answers", "CPD records"):
        assert label in page
    someone = council.pseudonyms["CPN"][0]
    response = _upload(
        client,
        f"worker_id,date,title\n{someone},2024-02-12,Reflective practice\n",
        "cpd.csv",
        "cpd",
    )
    assert response.status_code == 302
    assert CpdRecord.objects.get().worker.pseudonym == someone
    assert ImportBatch.objects.get().kind == "cpd"
