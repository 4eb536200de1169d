"""Uploads that can't hurt: a size limit with a plain message, a folder of its own for every
upload, and refused files deleted once their problem report is written (or kept for a set number
of days, then swept away)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from thrive.import_records.models import ImportBatch
from thrive.uploading import uploads

pytestmark = pytest.mark.django_db

HEADER = "worker_id,date,cases\n"


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


@pytest.fixture
def data_dir(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    settings.DATA_DIR = tmp_path
    settings.THRIVE_UPLOAD_MAX_MB = 1
    settings.THRIVE_KEEP_REFUSED_DAYS = 0
    return tmp_path


def _post(client, body: bytes, name: str = "caseloads.csv", kind: str = "caseloads"):  # type: ignore[no-untyped-def]
    upload = SimpleUploadedFile(name, body)
    return client.post("/data/", {"kind": kind, "profile": "generic", "file": upload})


def test_a_file_over_the_limit_is_refused_with_a_message_and_never_stored(
    council, signed_in, data_dir: Path
) -> None:
    rows = "".join(f"N{n:06d},2025-03-31,{n % 30}\n" for n in range(80_000))  # about 1.6 MiB
    response = _post(signed_in("hr"), (HEADER + rows).encode())
    assert response.status_code == 413
    html = response.content.decode()
    assert "caseloads.csv is larger than 1 MB, the most the Data page takes" in html
    assert _files(data_dir / "uploads") == [] and _files(data_dir / "refused") == []
    assert not ImportBatch.objects.exists()


def test_a_first_load_with_a_file_over_the_limit_is_refused(
    council, signed_in, data_dir: Path
) -> None:
    big = SimpleUploadedFile("staff.csv", b"worker_id\n" + b"N000001\n" * 200_000)
    response = signed_in("hr").post("/data/first-load/", {"files": [big]})
    assert response.status_code == 413
    assert "staff.csv is larger than 1 MB" in response.content.decode()
    assert _files(data_dir / "uploads") == []


def test_two_uploads_of_one_name_in_the_same_second_are_both_kept(data_dir: Path) -> None:
    first = uploads.save_upload(SimpleUploadedFile("staff.csv", b"first"))
    second = uploads.save_upload(SimpleUploadedFile("staff.csv", b"second"))
    assert first != second and first.name == second.name == "staff.csv"
    assert first.read_bytes() == b"first" and second.read_bytes() == b"second"


def test_a_refused_upload_is_deleted_once_its_report_is_written(
    council, signed_in, data_dir: Path
) -> None:
    response = _post(signed_in("hr"), (HEADER + "N000001,2025-13-45,3\n").encode())
    assert response.status_code == 422
    assert "2025-13-45" in response.content.decode()
    assert _files(data_dir / "uploads") == [] and _files(data_dir / "refused") == []
    token = response.context["report"].token
    assert uploads.problems_file(token) is not None  # the report stays to download


def test_a_refused_upload_is_kept_for_the_days_set_then_swept(
    council, signed_in, data_dir: Path, settings
) -> None:
    settings.THRIVE_KEEP_REFUSED_DAYS = 3
    response = _post(signed_in("hr"), (HEADER + "N000001,2025-13-45,3\n").encode())
    assert response.status_code == 422
    kept = _files(data_dir / "refused")
    assert [p.name for p in kept] == ["caseloads.csv"] and _files(data_dir / "uploads") == []
    assert uploads.sweep_refused(now=time.time() + 2 * 86_400) == []
    assert uploads.sweep_refused(now=time.time() + 4 * 86_400) == [kept[0].parent.name]
    assert _files(data_dir / "refused") == []


def test_an_upload_that_goes_in_is_kept(council, signed_in, data_dir: Path) -> None:
    body = (
        "worker_id,swe_number,date,cases\n"
        + f"{next(iter(council.pseudonyms.values()))[0]},,2025-03-31,12\n"
    )
    response = _post(signed_in("hr"), body.encode())
    assert response.status_code in (200, 302), response.content.decode()[:2000]
    assert ImportBatch.objects.filter(kind="caseloads").exists()
    assert [p.name for p in _files(data_dir / "uploads")] == ["caseloads.csv"]


def _caseloads(council) -> bytes:  # type: ignore[no-untyped-def]
    worker = next(iter(council.pseudonyms.values()))[0]
    return f"worker_id,swe_number,date,cases\n{worker},,2025-03-31,12\n".encode()


def test_an_upload_that_went_in_is_kept_for_the_days_set_then_swept(
    council, signed_in, data_dir: Path, settings
) -> None:
    settings.THRIVE_KEEP_UPLOADS_DAYS = 5
    response = _post(signed_in("hr"), _caseloads(council))
    assert response.status_code in (200, 302)
    (kept,) = _files(data_dir / "uploads")
    assert uploads.sweep(now=time.time() + 4 * 86_400) == []
    assert _files(data_dir / "uploads") == [kept]
    assert uploads.sweep(now=time.time() + 6 * 86_400) == [kept.parent.name]
    assert not kept.parent.exists()


def test_each_upload_sweeps_the_folders_kept_too_long(
    council, signed_in, data_dir: Path, settings
) -> None:
    settings.THRIVE_KEEP_UPLOADS_DAYS = 2
    old = data_dir / "uploads" / "20200101-000000-0123456789abcdef"
    old.mkdir(parents=True)
    (old / "staff.csv").write_text("worker_id\n")
    (old / "outcome.json").write_text("{}")
    response = _post(signed_in("hr"), _caseloads(council))
    assert response.status_code in (200, 302)
    assert not old.exists()
    assert [p.name for p in _files(data_dir / "uploads")] == ["caseloads.csv"]


def test_an_import_still_running_is_never_swept(data_dir: Path, settings) -> None:
    import json
    import subprocess
    import sys

    from thrive.uploading import import_runs

    settings.THRIVE_KEEP_UPLOADS_DAYS = 1
    running = data_dir / "uploads" / "20200101-000000-00000000000000aa"
    finished = data_dir / "uploads" / "20200101-000000-00000000000000bb"
    for folder in (running, finished):
        folder.mkdir(parents=True)
        (folder / import_runs.JOB).write_text("{}")
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)", str(running)])
    try:
        deadline = time.monotonic() + 30  # until the new process has its own command line
        cmdline = Path(f"/proc/{process.pid}/cmdline")
        while str(running).encode() not in cmdline.read_bytes() and time.monotonic() < deadline:
            time.sleep(0.01)
        (running / import_runs.STARTED).write_text(json.dumps({"pid": process.pid}))
        (finished / import_runs.STARTED).write_text(json.dumps({"pid": process.pid}))
        assert uploads.sweep() == [finished.name]  # the other process is not its import
        assert running.exists()
    finally:
        process.kill()
        process.wait()
    assert uploads.sweep() == [running.name]


@pytest.mark.parametrize("background", [False, True])
def test_an_upload_the_full_data_folder_cannot_take_still_shows_every_problem(
    council, signed_in, data_dir: Path, settings, monkeypatch, background: bool
) -> None:
    """The data folder is full (nothing can be saved: not the upload, not its problems file,
    not an audit row): the file is checked in the request from a temporary copy, and every
    problem is on the page, not a 503 page without them."""
    import errno

    from django.db import OperationalError

    from thrive.web import audit

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(data_dir))

    def store_full(*args: object, **kwargs: object) -> None:
        raise OperationalError("database or disk is full")

    settings.THRIVE_BACKGROUND_IMPORTS = background
    monkeypatch.setattr(uploads, "_new_folder", full)
    monkeypatch.setattr(uploads, "write_problems_csv", full)
    monkeypatch.setattr(audit, "record", store_full)
    rows = "".join(f"N00000{i},2025-13-45,3\n" for i in range(1, 8))
    response = _post(signed_in("hr"), (HEADER + rows).encode())
    assert response.status_code == 422
    html = response.content.decode()
    assert "caseloads.csv was not imported" in html
    assert "could not be saved for download" in html and "every problem is shown here" in html
    assert html.count("2025-13-45") >= 7
    assert _files(data_dir / "uploads") == []
    assert not ImportBatch.objects.exists()


def test_a_big_upload_the_full_data_folder_cannot_take_is_a_503_in_words(
    council, signed_in, data_dir: Path, settings, monkeypatch
) -> None:
    """Too big to check in the request (more than Django holds in memory): the 503 page."""
    import errno

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(data_dir))

    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10
    monkeypatch.setattr(uploads, "_new_folder", full)
    client = signed_in("hr")
    client.raise_request_exception = False
    response = _post(client, (HEADER + "N000001,2025-13-45,3\n").encode())
    assert response.status_code == 503
    assert "is full" in response.content.decode()
