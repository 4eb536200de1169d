"""The Reports page: the six-monthly board pack in one click (HR admin and leadership only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from thrive import audit
from thrive.centre.centre import Centre, as_at_range
from thrive.codes import Role
from thrive.summaries import kept_results, pack_files
from thrive.summaries.board_pack import BoardPack, board_pack_for
from thrive.summaries.forecast import Levers
from thrive.summaries.half_years import half_years_between
from thrive.summaries.issued_packs import issued_packs, people_named
from thrive.summaries.pack_figures import with_commentary
from thrive.summaries.scope import OutOfScopeError
from thrive.web import inputs, pack_form
from thrive.web.downloads import DOWNLOADS
from thrive.web.inputs import accepts
from thrive.web.pack_form import CommentaryForm
from thrive.web.views.common import WORKING_HEADER, page_request, render_page

REPORT_ROLES = frozenset({Role.HR_ADMIN, Role.LEADERSHIP})


def reports_centre(request: HttpRequest) -> Centre:
    page = page_request(request)
    if page.scope.role not in REPORT_ROLES:
        raise OutOfScopeError("Only HR admins and leadership can make the board pack.")
    return page


def forecast_ready(page: Centre) -> bool:
    """Whether the pack's capacity forecast (the Forecast page's default scenario, kept for the
    authority) is worked out; if not, it is started in the background and this says no at
    once, so no request waits tens of seconds for it (the same key as the Forecast page's)."""
    levers = Levers()
    ready = page.when_ready(
        f"forecast-ready:{levers.key}",
        lambda: bool(kept_results.forecast_results(page, levers)),
        for_authority=True,
    )
    return ready is not None


def _half_years(page: Centre) -> list[date]:
    """The half-years the records cover, newest first (to the last recorded date, not beyond)."""
    earliest, _ = as_at_range(page.authority_id, page.version, page.latest)
    return half_years_between(earliest, page.latest)


def render_reports(
    request: HttpRequest, page: Centre, form: CommentaryForm, status: int = 200
) -> HttpResponse:
    """The Reports page (with ``form``'s commentary and errors when a POST was refused)."""
    ready = forecast_ready(page)
    response = render_page(
        request,
        page,
        "thrive/reports.html",
        "reports",
        {
            "half_years": _half_years(page),
            "formats": [("pdf", "PDF"), ("xlsx", "Spreadsheet (XLSX)"), ("html", "Web page")],
            "may_show_small": page.scope.is_hr_admin,
            "may_issue": page.scope.is_hr_admin,
            "forecast_ready": ready,
            "form": form,
            "commentary_fields": [form[pack_form.field_name(key)] for key, _ in pack_form.SECTIONS],
            "issued": issued_packs(page.authority_id, named_allowed=page.scope.is_hr_admin),
        },
        status,
        downloadable=status == 200,
    )
    if not ready:  # asked again every two seconds until the pack is offered
        response[WORKING_HEADER] = "1"
        response["Cache-Control"] = "no-store"
    return response


@accepts(*DOWNLOADS)
@require_http_methods(["GET", "HEAD"])
@login_required
def reports(request: HttpRequest) -> HttpResponse:
    """The latest half-year's pack, one button per format, a choice of earlier ones, the
    commentary to add before issuing, and the packs issued so far."""
    return render_reports(request, reports_centre(request), CommentaryForm())


@dataclass(frozen=True)
class Asked:
    """What a POST from the Reports page asks for: the pack (with its commentary), or the
    page again with the form's errors."""

    pack: BoardPack | None
    form: CommentaryForm
    small: bool


def asked_pack(request: HttpRequest, page: Centre, *, issuing: bool = False) -> Asked:
    """The pack a POST asks for, checked (400 for a half-year or format not offered, 403 for
    small numbers outside HR), with its commentary; no pack when the commentary is refused."""
    offered = {d.isoformat(): d for d in _half_years(page)}
    chosen = request.POST.get("to", "")
    if chosen not in offered:
        raise inputs.BadInputError(
            "to is not one of the half-years the records cover: pick one from the list"
        )
    small = request.POST.get("small") == "yes"
    if small and not page.scope.is_hr_admin:
        raise OutOfScopeError("Only an HR admin can make a pack showing small numbers.")
    form = CommentaryForm(request.POST)
    if not form.is_valid():
        return Asked(None, form, small)
    commentary = form.commentary()
    if issuing and not small:
        found = people_named(commentary, page.frames)
        if found:
            form.refuse_names(found)
            return Asked(None, form, small)
    pack = board_pack_for(page, offered[chosen], named=small)
    return Asked(with_commentary(pack, commentary), form, small)


@accepts()
@require_POST
@login_required
def download(request: HttpRequest) -> HttpResponse:
    """Make the pack chosen on the Reports page and send it as a file; audited."""
    page = reports_centre(request)
    if not forecast_ready(page):
        # Back to the Reports page, which says the forecast is being worked out.
        return HttpResponseRedirect(reverse("reports"), status=303)
    form = request.POST.get("format", "")
    if form not in pack_files.FORMATS:
        raise inputs.BadInputError(f"format must be one of {', '.join(pack_files.FORMATS)}")
    asked = asked_pack(request, page)
    if asked.pack is None:
        return render_reports(request, page, asked.form, 400)
    pack, small = asked.pack, asked.small
    body = pack_files.render(pack, form)
    audit.write(
        user_id=request.user.pk,
        username=request.user.get_username(),
        action=audit.AuditEvent.Action.REPORT,
        authority_id=page.authority_id,
        subject=f"Board pack to {pack.to} ({form}{', with small numbers' if small else ''})",
        path=request.path,
    )
    return pack_response(body, form, pack_files.file_name(pack, form))


def pack_response(body: bytes, form: str, file_name: str) -> HttpResponse:
    """A board pack's file as a download the browser never keeps (it may name people)."""
    response = HttpResponse(body, content_type=pack_files.CONTENT_TYPES[form])
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    response["Cache-Control"] = "no-store"
    return response
