"""Issuing a board pack (HR admins) and downloading an issued pack again, exactly as issued."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from thrive import audit
from thrive.issued_packs.models import IssuedFile
from thrive.summaries import issued_packs, pack_files
from thrive.summaries.scope import OutOfScopeError
from thrive.web.inputs import accepts
from thrive.web.views.reports import (
    asked_pack,
    forecast_ready,
    pack_response,
    render_reports,
    reports_centre,
)


@accepts()
@require_POST
@login_required
def issue(request: HttpRequest) -> HttpResponse:
    """Issue the chosen half-year's pack with its commentary: its files are made once and kept
    unchanged; audited. HR admins only (the pack's author)."""
    page = reports_centre(request)
    if not page.scope.is_hr_admin:
        raise OutOfScopeError("Only an HR admin can issue a board pack.")
    if not forecast_ready(page):
        return HttpResponseRedirect(reverse("reports"), status=303)
    asked = asked_pack(request, page, issuing=True)
    if asked.pack is None:
        return render_reports(request, page, asked.form, 400)
    pack = asked.pack
    issued = issued_packs.issue(
        pack, authority_id=page.authority_id, issued_by=request.user.get_username()
    )
    audit.write(
        user_id=request.user.pk,
        username=request.user.get_username(),
        action=audit.AuditEvent.Action.REPORT,
        authority_id=page.authority_id,
        subject=f"Issued board pack {issued.pk} to {pack.to}"
        f"{' (for HR, with small numbers)' if pack.named else ''}",
        path=request.path,
    )
    messages.success(
        request, f"The board pack to {pack.to:%-d %B %Y} is issued and kept as it is now."
    )
    return HttpResponseRedirect(reverse("reports"), status=303)


@accepts()
@require_http_methods(["GET", "HEAD"])
@login_required
def issued_download(request: HttpRequest, pack_id: int, form: str) -> HttpResponse:
    """An issued pack's file, byte for byte as issued (HR's packs for HR only); audited."""
    page = reports_centre(request)
    if form not in pack_files.FORMATS:
        raise Http404("No such format")
    try:
        issued, kept, body = issued_packs.issued_file(
            pack_id, form, authority_id=page.authority_id, named_allowed=page.scope.is_hr_admin
        )
    except IssuedFile.DoesNotExist as missing:
        raise Http404("No such issued pack") from missing
    except issued_packs.ChangedFileError as changed:
        # Never pass off a changed file as the issued one: say so instead.
        return HttpResponse(
            f"{changed}: it has been changed since it was issued, so it is not sent.",
            status=409,
            content_type="text/plain; charset=utf-8",
        )
    audit.write(
        user_id=request.user.pk,
        username=request.user.get_username(),
        action=audit.AuditEvent.Action.REPORT,
        authority_id=page.authority_id,
        subject=f"Downloaded issued board pack {issued.pk} to {issued.to} ({form})",
        path=request.path,
    )
    response = pack_response(body, form, kept.name)
    response["X-Content-SHA256"] = kept.sha256
    return response
