"""Importing a file uploaded on the Data page, through the same importers as ``thrive import``.

The upload is saved under ``THRIVE_DATA_DIR/uploads/`` (its suffix tells the importer CSV, XLSX
or XML), imported in one transaction, and either recorded as a batch or refused with every
problem found. A refused file's problems are written to a CSV under
``THRIVE_DATA_DIR/import-problems/`` named by a random token, so the report can be downloaded
by the HR admin who uploaded it and by no one who cannot guess the token (and the Data page is
HR-only anyway).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
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


def save_upload(upload: UploadedFile, folder: Path | None = None) -> Path:
    """Keep the uploaded file under the data folder, with a safe name and its own suffix."""
    name = _safe_name(upload)
    if folder is None:
        folder = Path(settings.DATA_DIR) / "uploads" / f"{timezone.now():%Y%m%d-%H%M%S}"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    with path.open("wb") as stream:
        for chunk in upload.chunks():
            stream.write(chunk)
    return path


def import_upload(
    upload: UploadedFile, kind: str, *, la_number: str, user: str, profile: str = ""
) -> UploadResult:
    """Import one uploaded file; a refused file's problems are kept for download."""
    if kind not in dict(kinds()):
        raise UploadRefusedError(f"{kind!r} is not a kind of file Thrive imports")
    if profile and profile not in shipped_profiles():
        raise UploadRefusedError(f"{profile!r} is not one of Thrive's mapping profiles")
    path = save_upload(upload)
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
    stamp = f"{timezone.now():%Y%m%d-%H%M%S}-{secrets.token_hex(4)}"
    folder = Path(settings.DATA_DIR) / "uploads" / stamp
    return [save_upload(upload, folder) for upload in files]


def keep_problems(problems: list[Problem]) -> str:
    """Write problems to a CSV named by a new random token, for download; the token, or ''
    when the data folder cannot be written (full, read-only): the page then shows them all."""
    token = secrets.token_hex(16)
    try:
        write_problems_csv(problems, problems_folder() / f"{token}.csv")
    except OSError:
        return ""
    return token
