"""The Overview: are we on track against the strategy? Every measure, for leadership and all."""

from __future__ import annotations

import re

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from thrive.codes import Role
from thrive.summaries.comparison import comparison, published_figures
from thrive.summaries.overview import overview_page
from thrive.web import inputs
from thrive.web.views.common import (
    Filter,
    kept_for_session,
    page_request,
    render_page,
    working_page,
)
from thrive.workforce.models import Authority

COMPARATOR = re.compile(r"[0-9]{3}( / [0-9]{3})?")
MOST_COMPARED = 160  # England has 153 local authorities


@login_required
@kept_for_session
def overview(request: HttpRequest) -> HttpResponse:
    """Every measure against its target, as at a date, for the authority or one service."""
    page = page_request(request)
    scope = page.scope
    services = sorted(page.frames.teams["service"].unique().to_list())
    own_service = page.own_service
    if "service" in request.GET:  # "" is the whole council
        service = inputs.choice(request, "service", services, "") or None
    else:
        service = own_service if own_service in services else None
    named = scope.is_hr_admin or (scope.role is Role.SERVICE_MANAGER and service == own_service)

    chosen = inputs.choices(request, "compare", COMPARATOR, most=MOST_COMPARED)

    def build() -> SafeString:
        authority = Authority.objects.get(pk=page.authority_id)
        targets = page.targets()
        view = overview_page(page.frames, page.as_at, targets, service=service, named=named)
        compared = comparison(
            page.frames,
            authority.la_number,
            authority.region,
            page.as_at,
            targets,
            published_figures(),
            chosen,
        )
        return mark_safe(
            render_to_string(
                "thrive/partials/overview_body.html",
                {"page": view, "comparison": compared, "service": service or ""},
            )
        )

    # The body (everything below the filters) is kept as HTML: it holds no per-user token, and
    # rendering 45 rows with their charts is most of a request's cost once the figures are kept.
    body = page.when_ready(f"overview:{service}:{named}:{','.join(chosen)}", build)
    if body is None:
        return working_page(request, page, "overview", "Overview")
    service_filter = Filter(
        "service", "Service", [("", "Whole council"), *[(s, s) for s in services]], service or ""
    )
    return render_page(
        request,
        page,
        "thrive/overview.html",
        "overview",
        {"body": body, "service": service, "filters": [service_filter]},
    )
