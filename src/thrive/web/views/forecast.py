"""The Forecast page: capacity under a scenario, with its range, beside the baseline."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from thrive.summaries import kept_results
from thrive.summaries.forecast import DEFAULT_SCENARIO, Levers, forecast_page
from thrive.web.downloads import DOWNLOADS
from thrive.web.forecast_form import ScenarioForm
from thrive.web.inputs import accepts
from thrive.web.views.common import kept_for_session, page_request, render_page, working_page


@accepts(*ScenarioForm.base_fields, *DOWNLOADS)
@login_required
@kept_for_session
def forecast(request: HttpRequest) -> HttpResponse:
    """Set the levers, see FTE, vacancies, agency, caseload and cost with P10 to P90."""
    page = page_request(request)
    scope = page.scope
    asked = any(name not in ("as_at", *DOWNLOADS) for name in request.GET)
    if asked:
        given = request.GET.copy()
        given.setdefault("scenario", DEFAULT_SCENARIO)  # a lever set in the address alone
        form = ScenarioForm(given, latest=page.latest)
    else:
        form = ScenarioForm(initial={"scenario": DEFAULT_SCENARIO, "compare": True})
    context: dict[str, object] = {"form": form, "body": None, "problem": None}
    if asked and not form.is_valid():
        return render_page(request, page, "thrive/forecast.html", "forecast", context, status=400)
    levers = Levers.from_form(form.cleaned_data) if asked else Levers()
    teams = page.frames.teams
    named_ids = scope.named_teams(teams)
    named_teams = {
        name
        for team_id, name in teams.select("team_id", "team").iter_rows()
        if team_id in named_ids
    }

    # The runs are the same for every viewer: kept once for the authority by kept_results.
    # This only says whether they are there yet (and starts them in the background if not).
    ready = page.when_ready(
        f"forecast-ready:{levers.key}",
        lambda: bool(kept_results.forecast_results(page, levers)),
        for_authority=True,
    )
    if ready is None:
        return working_page(request, page, "forecast", "Forecast")
    results = kept_results.forecast_results(page, levers)
    if isinstance(results, kept_results.Unavailable):
        context["problem"] = results.reason
    else:
        view = forecast_page(
            results, named_teams=named_teams, sees_everyone=scope.sees_everyone_named
        )
        context["body"] = mark_safe(
            render_to_string("thrive/partials/forecast_body.html", {"page": view})
        )
    return render_page(request, page, "thrive/forecast.html", "forecast", context)
