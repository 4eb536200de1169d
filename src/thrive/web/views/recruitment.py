"""The Recruitment page: the pipeline, time and cost to hire, and which channels keep people."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from thrive.summaries import kept_results
from thrive.summaries.recruitment import recruitment_page
from thrive.web.downloads import DOWNLOADS
from thrive.web.inputs import accepts
from thrive.web.views.common import kept_for_session, page_request, render_page, working_page


@accepts(*DOWNLOADS)
@login_required
@kept_for_session
def recruitment(request: HttpRequest) -> HttpResponse:
    """The recruitment funnel and hires who stay, as at a date (aggregates only)."""
    page = page_request(request)
    named = page.scope.is_hr_admin

    def build() -> SafeString:
        summary = kept_results.recruitment_summary(page, page.as_at)
        if isinstance(summary, kept_results.Unavailable):
            context: dict[str, object] = {"unavailable": summary.reason}
        else:
            context = {"page": recruitment_page(summary, named=named)}
        return mark_safe(render_to_string("thrive/partials/recruitment_body.html", context))

    body = page.when_ready(f"recruitment:{named}", build)
    if body is None:
        return working_page(request, page, "recruitment", "Recruitment")
    return render_page(request, page, "thrive/recruitment.html", "recruitment", {"body": body})
