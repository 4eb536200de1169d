"""Imports from the Data page and the API run in a process of their own, never in the request.

A large file takes longer to check and write than a web request may last (gunicorn ends a
worker after 30 s), so the page saves the upload in its own folder under
``THRIVE_DATA_DIR/uploads/`` (named by the time and a random token: the *upload id*), starts
``python -m thrive.uploading.import_runs <folder>`` in a new session (so a worker recycled by
gunicorn does not take the import with it) and sends the browser to the import's status page,
``/data/imports/<upload id>/``, which asks again every 2 s until the outcome is there. The
API's ``POST /api/v1/imports`` does the same and answers 202 with the run's status address,
``/api/v1/imports/runs/<upload id>``.

The folder holds, beside the uploaded file(s):

- ``job.json``: what to import (the kind and profile, or a first load), for which council, by whom;
- ``started.json``: when the import started and the process id running it (written by the page);
- ``outcome.json``: written by the import process when it ends: the batches made, the counts,
  whether the file was refused, the problems' download token, or a fault in words;
- ``result.pickle``: the full result, so the status page shows exactly what the Data page shows
  after an import in the request (the report, the first problems, the undo buttons);
- ``audited``: made once, by whoever writes the outcome's audit log entries: the import process
  itself, as it finishes (naming the HR admin and the page address that started it, from
  ``job.json``), whether or not anyone opens the status page; or, when the process could not
  (it was killed, or the store refused the audit rows), the first status page that shows the
  outcome. So the entries are written exactly once.

Files are written under a temporary name and renamed, so a reader never sees half of one, and
``outcome.json`` last, so the result is there whenever the outcome is. An import process that
was killed leaves no outcome and no process: the page says the import stopped and nothing was
written (an import is one transaction, so a killed one leaves the store as it was). With
``THRIVE_KEEP=shared`` the process writes the new store version's frames files (as ``thrive
import`` does) before its outcome, so the page that shows the outcome does not build them. A refused
file is deleted (or kept ``THRIVE_KEEP_REFUSED_DAYS`` days) as in the request; its status stays
with the folder, which is swept ``THRIVE_KEEP_UPLOADS_DAYS`` days after the upload (unless the
import is still running).

Why a process and not a thread or a task queue: a thread dies with the gunicorn worker (which
is recycled, or killed at its timeout); a queue (Celery, Huey) is another service to run and
watch. The outcome is a file in the upload's own folder, which every worker process can read.

``THRIVE_BACKGROUND_IMPORTS`` (a Django setting, on) False imports in the request instead:
tests whose records live in an uncommitted transaction use that, as another process could not
see them.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import subprocess
import sys
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

UPLOAD_ID = re.compile(r"^[0-9]{8}-[0-9]{6}-[0-9a-f]{16}$")
JOB, STARTED, OUTCOME, RESULT, AUDITED = (
    "job.json",
    "started.json",
    "outcome.json",
    "result.pickle",
    "audited",
)
UPLOAD, FIRST_LOAD = "upload", "first-load"
RUNNING, DONE, STOPPED = "running", "done", "stopped"


def in_background() -> bool:
    return bool(getattr(settings, "THRIVE_BACKGROUND_IMPORTS", False))


def _write(path: Path, data: bytes) -> None:
    """Write a whole file under a temporary name, then rename it into place."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def _write_json(path: Path, value: dict[str, Any]) -> None:
    _write(path, json.dumps(value, indent=1).encode())


def who(request: Any) -> dict[str, Any]:
    """The parts of ``job.json`` that name who started an import, for its audit entries."""
    return {"user_id": request.user.pk, "path": request.get_full_path()[:500]}


def start(folder: Path, job: dict[str, Any]) -> None:
    """Start importing the upload saved in ``folder`` in a process of its own."""
    _write_json(folder / JOB, job)
    process = subprocess.Popen(
        [sys.executable, "-m", "thrive.uploading.import_runs", str(folder)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=(folder / "import.log").open("ab"),
        start_new_session=True,
        close_fds=True,
    )
    _write_json(
        folder / STARTED,
        {"pid": process.pid, "started": timezone.now().isoformat(), "state": "started"},
    )
    # Collect the process's exit status when it ends, so it leaves no zombie behind.
    threading.Thread(target=process.wait, daemon=True).start()


def start_upload(
    upload: Any,
    kind: str,
    *,
    profile: str,
    authority_id: int,
    la_number: str,
    user: str,
    started_by: dict[str, Any],
) -> Path:
    """Check the choices, save one uploaded file in a folder of its own and start importing it:
    in a process of its own, or here and now when ``THRIVE_BACKGROUND_IMPORTS`` is off (leaving
    the same status behind, so it is read the same way). The folder (its name is the upload id).

    Raises :class:`~thrive.uploading.uploads.UploadRefusedError` for a kind, profile, file type
    or size Thrive does not take, before anything is saved."""
    from thrive.uploading import uploads

    uploads.check_choices(kind, profile)
    uploads.sweep()
    path = uploads.save_upload(upload)
    job = {
        "what": UPLOAD,
        "files": [path.name],
        "kind": kind,
        "profile": profile,
        "authority_id": authority_id,
        "la_number": la_number,
        "user": user,
        **started_by,
    }
    if in_background():
        start(path.parent, job)
    else:
        _write_json(path.parent / JOB, job)
        run(path.parent)
    return path.parent


@dataclass
class Run:
    """One upload imported outside the request, as its status page sees it."""

    folder: Path
    job: dict[str, Any]

    @property
    def upload_id(self) -> str:
        return self.folder.name

    @property
    def name(self) -> str:
        """The file's name, or how many files a first load has."""
        files: list[str] = self.job.get("files", [])
        return files[0] if len(files) == 1 else f"{len(files)} files"

    @property
    def started(self) -> datetime | None:
        try:
            value = json.loads((self.folder / STARTED).read_text())["started"]
        except (OSError, ValueError, KeyError):
            return None
        return datetime.fromisoformat(value)

    def outcome(self) -> dict[str, Any] | None:
        try:
            value: dict[str, Any] = json.loads((self.folder / OUTCOME).read_text())
        except (OSError, ValueError):
            return None
        return value

    def result(self) -> Any:
        """The full result the import process kept (an UploadResult or an OnboardResult)."""
        with (self.folder / RESULT).open("rb") as stream:
            return pickle.load(stream)  # noqa: S301 (written by Thrive in its own data folder)

    def state(self) -> str:
        if (self.folder / OUTCOME).exists():
            return DONE
        try:
            pid = int(json.loads((self.folder / STARTED).read_text())["pid"])
        except (OSError, ValueError, KeyError):
            return RUNNING  # the page that started it has not written its start yet
        if _running(pid, self.folder):
            return RUNNING
        return DONE if (self.folder / OUTCOME).exists() else STOPPED

    def first_to_audit(self) -> bool:
        """True once only, for the first caller (in any process): that one audits the outcome."""
        try:
            os.close(os.open(self.folder / AUDITED, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            return False
        return True


def _running(pid: int, folder: Path) -> bool:
    """Whether process ``pid`` is alive and is the import of ``folder`` (not a zombie, not
    another process that was given the same number since)."""
    proc = Path("/proc") / str(pid) / "cmdline"
    if Path("/proc/self/cmdline").exists():
        try:
            return str(folder).encode() in proc.read_bytes()
        except OSError:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def find(upload_id: str, authority_id: int) -> Run | None:
    """The import of ``upload_id`` for this council, if there is one (None for another
    council's, so its existence is not given away)."""
    if not UPLOAD_ID.match(upload_id):
        return None
    folder = Path(settings.DATA_DIR) / "uploads" / upload_id
    try:
        job = json.loads((folder / JOB).read_text())
    except (OSError, ValueError):
        return None
    if job.get("authority_id") != authority_id:
        return None
    return Run(folder, job)


def run(folder: Path) -> None:
    """Import the upload in ``folder`` as its ``job.json`` says; write the outcome (in the
    import process)."""
    from thrive.uploading import uploads

    job = json.loads((folder / JOB).read_text())
    paths = [folder / name for name in job["files"]]
    outcome: dict[str, Any] = {"what": job["what"], "fault": ""}
    result: Any = None
    try:
        if job["what"] == UPLOAD:
            result = uploads.import_saved(
                paths[0],
                job["kind"],
                la_number=job["la_number"],
                user=job["user"],
                profile=job.get("profile", ""),
            )
            token = result.token
        else:
            from thrive.ingest.onboard import onboard

            result = onboard(paths, authority=job["la_number"], user=job["user"])
            token = uploads.keep_problems(result.problems) if result.problems else ""
        if result.refused:
            uploads.set_aside_files(paths)
        outcome.update(
            refused=bool(result.refused),
            batches=[b.pk for b in result.batches],
            problems=len(result.problems),
            errors=sum(1 for p in result.problems if p.is_error),
            token=token,
        )
    except Exception as fault:  # noqa: BLE001 (said in words on the status page, logged here)
        import traceback

        traceback.print_exc()
        outcome["fault"] = (
            f"The import stopped with a fault before it finished, so nothing was written: {fault}"
        )
        result = None
    try:  # the frames files of the new store version (THRIVE_KEEP=shared), as a command does
        from thrive.centre import prepare

        prepare.finish()
    except Exception:  # noqa: BLE001 (the pages work them out themselves then)
        import traceback

        traceback.print_exc()
    outcome["finished"] = timezone.now().isoformat()
    _write(folder / RESULT, pickle.dumps((result, outcome.get("token", ""))))
    audit_outcome(Run(folder, job), result, outcome)
    _write_json(folder / OUTCOME, outcome)


def audit_outcome(run: Run, result: Any, outcome: dict[str, Any]) -> bool:
    """Write the audit log entries of a finished import (in the import process, before its
    outcome is written); False if they could not be written (the status page writes them then)."""
    from thrive.audit.models import AuditEvent
    from thrive.uploading import audit_entries as audit

    if not run.first_to_audit():
        return False
    if outcome.get("fault"):
        entries = [
            (AuditEvent.Action.REFUSED_UPLOAD, f"Upload {run.name} failed: {outcome['fault']}")
        ]
    elif run.job["what"] == FIRST_LOAD:
        entries = audit.first_load_entries(result)
    else:
        entries = audit.upload_entries(result)
    try:
        audit.write_entries(
            entries,
            user_id=run.job.get("user_id"),
            username=run.job["user"],
            authority_id=run.job.get("authority_id"),
            path=run.job.get("path", ""),
        )
    except Exception:  # noqa: BLE001 (the store refused them: the status page tries again)
        import traceback

        traceback.print_exc()
        (run.folder / AUDITED).unlink(missing_ok=True)
        return False
    return True


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thrive.settings")
    import django

    django.setup()
    run(Path(sys.argv[1]))


if __name__ == "__main__":
    main()
