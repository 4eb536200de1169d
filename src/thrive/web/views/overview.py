"""The Overview: are we on track against the strategy? Every measure, for leadership and all."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from thrive.summaries import kept_pages, kept_results
from thrive.summaries.action_plan import actions_of, plan_version, progress_of
from thrive.summaries.next_year import overview_line
from thrive.web import inputs
from thrive.web.downloads import DOWNLOADS
from thrive.web.inputs import accepts
from thrive.web.views.common import (
    NEXT_YEAR_ROLES,
    kept_for_session,
    page_request,
    render_page,
    service_choice,
    working_page,
)

COMPARATOR = re.compile(r"[0-9]{3}( / [0-9]{3})?")
MOST_COMPARED = 160  # England has 153 local authorities
# where the kept body's headline (the answer and its cards) ends and its detail begins
DETAIL_BEGINS = "<!--thrive:detail-->"


@accepts("service", "compare", *DOWNLOADS)
@login_required
@kept_for_session(also=plan_version)
def overview(request: HttpRequest) -> HttpResponse:
    """Every measure against its target, as at a date, for the authority or one service."""
    page = page_request(request)
    scope = page.scope
    service_chosen = service_choice(request, page)
    service, named = service_chosen.service, service_chosen.named

    chosen = inputs.choices(request, "compare", COMPARATOR, most=MOST_COMPARED)
    offers_next_year = scope.role in NEXT_YEAR_ROLES

    def build() -> SafeString:
        figures = kept_pages.overview(page, page.as_at, service=service, named=named, chosen=chosen)
        next_year = None
        compared = figures.comparison
        if compared is not None and offers_next_year:
            made = kept_results.published_forecast(page)
            if not isinstance(made, kept_results.Unavailable):
                line = overview_line(made, page.la_number, compared.region)
                next_year = (made.year, *line) if line else None
        return mark_safe(
            render_to_string(
                "thrive/partials/overview_body.html",
                {
                    "page": figures.page,
                    "comparison": compared,
                    "service": service or "",
                    "next_year": next_year,
                    "compare_query": urlencode([("compare", la) for la in chosen]),
                },
            )
        )

    # The body (everything below the filters) is kept as HTML: it holds no per-user token, and
    # rendering 45 rows with their charts is most of a request's cost once the figures are kept.
    # The same for every viewer with the same right to names: kept for the authority.
    body = page.when_ready(
        f"overview-body:{page.as_at}:{service}:{named}:{offers_next_year}:{','.join(chosen)}",
        build,
        for_authority=True,
    )
    if body is None:
        return working_page(request, page, "overview", "Overview")
    headline, _, detail = body.partition(DETAIL_BEGINS)
    return render_page(
        request,
        page,
        "thrive/overview.html",
        "overview",
        {
            # the answer (the count on target and the cards) first, fitting one screen for
            # leadership at 1280 by 900; the date and service to choose, then the detail
            "headline": mark_safe(headline),
            "detail": mark_safe(detail),
            "service": service,
            "filters": [service_chosen.filter],
            "action_progress": progress_of(actions_of(page.authority_id, timezone.localdate())),
        },
    )
