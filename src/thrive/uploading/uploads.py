"""Importing a file uploaded on the Data page, through the same importers as ``thrive import``.

The upload is saved under ``THRIVE_DATA_DIR/uploads/``, in a folder of its own named by the time
and a random token (so two uploads of one name never meet; its suffix tells the importer CSV,
XLSX or XML), imported in one transaction, and either recorded as a batch or refused with every
problem found. A refused file's problems are written to a CSV under
``THRIVE_DATA_DIR/import-problems/`` named by a random token, so the report can be downloaded
by the HR admin who uploaded it and by no one who cannot guess the token (and the Data page is
HR-only anyway). The refused file itself is then deleted, or kept in ``THRIVE_DATA_DIR/refused/``
for ``THRIVE_KEEP_REFUSED_DAYS`` days; each upload sweeps away the ones kept longer. An upload
that went in stays in its folder (with its import's status, when imported outside the request)
for ``THRIVE_KEEP_UPLOADS_DAYS`` days, and is swept the same way (:func:`sweep`).

A file over ``THRIVE_UPLOAD_MAX_MB`` is skipped as it arrives (:class:`UploadSizeLimit`, the
first of Django's upload handlers): it is never stored, and the page says why.
"""

from __future__ import annotations

import errno
import re
import secrets
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import get_valid_filename

from thrive.import_records.models import ImportBatch
from thrive.ingest.fields import KINDS, kind_label
from thrive.ingest.outcome import FileOutcome, write_problems_csv
from thrive.ingest.profiles import shipped_profiles
from thrive.problems import ImportValidationError, IngestError, Problem

CENSUS = "census"
SUFFIXES = {".csv", ".xlsx", ".xml"}
TOKEN = re.compile(r"^[0-9a-f]{32}$")
SHOWN = 200


class UploadRefusedError(IngestError):
    """The upload cannot be imported as asked (wrong kind of file, unknown profile...)."""


def upload_limit() -> int:
    """The largest upload accepted, in bytes (``THRIVE_UPLOAD_MAX_MB``)."""
    return int(settings.THRIVE_UPLOAD_MAX_MB) * 2**20


def too_large_message(name: str) -> str:
    return (
        f"{name} is larger than {settings.THRIVE_UPLOAD_MAX_MB} MB, the most the Data page "
        "takes: split it into smaller files (e.g. a year each), or ask whoever runs Thrive to "
        "import it on the server with thrive import"
    )


class UploadSizeLimit(FileUploadHandler):
    """Skips an uploaded file as soon as it passes the limit, so it is never stored.

    The names of skipped files are kept on the request (:func:`skipped_as_too_large`).
    """

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > upload_limit():
            skipped_as_too_large(self.request).append(str(self.file_name or "the file"))
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handlers keep the file


def skipped_as_too_large(request: HttpRequest | Any) -> list[str]:
    """The names of the files of this request that were over the limit, so not received."""
    names: list[str] | None = getattr(request, "_thrive_too_large", None)
    if names is None:
        names = []
        request._thrive_too_large = names  # type: ignore[union-attr]
    return names


@dataclass
class UploadResult:
    """What happened to one uploaded file."""

    file: str
    batches: list[ImportBatch] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    refused: bool = False
    token: str = ""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def shown(self) -> list[Problem]:
        """The first problems, errors first, for the page (the CSV has them all); every problem
        when the CSV could not be written."""
        return (self.errors + self.warnings)[: SHOWN if self.token else None]


def kinds() -> list[tuple[str, str]]:
    """The kinds of file the Data page accepts, as (value, label) pairs."""
    extracts = [(kind, f"{kind_label(kind)} (CSV or XLSX)") for kind in KINDS]
    return [(CENSUS, "Census return (CSWW XML)"), *extracts]


def profiles() -> list[str]:
    return sorted(shipped_profiles())


def problems_folder() -> Path:
    folder = Path(settings.DATA_DIR) / "import-problems"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def problems_file(token: str) -> Path | None:
    """The saved problems of a refused upload, if ``token`` names one."""
    if not TOKEN.match(token):
        return None
    path = problems_folder() / f"{token}.csv"
    return path if path.exists() else None


def _safe_name(upload: UploadedFile) -> str:
    name = get_valid_filename(Path(upload.name or "upload").name) or "upload"
    if Path(name).suffix.lower() not in SUFFIXES:
        raise UploadRefusedError(f"{name}: upload a .csv, .xlsx or .xml file")
    return name


def _new_folder() -> Path:
    """A folder of its own for one upload (or one first load): the time and a random token."""
    stamp = f"{timezone.now():%Y%m%d-%H%M%S}-{secrets.token_hex(8)}"
    folder = Path(settings.DATA_DIR) / "uploads" / stamp
    folder.mkdir(parents=True)
    return folder


def save_upload(upload: UploadedFile, folder: Path | None = None) -> Path:
    """Keep the uploaded file under the data folder, with a safe name and its own suffix, in a
    new folder of its own unless ``folder`` is given (one of several files saved together)."""
    name = _safe_name(upload)
    if upload.size is not None and upload.size > upload_limit():
        raise UploadRefusedError(too_large_message(name))
    new = folder is None
    if folder is None:
        folder = _new_folder()
    path = folder / name
    try:
        with path.open("wb") as stream:
            for chunk in upload.chunks():
                stream.write(chunk)
    except OSError:  # a full disk: no half file left behind
        path.unlink(missing_ok=True)
        if new:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    return path


def check_choices(kind: str, profile: str = "") -> None:
    """Refuse a kind of file or a mapping profile Thrive does not know, before anything is saved."""
    if kind not in dict(kinds()):
        raise UploadRefusedError(f"{kind!r} is not a kind of file Thrive imports")
    if profile and profile not in shipped_profiles():
        raise UploadRefusedError(f"{profile!r} is not one of Thrive's mapping profiles")


def import_upload(
    upload: UploadedFile, kind: str, *, la_number: str, user: str, profile: str = ""
) -> UploadResult:
    """Import one uploaded file in the request; a refused file's problems are kept for download
    and the file set aside (:func:`set_aside`)."""
    check_choices(kind, profile)
    sweep()
    path = save_upload(upload)
    result = import_saved(path, kind, la_number=la_number, user=user, profile=profile)
    if result.refused:
        set_aside(path.parent)
    return result


# A fault of the data folder that stops an upload being saved there.
_UNSAVABLE = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM}


def can_check_unsaved(error: OSError, upload: UploadedFile) -> bool:
    """Whether an upload the data folder could not take (full, read-only) is small enough to
    be checked in the request instead (at most ``FILE_UPLOAD_MAX_MEMORY_SIZE``, which Django
    holds in memory: a few seconds' work), so its problems still reach the HR admin."""
    small = (upload.size or 0) <= int(settings.FILE_UPLOAD_MAX_MEMORY_SIZE)
    return error.errno in _UNSAVABLE and small


def import_unsaved(
    upload: UploadedFile, kind: str, *, la_number: str, user: str, profile: str = ""
) -> UploadResult:
    """Check (and import, if the store can still be written) an upload the data folder could
    not take, from a copy in the system's temporary folder, deleted at once. A file with
    problems is refused with every one of them (the problems file cannot be kept either, so
    the page lists them all); a good file meets the same full or read-only store, said in words.
    """
    with tempfile.TemporaryDirectory(prefix="thrive-unsaved-") as folder:
        path = Path(folder) / _safe_name(upload)
        with path.open("wb") as stream:
            for chunk in upload.chunks():
                stream.write(chunk)
        return import_saved(path, kind, la_number=la_number, user=user, profile=profile)


def import_saved(
    path: Path, kind: str, *, la_number: str, user: str, profile: str = ""
) -> UploadResult:
    """Import one saved upload; a refused file's problems are kept for download (the caller sets
    the file aside)."""
    result = UploadResult(path.name)
    try:
        outcomes = _run(kind, path, la_number=la_number, user=user, profile=profile)
    except ImportValidationError as invalid:
        result.refused = True
        result.problems = invalid.problems
    except IngestError as unreadable:
        result.refused = True
        reason = getattr(unreadable, "reason", str(unreadable))
        result.problems = [Problem(path.name, "", "", "", reason)]
    else:
        result.batches = [o.batch for o in outcomes if o.batch is not None]
        result.problems = [p for o in outcomes for p in o.problems]
    if result.problems:
        result.token = keep_problems(result.problems)
    return result


def _run(kind: str, path: Path, *, la_number: str, user: str, profile: str) -> list[FileOutcome]:
    if kind == CENSUS:
        from thrive.ingest.census_import import import_census

        if path.suffix.lower() != ".xml":
            raise UploadRefusedError(f"{path.name}: a census return is an XML file")
        return import_census([path], user=user)
    from thrive.ingest.extract_import import import_extract

    return [import_extract(kind, path, authority=la_number, profile=profile or None, user=user)]


def save_uploads(files: list[UploadedFile]) -> list[Path]:
    """Keep several uploaded files together in a folder of their own (a first load).

    Every name is checked before any file is saved, and two files may not share a name.
    """
    names = [_safe_name(upload) for upload in files]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise UploadRefusedError(f"two files are called {twice[0]}: give each file its own name")
    big = [n for n, upload in zip(names, files, strict=True) if (upload.size or 0) > upload_limit()]
    if big:
        raise UploadRefusedError(too_large_message(big[0]))
    sweep()
    folder = _new_folder()
    return [save_upload(upload, folder) for upload in files]


def refused_folder() -> Path:
    return Path(settings.DATA_DIR) / "refused"


def set_aside(folder: Path) -> None:
    """A refused upload's folder, once its problem report is written: deleted, or moved to
    ``THRIVE_DATA_DIR/refused`` to be kept ``THRIVE_KEEP_REFUSED_DAYS`` days."""
    if int(settings.THRIVE_KEEP_REFUSED_DAYS) > 0:
        refused_folder().mkdir(parents=True, exist_ok=True)
        folder.rename(refused_folder() / folder.name)
    else:
        shutil.rmtree(folder, ignore_errors=True)


def set_aside_files(paths: list[Path]) -> None:
    """Refused uploaded files (imported outside the request), once their problem report is
    written: deleted, or moved to ``THRIVE_DATA_DIR/refused/<upload folder>`` to be kept
    ``THRIVE_KEEP_REFUSED_DAYS`` days. The rest of the upload's folder (its status) stays."""
    keep = int(settings.THRIVE_KEEP_REFUSED_DAYS) > 0
    for path in paths:
        if keep:
            kept = refused_folder() / path.parent.name
            kept.mkdir(parents=True, exist_ok=True)
            path.rename(kept / path.name)
        else:
            path.unlink(missing_ok=True)


def sweep_refused(now: float | None = None) -> list[str]:
    """Delete the refused uploads kept longer than ``THRIVE_KEEP_REFUSED_DAYS``; their names.

    Age is counted from when the upload was saved (its folder's modification time).
    """
    folder = refused_folder()
    if not folder.is_dir():
        return []
    oldest = (now or time.time()) - int(settings.THRIVE_KEEP_REFUSED_DAYS) * 86_400
    removed = []
    for kept in sorted(folder.iterdir()):
        if kept.stat().st_mtime < oldest or int(settings.THRIVE_KEEP_REFUSED_DAYS) == 0:
            if kept.is_dir():
                shutil.rmtree(kept, ignore_errors=True)
            else:
                kept.unlink(missing_ok=True)
            removed.append(kept.name)
    return removed


def sweep(now: float | None = None) -> list[str]:
    """Sweep the refused uploads and the upload folders kept past their days (at each upload)."""
    return sweep_refused(now) + sweep_uploads(now)


def uploads_folder() -> Path:
    return Path(settings.DATA_DIR) / "uploads"


def _saved_at(folder: Path) -> float:
    """When an upload was saved: from its folder's name (the time and a random token, UTC),
    else the folder's modification time."""
    try:
        stamp = datetime.strptime(folder.name[:15], "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        return folder.stat().st_mtime
    return stamp.timestamp()


def sweep_uploads(now: float | None = None) -> list[str]:
    """Delete the upload folders saved more than ``THRIVE_KEEP_UPLOADS_DAYS`` ago (the files
    that went in, and the status of imports run outside the request); their names. A folder
    whose import is still running is left alone, however old."""
    from thrive.uploading import import_runs

    folder = uploads_folder()
    if not folder.is_dir():
        return []
    oldest = (now or time.time()) - max(int(settings.THRIVE_KEEP_UPLOADS_DAYS), 1) * 86_400
    removed = []
    for kept in sorted(folder.iterdir()):
        if not kept.is_dir() or _saved_at(kept) >= oldest:
            continue
        started = (kept / import_runs.STARTED).exists()
        if started and import_runs.Run(kept, {}).state() == import_runs.RUNNING:
            continue
        shutil.rmtree(kept, ignore_errors=True)
        removed.append(kept.name)
    return removed


def keep_problems(problems: list[Problem]) -> str:
    """Write problems to a CSV named by a new random token, for download; the token, or ''
    when the data folder cannot be written (full, read-only): the page then shows them all."""
    token = secrets.token_hex(16)
    try:
        write_problems_csv(problems, problems_folder() / f"{token}.csv")
    except OSError:
        return ""
    return token
