"""Uploading an extract through the API: the Data page's path (validation, quarantine, batch,
undo, size limit, import lock, audit), for HR admins' tokens only, never a session cookie."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from import_held import another_import
from thrive.audit import AuditEvent
from thrive.import_records.models import ImportBatch
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
    "N900002,SW777002,Lee Badrow,=1+2,F,WBRI,1,experienced,Child Protection North,"
    "social_worker,5,permanent,1.7,2025-09-01,,2,,,,\n"
)


def _post(client: Client, body: str | bytes, name: str = "staff.csv", kind: str = "staff"):
    data = body.encode() if isinstance(body, str) else body
    return client.post(
        "/api/v1/imports",
        {"kind": kind, "profile": "generic", "file": SimpleUploadedFile(name, data)},
    )


@pytest.fixture(autouse=True)
def no_uploads_yet() -> None:
    """Each test starts with no upload folders (the data folder is shared by the session)."""
    shutil.rmtree(Path(django_settings.DATA_DIR) / "uploads", ignore_errors=True)


def _uploads() -> list[Path]:
    folder = Path(django_settings.DATA_DIR) / "uploads"
    return sorted(folder.iterdir()) if folder.is_dir() else []


def test_a_good_file_goes_in_is_audited_and_is_undone(council, api):
    hr = api("hr")
    response = _post(hr, HEADER + GOOD)
    assert response.status_code == 202, response.content
    started = response.json()
    assert response["Location"] == started["status_url"]
    assert started["status_url"] == f"/api/v1/imports/runs/{started['upload_id']}"
    assert started["state"] == "imported"  # in the tests the import runs in the request
    run = hr.get(started["status_url"]).json()
    assert run["state"] == "imported" and run["errors"] == 0
    [batch] = run["batches"]
    assert batch["file_name"] == "staff.csv" and batch["added"] == 1
    assert Worker.objects.filter(name="Kit Newstarter").exists()
    imported = AuditEvent.objects.get(action=AuditEvent.Action.IMPORT)
    assert imported.username == "hr" and imported.path == "/api/v1/imports"
    assert f"batch #{batch['id']}" in imported.subject

    undone = hr.post(f"/api/v1/imports/{batch['id']}/undo")
    assert undone.status_code == 200, undone.content
    assert undone.json()["status"] == ImportBatch.Status.UNDONE
    assert not Worker.objects.filter(name="Kit Newstarter").exists()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.UNDO, username="hr").exists()
    again = hr.post(f"/api/v1/imports/{batch['id']}/undo")
    assert again.status_code == 409 and "already undone" in again.json()["detail"]
    assert hr.post("/api/v1/imports/999999/undo").status_code == 404


def test_a_bad_file_is_refused_with_its_problems_escaped_and_changes_nothing(council, api):
    hr = api("hr")
    before = Worker.objects.count()
    response = _post(hr, HEADER + GOOD + BAD)
    assert response.status_code == 202
    upload_id = response.json()["upload_id"]
    run = hr.get(response.json()["status_url"]).json()
    assert run["state"] == "refused" and run["batches"] == []
    assert run["errors"] >= 2
    fields = {p["field"] for p in run["problems"]}
    assert {"birth_date", "fte"} <= fields
    assert Worker.objects.count() == before and not ImportBatch.objects.exists()
    download = hr.get(run["problems_csv"])
    assert download.status_code == 200 and download["Content-Type"] == "text/csv"
    rows = b"".join(download.streaming_content).decode()
    assert rows.startswith("severity,file,location,field,value,expected,message")
    assert "'=1+2" in rows and ",=1+2" not in rows  # a formula cell is escaped
    refused = AuditEvent.objects.get(action=AuditEvent.Action.REFUSED_UPLOAD)
    assert "refused with" in refused.subject and refused.path == "/api/v1/imports"
    assert AuditEvent.objects.filter(action=AuditEvent.Action.DOWNLOAD, username="hr").exists()
    assert not (Path(django_settings.DATA_DIR) / "uploads" / upload_id / "staff.csv").exists()


def test_a_kind_or_file_type_thrive_does_not_take_is_a_400_before_anything_is_saved(council, api):
    hr = api("hr")
    wrong_kind = _post(hr, HEADER + GOOD, kind="payroll")
    assert wrong_kind.status_code == 400 and "'payroll'" in wrong_kind.json()["detail"]
    wrong_type = _post(hr, "hello", name="notes.txt")
    assert wrong_type.status_code == 400 and ".csv, .xlsx or .xml" in wrong_type.json()["detail"]
    no_file = hr.post("/api/v1/imports", {"kind": "staff"})
    assert no_file.status_code == 400 and "'file'" in no_file.json()["detail"]
    assert _uploads() == []


def test_a_file_over_the_limit_is_a_413_and_is_never_stored(council, api, settings):
    settings.THRIVE_UPLOAD_MAX_MB = 1
    big = (HEADER + GOOD * 20_000).encode()
    assert len(big) > 2**20
    response = _post(api("hr"), big)
    assert response.status_code == 413
    assert "larger than 1 MB" in response.json()["detail"]
    assert _uploads() == [] and not ImportBatch.objects.exists()


@pytest.mark.parametrize("username", ["lead", "svc", "tm"])
def test_anyone_but_an_hr_admin_is_refused(council, api, username):
    caller = api(username)
    assert _post(caller, HEADER + GOOD).status_code == 403
    assert caller.get(f"/api/v1/imports/runs/20261203-120000-{'0' * 16}").status_code == 403
    assert caller.get(f"/api/v1/imports/problems/{'0' * 32}").status_code == 403
    assert caller.post("/api/v1/imports/1/undo").status_code == 403
    assert _uploads() == [] and not Worker.objects.filter(name="Kit Newstarter").exists()


def test_a_signed_in_browser_without_a_token_is_refused(council):
    browser = Client()
    browser.force_login(council.users["hr"])
    assert browser.get("/data/").status_code == 200  # the session is good for the pages
    response = _post(browser, HEADER + GOOD)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert _uploads() == [] and not ImportBatch.objects.exists()


def test_an_upload_while_another_import_runs_is_refused_in_words(council, api):
    hr = api("hr")
    with another_import():
        response = _post(hr, HEADER + GOOD)
    assert response.status_code == 202
    run = hr.get(response.json()["status_url"]).json()
    assert run["state"] == "refused"
    assert "Another import is running (started" in run["problems"][0]["message"]
    assert not Worker.objects.filter(name="Kit Newstarter").exists()
    assert not ImportBatch.objects.exists()


def test_an_unknown_upload_is_a_404(council, api):
    hr = api("hr")
    assert hr.get(f"/api/v1/imports/runs/20261203-120000-{'0' * 16}").status_code == 404
    assert hr.get("/api/v1/imports/runs/not-an-id").status_code == 404
    assert hr.get(f"/api/v1/imports/problems/{'0' * 32}").status_code == 404


def test_an_import_still_running_says_so_and_when_to_ask_again(council, api):
    """A real process holding the upload's folder, as the import process would."""
    folder = Path(django_settings.DATA_DIR) / "uploads" / f"20261204-120000-{'a' * 16}"
    folder.mkdir(parents=True)
    job = {"what": "upload", "files": ["staff.csv"], "kind": "staff", "profile": "generic"}
    job |= {"authority_id": council.authority.pk, "la_number": "998", "user": "hr"}
    (folder / "job.json").write_text(json.dumps(job))
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)", str(folder)])
    try:
        (folder / "started.json").write_text(
            json.dumps({"pid": process.pid, "started": "2026-12-04T12:00:00+00:00"})
        )
        answer = api("hr").get(f"/api/v1/imports/runs/{folder.name}")
        assert answer.status_code == 200
        assert answer.json()["state"] == "running" and answer.json()["file"] == "staff.csv"
        assert answer["Retry-After"] == "2"
    finally:
        process.kill()
        process.wait()
    stopped = api("hr").get(f"/api/v1/imports/runs/{folder.name}").json()
    assert stopped["state"] == "stopped" and "nothing was written" in stopped["detail"]
    assert AuditEvent.objects.filter(action=AuditEvent.Action.REFUSED_UPLOAD).count() == 1
