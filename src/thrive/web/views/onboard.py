"""The Data page's first load: several files uploaded at once, placed, ordered and imported.

The same machinery as ``thrive onboard`` (:mod:`thrive.ingest.onboard`) for the signed-in HR
admin's own council: census returns for another council are refused. The result is one page:
every file with what it was found to be and what became of it, the problems (grouped, with the
whole list to download), and the headline measures by year beside the Department's published
figures. A load with any refused or unreadable file changes nothing.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from thrive.centre.centre import Centre
from thrive.ingest.onboard import OnboardResult
from thrive.ingest.onboard import onboard as load_files
from thrive.ingest.problem_summary import summarise
from thrive.problems import IngestError
from thrive.summaries.onboarding import headline
from thrive.uploading import audit_entries, import_runs, uploads
from thrive.web import audit
from thrive.web.models import AuditEvent
from thrive.web.views.common import render_page
from thrive.web.views.data import data_page_context, hr_only
from thrive.workforce.models import Authority

SHOWN_GROUPS = 50


@login_required
@require_http_methods(["POST"])
def onboard(request: HttpRequest) -> HttpResponse:
    """Import every uploaded file as a first load and show the one-page result."""
    page = hr_only(request)
    files = request.FILES.getlist("files")
    authority = Authority.objects.get(pk=page.scope.authority_id)
    too_large = uploads.skipped_as_too_large(request)
    if too_large:
        return _form_error(request, page, uploads.too_large_message(too_large[0]), status=413)
    if not files:
        return _form_error(request, page, "Select the files to upload")
    try:
        paths = uploads.save_uploads(files)
    except IngestError as refused:
        audit.refused(request, f"First load refused: {refused}", AuditEvent.Action.REFUSED_UPLOAD)
        return _form_error(request, page, str(refused))
    if import_runs.in_background():
        job = {
            "what": import_runs.FIRST_LOAD,
            "files": [path.name for path in paths],
            "authority_id": authority.pk,
            "la_number": authority.la_number,
            "user": page.scope.username,
            **import_runs.who(request),
        }
        import_runs.start(paths[0].parent, job)
        return redirect("import_status", upload_id=paths[0].parent.name)
    result = load_files(paths, authority=authority.la_number, user=page.scope.username)
    token = uploads.keep_problems(result.problems) if result.problems else ""
    if result.refused:  # nothing went in: the files go once their problems are written
        uploads.set_aside(paths[0].parent)
    return show_first_load(request, page, result, token, audit_it=True)


def show_first_load(
    request: HttpRequest, page: Centre, result: OnboardResult, token: str, *, audit_it: bool
) -> HttpResponse:
    """The one-page result of a first load (audited when ``audit_it``)."""
    for action, subject in audit_entries.first_load_entries(result) if audit_it else []:
        if action == AuditEvent.Action.REFUSED_UPLOAD:
            audit.refused(request, subject, action)
        else:
            audit.record(request, page.scope, action, subject)
    authority = Authority.objects.get(pk=page.scope.authority_id)
    groups = summarise(result.problems)
    context: dict[str, object] = {
        "result": result,
        "groups": groups[:SHOWN_GROUPS],
        "more_groups": max(len(groups) - SHOWN_GROUPS, 0),
        "token": token,
        "headline": None if result.refused else headline(authority, result.census_years),
        "undo_batches": [b.pk for b in reversed(result.batches)],
    }
    status = 422 if result.refused else 200
    return render_page(request, page, "thrive/onboard.html", "data", context, status=status)


def _form_error(
    request: HttpRequest, page: Centre, message: str, status: int = 400
) -> HttpResponse:
    context = data_page_context(page)
    context["onboard_error"] = message
    return render_page(request, page, "thrive/data.html", "data", context, status=status)
