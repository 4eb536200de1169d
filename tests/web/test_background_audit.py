"""An import run outside the request is audited when it finishes, by the import process itself,
not when its status page is first opened (which may be never); exactly once either way.

The import process is stood in for by running ``import_runs.run`` on the upload's folder at once,
in this process, where ``import_runs.start`` would start it (a process of its own could not see
the test's uncommitted records). The real process through ``thrive serve``:
``tests/reliability/test_web_imports.py::test_a_finished_import_is_audited_without_its_status_page``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from test_data_page import BAD, GOOD, HEADER

from thrive.uploading import audit_entries as audit
from thrive.uploading import import_runs
from thrive.web.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished_at_once(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Uploads go to the background, whose import runs to its end before the POST answers."""
    folders: list[Path] = []

    def start(folder: Path, job: dict[str, Any]) -> None:
        import_runs._write_json(folder / import_runs.JOB, job)
        import_runs._write_json(folder / import_runs.STARTED, {"pid": 0, "started": "x"})
        import_runs.run(folder)
        folders.append(folder)

    monkeypatch.setattr(import_runs, "start", start)
    with override_settings(THRIVE_BACKGROUND_IMPORTS=True):
        yield folders


def _upload(client, body: str):  # type: ignore[no-untyped-def]
    return client.post(
        "/data/",
        {"kind": "staff", "profile": "generic", "file": SimpleUploadedFile("s.csv", body.encode())},
    )


def test_an_import_is_audited_when_it_finishes_not_when_its_page_is_opened(
    council, signed_in, finished_at_once
):
    client = signed_in("hr")
    response = _upload(client, HEADER + GOOD)
    assert response.status_code == 302 and "/data/imports/" in response["Location"]
    (event,) = AuditEvent.objects.filter(action=AuditEvent.Action.IMPORT)  # no page opened yet
    assert event.username == "hr" and event.user_id == council.users["hr"].pk
    assert event.path == "/data/" and event.authority_id is not None
    assert event.subject.startswith("Imported s.csv as batch #")
    assert (finished_at_once[0] / import_runs.AUDITED).exists()
    for _ in range(2):  # the status page, opened twice, writes nothing more
        assert client.get(response["Location"]).status_code == 200
    assert AuditEvent.objects.filter(action=AuditEvent.Action.IMPORT).count() == 1


def test_a_refused_upload_is_audited_when_its_import_finishes(council, signed_in, finished_at_once):
    client = signed_in("hr")
    response = _upload(client, HEADER + GOOD + BAD)
    assert response.status_code == 302
    (event,) = AuditEvent.objects.filter(action=AuditEvent.Action.REFUSED_UPLOAD)
    assert event.subject.startswith("Upload s.csv refused with ") and event.path == "/data/"
    assert event.username == "hr"
    assert client.get(response["Location"]).status_code == 422
    assert AuditEvent.objects.filter(action=AuditEvent.Action.REFUSED_UPLOAD).count() == 1


def test_when_the_process_cannot_audit_the_status_page_does_once(
    council, signed_in, finished_at_once, monkeypatch
):
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("database or disk is full")

    monkeypatch.setattr(audit, "write_entries", refuse)
    client = signed_in("hr")
    response = _upload(client, HEADER + GOOD)
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.IMPORT).exists()
    assert not (finished_at_once[0] / import_runs.AUDITED).exists()
    assert json.loads((finished_at_once[0] / import_runs.OUTCOME).read_text())["batches"]
    for _ in range(2):
        assert client.get(response["Location"]).status_code == 200
    assert AuditEvent.objects.filter(action=AuditEvent.Action.IMPORT).count() == 1
