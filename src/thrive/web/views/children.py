"""The Children page: children's continuity of social worker, for HR, leadership and service
managers (a service manager sees their own service first, named; another's in aggregate)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from thrive.summaries import kept_pages
from thrive.summaries.children_page import children_page
from thrive.web.downloads import DOWNLOADS
from thrive.web.inputs import accepts
from thrive.web.views.common import (
    CHILDREN_ROLES,
    kept_for_session,
    page_request,
    render_page,
    service_choice,
    working_page,
)


@accepts("service", *DOWNLOADS)
@login_required
@kept_for_session
def children(request: HttpRequest) -> HttpResponse:
    """Changes of social worker, children waiting and weighted caseloads, as at a date, for the
    whole council or one service (aggregates only: no child is listed)."""
    page = page_request(request)
    scope = page.scope
    if scope.role not in CHILDREN_ROLES:
        raise PermissionDenied(
            "Children's continuity is for HR admins, leadership and service managers."
        )
    chosen = service_choice(request, page)
    service, named = chosen.service, chosen.named

    def build() -> SafeString:
        figures = kept_pages.children(page, page.as_at, service=service, named=named)
        view = children_page(figures)
        return mark_safe(render_to_string("thrive/partials/children_body.html", {"page": view}))

    # The same for every viewer with the same right to names: kept for the authority.
    body = page.when_ready(
        f"children-body:{page.as_at}:{service}:{named}", build, for_authority=True
    )
    if body is None:
        return working_page(request, page, "children", "Children")
    return render_page(
        request,
        page,
        "thrive/children.html",
        "children",
        {"body": body, "service": service, "filters": [chosen.filter]},
    )
