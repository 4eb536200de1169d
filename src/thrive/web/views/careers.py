"""The ASYE and careers page: newly qualified social workers, retention and progression."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from thrive.insight.pages import careers_summary
from thrive.web import store
from thrive.web.pages.careers import careers_page
from thrive.web.views.common import kept_for_session, page_request, render_page
from thrive.workforce.models import Authority
from thrive.workforce.models.targets import targets_for


@login_required
@kept_for_session
def careers(request: HttpRequest) -> HttpResponse:
    """ASYE cohorts' outcomes and retention, progression and schemes, as at a date."""
    page = page_request(request)
    scope = page.scope
    named = scope.is_hr_admin

    def build() -> SafeString:
        authority = Authority.objects.get(pk=scope.authority_id)
        targets = targets_for(authority)
        summary = careers_summary(authority, page.as_at)
        view = careers_page(page.frames, page.as_at, targets, named=named, summary=summary)
        return mark_safe(render_to_string("thrive/partials/careers_body.html", {"page": view}))

    body = store.remembered(f"careers:{page.as_at}:{named}", build, version=page.version)
    return render_page(request, page, "thrive/careers.html", "careers", {"body": body})
