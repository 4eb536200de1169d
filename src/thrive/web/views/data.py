"""The Data page (HR admin only): upload a file, see its validation report, undo a batch.

A first load of several files at once is :mod:`thrive.web.views.onboard`.

An upload with errors changes nothing and shows every problem by row, with the whole list to
download as CSV; an upload that goes in becomes an import batch in the history, which can be
undone as a whole. Imports, undos and downloads are written to the audit log.
"""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from thrive.centre.centre import Centre
from thrive.import_records.models import ImportBatch
from thrive.ingest.undo import undo_batch
from thrive.problems import IngestError
from thrive.published.models import PublishedFigure
from thrive.summaries.scope import OutOfScopeError
from thrive.uploading import audit_entries, import_runs, uploads
from thrive.web import audit
from thrive.web.downloads import DOWNLOADS
from thrive.web.inputs import accepts
from thrive.web.models import AuditEvent
from thrive.web.views.common import page_request, render_page
from thrive.workforce.models import Authority

HISTORY = 50
log = logging.getLogger(__name__)
UPLOAD_REFUSED = AuditEvent.Action.REFUSED_UPLOAD


def hr_only(request: HttpRequest) -> Centre:
    page = page_request(request)
    if not page.scope.is_hr_admin:
        raise OutOfScopeError("Only an HR admin can import data.")
    return page


def _history(authority_id: int) -> list[ImportBatch]:

    return list(
        ImportBatch.objects.filter(
            Q(authority_id=authority_id) | Q(authority__isnull=True)
        ).order_by("-imported_at", "-pk")[:HISTORY]
    )


def data_page_context(page: Centre) -> dict[str, object]:
    """What the Data page shows besides a report: the forms' choices and the import history."""
    return {
        "kinds": uploads.kinds(),
        "profiles": uploads.profiles(),
        "batches": _history(page.scope.authority_id),
        # order_by(): the model's ordering would make DISTINCT run over every figure's row
        "published_years": list(
            PublishedFigure.objects.order_by("year").values_list("year", flat=True).distinct()
        ),
    }


@accepts(*DOWNLOADS)
@login_required
@require_http_methods(["GET", "POST"])
def data(request: HttpRequest) -> HttpResponse:
    """The upload form and the history of import batches; POST imports a file."""
    page = hr_only(request)
    context = data_page_context(page)
    context["chosen_kind"] = request.POST.get("kind", "")
    context["chosen_profile"] = request.POST.get("profile", "")
    status = 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        too_large = uploads.skipped_as_too_large(request)
        if upload is None and too_large:
            context["form_error"] = uploads.too_large_message(too_large[0])
            status = 413
        elif upload is None:
            context["form_error"] = "Select a file to upload"
            status = 400
        else:
            authority = Authority.objects.get(pk=page.scope.authority_id)
            kind, profile = request.POST.get("kind", ""), request.POST.get("profile", "")
            try:
                if import_runs.in_background():
                    return _start(request, page, authority, upload, kind, profile)
                result = uploads.import_upload(
                    upload, kind, la_number=authority.la_number, user=page.scope.username,
                    profile=profile,
                )  # fmt: skip
            except IngestError as refused:
                context["form_error"] = str(refused)
                status = 400
                audit.refused(request, f"Upload {upload.name} refused: {refused}", UPLOAD_REFUSED)
            except OSError as unsaved:  # the data folder is full or read-only
                if not uploads.can_check_unsaved(unsaved, upload):
                    raise
                status = _check_unsaved(request, page, context, upload, kind, profile)
            else:
                shown = show_result(request, page, context, result, audit_it=True)
                if shown is None:
                    return redirect("data")
                status = shown
    context["batches"] = _history(page.scope.authority_id)  # with the one just imported
    return render_page(request, page, "thrive/data.html", "data", context, status=status)


def _check_unsaved(
    request: HttpRequest,
    page: Centre,
    context: dict[str, object],
    upload: UploadedFile,
    kind: str,
    profile: str,
) -> int:
    """An upload the data folder could not take (a full disk, a read-only folder), checked in
    the request so its problems still reach the HR admin: every one on the page. A good file
    meets the same fault when it is written, and the 503 page says it in words."""
    authority = Authority.objects.get(pk=page.scope.authority_id)
    result = uploads.import_unsaved(
        upload, kind, la_number=authority.la_number, user=page.scope.username, profile=profile
    )
    try:  # the audit log may be on the same full or read-only disk
        with transaction.atomic():
            for action, subject in audit_entries.upload_entries(result):
                audit.record(request, page.scope, action, subject)
    except DatabaseError:
        log.warning("upload %s not audited: the store cannot be written", upload.name)
    return show_result(request, page, context, result, audit_it=False) or 200


def _start(
    request: HttpRequest,
    page: Centre,
    authority: Authority,
    upload: UploadedFile,
    kind: str,
    profile: str,
) -> HttpResponse:
    """Save the upload and start importing it outside the request; off to its status page."""
    folder = import_runs.start_upload(
        upload,
        kind,
        profile=profile,
        authority_id=authority.pk,
        la_number=authority.la_number,
        user=page.scope.username,
        started_by=import_runs.who(request),
    )
    return redirect("import_status", upload_id=folder.name)


def show_result(
    request: HttpRequest,
    page: Centre,
    context: dict[str, object],
    result: uploads.UploadResult,
    *,
    audit_it: bool,
) -> int | None:
    """Put an upload's result on the Data page (and in the audit log when ``audit_it``): the
    page's status, or None when it went in without a word to say (the page just says so)."""
    for action, subject in audit_entries.upload_entries(result) if audit_it else []:
        if action == UPLOAD_REFUSED:
            audit.refused(request, subject, UPLOAD_REFUSED)
        else:
            audit.record(request, page.scope, action, subject)
    if result.refused:
        context["report"] = result
        return 422
    messages.success(
        request,
        f"{result.file} imported"
        + (f" with {len(result.warnings)} warnings" if result.warnings else "")
        + ".",
    )
    if not result.warnings:
        return None
    context["report"] = result
    return 200


@login_required
@require_http_methods(["GET"])
def import_status(request: HttpRequest, upload_id: str) -> HttpResponse:
    """An import running outside the request: "Importing staff.csv", asking again every 2 s,
    then what the Data page shows after an import (or, if the import process died, that it
    stopped and nothing was written)."""
    page = hr_only(request)
    run = import_runs.find(upload_id, page.scope.authority_id)
    if run is None:
        raise Http404("No such import")
    state = run.state()
    if state != import_runs.RUNNING and request.headers.get("HX-Request"):
        return HttpResponse(headers={"HX-Refresh": "true"})  # the whole page, with its status
    if state == import_runs.RUNNING:
        context: dict[str, object] = {"run": run, "started": run.started}
        context["title"] = f"Importing {run.name}"
        return render_page(request, page, "thrive/importing.html", "data", context)
    first = run.first_to_audit()
    if state == import_runs.STOPPED:
        if first:
            audit.refused(request, f"Upload {run.name} stopped before it finished", UPLOAD_REFUSED)
        context = {"run": run, "started": run.started, "stopped": True}
        context["title"] = f"The import of {run.name} stopped"
        return render_page(request, page, "thrive/importing.html", "data", context)
    outcome = run.outcome() or {}
    if outcome.get("fault"):
        if first:
            audit.refused(request, f"Upload {run.name} failed: {outcome['fault']}", UPLOAD_REFUSED)
        context = {"run": run, "started": run.started, "fault": outcome["fault"]}
        context["title"] = f"The import of {run.name} stopped"
        return render_page(request, page, "thrive/importing.html", "data", context)
    result, token = run.result()
    if run.job["what"] == import_runs.FIRST_LOAD:
        from thrive.web.views.onboard import show_first_load

        return show_first_load(request, page, result, token, audit_it=first)
    context = data_page_context(page)
    context["chosen_kind"], context["chosen_profile"] = run.job["kind"], run.job["profile"]
    status = show_result(request, page, context, result, audit_it=first)
    return render_page(request, page, "thrive/data.html", "data", context, status=status or 200)


@login_required
@require_http_methods(["POST"])
def published(request: HttpRequest) -> HttpResponse:
    """Load the Department's published table shipped with Thrive (for the comparisons)."""
    page = hr_only(request)
    from thrive.ingest.published_figures import import_dfe_stats

    try:
        outcome = import_dfe_stats(user=page.scope.username)
    except IngestError as refused:
        messages.error(request, f"The published statistics were not loaded: {refused}")
        return redirect("data")
    batch = outcome.batch
    audit.record(
        request,
        page.scope,
        AuditEvent.Action.IMPORT,
        f"Loaded the published statistics ({outcome.file})"
        + (f" as batch #{batch.pk}: {batch.added} added, {batch.updated} updated" if batch else ""),
    )
    messages.success(request, "The Department for Education's published statistics are loaded.")
    return redirect("data")


@login_required
def problems(request: HttpRequest, token: str) -> FileResponse:
    """Download every problem found in a refused upload, as CSV."""
    page = hr_only(request)
    path = uploads.problems_file(token)
    if path is None:
        raise Http404("No such report")
    audit.record(request, page.scope, AuditEvent.Action.DOWNLOAD, f"Import problems {token}")
    return FileResponse(
        path.open("rb"), as_attachment=True, filename="import-problems.csv", content_type="text/csv"
    )


@login_required
@require_http_methods(["GET", "POST"])
def undo(request: HttpRequest, batch_id: int) -> HttpResponse:
    """Confirm, then undo one import batch as a whole."""
    page = hr_only(request)
    batch = next((b for b in _history(page.scope.authority_id) if b.pk == batch_id), None)
    if batch is None:
        batch = ImportBatch.objects.filter(
            pk=batch_id, authority_id=page.scope.authority_id
        ).first()
    if batch is None:
        raise Http404("No such import batch")
    if request.method == "POST":
        try:
            undo_batch(batch.pk, page.scope.username)
        except IngestError as refused:  # refused, or another import is running
            messages.error(request, f"Batch #{batch.pk} was not undone: {refused}")
        else:
            audit.record(
                request,
                page.scope,
                AuditEvent.Action.UNDO,
                f"Undid batch #{batch.pk} ({batch.kind}, {batch.file_name})",
            )
            messages.success(request, f"Batch #{batch.pk} ({batch.file_name}) was undone.")
        return redirect("data")
    return render_page(request, page, "thrive/undo.html", "data", {"batch": batch})
