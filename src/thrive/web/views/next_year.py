"""Next year: the council, its region, England and its comparators from the Department's
published statistics alone, with the forecast from the council's own records beside it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from thrive.summaries import kept_results
from thrive.summaries.comparison import comparison, published_figures
from thrive.summaries.next_year import Held, next_year_page
from thrive.summaries.next_year_own import own_sentences
from thrive.web import inputs
from thrive.web.downloads import DOWNLOADS
from thrive.web.inputs import accepts
from thrive.web.views.common import (
    NEXT_YEAR_ROLES,
    kept_for_session,
    page_request,
    render_page,
    working_page,
)
from thrive.web.views.overview import COMPARATOR, MOST_COMPARED
from thrive.workforce.models import Authority


@accepts("compare", *DOWNLOADS)
@login_required
@kept_for_session
def next_year(request: HttpRequest) -> HttpResponse:
    """Latest published figures, next year's most likely figure and 8 in 10 likely range."""
    page = page_request(request)
    if page.scope.role not in NEXT_YEAR_ROLES:
        raise PermissionDenied("Next year is for HR admins, leadership and service managers.")
    chosen = inputs.choices(request, "compare", COMPARATOR, most=MOST_COMPARED)

    def build() -> SafeString:
        authority = Authority.objects.get(pk=page.authority_id)
        made = kept_results.published_forecast(page)
        context: dict[str, object] = {"problem": None, "page": None, "own": []}
        if isinstance(made, kept_results.Unavailable):
            context["problem"] = made.reason
        else:
            compared = comparison(
                page.frames, authority.la_number, authority.region, page.as_at,
                page.targets(), published_figures(), chosen,
            )  # fmt: skip
            region = compared.region if compared else authority.region
            picked = [la for la, _ in compared.comparators] if compared else []
            held = kept_results.published_backtest(page)
            if isinstance(held, kept_results.Unavailable):
                held = Held((), {}, {})
            context["page"] = next_year_page(
                made, held, authority.name, authority.la_number, region, picked
            )
            own = kept_results.own_fte_forecast(page, made.year)
            if not isinstance(own, kept_results.Unavailable):
                context["own"] = own_sentences(own, made, authority.la_number, region)
        return mark_safe(render_to_string("thrive/partials/next_year_body.html", context))

    body = page.when_ready(f"next-year:{','.join(chosen)}", build)
    if body is None:
        return working_page(request, page, "next_year", "Next year")
    return render_page(request, page, "thrive/next_year.html", "next_year", {"body": body})
