"""The Feedback page: exit interviews and staff surveys, their themes and their trend."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from thrive.centre.centre import Centre
from thrive.summaries import kept_results
from thrive.summaries.feedback import (
    FeedbackPage,
    Themes,
    exit_chart,
    exit_years,
    reason_table,
    survey_by_team,
    survey_trend,
    themes_section,
)
from thrive.summaries.periods import collection_year
from thrive.web.downloads import DOWNLOADS
from thrive.web.inputs import accepts
from thrive.web.views.common import kept_for_session, page_request, render_page, working_page


@accepts(*DOWNLOADS)
@login_required
@kept_for_session
def feedback(request: HttpRequest) -> HttpResponse:
    """What leavers and staff say: exit interviews, survey scores and the themes in both."""
    page = page_request(request)
    named = page.scope.is_hr_admin

    def build() -> SafeString:
        exits = kept_results.exits_by_year(page, page.as_at, named=named)
        last = collection_year(page.as_at)
        found = None if isinstance(exits, kept_results.Unavailable) else exits
        exit_rows = exit_years(found, named, last) if found else []
        years, reasons = reason_table(found, last, named=named) if found else ([], [])
        whole = kept_results.survey_summary(page, None)
        by_team = kept_results.survey_summary(page, "team")
        waves, items, trend = (
            ([], [], None) if isinstance(whole, kept_results.Unavailable) else survey_trend(whole)
        )
        team_wave, team_items, teams = (
            ("", [], [])
            if isinstance(by_team, kept_results.Unavailable)
            else survey_by_team(by_team)
        )
        view = FeedbackPage(
            exit_years=exit_rows,
            exit_chart=exit_chart(exit_rows),
            reason_years=years,
            reasons=reasons,
            exit_themes=_themes(page, "exits", named),
            survey_waves=waves,
            survey_items=items,
            survey_chart=trend,
            team_wave=team_wave,
            team_items=team_items,
            teams=teams,
            survey_themes=_themes(page, "survey", named),
        )
        return mark_safe(render_to_string("thrive/partials/feedback_body.html", {"page": view}))

    body = page.when_ready(f"feedback:{named}", build)
    if body is None:
        return working_page(request, page, "feedback", "Feedback")
    return render_page(request, page, "thrive/feedback.html", "feedback", {"body": body})


def _themes(page: Centre, source: str, named: bool) -> Themes:
    result = kept_results.text_themes(page, source)
    if isinstance(result, kept_results.Unavailable):
        return themes_section(None, named, result.reason)
    return themes_section(result, named)
