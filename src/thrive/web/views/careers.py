"""The ASYE and careers page: newly qualified social workers, retention and progression."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from thrive.summaries import kept_results
from thrive.summaries.careers import careers_page
from thrive.web.downloads import DOWNLOADS
from thrive.web.inputs import accepts
from thrive.web.views.common import kept_for_session, page_request, render_page, working_page


@accepts(*DOWNLOADS)
@login_required
@kept_for_session
def careers(request: HttpRequest) -> HttpResponse:
    """ASYE cohorts' outcomes and retention, progression and schemes, as at a date."""
    page = page_request(request)
    scope = page.scope
    named = scope.is_hr_admin

    def build() -> SafeString:
        targets = page.targets()
        summary = kept_results.careers(page, page.as_at)
        found = None if isinstance(summary, kept_results.Unavailable) else summary
        view = careers_page(page.frames, page.as_at, targets, named=named, summary=found)
        return mark_safe(render_to_string("thrive/partials/careers_body.html", {"page": view}))

    body = page.when_ready(f"careers:{named}", build)
    if body is None:
        return working_page(request, page, "careers", "ASYE and careers")
    return render_page(request, page, "thrive/careers.html", "careers", {"body": body})
