"""The Leavers page: who left, from which teams and grades, and who they were."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from thrive.summaries.leaver_groups import DIMENSIONS
from thrive.summaries.leavers import leavers_page
from thrive.summaries.periods import collection_year_start
from thrive.summaries.results import exits_summary
from thrive.web import inputs
from thrive.web.downloads import DOWNLOADS
from thrive.web.inputs import accepts
from thrive.web.views.common import (
    Filter,
    kept_for_session,
    page_request,
    render_page,
    working_page,
)


@accepts("leavers_by", *DOWNLOADS)
@login_required
@kept_for_session
def leavers(request: HttpRequest) -> HttpResponse:
    """Leavers and turnover over the year to a date, by team, grade and group; reasons,
    destinations and years with the council by grade or by team (``?leavers_by=team``)."""
    page = page_request(request)
    census_by = inputs.choice(request, "leavers_by", DIMENSIONS, "grade")
    scope = page.scope
    teams = page.frames.teams
    named_ids = scope.named_teams(teams)
    named_teams = {n for i, n in teams.select("team_id", "team").iter_rows() if i in named_ids}
    named_services = {
        service
        for service in teams["service"].unique().to_list()
        if teams.filter(teams["service"] == service)["team_id"].is_in(list(named_ids)).all()
    }

    def build() -> SafeString:
        targets = page.targets()
        start = collection_year_start(page.as_at)
        exits = exits_summary(page.records(), start, page.as_at, by="year", named=scope.is_hr_admin)
        view = leavers_page(
            page.frames,
            page.as_at,
            targets,
            named_teams=named_teams,
            named_services=named_services,
            hr=scope.is_hr_admin,
            exits=exits,
            census_by=census_by,
        )
        return mark_safe(render_to_string("thrive/partials/leavers_body.html", {"page": view}))

    body = page.when_ready(f"leavers:{census_by}", build)
    if body is None:
        return working_page(request, page, "leavers", "Leavers")
    choice = Filter(
        "leavers_by",
        "Reasons, destinations and years",
        [(key, f"By {label.lower()}") for key, label in DIMENSIONS.items()],
        census_by,
    )
    return render_page(
        request, page, "thrive/leavers.html", "leavers", {"body": body, "filters": [choice]}
    )
