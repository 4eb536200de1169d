"""The Workforce page: permanent/agency mix, starters and leavers, disability, vacancies, agency
in posts."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from thrive.centre.centre import Centre
from thrive.codes.staff import SOCIAL_WORKER
from thrive.summaries import kept_pages
from thrive.summaries.staff_groups import group_workforce, staff_group_choices, who
from thrive.summaries.workforce import workforce_page
from thrive.summaries.workforce_disability import workforce_disability
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


@accepts(*DOWNLOADS, "staff")
@login_required
@kept_for_session
def workforce(request: HttpRequest) -> HttpResponse:
    """Who we employ, as at a date, and how that changed over the year and the last five;
    social workers, or another staff group the council records (``?staff=family_support``)."""
    page = page_request(request)
    choices = staff_group_choices(page.frames)
    staff = inputs.choice(request, "staff", dict(choices), SOCIAL_WORKER)
    filters = [Filter("staff", "Staff group", choices, staff)] if len(choices) > 1 else []
    if staff != SOCIAL_WORKER:
        return _other_staff(request, page, staff, filters)
    scope = page.scope
    named_ids = scope.named_teams(page.frames.teams)
    teams = page.frames.teams
    named_teams = {
        name
        for team_id, name in teams.select("team_id", "team").iter_rows()
        if team_id in named_ids
    }

    # The figures are the same for every viewer: kept once for the authority by kept_pages.
    # This only says whether they are there yet (and starts them in the background if not).
    hr = scope.is_hr_admin
    ready = page.when_ready(
        f"workforce-ready:{page.as_at}:{hr}",
        lambda: bool(kept_pages.workforce(page, page.as_at, hr=hr)),
        for_authority=True,
    )
    if ready is None:
        return working_page(request, page, "workforce", "Workforce")

    def build() -> SafeString:
        figures = kept_pages.workforce(page, page.as_at, hr=hr)
        view = workforce_page(figures, named_teams=named_teams, hr=hr)
        disability = workforce_disability(page.frames, page.as_at, page.targets(), hr=hr)
        context = {"page": view, "disability": disability}
        return mark_safe(render_to_string("thrive/partials/workforce_body.html", context))

    body = page.remembered("workforce", build)
    return render_page(
        request, page, "thrive/workforce.html", "workforce", {"body": body, "filters": filters}
    )


def _other_staff(
    request: HttpRequest, page: Centre, staff: str, filters: list[Filter]
) -> HttpResponse:
    """The page for a staff group other than social workers: the mix and the starters and
    leavers, worked out from that group's records alone (small numbers withheld as ever)."""
    hr = page.scope.is_hr_admin
    named_ids = page.scope.named_teams(page.frames.teams)
    named_teams = {
        name
        for i, name in page.frames.teams.select("team_id", "team").iter_rows()
        if i in named_ids
    }

    def build() -> SafeString:
        figures = group_workforce(page, page.as_at, staff, hr=hr)
        view = workforce_page(figures, named_teams=named_teams, hr=hr)
        caption = (
            f"FTE of directly employed (permanent and fixed-term) and agency {who(staff)} "
            "in post at each quarter end."
        )
        context = {"page": view, "who": who(staff), "other_staff": True, "mix_caption": caption}
        return mark_safe(render_to_string("thrive/partials/workforce_body.html", context))

    body = page.remembered(f"workforce:{staff}", build)
    return render_page(
        request, page, "thrive/workforce.html", "workforce", {"body": body, "filters": filters}
    )
