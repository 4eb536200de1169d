"""``/api/v1/retention``: Kaplan-Meier retention by cohort, as the Retention page shows it.

The same kept result as the page (:func:`thrive.summaries.kept_results.retention_curves`):
cohorts of fewer than five people, and small counts inside larger ones, are withheld from
anyone but an HR admin.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from django.http import HttpRequest
from ninja import Query, Router

from thrive.api.common import ANSWERS, DATE, EXAMPLE, RETRY_SECONDS, WorkingError, centre_for
from thrive.api.schemas import LeavingRisk, OutOfTimeCheck, Retention, RiskCheck, RiskFactor
from thrive.summaries import kept_results
from thrive.summaries.leaving_risk import ranks_people, ratio_rows, risk_section

router = Router(tags=["retention"])
CohortBy = Literal["route_in", "start_year", "first_grade", "first_team"]


@router.get("/retention", response={200: Retention, **ANSWERS}, summary="Retention curves")
def retention(
    request: HttpRequest,
    as_at: str | None = Query(
        None, pattern=DATE, examples=[EXAMPLE], description="YYYY-MM-DD; default the latest"
    ),
    by: CohortBy = Query("route_in", description="The cohorts compared"),
) -> Retention:
    """Time with the council by cohort: median years, the share still here after 1, 2 and 3
    years with 95% bands, each cohort's curve, and the log-rank test across cohorts."""
    centre = centre_for(request, as_at)
    found = kept_results.retention_curves(centre, by, centre.as_at, named=centre.scope.is_hr_admin)
    if isinstance(found, kept_results.Unavailable):
        return Retention(
            authority=centre.authority, as_at=centre.as_at, by=by, unavailable=found.reason
        )
    return Retention(
        authority=centre.authority,
        as_at=centre.as_at,
        by=by,
        cohorts=list(found.cohorts),
        curves=list(found.curves),
        log_rank=found.log_rank,
    )


@router.get(
    "/retention/risk",
    response={200: LeavingRisk, **ANSWERS},
    summary="What goes with leaving: the leaving-risk model",
)
def leaving_risk(
    request: HttpRequest,
    as_at: str | None = Query(
        None, pattern=DATE, examples=[EXAMPLE], description="YYYY-MM-DD; default the latest"
    ),
) -> LeavingRisk:
    """The Retention page's leaving-risk model, from the same kept result: each factor's hazard
    ratio with its 95% interval and the page's words, the proportional-hazards check and the
    out-of-time test. No one is named: every role that sees the page sees it. A 202 while the
    model is being fitted: ask again after ``Retry-After`` seconds."""
    centre = centre_for(request, as_at)
    found = centre.when_ready(
        f"api:risk:{centre.as_at}",
        lambda: kept_results.leaving_risk(centre, centre.as_at),
        for_authority=True,
    )
    if found is None:
        raise WorkingError(f"Working this out: ask again in {RETRY_SECONDS} seconds")
    if isinstance(found, kept_results.Unavailable):
        return LeavingRisk(authority=centre.authority, as_at=centre.as_at, unavailable=found.reason)
    words = risk_section(found)
    check = found.proportional_hazards
    test = found.out_of_time
    return LeavingRisk(
        authority=centre.authority,
        as_at=centre.as_at,
        fitted_on=words.fitted_on,
        people=found.people,
        leavers=found.leavers,
        episodes=found.episodes,
        pooled=found.pooled or {},
        factors=[
            RiskFactor(
                covariate=h.covariate,
                group=_group(h.covariate),
                label=row.label,
                unit=row.unit,
                hazard_ratio=h.hazard_ratio,
                lower=h.lower,
                upper=h.upper,
                p_value=h.p_value,
                ratio=row.ratio,
                interval=row.interval,
                reading=row.reading,
                clear=row.clear,
            )
            for h, row in ratio_rows(found)
        ],
        proportional_hazards=RiskCheck(
            holds=check.holds,
            statistic=check.statistic,
            degrees_of_freedom=check.degrees_of_freedom,
            p_value=check.p_value,
            words=words.proportional,
            exceptions=words.proportional_exceptions,
        ),
        out_of_time=None
        if not test
        else OutOfTimeCheck(
            cutoff=date.fromisoformat(test.cutoff),
            end=date.fromisoformat(test.end),
            concordance=test.concordance,
            concordance_lower=test.concordance_lower,
            concordance_upper=test.concordance_upper,
            people=test.people,
            leavers=test.leavers,
            expected_leavers=test.expected_leavers,
            training_episodes=test.training_episodes,
            training_leavers=test.training_leavers,
            ranks_people=ranks_people(test),
            words=words.out_of_time,
            method=words.out_of_time_method,
        ),
        out_of_time_words=words.out_of_time,
    )


def _group(covariate: str) -> str:
    group = covariate.partition("=")[0]
    return group if group in ("grade", "team") else "factor"
