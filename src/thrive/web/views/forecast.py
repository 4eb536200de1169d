"""The Forecast page: capacity under a scenario, with its range, beside the baseline."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from thrive.forecast import ForecastError
from thrive.summaries import kept_results
from thrive.summaries.forecast import DEFAULT_SCENARIO, Levers, forecast_page
from thrive.web.forecast_form import ScenarioForm
from thrive.web.inputs import accepts
from thrive.web.views.common import kept_for_session, page_request, render_page, working_page


@accepts(*ScenarioForm.base_fields)
@login_required
@kept_for_session
def forecast(request: HttpRequest) -> HttpResponse:
    """Set the levers, see FTE, vacancies, agency, caseload and cost with P10 to P90."""
    page = page_request(request)
    scope = page.scope
    asked = any(name != "as_at" for name in request.GET)
    form = (
        ScenarioForm(request.GET, latest=page.latest)
        if asked
        else ScenarioForm(initial={"scenario": DEFAULT_SCENARIO, "compare": True})
    )
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

    def build() -> SafeString | kept_results.Unavailable:
        model = kept_results.forecast_model(page)
        if isinstance(model, kept_results.Unavailable):
            return model
        try:
            view = forecast_page(
                model,
                page.frames,
                levers,
                named_teams=named_teams,
                sees_everyone=scope.sees_everyone_named,
            )
        except ForecastError as problem:
            return kept_results.Unavailable(str(problem))
        return mark_safe(render_to_string("thrive/partials/forecast_body.html", {"page": view}))

    body = page.when_ready(f"forecast:{levers.key}", build)
    if body is None:
        return working_page(request, page, "forecast", "Forecast")
    if isinstance(body, kept_results.Unavailable):
        context["problem"] = body.reason
    else:
        context["body"] = body
    return render_page(request, page, "thrive/forecast.html", "forecast", context)
