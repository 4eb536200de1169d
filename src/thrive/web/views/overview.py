"""The Overview: are we on track against the strategy? Every measure, for leadership and all."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from thrive.codes import Role
from thrive.web import store
from thrive.web.pages.overview import OverviewPage, overview_page
from thrive.web.views.common import Filter, page_request, render_page
from thrive.workforce.models import Authority, Service
from thrive.workforce.models.targets import targets_for


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """Every measure against its target, as at a date, for the authority or one service."""
    page = page_request(request)
    scope = page.scope
    services = sorted(page.frames.teams["service"].unique().to_list())
    own_service = (
        Service.objects.filter(pk=scope.service_id).values_list("name", flat=True).first()
        if scope.service_id
        else None
    )
    asked = request.GET.get("service")
    service = (asked or None) if asked is not None else own_service
    if service not in services:
        service = None
    named = scope.is_hr_admin or (scope.role is Role.SERVICE_MANAGER and service == own_service)

    def build() -> OverviewPage:
        targets = targets_for(Authority.objects.get(pk=scope.authority_id))
        return overview_page(page.frames, page.as_at, targets, service=service, named=named)

    view = store.remembered(
        f"overview:{scope.authority_id}:{page.as_at}:{service}:{named}",
        build,
        version=page.version,
    )
    service_filter = Filter(
        "service", "Service", [("", "Whole council"), *[(s, s) for s in services]], service or ""
    )
    return render_page(
        request,
        page,
        "thrive/overview.html",
        "overview",
        {"page": view, "filters": [service_filter]},
    )
