"""``/api/v1/forecast``: a scenario's levers in, FTE, vacancies, agency, caseload, turnover and
agency cost out at each year end with P10, P50 and P90: the Forecast page's run (the same model,
runs and seed, :mod:`thrive.summaries.forecast`). Whole-council figures, the same for everyone.
"""

from __future__ import annotations

import math
from typing import Annotated

from django.http import HttpRequest
from ninja import Query, Router
from pydantic import WithJsonSchema

from thrive.api.common import (
    ANSWERS,
    RETRY_SECONDS,
    BadInputError,
    NotFoundError,
    WorkingError,
    centre_for,
)
from thrive.api.schemas import Band, Forecast, ForecastPoint, Problem
from thrive.forecast import ForecastError, ForecastResult, packaged_scenarios
from thrive.forecast.wording import KEY_MEASURES, year_ends
from thrive.summaries import kept_results
from thrive.summaries.forecast import (
    DEFAULT_SCENARIO,
    HORIZONS,
    RUNS,
    SEED,
    Levers,
    scenario_for,
)

router = Router(tags=["forecast"])
SCENARIOS = {"type": "string", "enum": packaged_scenarios()}
MONTHS = {"type": "integer", "enum": list(HORIZONS)}


def _number(x: float) -> float | None:
    return None if math.isnan(x) else float(x)


@router.get(
    "/forecast",
    response={200: Forecast, 202: Problem, **ANSWERS},
    summary="A scenario's forecast (202: being worked out, ask again after Retry-After)",
)
def forecast(
    request: HttpRequest,
    scenario: Annotated[str, WithJsonSchema(SCENARIOS)] = Query(
        DEFAULT_SCENARIO, description="An example scenario to start from"
    ),
    asye_per_year: int | None = Query(None, ge=0, le=300),
    experienced_per_year: int | None = Query(None, ge=0, le=300),
    turnover_change: int | None = Query(None, ge=-90, le=100, description="% change"),
    target_caseload: float | None = Query(None, ge=5, le=40),
    conversions_per_quarter: float | None = Query(None, ge=0, le=50),
    horizon: Annotated[int, WithJsonSchema(MONTHS)] | None = Query(
        None, description="Months ahead"
    ),
) -> Forecast:
    """The chosen example scenario with these levers (blank: as the scenario says)."""
    centre = centre_for(request, None)
    if horizon is not None and horizon not in HORIZONS:
        raise BadInputError(f"horizon is {horizon}: one of 12, 24, 36 or 60 months")
    if scenario not in SCENARIOS["enum"]:
        raise NotFoundError(f"No scenario {scenario[:40]!r}: one of {', '.join(SCENARIOS['enum'])}")
    levers = Levers(
        scenario=scenario,
        asye_per_year=asye_per_year,
        experienced_per_year=experienced_per_year,
        turnover_change=turnover_change,
        target_caseload=target_caseload,
        conversions_per_quarter=conversions_per_quarter,
        horizon=horizon,
        compare=False,
    )
    chosen = scenario_for(levers)
    months = chosen.horizon or 36
    answer = Forecast(
        authority=centre.authority,
        scenario=chosen.name,
        description=chosen.description,
        runs=RUNS,
        horizon=months,
    )

    def run() -> ForecastResult | kept_results.Unavailable:
        model = kept_results.forecast_model(centre)
        if isinstance(model, kept_results.Unavailable):
            return model
        try:
            return model.run(chosen, runs=RUNS, horizon=months, seed=SEED)
        except ForecastError as problem:
            return kept_results.Unavailable(str(problem))

    # On a server the fit and the runs take seconds: worked out in the background while the
    # caller is asked to come back (202, Retry-After), as the Forecast page says "Working".
    result = centre.when_ready(f"api:forecast:{levers.key}", run, for_authority=True)
    if result is None:
        raise WorkingError(f"Working this out: ask again in {RETRY_SECONDS} seconds")
    if isinstance(result, kept_results.Unavailable):
        return answer.model_copy(update={"unavailable": result.reason})
    points = []
    for when in year_ends(result):
        bands = []
        for measure, label, _ in KEY_MEASURES:
            try:
                p10, p50, p90 = result.at(measure, when)
            except (KeyError, ValueError):
                p10 = p50 = p90 = math.nan
            bands.append(
                Band(
                    measure=measure,
                    label=label,
                    p10=_number(p10),
                    p50=_number(p50),
                    p90=_number(p90),
                )
            )
        points.append(ForecastPoint(month_end=when, measures=bands))
    return answer.model_copy(update={"origin": result.origin, "points": points})
