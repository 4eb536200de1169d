"""``/api/v1/retention``: Kaplan-Meier retention by cohort, as the Retention page shows it.

The same kept result as the page (:func:`thrive.summaries.kept_results.retention_curves`):
cohorts of fewer than five people, and small counts inside larger ones, are withheld from
anyone but an HR admin.
"""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest
from ninja import Query, Router

from thrive.api.common import ANSWERS, DATE, EXAMPLE, centre_for
from thrive.api.schemas import Retention
from thrive.summaries import kept_results

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
