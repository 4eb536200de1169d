"""``/api/v1/imports`` (HR admins only): the import batches, an upload, what became of it, undo.

An upload through the API takes exactly the Data page's path (:mod:`thrive.uploading`): the
same kinds and mapping profiles, the ``THRIVE_UPLOAD_MAX_MB`` limit (a bigger file is never
stored: 413), a folder of its own under ``THRIVE_DATA_DIR/uploads/``, the import in a process
of its own holding the store's import lock (another import running: the upload is refused in
words), validation that writes nothing unless the whole file is good, quarantine of rejected
rows, a batch that can be undone, the problems as CSV (formula cells escaped) and the audit log.
``POST /imports`` answers 202 with the run's status address; ``GET /imports/runs/{upload_id}``
says ``running``, ``imported`` (the batches), ``refused`` (the problems) or why it stopped.

Only a bearer token is taken (never a session cookie), so a page on another site cannot make a
signed-in HR admin's browser upload a file: the API has no CSRF exposure to guard.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Q
from django.http import FileResponse, HttpRequest, HttpResponse
from django.urls import reverse
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile

from thrive.api.common import ANSWERS, NotFoundError, audit_named, centre_for
from thrive.api.schemas import (
    Batch,
    BatchProblems,
    ImportRun,
    Imports,
    Problem,
    QuarantinedRow,
    RunProblem,
    UploadStarted,
)
from thrive.audit import AuditEvent, write
from thrive.centre.centre import Centre
from thrive.import_records.models import ImportBatch
from thrive.ingest.undo import undo_batch
from thrive.problems import IngestError
from thrive.summaries.scope import OutOfScopeError
from thrive.uploading import import_runs, uploads
from thrive.workforce.models import Authority

router = Router(tags=["imports"])
MOST_BATCHES = 200
MOST_PROBLEMS = 1000
MOST_BATCH_ID = 2**63 - 1
UPLOAD_ID = r"^[0-9]{8}-[0-9]{6}-[0-9a-f]{16}$"
TOKEN = r"^[0-9a-f]{32}$"
KINDS = ", ".join(kind for kind, _label in uploads.kinds())


def _hr_admin(request: HttpRequest) -> Centre:
    centre = centre_for(request, None)
    if not centre.scope.is_hr_admin:
        raise OutOfScopeError("Only an HR admin can read or make imports.")
    return centre


def _batches(centre: Centre) -> Q:
    return Q(authority_id=centre.authority_id) | Q(authority__isnull=True)


def _audit(request: HttpRequest, centre: Centre, action: AuditEvent.Action, subject: str) -> None:
    write(
        user_id=request.user.pk,
        username=centre.scope.username,
        action=action,
        authority_id=centre.authority_id,
        subject=f"API: {subject}",
        path=request.get_full_path(),
    )


@router.get("/imports", response={200: Imports, **ANSWERS}, summary="Import batches (HR admin)")
def imports(request: HttpRequest, limit: int = Query(50, ge=1, le=MOST_BATCHES)) -> Imports:
    """The latest import batches into the authority, newest first, as the Data page lists them."""
    centre = _hr_admin(request)
    batches = ImportBatch.objects.filter(_batches(centre)).order_by("-imported_at", "-pk")
    return Imports(
        authority=centre.authority,
        batches=[Batch.from_orm(b) for b in batches[:limit]],
    )


@router.post(
    "/imports",
    response={202: UploadStarted, 413: Problem, 503: Problem, **ANSWERS},
    summary="Upload an extract or a census return to import (HR admin)",
)
def upload(
    request: HttpRequest,
    response: HttpResponse,
    kind: str = Form(..., max_length=40, description=f"What the file holds: {KINDS}"),
    profile: str = Form("", max_length=40, description="A mapping profile (extracts only)"),
    file: UploadedFile | None = File(None, description="The .csv, .xlsx or .xml file"),
) -> Any:
    """Take one file as the Data page does and import it in a process of its own: 202 with the
    address that says what became of it (400 for a kind, profile or file type Thrive does not
    take; 413 for a file over ``THRIVE_UPLOAD_MAX_MB``: it is never stored)."""
    centre = _hr_admin(request)
    too_large = uploads.skipped_as_too_large(request)
    if file is None and too_large:
        _audit(request, centre, AuditEvent.Action.REFUSED_UPLOAD, f"{too_large[0]} too large")
        return Status(413, {"detail": uploads.too_large_message(too_large[0])})
    if file is None:
        return Status(400, {"detail": "Send the file as multipart/form-data, in the field 'file'"})
    authority = Authority.objects.get(pk=centre.authority_id)
    try:
        folder = import_runs.start_upload(
            file,
            kind,
            profile=profile,
            authority_id=authority.pk,
            la_number=authority.la_number,
            user=centre.scope.username,
            started_by=import_runs.who(request),
        )
    except IngestError as refused:
        _audit(request, centre, AuditEvent.Action.REFUSED_UPLOAD, f"{file.name}: {refused}")
        return Status(400, {"detail": str(refused)})
    except OSError as unsaved:
        return Status(
            503,
            {
                "detail": f"The data folder cannot take the file ({unsaved.strerror or unsaved}); "
                "nothing was imported. Ask whoever runs Thrive."
            },
        )
    run = import_runs.Run(folder, {})
    status_url = reverse("api-v1:import_run", kwargs={"upload_id": folder.name})
    started = UploadStarted(
        upload_id=folder.name,
        file=file.name or "",
        kind=kind,
        state=_state(run, (folder / import_runs.OUTCOME).exists()),
        status_url=status_url,
    )
    response["Location"] = status_url
    return Status(202, started)


def _state(run: import_runs.Run, done: bool) -> str:
    outcome = run.outcome() if done else None
    if outcome is None:
        return "running"
    if outcome.get("fault"):
        return "failed"
    return "refused" if outcome.get("refused") else "imported"


@router.get(
    "/imports/runs/{upload_id}",
    response={200: ImportRun, **ANSWERS},
    summary="What became of an upload (HR admin)",
    url_name="import_run",
)
def import_run(request: HttpRequest, response: HttpResponse, upload_id: str) -> Any:
    """``running`` (ask again after ``Retry-After`` seconds), ``imported`` with its batches,
    ``refused`` with its problems (nothing written), or ``stopped``/``failed`` in words."""
    centre = _hr_admin(request)
    run = import_runs.find(upload_id, centre.authority_id)
    if run is None:
        raise NotFoundError(f"No upload {upload_id[:40]!r}")
    answer = ImportRun(
        upload_id=run.upload_id,
        file=run.name,
        kind=str(run.job.get("kind") or run.job.get("what", "")),
        state="running",
        started=run.started,
    )
    state = run.state()
    if state == import_runs.RUNNING:
        response["Retry-After"] = "2"
        return answer
    if state == import_runs.STOPPED:
        if run.first_to_audit():
            _audit(
                request,
                centre,
                AuditEvent.Action.REFUSED_UPLOAD,
                f"Upload {run.name} stopped before it finished",
            )
        answer.state = "stopped"
        answer.detail = "The import stopped before it finished; nothing was written."
        return answer
    outcome = run.outcome() or {}
    if outcome.get("finished"):
        answer.finished = datetime.fromisoformat(outcome["finished"])
    if outcome.get("fault"):
        import_runs.audit_outcome(run, None, outcome)
        answer.state, answer.detail = "failed", str(outcome["fault"])
        return answer
    result, token = run.result()
    import_runs.audit_outcome(run, result, outcome)  # only if the import process could not
    answer.state = "refused" if result.refused else "imported"
    ids = list(outcome.get("batches", []))
    answer.batches = [Batch.from_orm(b) for b in ImportBatch.objects.filter(pk__in=ids)]
    answer.errors = sum(1 for p in result.problems if p.is_error)
    answer.warnings = len(result.problems) - answer.errors
    answer.problems = [
        RunProblem(**p.as_row(), message=p.message()) for p in result.problems[:MOST_PROBLEMS]
    ]
    if token and uploads.problems_file(token) is not None:
        answer.problems_csv = reverse("api-v1:import_problems", kwargs={"token": token})
    return answer


@router.get(
    "/imports/problems/{token}",
    response={**ANSWERS},
    summary="Every problem of a refused upload, as CSV (HR admin)",
    url_name="import_problems",
    openapi_extra={
        "responses": {
            "200": {
                "description": "The problems, one a row (cells that would start a formula are "
                "escaped with a leading apostrophe)",
                "content": {"text/csv": {"schema": {"type": "string"}}},
            }
        }
    },
)
def import_problems(request: HttpRequest, token: str) -> Any:
    """The whole problem list of an upload, as the Data page's download gives it."""
    centre = _hr_admin(request)
    path = uploads.problems_file(token)
    if path is None:
        raise NotFoundError("No such problem list")
    _audit(request, centre, AuditEvent.Action.DOWNLOAD, f"Import problems {token}")
    response = FileResponse(
        path.open("rb"), as_attachment=True, filename="import-problems.csv", content_type="text/csv"
    )
    response["Cache-Control"] = "no-store"
    return response


def _batch(centre: Centre, batch_id: int) -> ImportBatch:
    batch = None
    if 1 <= batch_id <= MOST_BATCH_ID:
        batch = ImportBatch.objects.filter(_batches(centre), pk=batch_id).first()
    if batch is None:
        raise NotFoundError(f"No import batch {batch_id}")
    return batch


@router.get(
    "/imports/{batch_id}",
    response={200: BatchProblems, **ANSWERS},
    summary="One import batch and its quarantined rows (HR admin)",
)
def import_batch(request: HttpRequest, batch_id: int) -> BatchProblems:
    """One batch, with the rows it quarantined and the problems found in each (the first 1,000)."""
    centre = _hr_admin(request)
    batch = _batch(centre, batch_id)
    rows = list(batch.quarantine.all()[:MOST_PROBLEMS])
    if rows:
        audit_named(request, centre, f"problems of import batch {batch_id}", [])
    return BatchProblems(
        batch=Batch.from_orm(batch),
        problems=[
            QuarantinedRow(location=r.location, values=r.values, errors=r.errors) for r in rows
        ],
    )


@router.post(
    "/imports/{batch_id}/undo",
    response={200: Batch, 409: Problem, **ANSWERS},
    summary="Undo an import batch as a whole (HR admin)",
)
def undo(request: HttpRequest, batch_id: int) -> Any:
    """Undo a batch as the Data page does: 409 when it cannot be (already undone, a later
    import changed its records, or another import is running), with why in words."""
    centre = _hr_admin(request)
    batch = _batch(centre, batch_id)
    try:
        undone = undo_batch(batch.pk, centre.scope.username)
    except IngestError as refused:
        return Status(409, {"detail": f"Batch #{batch.pk} was not undone: {refused}"})
    _audit(
        request,
        centre,
        AuditEvent.Action.UNDO,
        f"Undid batch #{batch.pk} ({batch.kind}, {batch.file_name})",
    )
    return Batch.from_orm(undone)
