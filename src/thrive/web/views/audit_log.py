"""The audit log page: who saw which named workers and who changed what (HR admin only)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse

from thrive.summaries.scope import OutOfScopeError
from thrive.web import inputs
from thrive.web.downloads import DOWNLOADS
from thrive.web.inputs import accepts
from thrive.web.models import AuditEvent
from thrive.web.views.common import page_request, render_page

PER_PAGE = 50


@accepts("user", "worker", "action", "page", *DOWNLOADS)
@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    """Newest first; filter by user name, by a worker's pseudonym, or by kind of event."""
    page = page_request(request)
    if not page.scope.is_hr_admin:
        raise OutOfScopeError("Only an HR admin can read the audit log.")
    # Admin changes carry no authority: an HR admin sees those too.
    events = AuditEvent.objects.filter(
        Q(authority_id=page.scope.authority_id) | Q(authority__isnull=True)
    )
    who = inputs.text(request, "user")
    worker = inputs.text(request, "worker")
    action = inputs.choice(request, "action", AuditEvent.Action.values, "")
    if who:
        events = events.filter(username__iexact=who)
    if worker:
        events = events.filter(workers__icontains=worker)
    if action:
        events = events.filter(action=action)
    paginator = Paginator(events.order_by("-at", "-pk"), PER_PAGE)
    number = inputs.page_number(request)
    if number > paginator.num_pages:
        raise inputs.BadInputError(
            f"page {number:,} is beyond the last page of this list ({paginator.num_pages:,})"
        )
    shown = paginator.page(number)
    query = request.GET.copy()
    query.pop("page", None)
    return render_page(
        request,
        page,
        "thrive/audit.html",
        "audit",
        {
            "events": shown,
            "filters": {"user": who, "worker": worker, "action": action},
            "actions": AuditEvent.Action.choices,
            "query": query.urlencode(),
        },
    )
